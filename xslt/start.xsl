<?xml version="1.0" encoding="UTF-8"?>
<!-- start.xsl: the start page, a greeting and the user's tasks as a list of links with counts. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="start" mode="titel">Start</xsl:template>

  <xsl:template match="pagina/start">
    <h1 class="utrecht-heading-1">
      <xsl:text>Welkom, </xsl:text>
      <xsl:value-of select="/pagina/gebruiker/@naam"/>
    </h1>
    <p class="utrecht-paragraph halt-lead">
      <xsl:choose>
        <xsl:when test="taak">Kies waar u mee verder wilt.</xsl:when>
        <xsl:otherwise>Er zijn voor uw rol geen taken in dit systeem.</xsl:otherwise>
      </xsl:choose>
    </p>
    <xsl:if test="taak">
      <ul class="halt-taken" role="list">
        <xsl:apply-templates select="taak"/>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:template match="start/taak">
    <li class="halt-taak">
      <xsl:choose>
        <!-- Only local paths: a task never sends the user elsewhere. -->
        <xsl:when test="starts-with(@href, '/') and not(starts-with(@href, '//'))">
          <a class="halt-taak__link" href="{@href}">
            <xsl:call-template name="taak-inhoud"/>
          </a>
        </xsl:when>
        <xsl:otherwise>
          <div class="halt-taak__link halt-taak__link--zonder">
            <xsl:call-template name="taak-inhoud"/>
          </div>
        </xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <xsl:template name="taak-inhoud">
    <span class="halt-taak__label"><xsl:value-of select="."/></span>
    <xsl:if test="@aantal">
      <span class="visually-hidden">, </span>
      <span class="halt-taak__aantal">
        <xsl:if test="@aantal &gt; 0">
          <xsl:attribute name="class">halt-taak__aantal halt-taak__aantal--open</xsl:attribute>
        </xsl:if>
        <xsl:value-of select="@aantal"/>
        <xsl:choose>
          <xsl:when test="@eenheid"><xsl:value-of select="concat(' ', @eenheid)"/></xsl:when>
          <xsl:when test="@aantal = 1"> wacht op u</xsl:when>
          <xsl:otherwise> wachten op u</xsl:otherwise>
        </xsl:choose>
      </span>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
