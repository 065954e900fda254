<?xml version="1.0" encoding="UTF-8"?>
<!-- verwijzing.xsl: the referral check page: outcome panel, reasons next to the answers, submit or change. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:variable name="vw-def" select="/pagina/definitie/form"/>

  <xsl:template match="toets" mode="titel">
    <xsl:text>Uitkomst van de controle</xsl:text>
  </xsl:template>

  <!-- The form field a criterion is about, so its reason stands next to that answer. -->
  <xsl:template name="vw-veld-van-code">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'leeftijd'">jongere_geboortedatum</xsl:when>
      <xsl:when test="$code = 'instemming-jongere'">instemming_jongere</xsl:when>
      <xsl:when test="$code = 'instemming-ouders'">instemming_ouders</xsl:when>
      <xsl:when test="$code = 'recidive-om'">eerder_om_misdrijf</xsl:when>
      <xsl:when test="$code = 'recidive-max'">eerdere_halt</xsl:when>
      <xsl:when test="$code = 'lichte-vorm'">lichte_vorm</xsl:when>
      <xsl:when test="$code = 'leeftijdsverschil'">slachtoffer_geboortedatum</xsl:when>
      <xsl:when test="$code = 'ontkent'">bekent</xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('contra_', translate($code, '-', '_'))"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="toets">
    <xsl:variable name="toets" select="."/>
    <h1 class="utrecht-heading-1">Uitkomst van de controle</h1>

    <xsl:if test="formulier/fout">
      <div class="halt-foutsamenvatting" role="alert" aria-labelledby="foutsamenvatting-titel" tabindex="-1">
        <h2 class="utrecht-heading-2" id="foutsamenvatting-titel">Er is een probleem</h2>
        <ul class="utrecht-unordered-list">
          <xsl:for-each select="formulier/fout">
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href="#veld-{@veld}"><xsl:value-of select="."/></a>
            </li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>

    <div class="halt-panel halt-panel--{@uitkomst}" role="status">
      <h2 class="utrecht-heading-2 halt-panel__titel">
        <xsl:choose>
          <xsl:when test="@uitkomst = 'geschikt'">De jongere voldoet aan de criteria</xsl:when>
          <xsl:when test="@uitkomst = 'twijfel'">Er is twijfel over de criteria</xsl:when>
          <xsl:otherwise>De jongere voldoet niet aan de criteria</xsl:otherwise>
        </xsl:choose>
      </h2>
      <p class="utrecht-paragraph">
        <xsl:choose>
          <xsl:when test="@uitkomst = 'geschikt'">U kunt de jongere verwijzen naar de Halt-interventie sexting: Respect online.</xsl:when>
          <xsl:when test="@uitkomst = 'twijfel'">U kunt alleen verwijzen als u uitlegt waarom (uw discretionaire bevoegdheid). Bij twijfel kunt u overleggen met de landelijk contactpersoon.</xsl:when>
          <xsl:otherwise>Andere interventie is wenselijk. Deze verwijzing kan niet worden ingediend.</xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:if test="reden">
        <ul class="utrecht-unordered-list halt-redenen">
          <xsl:for-each select="reden">
            <li class="utrecht-unordered-list__item halt-reden halt-reden--{@soort}">
              <xsl:value-of select="."/>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:if test="@uitkomst = 'twijfel'">
        <p class="utrecht-paragraph">
          <a class="utrecht-link" target="_blank">
            <xsl:attribute name="href">
              <xsl:text>/overleg/nieuw?</xsl:text>
              <xsl:for-each select="reden[@soort = 'twijfel']">
                <xsl:if test="position() &gt; 1">&amp;</xsl:if>
                <xsl:value-of select="concat('criteria=', @code)"/>
              </xsl:for-each>
            </xsl:attribute>
            <xsl:text>Vraag advies aan de landelijk contactpersoon over deze criteria (opent in een nieuw venster)</xsl:text>
          </a>
          <xsl:text>. Zonder namen: de vraag gaat alleen over de feiten. Deze pagina blijft open; vul hieronder het nummer van het overleg in als u het advies heeft.</xsl:text>
        </p>
      </xsl:if>
    </div>

    <h2 class="utrecht-heading-2">Uw antwoorden</h2>
    <xsl:for-each select="$vw-def/section">
      <h3 class="utrecht-heading-3"><xsl:value-of select="@titel"/></h3>
      <dl class="halt-samenvatting">
        <xsl:for-each select="field[@type != 'hidden' and @type != 'submit' and @name != 'motivering' and @name != 'overleg']">
          <xsl:variable name="naam" select="@name"/>
          <xsl:variable name="waarde" select="$toets/formulier/waarde[@naam = $naam]"/>
          <div class="halt-samenvatting__rij">
            <dt class="halt-samenvatting__vraag"><xsl:value-of select="label"/></dt>
            <dd class="halt-samenvatting__antwoord" id="veld-{$naam}" tabindex="-1">
              <xsl:choose>
                <xsl:when test="normalize-space($waarde) = ''"><span class="halt-leeg">Niet ingevuld</span></xsl:when>
                <xsl:when test="choice[@value = $waarde]"><xsl:value-of select="choice[@value = $waarde]"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="$waarde"/></xsl:otherwise>
              </xsl:choose>
              <xsl:for-each select="$toets/reden">
                <xsl:variable name="veld">
                  <xsl:call-template name="vw-veld-van-code"><xsl:with-param name="code" select="@code"/></xsl:call-template>
                </xsl:variable>
                <xsl:if test="$veld = $naam">
                  <p class="halt-reden halt-reden--{@soort}"><xsl:value-of select="."/></p>
                </xsl:if>
              </xsl:for-each>
            </dd>
          </div>
        </xsl:for-each>
      </dl>
    </xsl:for-each>

    <form method="post" action="/verwijzingen" novalidate="novalidate" class="halt-form">
      <input type="hidden" name="csrf" value="{/pagina/csrf}"/>
      <xsl:for-each select="formulier/waarde[@naam != 'actie' and @naam != 'csrf' and ((@naam != 'motivering' and @naam != 'overleg') or $toets/@uitkomst != 'twijfel')]">
        <input type="hidden" name="{@naam}" value="{.}"/>
      </xsl:for-each>
      <xsl:if test="@uitkomst = 'twijfel'">
        <xsl:variable name="fout" select="formulier/fout[@veld = 'motivering']"/>
        <div class="utrecht-form-field utrecht-form-field--textarea">
          <xsl:if test="$fout"><xsl:attribute name="class">utrecht-form-field utrecht-form-field--textarea utrecht-form-field--invalid</xsl:attribute></xsl:if>
          <label class="utrecht-form-label" for="veld-motivering">Motivering</label>
          <p class="utrecht-form-field-description" id="hint-motivering">Leg uit waarom u de jongere toch naar Halt verwijst.</p>
          <xsl:if test="$fout">
            <p class="utrecht-form-field-error-message" id="fout-motivering"><span class="visually-hidden">Fout: </span><xsl:value-of select="$fout"/></p>
          </xsl:if>
          <textarea class="utrecht-textarea" id="veld-motivering" name="motivering" rows="5" aria-describedby="hint-motivering{substring(' fout-motivering', 1, 16 * count($fout))}">
            <xsl:if test="$fout"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
            <xsl:value-of select="formulier/waarde[@naam = 'motivering']"/>
          </textarea>
        </div>
        <xsl:variable name="ofout" select="formulier/fout[@veld = 'overleg']"/>
        <div class="utrecht-form-field utrecht-form-field--text">
          <xsl:if test="$ofout"><xsl:attribute name="class">utrecht-form-field utrecht-form-field--text utrecht-form-field--invalid</xsl:attribute></xsl:if>
          <label class="utrecht-form-label" for="veld-overleg">Nummer van het overleg met de landelijk contactpersoon (als u advies heeft gevraagd)</label>
          <p class="utrecht-form-field-description" id="hint-overleg">Het nummer begint met een O, bijvoorbeeld O00000012. De zaak toont dan de vraag en het advies.</p>
          <xsl:if test="$ofout">
            <p class="utrecht-form-field-error-message" id="fout-overleg"><span class="visually-hidden">Fout: </span><xsl:value-of select="$ofout"/></p>
          </xsl:if>
          <input class="utrecht-textbox utrecht-textbox--sm" type="text" id="veld-overleg" name="overleg" maxlength="9" value="{formulier/waarde[@naam = 'overleg']}" aria-describedby="hint-overleg{substring(' fout-overleg', 1, 13 * count($ofout))}">
            <xsl:if test="$ofout"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
          </input>
        </div>
      </xsl:if>
      <div class="halt-knoppen" id="veld-actie">
        <xsl:if test="@uitkomst != 'niet-geschikt'">
          <button class="utrecht-button utrecht-button--primary-action" type="submit" name="actie" value="indienen">Verwijzing indienen</button>
        </xsl:if>
        <button class="utrecht-button utrecht-button--secondary-action" type="submit" name="actie" value="wijzigen">Antwoorden wijzigen</button>
      </div>
    </form>
  </xsl:template>

</xsl:stylesheet>
