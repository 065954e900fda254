<?xml version="1.0" encoding="UTF-8"?>
<!-- stappen.xsl: the dossier's task list of steps, the recorded steps, and the halt-admin's assignment form. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The Dutch name of a step as the task list shows it. -->
  <xsl:template name="st-naam">
    <xsl:param name="stap"/>
    <xsl:choose>
      <xsl:when test="$stap = 'hertoetsing'">Hertoetsing van de criteria</xsl:when>
      <xsl:when test="$stap = 'voorgesprek'">Telefonisch voorgesprek</xsl:when>
      <xsl:when test="$stap = 'startgesprek'">Startgesprek</xsl:when>
      <xsl:when test="$stap = 'leeropdracht-1'">Leeropdracht 1</xsl:when>
      <xsl:when test="$stap = 'leeropdracht-2'">Leeropdracht 2</xsl:when>
      <xsl:when test="$stap = 'leeropdracht-3'">Leeropdracht 3</xsl:when>
      <xsl:when test="$stap = 'oudergesprek'">Oudergesprek</xsl:when>
      <xsl:when test="$stap = 'vervolggesprek'">Vervolggesprek</xsl:when>
      <xsl:when test="$stap = 'excuus'">Excuus aanbieden</xsl:when>
      <xsl:when test="$stap = 'eindgesprek'">Eindgesprek</xsl:when>
      <xsl:when test="$stap = 'extra-gesprek'">Extra gesprek</xsl:when>
      <xsl:when test="$stap = 'doorverwijzing'">Doorverwijzing</xsl:when>
      <xsl:when test="$stap = 'school'">Contact met school</xsl:when>
      <xsl:when test="$stap = 'afsluiting'">Afsluiting</xsl:when>
      <xsl:otherwise><xsl:value-of select="$stap"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Called by zaak.xsl with the zaak: assignment (halt-admin), task list (halt roles), recorded steps. -->
  <xsl:template name="st-dossier">
    <xsl:param name="zaak"/>
    <xsl:variable name="ik" select="/pagina/gebruiker/@naam"/>
    <xsl:variable name="mag" select="/pagina/gebruiker/@rol = 'halt-medewerker' and $zaak/@medewerker = $ik"/>

    <xsl:if test="$zaak/medewerkers">
      <h2 class="utrecht-heading-2" id="toewijzen">
        <xsl:choose>
          <xsl:when test="$zaak/@status = 'aangemeld'">Registreren en toewijzen</xsl:when>
          <xsl:otherwise>Opnieuw toewijzen</xsl:otherwise>
        </xsl:choose>
      </h2>
      <xsl:choose>
        <xsl:when test="$zaak/medewerkers/medewerker">
          <form method="post" action="/zaken/{$zaak/@id}/registratie" class="halt-form" autocomplete="off">
            <input type="hidden" name="csrf" value="{/pagina/csrf}"/>
            <input type="hidden" name="versie" value="{$zaak/@versie}"/>
            <div class="utrecht-form-field utrecht-form-field--distanced halt-veld">
              <label class="utrecht-form-label" for="medewerker">Halt-medewerker</label>
              <p class="utrecht-form-field-description" id="medewerker-hint">Alleen getrainde Halt-medewerkers uit uw werkgebied.</p>
              <select class="utrecht-select utrecht-select--html-select" id="medewerker" name="medewerker" aria-describedby="medewerker-hint">
                <xsl:for-each select="$zaak/medewerkers/medewerker">
                  <option value="{@naam}">
                    <xsl:if test="@naam = $zaak/@medewerker"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                    <xsl:value-of select="@naam"/>
                  </option>
                </xsl:for-each>
              </select>
            </div>
            <div class="utrecht-button-group halt-knoppen">
              <button type="submit" class="utrecht-button utrecht-button--primary-action utrecht-button--submit">
                <xsl:choose>
                  <xsl:when test="$zaak/@status = 'aangemeld'">Registreer en wijs toe</xsl:when>
                  <xsl:otherwise>Wijs toe</xsl:otherwise>
                </xsl:choose>
              </button>
            </div>
          </form>
        </xsl:when>
        <xsl:otherwise>
          <p class="utrecht-paragraph">Er is geen getrainde Halt-medewerker in uw werkgebied. Neem contact op met de functioneel beheerder.</p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="count($zaak/toewijzingen/toewijzing) &gt; 1">
        <h3 class="utrecht-heading-3">Eerdere toewijzingen</h3>
        <ul class="utrecht-unordered-list">
          <xsl:for-each select="$zaak/toewijzingen/toewijzing">
            <li class="utrecht-unordered-list__item"><xsl:value-of select="@datum"/>: <xsl:value-of select="@medewerker"/> (door <xsl:value-of select="@door"/>)</li>
          </xsl:for-each>
        </ul>
      </xsl:if>
    </xsl:if>

    <xsl:if test="$zaak/taken">
      <h2 class="utrecht-heading-2">Stappen</h2>
      <ul class="halt-takenlijst">
        <xsl:for-each select="$zaak/taken/taak">
          <xsl:variable name="stap" select="@stap"/>
          <xsl:variable name="naam">
            <xsl:call-template name="st-naam"><xsl:with-param name="stap" select="@stap"/></xsl:call-template>
          </xsl:variable>
          <li class="halt-takenlijst__item halt-takenlijst__item--{@staat}">
            <span class="halt-takenlijst__naam">
              <xsl:choose>
                <xsl:when test="@staat = 'kan-starten' and $mag">
                  <a class="utrecht-link" href="/zaken/{$zaak/@id}/stappen/{@stap}"><xsl:value-of select="$naam"/></a>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="$naam"/></xsl:otherwise>
              </xsl:choose>
            </span>
            <span class="halt-takenlijst__staat">
              <xsl:choose>
                <xsl:when test="@staat = 'afgerond'">Afgerond op <xsl:value-of select="@datum"/></xsl:when>
                <xsl:when test="@staat = 'kan-starten' and @keer &gt; 0">
                  <xsl:value-of select="@keer"/> keer vastgelegd, laatst op <xsl:value-of select="@datum"/>
                </xsl:when>
                <xsl:when test="@staat = 'kan-starten'">Kan starten</xsl:when>
                <xsl:otherwise>Nog niet mogelijk</xsl:otherwise>
              </xsl:choose>
            </span>
            <xsl:if test="@reden">
              <span class="halt-takenlijst__reden"><xsl:value-of select="@reden"/></span>
            </xsl:if>
            <xsl:if test="@herhaalbaar = 'ja' and @keer &gt; 0">
              <ul class="halt-takenlijst__keren">
                <xsl:for-each select="$zaak/stappen/stap[@naam = $stap]">
                  <li><xsl:value-of select="@datum"/></li>
                </xsl:for-each>
              </ul>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>

    <xsl:if test="$zaak/stappen/stap">
      <h2 class="utrecht-heading-2">Vastgelegde stappen</h2>
      <xsl:for-each select="$zaak/stappen/stap">
        <div class="halt-stap">
          <h3 class="utrecht-heading-3">
            <xsl:call-template name="st-naam"><xsl:with-param name="stap" select="@naam"/></xsl:call-template>
            <xsl:text> (</xsl:text><xsl:value-of select="@datum"/><xsl:text>)</xsl:text>
          </h3>
          <dl class="halt-samenvatting">
            <xsl:for-each select="@*[name() != 'naam' and name() != 'datum' and name() != 'vastgelegd']">
              <div class="halt-samenvatting__rij">
                <dt class="halt-samenvatting__vraag">
                  <xsl:choose>
                    <xsl:when test="name() = 'door'">Vastgelegd door</xsl:when>
                    <xsl:otherwise><xsl:value-of select="translate(name(), '_', ' ')"/></xsl:otherwise>
                  </xsl:choose>
                </dt>
                <dd class="halt-samenvatting__antwoord"><xsl:value-of select="."/></dd>
              </div>
            </xsl:for-each>
          </dl>
        </div>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
