<?xml version="1.0" encoding="UTF-8"?>
<!-- beheer.xsl: functioneel beheer: the audit log as an accessible table with filters and pages, ids only. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="audit-log" mode="titel">Auditlog</xsl:template>

  <xsl:template match="pagina/audit-log">
    <h1 class="utrecht-heading-1">Auditlog</h1>
    <p class="utrecht-paragraph halt-lead">
      Wie wanneer welke zaak of welk overleg las of wijzigde, ook wat geweigerd werd.
      Nieuwste eerst. De log bevat alleen nummers, nooit de inhoud van een zaak.
    </p>
    <form method="get" action="/beheer/audit" class="halt-filter">
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="filter-zaak">Zaak- of overlegnummer</label>
        <input class="utrecht-textbox utrecht-textbox--html-input" id="filter-zaak" name="zaak"
               value="{@zaak}" maxlength="32" autocomplete="off"/>
      </div>
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="filter-gebruiker">Gebruiker</label>
        <input class="utrecht-textbox utrecht-textbox--html-input" id="filter-gebruiker" name="gebruiker"
               value="{@gebruiker}" maxlength="64" autocomplete="off"/>
      </div>
      <button class="utrecht-button utrecht-button--secondary-action" type="submit">Filter</button>
    </form>
    <xsl:choose>
      <xsl:when test="regel">
        <table class="utrecht-table halt-tabel">
          <caption class="utrecht-table__caption">
            <xsl:text>Auditregels</xsl:text>
            <xsl:if test="@zaak"><xsl:value-of select="concat(' over ', @zaak)"/></xsl:if>
            <xsl:if test="@gebruiker"><xsl:value-of select="concat(' van ', @gebruiker)"/></xsl:if>
          </caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell halt-getal" scope="col">Nr.</th>
              <th class="utrecht-table__header-cell" scope="col">Tijd (UTC)</th>
              <th class="utrecht-table__header-cell" scope="col">Gebruiker</th>
              <th class="utrecht-table__header-cell" scope="col">Herkomst</th>
              <th class="utrecht-table__header-cell" scope="col">Actie</th>
              <th class="utrecht-table__header-cell" scope="col">Object</th>
              <th class="utrecht-table__header-cell" scope="col">Resultaat</th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            <xsl:for-each select="regel">
              <tr class="utrecht-table__row">
                <td class="utrecht-table__cell halt-getal"><xsl:value-of select="@seq"/></td>
                <td class="utrecht-table__cell"><xsl:value-of select="@tijd"/></td>
                <td class="utrecht-table__cell"><xsl:value-of select="@actor"/></td>
                <td class="utrecht-table__cell"><xsl:value-of select="@herkomst"/></td>
                <td class="utrecht-table__cell"><xsl:value-of select="@actie"/></td>
                <td class="utrecht-table__cell"><xsl:value-of select="@object"/></td>
                <td class="utrecht-table__cell"><xsl:value-of select="@resultaat"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        <xsl:if test="@volgende">
          <nav class="halt-paginering" aria-label="Pagina's">
            <!-- The filters are ids and user names: safe in a query. -->
            <a class="utrecht-link" href="/beheer/audit?voor={@volgende}&amp;zaak={@zaak}&amp;gebruiker={@gebruiker}">Oudere regels</a>
          </nav>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <p class="utrecht-paragraph">Er zijn geen auditregels die bij dit filter passen.</p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
