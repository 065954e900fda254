/* render.c: page documents to HTML5 through xslt/halt.xsl, with file and network access forbidden. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/HTMLtree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <libexslt/exslt.h>

#include "render.h"
#include "xml.h"

/*
 * Our pages nest a few templates deep; a recursive template that runs away
 * (a stylesheet bug) should stop long before it can exhaust a thread stack.
 */
#define RENDER_MAX_DEPTH	500

/* The stylesheet never declares a doctype: HTML5's is the short one. */
#define RENDER_DOCTYPE		"<!DOCTYPE html>\n"

struct render {
	xsltStylesheetPtr	 style;
	xsltSecurityPrefsPtr	 sec;	/* read-only after open, shared by all contexts */
};

/* Collects the first error message of one parse or transformation. */
struct render_err {
	char	*buf;
	size_t	 sz;
};

static void
render_collect(void *ctx, const char *fmt, ...)
{
	struct render_err *e = ctx;
	va_list ap;
	size_t len;

	/* libxslt reports one error in several calls; keep what fits. */
	if (e == NULL || e->buf == NULL || e->sz == 0)
		return;
	len = strlen(e->buf);
	if (len + 1 >= e->sz)
		return;
	va_start(ap, fmt);
	vsnprintf(e->buf + len, e->sz - len, fmt, ap);
	va_end(ap);
}

/*
 * One line for a log or err buffer: libxslt says where ("file x line 3
 * element value-of") and then what, on separate lines.
 */
static void
render_oneline(char *s)
{
	size_t len;
	char *p;

	len = strlen(s);
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == ' '))
		s[--len] = '\0';
	for (p = s; *p != '\0'; p++)
		if (*p == '\n')
			*p = ';';
}

static xsltSecurityPrefsPtr
render_secprefs(void)
{
	static const xsltSecurityOption forbidden[] = {
		XSLT_SECPREF_READ_FILE,
		XSLT_SECPREF_WRITE_FILE,
		XSLT_SECPREF_CREATE_DIRECTORY,
		XSLT_SECPREF_READ_NETWORK,
		XSLT_SECPREF_WRITE_NETWORK,
	};
	xsltSecurityPrefsPtr sec;
	size_t i;

	if ((sec = xsltNewSecurityPrefs()) == NULL)
		return NULL;
	for (i = 0; i < sizeof(forbidden) / sizeof(forbidden[0]); i++) {
		if (xsltSetSecurityPrefs(sec, forbidden[i],
		    xsltSecurityForbid) != 0) {
			xsltFreeSecurityPrefs(sec);
			return NULL;
		}
	}
	return sec;
}

int
render_open(struct render **rp, const char *dir, char *err, size_t errsz)
{
	struct render *r = NULL;
	struct render_err collected;
	xmlDocPtr doc = NULL;
	const xmlError *xe;
	char path[4096], msg[512];
	int n;

	*rp = NULL;
	msg[0] = '\0';
	collected.buf = msg;
	collected.sz = sizeof(msg);

	n = snprintf(path, sizeof(path), "%s/halt.xsl", dir);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		snprintf(err, errsz, "render_open: stylesheet directory name too long");
		goto fail;
	}

	/* Startup, single-threaded: process-wide libxslt set-up belongs here. */
	xsltInit();
	exsltRegisterAll();
	xsltMaxDepth = RENDER_MAX_DEPTH;

	if ((r = calloc(1, sizeof(*r))) == NULL) {
		snprintf(err, errsz, "render_open: out of memory");
		goto fail;
	}
	if ((r->sec = render_secprefs()) == NULL) {
		snprintf(err, errsz, "render_open: cannot create XSLT security preferences");
		goto fail;
	}

	if (access(path, R_OK) != 0) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		goto fail;
	}
	xmlResetLastError();
	if ((doc = xml_read_file_safe(path)) == NULL) {
		xe = xmlGetLastError();
		if (xe != NULL && xe->message != NULL) {
			snprintf(msg, sizeof(msg), "%s", xe->message);
			render_oneline(msg);
			snprintf(err, errsz, "%s:%d: not well-formed XML: %s",
			    path, xe->line, msg);
		} else
			snprintf(err, errsz, "%s: cannot read, or it declares a DTD",
			    path);
		goto fail;
	}

	/*
	 * Compile errors (also those of imported sheets) go to libxslt's
	 * process-wide handler; catch them while we are still alone.
	 */
	xsltSetGenericErrorFunc(&collected, render_collect);
	r->style = xsltParseStylesheetDoc(doc);
	xsltSetGenericErrorFunc(NULL, NULL);
	if (r->style == NULL || r->style->errors != 0) {
		render_oneline(msg);
		snprintf(err, errsz, "%s: not a valid stylesheet%s%s", path,
		    msg[0] != '\0' ? ": " : "", msg);
		if (r->style == NULL)
			xmlFreeDoc(doc);	/* on failure libxslt leaves it to us */
		goto fail;
	}
	*rp = r;
	return 0;
fail:
	render_close(r);
	return -1;
}

void
render_close(struct render *r)
{
	if (r == NULL)
		return;
	if (r->style != NULL)
		xsltFreeStylesheet(r->style);	/* frees its document too */
	if (r->sec != NULL)
		xsltFreeSecurityPrefs(r->sec);
	free(r);
}

/*
 * Serialize the HTML result ourselves: xsltSaveResultToString() would run
 * htmlSetMetaEncoding(), which adds a second, HTML4-style encoding
 * declaration next to the stylesheet's <meta charset="utf-8">.
 */
static int
render_serialize(xmlDocPtr res, xmlChar **out, int *len)
{
	xmlOutputBufferPtr ob = NULL;
	const xmlChar *content;
	size_t clen, dlen = sizeof(RENDER_DOCTYPE) - 1;
	xmlChar *s;
	int rc = -1;

	if (res->type != XML_HTML_DOCUMENT_NODE)
		goto fail;	/* halt.xsl must use <xsl:output method="html"/> */
	if ((ob = xmlAllocOutputBuffer(NULL)) == NULL)
		goto fail;
	htmlDocContentDumpFormatOutput(ob, res, "UTF-8", 0);
	if (xmlOutputBufferFlush(ob) < 0 || ob->error != 0)
		goto fail;
	content = xmlOutputBufferGetContent(ob);
	clen = xmlOutputBufferGetSize(ob);
	if (content == NULL || clen > (size_t)0x7fffffff - dlen - 1)
		goto fail;
	if ((s = xmlMalloc(dlen + clen + 1)) == NULL)
		goto fail;
	memcpy(s, RENDER_DOCTYPE, dlen);
	memcpy(s + dlen, content, clen);
	s[dlen + clen] = '\0';
	*out = s;
	*len = (int)(dlen + clen);
	rc = 0;
fail:
	if (ob != NULL)
		xmlOutputBufferClose(ob);
	return rc;
}

int
render_html(struct render *r, xmlDocPtr page, xmlChar **out, int *len)
{
	xsltTransformContextPtr ctxt = NULL;
	xmlDocPtr res = NULL;
	struct render_err collected;
	char msg[256];
	int rc = -1;

	*out = NULL;
	*len = 0;
	msg[0] = '\0';
	collected.buf = msg;
	collected.sz = sizeof(msg);
	if (r == NULL || r->style == NULL || page == NULL)
		goto fail;

	/* A context per call: the compiled stylesheet is shared read-only. */
	if ((ctxt = xsltNewTransformContext(r->style, page)) == NULL)
		goto fail;
	if (xsltSetCtxtSecurityPrefs(r->sec, ctxt) != 0)
		goto fail;
	xsltSetTransformErrorFunc(ctxt, &collected, render_collect);
	res = xsltApplyStylesheetUser(r->style, page, NULL, NULL, NULL, ctxt);
	if (res == NULL || ctxt->state != XSLT_STATE_OK)
		goto fail;
	rc = render_serialize(res, out, len);
fail:
	if (rc != 0) {
		/* Stylesheet messages name templates and URIs, not field values. */
		render_oneline(msg);
		fprintf(stderr, "%s: transformation failed%s%s\n", __func__,
		    msg[0] != '\0' ? ": " : "", msg);
	}
	if (res != NULL)
		xmlFreeDoc(res);
	if (ctxt != NULL)
		xsltFreeTransformContext(ctxt);
	return rc;
}
