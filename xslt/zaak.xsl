<?xml version="1.0" encoding="UTF-8"?>
<!-- zaak.xsl: the worklist, the dossier of one zaak and its printable cover sheet (voorblad). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:variable name="zk-def" select="/pagina/definitie/form"/>
  <!-- Halt's worklist has the worker, the next step and the running time per zaak. -->
  <xsl:variable name="zk-halt" select="/pagina/zaken/@rol = 'halt-admin' or /pagina/zaken/@rol = 'halt-medewerker'"/>

  <xsl:template name="zk-status">
    <xsl:param name="status"/>
    <span class="halt-status halt-status--{$status}">
      <xsl:choose>
        <xsl:when test="$status = 'aangemeld'">Aangemeld</xsl:when>
        <xsl:when test="$status = 'toegewezen'">Toegewezen</xsl:when>
        <xsl:when test="$status = 'in-behandeling'">In behandeling</xsl:when>
        <xsl:when test="$status = 'retour'">Retour naar OM</xsl:when>
        <xsl:when test="$status = 'afgerond-positief'">Positief afgerond</xsl:when>
        <xsl:when test="$status = 'afgerond-negatief'">Negatief afgerond</xsl:when>
        <xsl:otherwise><xsl:value-of select="$status"/></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <xsl:template name="zk-uitkomst">
    <xsl:param name="uitkomst"/>
    <xsl:choose>
      <xsl:when test="$uitkomst = 'geschikt'">Geschikt</xsl:when>
      <xsl:when test="$uitkomst = 'twijfel'">Twijfel (met motivering)</xsl:when>
      <xsl:when test="$uitkomst = 'niet-geschikt'">Niet geschikt</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Worklist -->
  <xsl:template match="zaken" mode="titel">
    <xsl:choose>
      <xsl:when test="@rol = 'officier'">Mijn verwijzingen</xsl:when>
      <xsl:when test="@mijn = 'ja'">Mijn zaken</xsl:when>
      <xsl:otherwise>Zaken</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="zaken">
    <h1 class="utrecht-heading-1"><xsl:apply-templates select="." mode="titel"/></h1>
    <form method="get" action="/zaken" class="halt-filter">
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="filter-status">Status</label>
        <select class="utrecht-select" id="filter-status" name="status">
          <option value="">Alle statussen</option>
          <xsl:call-template name="zk-optie"><xsl:with-param name="v" select="'aangemeld'"/><xsl:with-param name="label" select="'Aangemeld'"/></xsl:call-template>
          <xsl:call-template name="zk-optie"><xsl:with-param name="v" select="'toegewezen'"/><xsl:with-param name="label" select="'Toegewezen'"/></xsl:call-template>
          <xsl:call-template name="zk-optie"><xsl:with-param name="v" select="'in-behandeling'"/><xsl:with-param name="label" select="'In behandeling'"/></xsl:call-template>
          <xsl:call-template name="zk-optie"><xsl:with-param name="v" select="'retour'"/><xsl:with-param name="label" select="'Retour naar OM'"/></xsl:call-template>
          <xsl:call-template name="zk-optie"><xsl:with-param name="v" select="'afgerond-positief'"/><xsl:with-param name="label" select="'Positief afgerond'"/></xsl:call-template>
          <xsl:call-template name="zk-optie"><xsl:with-param name="v" select="'afgerond-negatief'"/><xsl:with-param name="label" select="'Negatief afgerond'"/></xsl:call-template>
        </select>
      </div>
      <xsl:if test="@rol = 'halt-medewerker'">
        <div class="utrecht-form-field utrecht-form-field--checkbox halt-filter__mijn">
          <div class="utrecht-form-field__input">
            <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="filter-mijn" name="mijn" value="1">
              <xsl:if test="@mijn = 'ja'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
          </div>
          <div class="utrecht-form-field__label">
            <label class="utrecht-form-label utrecht-form-label--checkbox" for="filter-mijn">Alleen mijn zaken</label>
          </div>
        </div>
      </xsl:if>
      <button class="utrecht-button utrecht-button--secondary-action" type="submit">Filter</button>
    </form>
    <xsl:choose>
      <xsl:when test="rij">
        <p class="utrecht-paragraph"><xsl:value-of select="@totaal"/><xsl:choose><xsl:when test="@totaal = 1"> zaak</xsl:when><xsl:otherwise> zaken</xsl:otherwise></xsl:choose><xsl:if test="@status"> met deze status</xsl:if>.</p>
        <table class="utrecht-table halt-tabel">
          <caption class="visually-hidden">Zaken</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">Zaak</th>
              <th class="utrecht-table__header-cell" scope="col">Parketnummer</th>
              <th class="utrecht-table__header-cell" scope="col">Jongere</th>
              <th class="utrecht-table__header-cell" scope="col">Status</th>
              <th class="utrecht-table__header-cell" scope="col">Uitkomst controle</th>
              <th class="utrecht-table__header-cell" scope="col">Aangemeld</th>
              <xsl:if test="$zk-halt">
                <xsl:if test="not(@mijn = 'ja')">
                  <th class="utrecht-table__header-cell" scope="col">Medewerker</th>
                </xsl:if>
                <th class="utrecht-table__header-cell" scope="col">Volgende stap</th>
                <th class="utrecht-table__header-cell halt-getal" scope="col">Dagen sinds verwijzing</th>
              </xsl:if>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            <xsl:for-each select="rij">
              <tr class="utrecht-table__row">
                <td class="utrecht-table__cell"><a class="utrecht-link" href="/zaken/{@id}"><xsl:value-of select="@id"/></a></td>
                <td class="utrecht-table__cell"><xsl:value-of select="parketnummer"/></td>
                <td class="utrecht-table__cell"><xsl:value-of select="concat(jongere_voornaam, ' ', jongere_achternaam)"/></td>
                <td class="utrecht-table__cell"><xsl:call-template name="zk-status"><xsl:with-param name="status" select="@status"/></xsl:call-template></td>
                <td class="utrecht-table__cell"><xsl:call-template name="zk-uitkomst"><xsl:with-param name="uitkomst" select="@uitkomst"/></xsl:call-template></td>
                <td class="utrecht-table__cell"><xsl:value-of select="@aangemeld"/></td>
                <xsl:if test="$zk-halt">
                  <xsl:if test="not(../@mijn = 'ja')">
                    <td class="utrecht-table__cell">
                      <xsl:choose>
                        <xsl:when test="@medewerker"><xsl:value-of select="@medewerker"/></xsl:when>
                        <xsl:otherwise><span class="halt-leeg">Niet toegewezen</span></xsl:otherwise>
                      </xsl:choose>
                    </td>
                  </xsl:if>
                  <td class="utrecht-table__cell halt-volgende">
                    <xsl:choose>
                      <xsl:when test="@volgende = 'registratie'">Registreren en toewijzen</xsl:when>
                      <xsl:when test="@volgende">
                        <xsl:call-template name="st-naam"><xsl:with-param name="stap" select="@volgende"/></xsl:call-template>
                      </xsl:when>
                      <xsl:otherwise><span class="halt-leeg">Geen</span></xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td class="utrecht-table__cell halt-getal"><xsl:value-of select="@dagen"/></td>
                </xsl:if>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        <xsl:if test="@volgende">
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href="/zaken?na={@volgende}{substring(concat('&amp;status=', @status), 1, 200 * boolean(@status))}{substring('&amp;mijn=1', 1, 7 * (@mijn = 'ja'))}">Volgende pagina</a>
          </p>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <p class="utrecht-paragraph">Er zijn geen zaken<xsl:if test="@status"> met deze status</xsl:if>.</p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="zk-optie">
    <xsl:param name="v"/>
    <xsl:param name="label"/>
    <option value="{$v}">
      <xsl:if test="$v = /pagina/zaken/@status"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:value-of select="$label"/>
    </option>
  </xsl:template>

  <!-- A referral value with its label and, for choices, the choice's words. -->
  <xsl:template name="zk-waarde">
    <xsl:param name="zaak"/>
    <xsl:param name="veld"/>
    <xsl:variable name="w" select="$zaak/*[local-name() = $veld]"/>
    <xsl:variable name="def" select="$zk-def//field[@name = $veld]"/>
    <xsl:choose>
      <xsl:when test="normalize-space($w) = ''"><span class="halt-leeg">Niet ingevuld</span></xsl:when>
      <xsl:when test="$def/choice[@value = $w]"><xsl:value-of select="$def/choice[@value = $w]"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$w"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Dossier -->
  <xsl:template match="zaak">
    <xsl:variable name="zaak" select="."/>
    <xsl:if test="@nieuw = 'ja'">
      <div class="halt-panel halt-panel--bevestiging" role="status">
        <h1 class="utrecht-heading-1 halt-panel__titel">Verwijzing ingediend</h1>
        <p class="halt-panel__tekst">Zaaknummer <strong><xsl:value-of select="@id"/></strong></p>
        <p class="utrecht-paragraph">Halt-administratie <xsl:value-of select="regio"/> registreert de zaak en wijst deze toe aan een getrainde Halt-medewerker. U ziet hier de uitkomst.</p>
      </div>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="@nieuw = 'ja'"><h2 class="utrecht-heading-2">Zaak <xsl:value-of select="@id"/></h2></xsl:when>
      <xsl:otherwise><h1 class="utrecht-heading-1">Zaak <xsl:value-of select="@id"/></h1></xsl:otherwise>
    </xsl:choose>
    <dl class="halt-samenvatting">
      <div class="halt-samenvatting__rij">
        <dt class="halt-samenvatting__vraag">Status</dt>
        <dd class="halt-samenvatting__antwoord"><xsl:call-template name="zk-status"><xsl:with-param name="status" select="@status"/></xsl:call-template></dd>
      </div>
      <div class="halt-samenvatting__rij">
        <dt class="halt-samenvatting__vraag">Aangemeld op</dt>
        <dd class="halt-samenvatting__antwoord"><xsl:value-of select="@aangemeld"/></dd>
      </div>
      <div class="halt-samenvatting__rij">
        <dt class="halt-samenvatting__vraag">Uitkomst controle</dt>
        <dd class="halt-samenvatting__antwoord">
          <xsl:call-template name="zk-uitkomst"><xsl:with-param name="uitkomst" select="toets/@uitkomst"/></xsl:call-template>
          <xsl:for-each select="toets/reden">
            <p class="halt-reden halt-reden--{@soort}"><xsl:value-of select="."/></p>
          </xsl:for-each>
        </dd>
      </div>
      <xsl:if test="normalize-space(@medewerker) != ''">
        <div class="halt-samenvatting__rij">
          <dt class="halt-samenvatting__vraag">Halt-medewerker</dt>
          <dd class="halt-samenvatting__antwoord"><xsl:value-of select="@medewerker"/></dd>
        </div>
      </xsl:if>
    </dl>
    <p class="utrecht-paragraph">
      <a class="utrecht-link" href="/zaken/{@id}/voorblad">Voorblad bekijken en afdrukken</a>
    </p>
    <xsl:call-template name="ov-bij-zaak"><xsl:with-param name="zaak" select="."/></xsl:call-template>
    <xsl:call-template name="st-dossier"><xsl:with-param name="zaak" select="."/></xsl:call-template>

    <h2 class="utrecht-heading-2">Verwijzing</h2>
    <xsl:for-each select="$zk-def/section">
      <h3 class="utrecht-heading-3"><xsl:value-of select="@titel"/></h3>
      <dl class="halt-samenvatting">
        <xsl:for-each select="field[@type != 'hidden' and @type != 'submit']">
          <div class="halt-samenvatting__rij">
            <dt class="halt-samenvatting__vraag"><xsl:value-of select="label"/></dt>
            <dd class="halt-samenvatting__antwoord">
              <xsl:call-template name="zk-waarde">
                <xsl:with-param name="zaak" select="$zaak"/>
                <xsl:with-param name="veld" select="@name"/>
              </xsl:call-template>
            </dd>
          </div>
        </xsl:for-each>
      </dl>
    </xsl:for-each>

    <xsl:if test="gebeurtenissen/gebeurtenis">
      <h2 class="utrecht-heading-2">Geschiedenis</h2>
      <table class="utrecht-table halt-tabel">
        <caption class="visually-hidden">Geschiedenis van de zaak</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">Wanneer</th>
            <th class="utrecht-table__header-cell" scope="col">Wie</th>
            <th class="utrecht-table__header-cell" scope="col">Wat</th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          <xsl:for-each select="gebeurtenissen/gebeurtenis">
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell"><xsl:value-of select="@wanneer"/></td>
              <td class="utrecht-table__cell"><xsl:value-of select="@wie"/></td>
              <td class="utrecht-table__cell"><xsl:value-of select="@wat"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- Voorblad: one A4 page for Halt's administration, marked as the manual asks. -->
  <xsl:template match="voorblad" mode="titel">
    <xsl:text>Voorblad zaak </xsl:text><xsl:value-of select="zaak/@id"/>
  </xsl:template>

  <xsl:template match="voorblad">
    <xsl:variable name="zaak" select="zaak"/>
    <article class="halt-voorblad">
      <p class="halt-voorblad__merk">Halt-interventie sexting</p>
      <h1 class="utrecht-heading-1">Voorblad verwijzing <xsl:value-of select="$zaak/@id"/></h1>
      <p class="utrecht-paragraph">Voor de Halt-administratie van werkgebied <strong><xsl:value-of select="$zaak/regio"/></strong>: registreer de zaak en wijs deze toe aan een getrainde Halt-medewerker uit het werkgebied.</p>
      <dl class="halt-samenvatting halt-voorblad__gegevens">
        <div class="halt-samenvatting__rij">
          <dt class="halt-samenvatting__vraag">Zaaknummer</dt>
          <dd class="halt-samenvatting__antwoord"><xsl:value-of select="$zaak/@id"/></dd>
        </div>
        <div class="halt-samenvatting__rij">
          <dt class="halt-samenvatting__vraag">Aangemeld op</dt>
          <dd class="halt-samenvatting__antwoord"><xsl:value-of select="$zaak/@aangemeld"/></dd>
        </div>
        <div class="halt-samenvatting__rij">
          <dt class="halt-samenvatting__vraag">Uitkomst controle</dt>
          <dd class="halt-samenvatting__antwoord"><xsl:call-template name="zk-uitkomst"><xsl:with-param name="uitkomst" select="$zaak/toets/@uitkomst"/></xsl:call-template></dd>
        </div>
        <xsl:for-each select="$zk-def//field[@name = 'verwijzer_naam' or @name = 'parketnummer' or @name = 'pv_nummer'
            or @name = 'datum_beslissing' or @name = 'regio' or @name = 'jongere_voornaam' or @name = 'jongere_achternaam'
            or @name = 'jongere_geboortedatum' or @name = 'skn' or @name = 'ouders_namen' or @name = 'telefoon'
            or @name = 'delict_datum' or @name = 'gedrag' or @name = 'tenlastelegging' or @name = 'artikel'
            or @name = 'rvdk_advies' or @name = 'motivering']">
          <div class="halt-samenvatting__rij">
            <dt class="halt-samenvatting__vraag"><xsl:value-of select="label"/></dt>
            <dd class="halt-samenvatting__antwoord">
              <xsl:call-template name="zk-waarde">
                <xsl:with-param name="zaak" select="$zaak"/>
                <xsl:with-param name="veld" select="@name"/>
              </xsl:call-template>
            </dd>
          </div>
        </xsl:for-each>
      </dl>
      <p class="halt-voorblad__voet">Vertrouwelijk: gegevens over een minderjarige. Niet verspreiden.</p>
    </article>
  </xsl:template>

</xsl:stylesheet>
