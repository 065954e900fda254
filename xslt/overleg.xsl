<?xml version="1.0" encoding="UTF-8"?>
<!-- overleg.xsl: consultations with the national contact: the inbox, "Mijn vragen" and one overleg with its thread and form. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- Named templates here start with ov- so nothing collides with the other stylesheets. -->

  <xsl:template name="ov-advies">
    <xsl:param name="advies"/>
    <xsl:choose>
      <xsl:when test="$advies = 'geschikt'">Geschikt</xsl:when>
      <xsl:when test="$advies = 'niet-geschikt'">Niet geschikt: een andere interventie is wenselijk</xsl:when>
      <xsl:when test="$advies = 'meer-informatie'">Meer informatie nodig</xsl:when>
      <xsl:otherwise><xsl:value-of select="$advies"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ov-status">
    <xsl:param name="o"/>
    <span class="halt-status halt-status--{$o/@status}">
      <xsl:choose>
        <xsl:when test="$o/@status = 'open'">Wacht op antwoord</xsl:when>
        <xsl:when test="$o/@status = 'beantwoord' and $o/bericht[@soort = 'antwoord'][last()]/@advies = 'meer-informatie'">Meer informatie gevraagd</xsl:when>
        <xsl:when test="$o/@status = 'beantwoord'">Beantwoord</xsl:when>
        <xsl:otherwise><xsl:value-of select="$o/@status"/></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- Text with its line breaks kept (escaping stays on: one <br> per newline). -->
  <xsl:template name="ov-tekst">
    <xsl:param name="t"/>
    <xsl:choose>
      <xsl:when test="contains($t, '&#10;')">
        <xsl:value-of select="substring-before($t, '&#10;')"/>
        <br/>
        <xsl:call-template name="ov-tekst">
          <xsl:with-param name="t" select="substring-after($t, '&#10;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The first words of a question, for a list. -->
  <xsl:template name="ov-kort">
    <xsl:param name="t"/>
    <xsl:value-of select="substring(normalize-space($t), 1, 140)"/>
    <xsl:if test="string-length(normalize-space($t)) &gt; 140">…</xsl:if>
  </xsl:template>

  <!-- The way to reach the national contact for urgent matters (configuration). -->
  <xsl:template name="ov-contact">
    <xsl:variable name="c" select="/pagina/contact"/>
    <xsl:if test="normalize-space($c/@naam) != ''">
      <div class="halt-panel">
        <h2 class="utrecht-heading-2">Spoed?</h2>
        <p class="utrecht-paragraph">
          <xsl:text>Neem bij spoed direct contact op met de landelijk contactpersoon, </xsl:text>
          <xsl:value-of select="$c/@naam"/>
          <xsl:if test="normalize-space($c/@telefoon) != ''">
            <xsl:text>: telefoon </xsl:text>
            <xsl:value-of select="$c/@telefoon"/>
          </xsl:if>
          <xsl:if test="normalize-space($c/@email) != ''">
            <xsl:text>, e-mail </xsl:text>
            <a class="utrecht-link" href="mailto:{$c/@email}"><xsl:value-of select="$c/@email"/></a>
          </xsl:if>
          <xsl:text>.</xsl:text>
        </p>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- On the zaak dossier (zaak.xsl): the overleg its referral names, and asking about this zaak. -->
  <xsl:template name="ov-bij-zaak">
    <xsl:param name="zaak"/>
    <xsl:variable name="o" select="$zaak/overleg-advies"/>
    <xsl:if test="$o or $rol = 'halt-medewerker' or $rol = 'halt-admin' or $rol = 'officier'">
      <h2 class="utrecht-heading-2">Overleg met de landelijk contactpersoon</h2>
    </xsl:if>
    <xsl:if test="$o">
      <dl class="halt-samenvatting">
        <div class="halt-samenvatting__rij">
          <dt class="halt-samenvatting__vraag">Vraag</dt>
          <dd class="halt-samenvatting__antwoord">
            <xsl:call-template name="ov-tekst"><xsl:with-param name="t" select="string($o/vraag)"/></xsl:call-template>
          </dd>
        </div>
        <div class="halt-samenvatting__rij">
          <dt class="halt-samenvatting__vraag">Advies</dt>
          <dd class="halt-samenvatting__antwoord">
            <xsl:choose>
              <xsl:when test="$o/bericht">
                <strong><xsl:call-template name="ov-advies"><xsl:with-param name="advies" select="$o/bericht/@advies"/></xsl:call-template></strong>
                <xsl:text> (</xsl:text><xsl:value-of select="$o/bericht/@wanneer"/><xsl:text>)</xsl:text>
                <br/>
                <xsl:call-template name="ov-tekst"><xsl:with-param name="t" select="string($o/bericht)"/></xsl:call-template>
              </xsl:when>
              <xsl:otherwise><span class="halt-leeg">Nog geen advies</span></xsl:otherwise>
            </xsl:choose>
          </dd>
        </div>
      </dl>
    </xsl:if>
    <xsl:if test="$rol = 'halt-medewerker' or $rol = 'halt-admin' or $rol = 'officier'">
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/overleg/nieuw?zaak={$zaak/@id}">Vraag advies aan de landelijk contactpersoon over deze zaak</a>
        <xsl:text> (zonder namen: de vraag gaat alleen over de feiten).</xsl:text>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- Lists -->
  <xsl:template match="overleggen" mode="titel">
    <xsl:choose>
      <xsl:when test="@rol = 'landelijk-contact'">Vragen om advies</xsl:when>
      <xsl:otherwise>Mijn vragen</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="overleggen">
    <h1 class="utrecht-heading-1"><xsl:apply-templates select="." mode="titel"/></h1>
    <xsl:choose>
      <xsl:when test="@rol = 'landelijk-contact'">
        <h2 class="utrecht-heading-2">Open vragen</h2>
        <xsl:call-template name="ov-open">
          <xsl:with-param name="l" select="lijst[@naam = 'open']"/>
        </xsl:call-template>
        <h2 class="utrecht-heading-2">Beantwoorde vragen</h2>
        <xsl:call-template name="ov-beantwoord">
          <xsl:with-param name="l" select="lijst[@naam = 'beantwoord']"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <p class="utrecht-paragraph">
          <xsl:text>Twijfelt u of een jongere voldoet aan de criteria? </xsl:text>
          <a class="utrecht-link" href="/overleg/nieuw">Stel een vraag aan de landelijk contactpersoon</a>
          <xsl:text>.</xsl:text>
        </p>
        <xsl:call-template name="ov-mijn">
          <xsl:with-param name="l" select="lijst[@naam = 'mijn']"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ov-totaal">
    <xsl:param name="l"/>
    <xsl:if test="$l/@meer = 'ja'">
      <p class="utrecht-paragraph">
        <xsl:value-of select="count($l/rij)"/> van de <xsl:value-of select="$l/@totaal"/> vragen worden getoond.
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ov-open">
    <xsl:param name="l"/>
    <xsl:choose>
      <xsl:when test="$l/rij">
        <xsl:call-template name="ov-totaal"><xsl:with-param name="l" select="$l"/></xsl:call-template>
        <table class="utrecht-table halt-tabel">
          <caption class="visually-hidden">Open vragen, de oudste eerst</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">Overleg</th>
              <th class="utrecht-table__header-cell" scope="col">Vraag</th>
              <th class="utrecht-table__header-cell" scope="col">Gesteld door</th>
              <th class="utrecht-table__header-cell" scope="col">Wacht sinds</th>
              <th class="utrecht-table__header-cell" scope="col">Dagen gewacht</th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            <xsl:for-each select="$l/rij">
              <xsl:sort select="@sinds"/>
              <tr class="utrecht-table__row">
                <td class="utrecht-table__cell"><a class="utrecht-link" href="/overleg/{@id}"><xsl:value-of select="@id"/></a></td>
                <td class="utrecht-table__cell"><xsl:call-template name="ov-kort"><xsl:with-param name="t" select="vraag"/></xsl:call-template></td>
                <td class="utrecht-table__cell">
                  <xsl:value-of select="@vrager"/>
                  <xsl:text> (</xsl:text>
                  <xsl:call-template name="rolnaam"><xsl:with-param name="rol" select="@rol"/></xsl:call-template>
                  <xsl:text>)</xsl:text>
                </td>
                <td class="utrecht-table__cell"><xsl:value-of select="@sinds"/></td>
                <td class="utrecht-table__cell">
                  <xsl:choose>
                    <xsl:when test="@wachtdagen = 1">1 dag</xsl:when>
                    <xsl:otherwise><xsl:value-of select="@wachtdagen"/> dagen</xsl:otherwise>
                  </xsl:choose>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <p class="utrecht-paragraph">Er zijn geen open vragen.</p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ov-beantwoord">
    <xsl:param name="l"/>
    <xsl:choose>
      <xsl:when test="$l/rij">
        <xsl:call-template name="ov-totaal"><xsl:with-param name="l" select="$l"/></xsl:call-template>
        <table class="utrecht-table halt-tabel">
          <caption class="visually-hidden">Beantwoorde vragen, de nieuwste eerst</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">Overleg</th>
              <th class="utrecht-table__header-cell" scope="col">Vraag</th>
              <th class="utrecht-table__header-cell" scope="col">Advies</th>
              <th class="utrecht-table__header-cell" scope="col">Beantwoord op</th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            <xsl:for-each select="$l/rij">
              <tr class="utrecht-table__row">
                <td class="utrecht-table__cell"><a class="utrecht-link" href="/overleg/{@id}"><xsl:value-of select="@id"/></a></td>
                <td class="utrecht-table__cell"><xsl:call-template name="ov-kort"><xsl:with-param name="t" select="vraag"/></xsl:call-template></td>
                <td class="utrecht-table__cell"><xsl:call-template name="ov-advies"><xsl:with-param name="advies" select="bericht/@advies"/></xsl:call-template></td>
                <td class="utrecht-table__cell"><xsl:value-of select="bericht/@wanneer"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <p class="utrecht-paragraph">Er zijn nog geen beantwoorde vragen.</p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ov-mijn">
    <xsl:param name="l"/>
    <xsl:choose>
      <xsl:when test="$l/rij">
        <xsl:call-template name="ov-totaal"><xsl:with-param name="l" select="$l"/></xsl:call-template>
        <table class="utrecht-table halt-tabel">
          <caption class="visually-hidden">Mijn vragen, de nieuwste eerst</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">Overleg</th>
              <th class="utrecht-table__header-cell" scope="col">Vraag</th>
              <th class="utrecht-table__header-cell" scope="col">Status</th>
              <th class="utrecht-table__header-cell" scope="col">Antwoord</th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            <xsl:for-each select="$l/rij">
              <tr class="utrecht-table__row">
                <td class="utrecht-table__cell"><a class="utrecht-link" href="/overleg/{@id}"><xsl:value-of select="@id"/></a></td>
                <td class="utrecht-table__cell"><xsl:call-template name="ov-kort"><xsl:with-param name="t" select="vraag"/></xsl:call-template></td>
                <td class="utrecht-table__cell"><xsl:call-template name="ov-status"><xsl:with-param name="o" select="."/></xsl:call-template></td>
                <td class="utrecht-table__cell">
                  <xsl:choose>
                    <xsl:when test="bericht[@soort = 'antwoord']">
                      <strong><xsl:call-template name="ov-advies"><xsl:with-param name="advies" select="bericht/@advies"/></xsl:call-template></strong>
                      <xsl:text>: </xsl:text>
                      <xsl:call-template name="ov-kort"><xsl:with-param name="t" select="bericht"/></xsl:call-template>
                    </xsl:when>
                    <xsl:otherwise><span class="halt-leeg">Nog geen antwoord</span></xsl:otherwise>
                  </xsl:choose>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <p class="utrecht-paragraph">U heeft nog geen vragen gesteld.</p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One overleg -->
  <xsl:template match="overleg" mode="titel">
    <xsl:text>Overleg </xsl:text>
    <xsl:value-of select="@id"/>
  </xsl:template>

  <xsl:template match="overleg">
    <xsl:variable name="f" select="formulier"/>
    <xsl:variable name="def" select="/pagina/definitie/form"/>
    <h1 class="utrecht-heading-1">Overleg <xsl:value-of select="@id"/></h1>
    <xsl:if test="$f">
      <xsl:call-template name="fm-foutsamenvatting">
        <xsl:with-param name="f" select="$f"/>
        <xsl:with-param name="def" select="$def"/>
      </xsl:call-template>
    </xsl:if>
    <dl class="halt-samenvatting">
      <div class="halt-samenvatting__rij">
        <dt class="halt-samenvatting__vraag">Status</dt>
        <dd class="halt-samenvatting__antwoord"><xsl:call-template name="ov-status"><xsl:with-param name="o" select="."/></xsl:call-template></dd>
      </div>
      <div class="halt-samenvatting__rij">
        <dt class="halt-samenvatting__vraag">Gesteld door</dt>
        <dd class="halt-samenvatting__antwoord">
          <xsl:value-of select="@vrager"/>
          <xsl:text> (</xsl:text>
          <xsl:call-template name="rolnaam"><xsl:with-param name="rol" select="@rol"/></xsl:call-template>
          <xsl:text>)</xsl:text>
        </dd>
      </div>
      <div class="halt-samenvatting__rij">
        <dt class="halt-samenvatting__vraag">Gesteld op</dt>
        <dd class="halt-samenvatting__antwoord"><xsl:value-of select="@aangemaakt"/></dd>
      </div>
      <div class="halt-samenvatting__rij">
        <dt class="halt-samenvatting__vraag">Leeftijd van de jongere</dt>
        <dd class="halt-samenvatting__antwoord">
          <xsl:choose>
            <xsl:when test="normalize-space(leeftijd_jongere) != ''"><xsl:value-of select="leeftijd_jongere"/> jaar</xsl:when>
            <xsl:otherwise><span class="halt-leeg">Niet ingevuld</span></xsl:otherwise>
          </xsl:choose>
        </dd>
      </div>
      <div class="halt-samenvatting__rij">
        <dt class="halt-samenvatting__vraag">Twijfel over</dt>
        <dd class="halt-samenvatting__antwoord">
          <xsl:choose>
            <xsl:when test="criterium">
              <ul class="utrecht-unordered-list">
                <xsl:for-each select="criterium">
                  <li class="utrecht-unordered-list__item">
                    <xsl:choose>
                      <xsl:when test="normalize-space(.) != ''"><xsl:value-of select="."/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="@code"/></xsl:otherwise>
                    </xsl:choose>
                  </li>
                </xsl:for-each>
              </ul>
            </xsl:when>
            <xsl:otherwise><span class="halt-leeg">Geen criteria gekozen</span></xsl:otherwise>
          </xsl:choose>
        </dd>
      </div>
      <xsl:if test="normalize-space(zaak) != ''">
        <div class="halt-samenvatting__rij">
          <dt class="halt-samenvatting__vraag">Zaak</dt>
          <dd class="halt-samenvatting__antwoord">
            <xsl:choose>
              <xsl:when test="$rol != 'landelijk-contact'"><a class="utrecht-link" href="/zaken/{zaak}"><xsl:value-of select="zaak"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="zaak"/></xsl:otherwise>
            </xsl:choose>
          </dd>
        </div>
      </xsl:if>
    </dl>

    <h2 class="utrecht-heading-2">Vraag en antwoord</h2>
    <ol class="utrecht-ordered-list halt-draad">
      <xsl:for-each select="bericht">
        <li class="utrecht-ordered-list__item halt-bericht halt-bericht--{@soort}">
          <h3 class="utrecht-heading-3">
            <xsl:choose>
              <xsl:when test="@soort = 'vraag'">Vraag van <xsl:value-of select="@wie"/></xsl:when>
              <xsl:when test="@soort = 'aanvulling'">Aanvulling van <xsl:value-of select="@wie"/></xsl:when>
              <xsl:otherwise>Advies van de landelijk contactpersoon</xsl:otherwise>
            </xsl:choose>
          </h3>
          <p class="utrecht-paragraph halt-bericht__wanneer"><xsl:value-of select="@wanneer"/></p>
          <xsl:if test="@soort = 'antwoord'">
            <p class="utrecht-paragraph halt-bericht__advies">
              <strong>Advies: <xsl:call-template name="ov-advies"><xsl:with-param name="advies" select="@advies"/></xsl:call-template></strong>
            </p>
          </xsl:if>
          <p class="utrecht-paragraph halt-bericht__tekst">
            <xsl:call-template name="ov-tekst"><xsl:with-param name="t" select="string(.)"/></xsl:call-template>
          </p>
        </li>
      </xsl:for-each>
    </ol>

    <xsl:if test="$f and $def">
      <h2 class="utrecht-heading-2"><xsl:value-of select="$def/@titel"/></h2>
      <xsl:if test="$def/intro">
        <p class="utrecht-paragraph"><xsl:value-of select="$def/intro"/></p>
      </xsl:if>
      <form method="post" novalidate="novalidate" autocomplete="off" class="halt-form" action="{$f/@actie}">
        <input type="hidden" name="csrf" value="{/pagina/csrf}"/>
        <xsl:for-each select="$def/field">
          <xsl:call-template name="fm-veld">
            <xsl:with-param name="f" select="$f"/>
          </xsl:call-template>
        </xsl:for-each>
        <div class="utrecht-button-group halt-knoppen">
          <button type="submit" class="utrecht-button utrecht-button--primary-action utrecht-button--submit">
            <xsl:value-of select="$def/@knop"/>
          </button>
        </div>
      </form>
    </xsl:if>

    <xsl:if test="$rol != 'landelijk-contact'">
      <xsl:call-template name="ov-contact"/>
    </xsl:if>
    <p class="utrecht-paragraph">
      <a class="utrecht-link" href="/overleg">
        <xsl:choose>
          <xsl:when test="$rol = 'landelijk-contact'">Terug naar de vragen</xsl:when>
          <xsl:otherwise>Terug naar mijn vragen</xsl:otherwise>
        </xsl:choose>
      </a>
    </p>
  </xsl:template>

</xsl:stylesheet>
