<?xml version="1.0" encoding="UTF-8"?>
<!-- form.xsl: the one generic renderer of a form definition (forms/NAME.xml) with its values and errors. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!--
    Input (cgi/render.h): /pagina/definitie/form is the definition, the
    content root <formulier> holds <waarde naam> and <fout veld> from
    form_validate() or form_fill(). Every control has id="veld-NAME" (for a
    group: its first option), so the error summary links straight to it.
    Only named templates and templates in mode fm-* live here, so nothing
    collides with the content stylesheets that import next to this one.
  -->

  <xsl:template match="formulier">
    <xsl:variable name="f" select="."/>
    <xsl:variable name="def" select="/pagina/definitie/form"/>

    <!-- A form that belongs to a record links back to it (only local paths). -->
    <xsl:if test="starts-with(@terug, '/') and not(starts-with(@terug, '//'))">
      <p class="utrecht-paragraph halt-terug"><a class="utrecht-link halt-terug__link" href="{@terug}">Terug naar zaak</a></p>
    </xsl:if>

    <h1 class="utrecht-heading-1"><xsl:value-of select="$def/@titel"/></h1>

    <xsl:call-template name="fm-foutsamenvatting">
      <xsl:with-param name="f" select="$f"/>
      <xsl:with-param name="def" select="$def"/>
    </xsl:call-template>

    <xsl:if test="$def/intro">
      <p class="utrecht-paragraph halt-lead"><xsl:value-of select="$def/intro"/></p>
    </xsl:if>

    <form method="post" novalidate="novalidate" autocomplete="off" class="halt-form">
      <xsl:attribute name="action">
        <xsl:choose>
          <xsl:when test="normalize-space(@actie) != ''"><xsl:value-of select="@actie"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$def/@actie"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <input type="hidden" name="csrf" value="{/pagina/csrf}"/>

      <xsl:for-each select="$def/section | $def/field">
        <xsl:choose>
          <xsl:when test="self::section">
            <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--section utrecht-form-fieldset--html-fieldset halt-sectie">
              <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
                <h2 class="utrecht-heading-2"><xsl:value-of select="@titel"/></h2>
              </legend>
              <xsl:if test="intro">
                <p class="utrecht-paragraph"><xsl:value-of select="intro"/></p>
              </xsl:if>
              <xsl:for-each select="field">
                <xsl:call-template name="fm-veld">
                  <xsl:with-param name="f" select="$f"/>
                </xsl:call-template>
              </xsl:for-each>
            </fieldset>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="fm-veld">
              <xsl:with-param name="f" select="$f"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>

      <!-- A form without a submit field gets one plain button. -->
      <xsl:if test="not($def//field[@type = 'submit'])">
        <div class="utrecht-button-group halt-knoppen">
          <button type="submit" class="utrecht-button utrecht-button--primary-action utrecht-button--submit">
            <xsl:choose>
              <xsl:when test="normalize-space($def/@knop) != ''"><xsl:value-of select="$def/@knop"/></xsl:when>
              <xsl:otherwise>Verstuur</xsl:otherwise>
            </xsl:choose>
          </button>
        </div>
      </xsl:if>
    </form>
  </xsl:template>

  <!-- GOV.UK error summary: first thing in the content, each sentence links to its field. -->
  <xsl:template name="fm-foutsamenvatting">
    <xsl:param name="f"/>
    <xsl:param name="def"/>
    <xsl:if test="$f/fout">
      <div class="halt-foutsamenvatting" role="alert" aria-labelledby="foutsamenvatting-titel" tabindex="-1">
        <h2 class="utrecht-heading-2 halt-foutsamenvatting__titel" id="foutsamenvatting-titel">Er is een probleem</h2>
        <ul class="utrecht-unordered-list">
          <xsl:for-each select="$f/fout">
            <xsl:variable name="veld" select="@veld"/>
            <li class="utrecht-unordered-list__item">
              <xsl:choose>
                <!-- A hidden field has nothing to jump to. -->
                <xsl:when test="$def//field[@name = $veld and @type != 'hidden']">
                  <a class="utrecht-link" href="#veld-{@veld}"><xsl:value-of select="."/></a>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- One field of the definition (the context node); f is the formulier with values and errors. -->
  <xsl:template name="fm-veld">
    <xsl:param name="f"/>
    <xsl:variable name="naam" select="string(@name)"/>
    <xsl:variable name="fout" select="$f/fout[@veld = $naam][1]"/>
    <xsl:variable name="veldklasse">
      <xsl:text>utrecht-form-field utrecht-form-field--distanced halt-veld</xsl:text>
      <xsl:if test="$fout"> utrecht-form-field--invalid</xsl:if>
    </xsl:variable>
    <!-- Hint and error ids in the order a screen reader should read them. -->
    <xsl:variable name="beschreven">
      <xsl:if test="hint"><xsl:value-of select="concat('hint-', $naam)"/></xsl:if>
      <xsl:if test="@type = 'date'">
        <xsl:if test="hint"><xsl:text> </xsl:text></xsl:if>
        <xsl:value-of select="concat('formaat-', $naam)"/>
      </xsl:if>
      <xsl:if test="(hint or @type = 'date') and $fout"><xsl:text> </xsl:text></xsl:if>
      <xsl:if test="$fout"><xsl:value-of select="concat('fout-', $naam)"/></xsl:if>
    </xsl:variable>

    <xsl:choose>
      <xsl:when test="@type = 'hidden'">
        <xsl:for-each select="$f/waarde[@naam = $naam]">
          <input type="hidden" name="{$naam}" value="{.}"/>
        </xsl:for-each>
      </xsl:when>

      <xsl:when test="@type = 'submit'">
        <div class="utrecht-button-group halt-knoppen">
          <xsl:if test="$fout">
            <xsl:call-template name="fm-fout">
              <xsl:with-param name="naam" select="$naam"/>
              <xsl:with-param name="fout" select="$fout"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:for-each select="choice">
            <button type="submit" name="{$naam}" value="{@value}">
              <xsl:attribute name="class">
                <xsl:text>utrecht-button utrecht-button--submit </xsl:text>
                <xsl:choose>
                  <xsl:when test="position() = 1">utrecht-button--primary-action</xsl:when>
                  <xsl:otherwise>utrecht-button--secondary-action</xsl:otherwise>
                </xsl:choose>
              </xsl:attribute>
              <xsl:if test="position() = 1">
                <xsl:attribute name="id"><xsl:value-of select="concat('veld-', $naam)"/></xsl:attribute>
              </xsl:if>
              <xsl:value-of select="."/>
            </button>
          </xsl:for-each>
        </div>
      </xsl:when>

      <!-- Radio buttons and check boxes: a group with its own legend. -->
      <xsl:when test="(@type = 'choice' and not(@choices)) or @type = 'choices'">
        <xsl:variable name="soort">
          <xsl:choose>
            <xsl:when test="@type = 'choice'">radio</xsl:when>
            <xsl:otherwise>checkbox</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <div class="{$veldklasse} utrecht-form-field--{$soort}-group">
          <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
            <xsl:if test="$fout">
              <xsl:attribute name="class">utrecht-form-fieldset utrecht-form-fieldset--html-fieldset utrecht-form-fieldset--invalid</xsl:attribute>
            </xsl:if>
            <xsl:if test="string($beschreven) != ''">
              <xsl:attribute name="aria-describedby"><xsl:value-of select="$beschreven"/></xsl:attribute>
            </xsl:if>
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">
              <xsl:value-of select="label"/>
            </legend>
            <xsl:call-template name="fm-hint-en-fout">
              <xsl:with-param name="naam" select="$naam"/>
              <xsl:with-param name="fout" select="$fout"/>
            </xsl:call-template>
            <xsl:variable name="verplicht" select="@required = 'ja'"/>
            <xsl:for-each select="choice | /pagina/werkgebieden/werkgebied[current()/@choices = 'werkgebieden']">
              <xsl:variable name="waarde" select="string(@value | self::werkgebied)"/>
              <xsl:variable name="id">
                <xsl:value-of select="concat('veld-', $naam)"/>
                <xsl:if test="position() &gt; 1"><xsl:value-of select="concat('-', position())"/></xsl:if>
              </xsl:variable>
              <div class="utrecht-form-field utrecht-form-field--{$soort}">
                <div class="utrecht-form-field__input">
                  <input type="{$soort}" id="{$id}" name="{$naam}" value="{$waarde}"
                         class="utrecht-{$soort}-button utrecht-{$soort}-button--html-input">
                    <xsl:if test="$soort = 'checkbox'">
                      <xsl:attribute name="class">utrecht-checkbox utrecht-checkbox--html-input</xsl:attribute>
                    </xsl:if>
                    <xsl:if test="$f/waarde[@naam = $naam and . = $waarde]">
                      <xsl:attribute name="checked">checked</xsl:attribute>
                    </xsl:if>
                    <xsl:if test="$verplicht and $soort = 'radio'">
                      <xsl:attribute name="required">required</xsl:attribute>
                    </xsl:if>
                    <xsl:if test="$fout">
                      <xsl:attribute name="aria-invalid">true</xsl:attribute>
                    </xsl:if>
                  </input>
                </div>
                <div class="utrecht-form-field__label">
                  <label class="utrecht-form-label utrecht-form-label--{$soort}" for="{$id}">
                    <xsl:value-of select="."/>
                  </label>
                </div>
              </div>
            </xsl:for-each>
          </fieldset>
        </div>
      </xsl:when>

      <!-- One control with its label: text, textarea, date, number, werkgebied. -->
      <xsl:otherwise>
        <xsl:variable name="waarde" select="string($f/waarde[@naam = $naam][1])"/>
        <xsl:variable name="id" select="concat('veld-', $naam)"/>
        <div class="{$veldklasse} utrecht-form-field--{@type}">
          <div class="utrecht-form-field__label">
            <label class="utrecht-form-label" for="{$id}"><xsl:value-of select="label"/></label>
          </div>
          <xsl:call-template name="fm-hint-en-fout">
            <xsl:with-param name="naam" select="$naam"/>
            <xsl:with-param name="fout" select="$fout"/>
          </xsl:call-template>
          <div class="utrecht-form-field__input">
            <xsl:choose>
              <xsl:when test="@type = 'textarea'">
                <textarea id="{$id}" name="{$naam}" rows="6" class="utrecht-textarea utrecht-textarea--html-textarea">
                  <xsl:call-template name="fm-control-attributen">
                    <xsl:with-param name="beschreven" select="$beschreven"/>
                    <xsl:with-param name="fout" select="$fout"/>
                    <xsl:with-param name="invalid-klasse" select="'utrecht-textarea--invalid'"/>
                  </xsl:call-template>
                  <xsl:value-of select="$waarde"/>
                </textarea>
              </xsl:when>

              <xsl:when test="@type = 'choice'">
                <select id="{$id}" name="{$naam}" class="utrecht-select utrecht-select--html-select">
                  <xsl:call-template name="fm-control-attributen">
                    <xsl:with-param name="beschreven" select="$beschreven"/>
                    <xsl:with-param name="fout" select="$fout"/>
                    <xsl:with-param name="invalid-klasse" select="'utrecht-select--invalid'"/>
                  </xsl:call-template>
                  <option value="">Kies een werkgebied</option>
                  <xsl:for-each select="/pagina/werkgebieden/werkgebied">
                    <option value="{.}">
                      <xsl:if test=". = $waarde">
                        <xsl:attribute name="selected">selected</xsl:attribute>
                      </xsl:if>
                      <xsl:value-of select="."/>
                    </option>
                  </xsl:for-each>
                  <!-- A value that is not (or no longer) a werkgebied stays visible. -->
                  <xsl:if test="$waarde != '' and not(/pagina/werkgebieden/werkgebied[. = $waarde])">
                    <option value="{$waarde}" selected="selected"><xsl:value-of select="$waarde"/></option>
                  </xsl:if>
                </select>
              </xsl:when>

              <xsl:otherwise>
                <input id="{$id}" name="{$naam}" value="{$waarde}" class="utrecht-textbox utrecht-textbox--html-input">
                  <!--
                    A date is a text box, never type="date": the browser's date
                    control empties a date it cannot read (2025-02-30) before the
                    form is sent, so what was typed would be lost, and the server
                    could only say "fill in the date". Its format is in the hint.
                  -->
                  <xsl:attribute name="type">text</xsl:attribute>
                  <xsl:if test="@type = 'date'">
                    <xsl:attribute name="spellcheck">false</xsl:attribute>
                  </xsl:if>
                  <xsl:if test="@type = 'number'">
                    <xsl:attribute name="inputmode">numeric</xsl:attribute>
                    <xsl:attribute name="spellcheck">false</xsl:attribute>
                  </xsl:if>
                  <xsl:call-template name="fm-control-attributen">
                    <xsl:with-param name="beschreven" select="$beschreven"/>
                    <xsl:with-param name="fout" select="$fout"/>
                    <xsl:with-param name="invalid-klasse" select="'utrecht-textbox--invalid'"/>
                    <xsl:with-param name="extra-klasse">
                      <xsl:if test="@type = 'number'">utrecht-textbox--numeric</xsl:if>
                      <xsl:if test="@type = 'date'">halt-smal</xsl:if>
                    </xsl:with-param>
                  </xsl:call-template>
                </input>
              </xsl:otherwise>
            </xsl:choose>
          </div>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- required, aria-describedby, aria-invalid and the invalid class on a single control. -->
  <xsl:template name="fm-control-attributen">
    <xsl:param name="beschreven"/>
    <xsl:param name="fout"/>
    <xsl:param name="invalid-klasse"/>
    <xsl:param name="extra-klasse" select="''"/>
    <xsl:if test="$fout or string($extra-klasse) != ''">
      <xsl:attribute name="class">
        <xsl:choose>
          <xsl:when test="@type = 'textarea'">utrecht-textarea utrecht-textarea--html-textarea</xsl:when>
          <xsl:when test="@type = 'choice'">utrecht-select utrecht-select--html-select</xsl:when>
          <xsl:otherwise>utrecht-textbox utrecht-textbox--html-input</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="string($extra-klasse) != ''">
          <xsl:value-of select="concat(' ', $extra-klasse)"/>
        </xsl:if>
        <xsl:if test="$fout"><xsl:value-of select="concat(' ', $invalid-klasse)"/></xsl:if>
      </xsl:attribute>
    </xsl:if>
    <xsl:if test="@required = 'ja'">
      <xsl:attribute name="required">required</xsl:attribute>
    </xsl:if>
    <xsl:if test="string($beschreven) != ''">
      <xsl:attribute name="aria-describedby"><xsl:value-of select="$beschreven"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="$fout">
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
    </xsl:if>
  </xsl:template>

  <xsl:template name="fm-hint-en-fout">
    <xsl:param name="naam"/>
    <xsl:param name="fout"/>
    <xsl:if test="hint">
      <p class="utrecht-form-field-description" id="hint-{$naam}"><xsl:value-of select="hint"/></p>
    </xsl:if>
    <xsl:if test="@type = 'date'">
      <p class="utrecht-form-field-description" id="formaat-{$naam}">Schrijf de datum als jaar-maand-dag, bijvoorbeeld 2025-03-17.</p>
    </xsl:if>
    <xsl:if test="$fout">
      <xsl:call-template name="fm-fout">
        <xsl:with-param name="naam" select="$naam"/>
        <xsl:with-param name="fout" select="$fout"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="fm-fout">
    <xsl:param name="naam"/>
    <xsl:param name="fout"/>
    <p class="utrecht-form-field-error-message" id="fout-{$naam}">
      <span class="visually-hidden">Fout:</span>
      <xsl:text> </xsl:text>
      <xsl:value-of select="$fout"/>
    </p>
  </xsl:template>

</xsl:stylesheet>
