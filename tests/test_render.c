/* test_render.c: the stylesheets render safe HTML5 pages, and hostile or broken stylesheets are contained. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <libxml/parser.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>

#include "render.h"
#include "xml.h"

#define XSLT_DIR	"xslt"

static const char *start_page =
    "<pagina status=\"200\" pad=\"/\" methode=\"GET\">"
    "<gebruiker naam=\"Eva &lt;script&gt;\" rol=\"officier\" werkgebied=\"\" getraind=\"nee\"/>"
    "<csrf>tok123</csrf>"
    "<contact naam=\"Landelijk contact\" email=\"contact@example.org\" telefoon=\"0123\"/>"
    "<start rol=\"officier\">"
    "<taak href=\"/verwijzingen/nieuw\">Nieuwe verwijzing &lt;script&gt;alert(1)&lt;/script&gt;</taak>"
    "<taak href=\"/zaken\" aantal=\"3\">Mijn verwijzingen</taak>"
    "<taak href=\"/overleg\" aantal=\"1\">Overleg</taak>"
    "<taak href=\"javascript:alert(1)\">Kwaad</taak>"
    "</start></pagina>";

static const char *form_page_fmt =
    "<pagina status=\"%s\" pad=\"/verwijzingen\" methode=\"POST\">"
    "<gebruiker naam=\"officier\" rol=\"officier\" werkgebied=\"\" getraind=\"nee\"/>"
    "<csrf>tok123</csrf>"
    "<definitie><form name=\"verwijzing\" titel=\"Nieuwe verwijzing\" actie=\"/verwijzingen\" rollen=\"officier\">"
    "<field name=\"gedrag\" type=\"choice\" required=\"ja\"><label>Gedrag</label>"
    "<choice value=\"sexting\">Sexting</choice></field></form></definitie>"
    "<formulier naam=\"verwijzing\"><waarde naam=\"gedrag\">x</waarde>%s</formulier>"
    "</pagina>";

/* A page built from literal XML; the test fails if the literal is not well-formed. */
static xmlDocPtr
page(const char *xml)
{
	xmlDocPtr doc;

	doc = xml_parse_safe(xml, strlen(xml));
	assert_non_null(doc);
	return doc;
}

/* Render xml with r; the HTML as a NUL-terminated string the caller frees with xmlFree. */
static char *
render_ok(struct render *r, const char *xml)
{
	xmlDocPtr doc = page(xml);
	xmlChar *out = NULL;
	int len = -1;

	assert_int_equal(render_html(r, doc, &out, &len), 0);
	assert_non_null(out);
	assert_int_equal((int)strlen((char *)out), len);
	xmlFreeDoc(doc);
	return (char *)out;
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static int
setup_render(void **state)
{
	struct render *r = NULL;
	char err[512] = "";

	if (render_open(&r, XSLT_DIR, err, sizeof(err)) != 0) {
		fprintf(stderr, "render_open: %s\n", err);
		return -1;
	}
	*state = r;
	return 0;
}

static int
teardown_render(void **state)
{
	render_close(*state);
	return 0;
}

static void
test_open_compiles_the_project_stylesheets(void **state)
{
	assert_non_null(*state);
}

static void
test_start_page_is_html5_in_dutch_with_title(void **state)
{
	char *html = render_ok(*state, start_page);

	assert_true(strncmp(html, "<!DOCTYPE html>\n<html", 21) == 0);
	assert_int_equal(count(html, "<!DOCTYPE"), 1);
	assert_non_null(strstr(html, "lang=\"nl\""));
	assert_non_null(strstr(html, "<title>Start — Halt Respect Online</title>"));
	assert_non_null(strstr(html, "Naar de inhoud"));
	assert_non_null(strstr(html, "<main id=\"inhoud\""));
	assert_non_null(strstr(html, "href=\"/static/halt.css\""));
	xmlFree(html);
}

static void
test_exactly_one_encoding_declaration(void **state)
{
	char *html = render_ok(*state, start_page);

	assert_int_equal(count(html, "<meta charset=\"utf-8\">"), 1);
	assert_null(strstr(html, "http-equiv"));
	xmlFree(html);
}

static void
test_text_from_the_document_is_escaped(void **state)
{
	char *html = render_ok(*state, start_page);

	assert_non_null(strstr(html, "Eva &lt;script&gt;"));
	assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_null(strstr(html, "<script"));
	xmlFree(html);
}

static void
test_non_ascii_text_stays_utf8(void **state)
{
	char *html = render_ok(*state,
	    "<pagina pad=\"/\"><gebruiker naam=\"Zoë Ørsted\" rol=\"beheer\"/>"
	    "<start rol=\"beheer\"/></pagina>");

	assert_non_null(strstr(html, "Welkom, Zoë Ørsted"));
	xmlFree(html);
}

static void
test_start_page_shows_tasks_with_counts(void **state)
{
	char *html = render_ok(*state, start_page);

	assert_non_null(strstr(html, "Welkom, Eva &lt;script&gt;"));
	assert_non_null(strstr(html, "href=\"/zaken\""));
	assert_non_null(strstr(html, "3 wachten op u"));
	assert_non_null(strstr(html, "1 wacht op u"));
	/* A task whose link is not a local path is shown without a link. */
	assert_null(strstr(html, "javascript:"));
	assert_non_null(strstr(html, "Kwaad"));
	xmlFree(html);
}

static void
test_officier_navigation_marks_current_page(void **state)
{
	char *html = render_ok(*state,
	    "<pagina pad=\"/zaken\"><gebruiker naam=\"o\" rol=\"officier\"/>"
	    "<start rol=\"officier\"/></pagina>");

	assert_non_null(strstr(html, "href=\"/verwijzingen/nieuw\">Nieuwe verwijzing</a>"));
	assert_non_null(strstr(html, "href=\"/zaken\" aria-current=\"page\">Mijn verwijzingen</a>"));
	assert_non_null(strstr(html, "href=\"/overleg\">Overleg</a>"));
	assert_non_null(strstr(html, "href=\"/\">Start</a>"));
	assert_int_equal(count(html, "aria-current"), 1);
	xmlFree(html);
}

static void
test_posted_referral_form_keeps_its_menu_item_current(void **state)
{
	char *html = render_ok(*state,
	    "<pagina pad=\"/verwijzingen\" methode=\"POST\"><gebruiker naam=\"o\" rol=\"officier\"/>"
	    "<start rol=\"officier\"/></pagina>");

	assert_non_null(strstr(html,
	    "href=\"/verwijzingen/nieuw\" aria-current=\"page\">Nieuwe verwijzing</a>"));
	xmlFree(html);
}

static void
test_navigation_follows_the_role(void **state)
{
	char *html;

	html = render_ok(*state, "<pagina pad=\"/\"><gebruiker naam=\"a\" rol=\"halt-admin\" werkgebied=\"Limburg\"/><start/></pagina>");
	assert_non_null(strstr(html, ">Zaken</a>"));
	assert_non_null(strstr(html, "Limburg"));
	assert_null(strstr(html, "/verwijzingen/nieuw"));
	xmlFree(html);

	/* The medewerker's menu opens the werkgebied's zaken: "Mijn zaken" is a start task. */
	html = render_ok(*state, "<pagina pad=\"/\"><gebruiker naam=\"m\" rol=\"halt-medewerker\"/><start/></pagina>");
	assert_non_null(strstr(html, "href=\"/zaken\">Zaken</a>"));
	assert_null(strstr(html, ">Mijn zaken</a>"));
	xmlFree(html);

	html = render_ok(*state, "<pagina pad=\"/overleg\"><gebruiker naam=\"c\" rol=\"landelijk-contact\"/><start/></pagina>");
	assert_non_null(strstr(html, "href=\"/overleg\" aria-current=\"page\">Vragen</a>"));
	assert_null(strstr(html, "href=\"/zaken\""));
	xmlFree(html);

	html = render_ok(*state, "<pagina pad=\"/beheer/audit\"><gebruiker naam=\"b\" rol=\"beheer\"/><start/></pagina>");
	assert_non_null(strstr(html, "href=\"/beheer/audit\" aria-current=\"page\">Audit</a>"));
	assert_null(strstr(html, "href=\"/zaken\""));
	assert_null(strstr(html, "href=\"/overleg\""));
	xmlFree(html);
}

static void
test_deeper_page_marks_its_section(void **state)
{
	char *html = render_ok(*state,
	    "<pagina pad=\"/zaken/Z123\"><gebruiker naam=\"m\" rol=\"halt-medewerker\"/>"
	    "<start/></pagina>");

	assert_non_null(strstr(html, "href=\"/zaken\" aria-current=\"true\">Zaken</a>"));
	assert_null(strstr(html, "aria-current=\"page\""));
	xmlFree(html);
}

static void
test_form_with_errors_gets_fout_title_prefix(void **state)
{
	char xml[2048];
	char *html;

	snprintf(xml, sizeof(xml), form_page_fmt, "422",
	    "<fout veld=\"gedrag\">Kies het gedrag</fout>");
	html = render_ok(*state, xml);
	assert_non_null(strstr(html, "<title>Fout: "));
	assert_non_null(strstr(html, "— Halt Respect Online</title>"));
	xmlFree(html);

	snprintf(xml, sizeof(xml), form_page_fmt, "200", "");
	html = render_ok(*state, xml);
	assert_null(strstr(html, "<title>Fout: "));
	assert_non_null(strstr(html, "<title>Nieuwe verwijzing"));
	xmlFree(html);
}

static void
test_error_page_shows_title_message_and_way_back(void **state)
{
	char *html = render_ok(*state,
	    "<pagina status=\"404\" pad=\"/nergens\"><gebruiker naam=\"o\" rol=\"officier\"/>"
	    "<fout status=\"404\"><titel>Pagina niet gevonden</titel>"
	    "<bericht>Deze pagina bestaat niet.</bericht></fout></pagina>");

	assert_non_null(strstr(html,
	    "<title>Fout: Pagina niet gevonden — Halt Respect Online</title>"));
	assert_non_null(strstr(html, ">Pagina niet gevonden</h1>"));
	assert_non_null(strstr(html, "Deze pagina bestaat niet."));
	assert_non_null(strstr(html, "href=\"/\">Terug naar de startpagina</a>"));
	xmlFree(html);
}

static void
test_unknown_content_is_not_dumped(void **state)
{
	char *html = render_ok(*state,
	    "<pagina pad=\"/x\"><gebruiker naam=\"o\" rol=\"officier\"/>"
	    "<geheim><naam>Jan Jansen</naam><bsn>123456782</bsn></geheim></pagina>");

	assert_null(strstr(html, "Jan Jansen"));
	assert_null(strstr(html, "123456782"));
	assert_non_null(strstr(html, "Deze pagina kan niet worden getoond"));
	xmlFree(html);
}

static void
test_page_context_is_not_rendered_as_content(void **state)
{
	char *html = render_ok(*state, start_page);

	/* The csrf token is for forms only; the layout never prints it as text. */
	assert_null(strstr(html, ">tok123<"));
	xmlFree(html);
}

/* Several threads share one handle; every result is the same page. */
struct worker {
	struct render	*r;
	const char	*expect;
	int		 failures;
};

static void *
worker_run(void *arg)
{
	struct worker *w = arg;
	xmlDocPtr doc;
	xmlChar *out;
	int i, len;

	for (i = 0; i < 50; i++) {
		doc = xml_parse_safe(start_page, strlen(start_page));
		if (doc == NULL || render_html(w->r, doc, &out, &len) != 0) {
			w->failures++;
			xmlFreeDoc(doc);
			continue;
		}
		if (strcmp((char *)out, w->expect) != 0)
			w->failures++;
		xmlFree(out);
		xmlFreeDoc(doc);
	}
	return NULL;
}

static void
test_concurrent_renders_share_one_handle(void **state)
{
	struct worker w[4];
	pthread_t t[4];
	char *expect = render_ok(*state, start_page);
	int i;

	for (i = 0; i < 4; i++) {
		w[i].r = *state;
		w[i].expect = expect;
		w[i].failures = 0;
		assert_int_equal(pthread_create(&t[i], NULL, worker_run, &w[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(w[i].failures, 0);
	}
	xmlFree(expect);
}

/* Temporary stylesheet directories. */
static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

static void
remove_dir(const char *dir)
{
	static const char *names[] = { "halt.xsl", "geheim.xml", "uit.html", "x.xsl" };
	char path[1024];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

/*
 * Apply dir/x.xsl, which only reads the secret, without security
 * preferences: proves that document() would leak the file without render.c.
 */
static int
reads_secret_when_allowed(const char *dir, xmlDocPtr doc, const char *secret)
{
	xsltStylesheetPtr style;
	xsltTransformContextPtr c;
	xsltSecurityPrefsPtr sp;
	xmlDocPtr res;
	xmlChar *s = NULL;
	char path[1024];
	int n = 0, found = 0;

	snprintf(path, sizeof(path), "%s/x.xsl", dir);
	style = xsltParseStylesheetDoc(xml_read_file_safe(path));
	assert_non_null(style);
	c = xsltNewTransformContext(style, doc);
	sp = xsltNewSecurityPrefs();	/* allows everything */
	assert_non_null(c);
	assert_non_null(sp);
	xsltSetCtxtSecurityPrefs(sp, c);
	res = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, c);
	if (res != NULL) {
		xmlDocDumpMemory(res, &s, &n);
		found = s != NULL && strstr((char *)s, secret) != NULL;
		xmlFree(s);
		xmlFreeDoc(res);
	}
	xsltFreeTransformContext(c);
	xsltFreeSecurityPrefs(sp);
	xsltFreeStylesheet(style);
	return found;
}

static void
test_stylesheet_cannot_read_or_write_files(void **state)
{
	char dir[] = "/tmp/test_render.XXXXXX";
	char xsl[4096], secret[256], written[256], err[512] = "";
	struct render *r = NULL;
	xmlDocPtr doc;
	xmlChar *out = NULL;
	int len = 0, rc;

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* Well-formed XML, so that document() would succeed if it were allowed. */
	write_file(dir, "geheim.xml", "<x>GEHEIM-7f3a</x>");
	snprintf(secret, sizeof(secret), "%s/geheim.xml", dir);
	snprintf(written, sizeof(written), "%s/uit.html", dir);
	snprintf(xsl, sizeof(xsl),
	    "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\""
	    " xmlns:exsl=\"http://exslt.org/common\" extension-element-prefixes=\"exsl\">"
	    "<xsl:output method=\"html\"/>"
	    "<xsl:template match=\"/\"><html><body>"
	    "<p><xsl:value-of select=\"document('%s')\"/></p>"
	    "<p><xsl:value-of select=\"document('file://%s')\"/></p>"
	    "<p><xsl:value-of select=\"document('/etc/passwd')\"/></p>"
	    "<p><xsl:value-of select=\"document('http://127.0.0.1:9/x.xml')\"/></p>"
	    "<exsl:document href=\"%s\" method=\"html\"><p>uit</p></exsl:document>"
	    "</body></html></xsl:template></xsl:stylesheet>",
	    secret, secret, written);
	write_file(dir, "halt.xsl", xsl);
	snprintf(xsl, sizeof(xsl),
	    "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
	    "<xsl:template match=\"/\"><p><xsl:value-of select=\"document('%s')\"/></p>"
	    "</xsl:template></xsl:stylesheet>", secret);
	write_file(dir, "x.xsl", xsl);

	assert_int_equal(render_open(&r, dir, err, sizeof(err)), 0);

	/* Control: with reading allowed, libxslt does read the file. */
	doc = page("<pagina/>");
	assert_true(reads_secret_when_allowed(dir, doc, "GEHEIM-7f3a"));

	/* Through render_html: refused, or rendered without the file's content. */
	rc = render_html(r, doc, &out, &len);
	if (rc == 0) {
		assert_null(strstr((char *)out, "GEHEIM-7f3a"));
		assert_null(strstr((char *)out, "root:"));
		xmlFree(out);
	} else
		assert_null(out);
	assert_int_equal(access(written, F_OK), -1);

	xmlFreeDoc(doc);
	render_close(r);
	remove_dir(dir);
}

static void
expect_open_fails(const char *halt_xsl, const char *other, const char *other_text,
    const char *want)
{
	char dir[] = "/tmp/test_render.XXXXXX";
	char err[512] = "";
	struct render *r = (struct render *)&err;	/* must be reset to NULL */

	assert_non_null(mkdtemp(dir));
	if (halt_xsl != NULL)
		write_file(dir, "halt.xsl", halt_xsl);
	if (other != NULL)
		write_file(dir, other, other_text);
	assert_int_equal(render_open(&r, dir, err, sizeof(err)), -1);
	assert_null(r);
	assert_non_null(strstr(err, "halt.xsl"));
	if (want != NULL && strstr(err, want) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", err, want);
	remove_dir(dir);
}

static void
test_open_refuses_malformed_stylesheet_with_message(void **state)
{
	(void)state;
	expect_open_fails("<xsl:stylesheet version=\"1.0\" "
	    "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"><xsl:template>",
	    NULL, NULL, "not well-formed");
}

static void
test_open_refuses_invalid_xslt_with_message(void **state)
{
	(void)state;
	expect_open_fails("<xsl:stylesheet version=\"1.0\" "
	    "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
	    "<xsl:template match=\"/\"><xsl:value-of select=\"((\"/></xsl:template>"
	    "</xsl:stylesheet>", NULL, NULL, "not a valid stylesheet");
}

static void
test_open_refuses_broken_import(void **state)
{
	(void)state;
	expect_open_fails("<xsl:stylesheet version=\"1.0\" "
	    "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
	    "<xsl:import href=\"x.xsl\"/></xsl:stylesheet>",
	    "x.xsl", "<xsl:stylesheet", "not a valid stylesheet");
}

static void
test_open_refuses_missing_stylesheet(void **state)
{
	(void)state;
	expect_open_fails(NULL, NULL, NULL, NULL);
}

static void
test_open_refuses_a_dtd(void **state)
{
	(void)state;
	expect_open_fails("<!DOCTYPE x [<!ENTITY e SYSTEM \"/etc/passwd\">]>"
	    "<xsl:stylesheet version=\"1.0\" "
	    "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"/>", NULL, NULL, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_compiles_the_project_stylesheets),
		cmocka_unit_test(test_start_page_is_html5_in_dutch_with_title),
		cmocka_unit_test(test_exactly_one_encoding_declaration),
		cmocka_unit_test(test_text_from_the_document_is_escaped),
		cmocka_unit_test(test_non_ascii_text_stays_utf8),
		cmocka_unit_test(test_start_page_shows_tasks_with_counts),
		cmocka_unit_test(test_officier_navigation_marks_current_page),
		cmocka_unit_test(test_posted_referral_form_keeps_its_menu_item_current),
		cmocka_unit_test(test_navigation_follows_the_role),
		cmocka_unit_test(test_deeper_page_marks_its_section),
		cmocka_unit_test(test_form_with_errors_gets_fout_title_prefix),
		cmocka_unit_test(test_error_page_shows_title_message_and_way_back),
		cmocka_unit_test(test_unknown_content_is_not_dumped),
		cmocka_unit_test(test_page_context_is_not_rendered_as_content),
		cmocka_unit_test(test_concurrent_renders_share_one_handle),
	};
	const struct CMUnitTest isolated[] = {
		cmocka_unit_test(test_stylesheet_cannot_read_or_write_files),
		cmocka_unit_test(test_open_refuses_malformed_stylesheet_with_message),
		cmocka_unit_test(test_open_refuses_invalid_xslt_with_message),
		cmocka_unit_test(test_open_refuses_broken_import),
		cmocka_unit_test(test_open_refuses_missing_stylesheet),
		cmocka_unit_test(test_open_refuses_a_dtd),
	};
	int failed;

	xml_init();
	failed = cmocka_run_group_tests_name("render", tests, setup_render,
	    teardown_render);
	failed += cmocka_run_group_tests_name("render_hostile", isolated, NULL,
	    NULL);
	return failed != 0;
}
