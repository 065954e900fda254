<?xml version="1.0" encoding="UTF-8"?>
<!-- halt.xsl: the entry stylesheet; cgi/render.c compiles it once and applies it to every <pagina>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!--
    Import order is precedence order: a later import wins over an earlier one.
    layout.xsl comes first because it holds the generic fallbacks (page titles,
    unknown content) that the content stylesheets override.
  -->
  <xsl:import href="layout.xsl"/>
  <xsl:import href="form.xsl"/>
  <xsl:import href="start.xsl"/>
  <xsl:import href="fout.xsl"/>
  <xsl:import href="verwijzing.xsl"/>
  <xsl:import href="zaak.xsl"/>
  <xsl:import href="stappen.xsl"/>
  <xsl:import href="overleg.xsl"/>
  <xsl:import href="beheer.xsl"/>

  <!--
    No doctype and no encoding meta here: render.c prefixes <!DOCTYPE html>
    and serializes without libxslt's extra http-equiv meta; the layout
    writes <meta charset="utf-8">.
  -->
  <xsl:output method="html" encoding="UTF-8" indent="no"/>

</xsl:stylesheet>
