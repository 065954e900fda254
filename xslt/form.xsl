<?xml version="1.0" encoding="UTF-8"?>
<!-- form.xsl: placeholder so that halt.xsl compiles; the generic form renderer replaces it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>
