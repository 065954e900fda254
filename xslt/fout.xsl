<?xml version="1.0" encoding="UTF-8"?>
<!-- fout.xsl: the error page (404, 403, 409, ...): title, explanation, a way back. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="pagina/fout" mode="titel">
    <xsl:value-of select="titel"/>
  </xsl:template>

  <!-- pagina/fout only: a <fout> inside a <formulier> is a field error, form.xsl's. -->
  <xsl:template match="pagina/fout">
    <div class="halt-foutpagina">
      <h1 class="utrecht-heading-1"><xsl:value-of select="titel"/></h1>
      <xsl:if test="normalize-space(bericht) != ''">
        <p class="utrecht-paragraph"><xsl:value-of select="bericht"/></p>
      </xsl:if>
      <xsl:if test="@status">
        <p class="utrecht-paragraph halt-klein">
          <xsl:text>Foutcode </xsl:text>
          <xsl:value-of select="@status"/>
        </p>
      </xsl:if>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/">Terug naar de startpagina</a>
      </p>
    </div>
  </xsl:template>

</xsl:stylesheet>
