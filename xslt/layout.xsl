<?xml version="1.0" encoding="UTF-8"?>
<!-- layout.xsl: the page around every content document: head, header with user and role navigation, main, footer. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The content root: the one child of pagina that is not page context (see cgi/render.h). -->
  <xsl:variable name="inhoud"
      select="/pagina/*[not(self::gebruiker or self::csrf or self::contact
              or self::definitie or self::werkgebieden)][1]"/>
  <xsl:variable name="pad" select="string(/pagina/@pad)"/>
  <xsl:variable name="rol" select="string(/pagina/gebruiker/@rol)"/>

  <xsl:template match="/">
    <xsl:apply-templates select="pagina"/>
  </xsl:template>

  <xsl:template match="/pagina">
    <html lang="nl" class="halt-theme">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex, nofollow"/>
        <title>
          <!-- An error page, or a page whose form (its own or embedded) came back with errors. -->
          <xsl:if test="$inhoud[self::fout] or $inhoud/descendant-or-self::formulier[fout]">Fout: </xsl:if>
          <xsl:apply-templates select="$inhoud" mode="titel"/>
          <xsl:text> — Halt Respect Online</xsl:text>
        </title>
        <link rel="stylesheet" href="/static/halt.css"/>
      </head>
      <body class="utrecht-document utrecht-page halt-page">
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus halt-skiplink"
           href="#inhoud">Naar de inhoud</a>
        <header class="halt-header">
          <div class="halt-header__content">
            <a class="halt-merk" href="/">
              <span class="halt-merk__beeld" aria-hidden="true">Halt</span>
              <span class="halt-merk__naam">Halt-interventie sexting: Respect online</span>
            </a>
            <xsl:apply-templates select="gebruiker"/>
          </div>
          <xsl:if test="gebruiker">
            <nav class="halt-nav" aria-label="Hoofdmenu">
              <ul class="halt-nav__lijst" role="list">
                <xsl:call-template name="menu"/>
              </ul>
            </nav>
          </xsl:if>
        </header>
        <main id="inhoud" class="halt-main" tabindex="-1">
          <xsl:apply-templates select="$inhoud"/>
        </main>
        <footer class="halt-footer">
          <div class="halt-footer__content">
            <p class="halt-footer__tekst">
              <xsl:text>Halt-interventie sexting: Respect online. Intranet voor het Openbaar Ministerie en Halt; </xsl:text>
              <xsl:text>de gegevens gaan over minderjarigen: deel ze niet buiten dit systeem.</xsl:text>
            </p>
            <xsl:apply-templates select="contact"/>
          </div>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- Who is logged in; the role by its Dutch name. -->
  <xsl:template match="pagina/gebruiker">
    <p class="halt-gebruiker">
      <span class="visually-hidden">Ingelogd als </span>
      <span class="halt-gebruiker__naam"><xsl:value-of select="@naam"/></span>
      <xsl:text> </xsl:text>
      <span class="halt-gebruiker__rol">
        <xsl:call-template name="rolnaam"><xsl:with-param name="rol" select="@rol"/></xsl:call-template>
        <xsl:if test="normalize-space(@werkgebied) != ''">
          <xsl:text>, </xsl:text>
          <xsl:value-of select="@werkgebied"/>
        </xsl:if>
      </span>
    </p>
  </xsl:template>

  <xsl:template name="rolnaam">
    <xsl:param name="rol"/>
    <xsl:choose>
      <xsl:when test="$rol = 'officier'">Officier van justitie</xsl:when>
      <xsl:when test="$rol = 'halt-admin'">Halt-administratie</xsl:when>
      <xsl:when test="$rol = 'halt-medewerker'">Halt-medewerker</xsl:when>
      <xsl:when test="$rol = 'landelijk-contact'">Landelijk contactpersoon</xsl:when>
      <xsl:when test="$rol = 'beheer'">Functioneel beheer</xsl:when>
      <xsl:otherwise><xsl:value-of select="$rol"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The navigation per role (DESIGN.md: who does what). -->
  <xsl:template name="menu">
    <xsl:call-template name="menu-item">
      <xsl:with-param name="href" select="'/'"/>
      <xsl:with-param name="label" select="'Start'"/>
    </xsl:call-template>
    <xsl:choose>
      <xsl:when test="$rol = 'officier'">
        <xsl:call-template name="menu-item">
          <xsl:with-param name="href" select="'/verwijzingen/nieuw'"/>
          <xsl:with-param name="label" select="'Nieuwe verwijzing'"/>
          <xsl:with-param name="ook" select="'/verwijzingen'"/>
        </xsl:call-template>
        <xsl:call-template name="menu-item">
          <xsl:with-param name="href" select="'/zaken'"/>
          <xsl:with-param name="label" select="'Mijn verwijzingen'"/>
        </xsl:call-template>
        <xsl:call-template name="menu-item">
          <xsl:with-param name="href" select="'/overleg'"/>
          <xsl:with-param name="label" select="'Overleg'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$rol = 'halt-admin'">
        <xsl:call-template name="menu-item">
          <xsl:with-param name="href" select="'/zaken'"/>
          <xsl:with-param name="label" select="'Zaken'"/>
        </xsl:call-template>
        <xsl:call-template name="menu-item">
          <xsl:with-param name="href" select="'/overleg'"/>
          <xsl:with-param name="label" select="'Overleg'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$rol = 'halt-medewerker'">
        <xsl:call-template name="menu-item">
          <xsl:with-param name="href" select="'/zaken'"/>
          <xsl:with-param name="label" select="'Zaken'"/>
        </xsl:call-template>
        <xsl:call-template name="menu-item">
          <xsl:with-param name="href" select="'/overleg'"/>
          <xsl:with-param name="label" select="'Overleg'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$rol = 'landelijk-contact'">
        <xsl:call-template name="menu-item">
          <xsl:with-param name="href" select="'/overleg'"/>
          <xsl:with-param name="label" select="'Vragen'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$rol = 'beheer'">
        <xsl:call-template name="menu-item">
          <xsl:with-param name="href" select="'/beheer/audit'"/>
          <xsl:with-param name="label" select="'Audit'"/>
        </xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!--
    aria-current="page" on the page itself; "true" on the section a deeper
    page belongs to (/zaken for /zaken/123), so both are marked visibly.
    ook: a path that is the same page too (the form posted back to /verwijzingen).
  -->
  <xsl:template name="menu-item">
    <xsl:param name="href"/>
    <xsl:param name="label"/>
    <xsl:param name="ook" select="'-'"/>
    <li class="halt-nav__item">
      <a class="halt-nav__link" href="{$href}">
        <xsl:choose>
          <xsl:when test="$pad = $href or $pad = $ook">
            <xsl:attribute name="aria-current">page</xsl:attribute>
          </xsl:when>
          <xsl:when test="$href != '/' and starts-with($pad, concat($href, '/'))">
            <xsl:attribute name="aria-current">true</xsl:attribute>
          </xsl:when>
        </xsl:choose>
        <xsl:value-of select="$label"/>
      </a>
    </li>
  </xsl:template>

  <!-- The national contact person, from configuration. -->
  <xsl:template match="pagina/contact">
    <p class="halt-footer__tekst">
      <xsl:text>Twijfel over de criteria? Landelijk contactpersoon: </xsl:text>
      <xsl:value-of select="@naam"/>
      <xsl:if test="normalize-space(@email) != ''">
        <xsl:text>, </xsl:text>
        <a class="halt-footer__link" href="mailto:{@email}"><xsl:value-of select="@email"/></a>
      </xsl:if>
      <xsl:if test="normalize-space(@telefoon) != ''">
        <xsl:text>, telefoon </xsl:text>
        <xsl:value-of select="@telefoon"/>
      </xsl:if>
      <xsl:text>.</xsl:text>
    </p>
  </xsl:template>

  <!--
    Page titles (mode titel): the content stylesheets override these with
    their own. Text only; the layout adds the "Fout: " prefix and the suffix.
  -->
  <xsl:template match="formulier" mode="titel">
    <xsl:value-of select="/pagina/definitie/*/@titel"/>
  </xsl:template>
  <xsl:template match="toets" mode="titel">Uitkomst van de controle</xsl:template>
  <xsl:template match="zaak" mode="titel">
    <xsl:text>Zaak </xsl:text>
    <xsl:value-of select="@id"/>
  </xsl:template>
  <xsl:template match="zaken" mode="titel">Zaken</xsl:template>
  <xsl:template match="overleg" mode="titel">Overleg</xsl:template>
  <xsl:template match="*" mode="titel">Halt Respect Online</xsl:template>

  <!--
    Fallbacks. Content that no stylesheet knows gets a neutral sentence, and
    any element without a template renders nothing: the built-in rules would
    copy all text of a record onto the page.
  -->
  <xsl:template match="pagina/*" priority="-0.25">
    <h1 class="utrecht-heading-1">Deze pagina kan niet worden getoond</h1>
    <p class="utrecht-paragraph">
      <xsl:text>De inhoud heeft een vorm die dit systeem niet kan weergeven. </xsl:text>
      <a class="utrecht-link" href="/">Ga naar de startpagina</a>
      <xsl:text>.</xsl:text>
    </p>
  </xsl:template>
  <xsl:template match="*"/>

</xsl:stylesheet>
