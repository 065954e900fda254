/* test_form.c: the form definitions load, and the generic validator applies every rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libxml/tree.h>

#include "form.h"
#include "http.h"
#include "xml.h"

#define FORMS_DIR	"forms"
#define MAXP		80

static const char *const werkgebieden[] = {
	"Noord-Nederland", "Midden-Nederland", "Limburg"
};

static const struct form_ctx ctx = {
	"2024-12-31", werkgebieden, sizeof(werkgebieden) / sizeof(werkgebieden[0])
};

/* A complete, valid referral; tests change one thing at a time. */
static const struct http_param complete[] = {
	{ "csrf", "token", 5 },
	{ "verwijzer_naam", "Mr. A. de Vries", 0 },
	{ "parketnummer", "12/345678-24", 0 },
	{ "datum_beslissing", "2024-06-01", 0 },
	{ "regio", "Midden-Nederland", 0 },
	{ "jongere_voornaam", "Sam", 0 },
	{ "jongere_achternaam", "Jansen", 0 },
	{ "jongere_geboortedatum", "2008-03-10", 0 },
	{ "delict_datum", "2024-01-10", 0 },
	{ "gedrag", "sexting", 0 },
	{ "omschrijving", "Foto doorgestuurd in een groepsapp.", 0 },
	{ "tenlastelegging", "niet-zedenfeit", 0 },
	{ "instemming_jongere", "ja", 0 },
	{ "instemming_ouders", "ja", 0 },
	{ "eerdere_halt", "0", 0 },
	{ "eerder_om_misdrijf", "nee", 0 },
	{ "lichte_vorm", "ja", 0 },
	{ "bekent", "ja", 0 },
	{ "contra_chantage", "nee", 0 },
	{ "contra_dwang", "nee", 0 },
	{ "contra_misleiding", "nee", 0 },
	{ "contra_planmatig", "nee", 0 },
	{ "contra_hands_on", "nee", 0 },
	{ "contra_zedengeschiedenis", "nee", 0 },
	{ "contra_problematiek", "nee", 0 },
	{ "contra_eerder_sexting", "nee", 0 },
	{ "actie", "controleren", 0 },
};

struct req {
	struct http_param	v[MAXP];
	struct http_params	p;
};

static struct form_set *set;

static void
req_init(struct req *r, const struct http_param *base, size_t n)
{
	size_t i;

	assert_true(n <= MAXP);
	for (i = 0; i < n; i++) {
		r->v[i] = base[i];
		r->v[i].len = strlen(base[i].value);
	}
	r->p.v = r->v;
	r->p.n = n;
}

static void
req_referral(struct req *r)
{
	req_init(r, complete, sizeof(complete) / sizeof(complete[0]));
}

/* Replace the first value of name, or append it (value NULL removes it). */
static void
req_set(struct req *r, const char *name, const char *value)
{
	size_t i;

	for (i = 0; i < r->p.n; i++)
		if (strcmp(r->v[i].name, name) == 0)
			break;
	if (value == NULL) {
		if (i < r->p.n) {
			memmove(&r->v[i], &r->v[i + 1], (r->p.n - i - 1) * sizeof(r->v[0]));
			r->p.n--;
		}
		return;
	}
	if (i == r->p.n) {
		assert_true(r->p.n < MAXP);
		r->p.n++;
	}
	r->v[i].name = name;
	r->v[i].value = value;
	r->v[i].len = strlen(value);
}

static void
req_add(struct req *r, const char *name, const char *value)
{
	assert_true(r->p.n < MAXP);
	r->v[r->p.n].name = name;
	r->v[r->p.n].value = value;
	r->v[r->p.n].len = strlen(value);
	r->p.n++;
}

/* The error sentence for field, or NULL. */
static const char *
fout(xmlDocPtr doc, const char *veld)
{
	xmlNodePtr n;

	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, BAD_CAST "fout") &&
		    strcmp(xml_attr(n, "veld"), veld) == 0)
			return (const char *)n->children->content;
	return NULL;
}

static int
count(xmlDocPtr doc, const char *elem, const char *attr, const char *val)
{
	xmlNodePtr	 n;
	int		 k = 0;

	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, BAD_CAST elem) &&
		    (attr == NULL || strcmp(xml_attr(n, attr), val) == 0))
			k++;
	return k;
}

static xmlDocPtr
validate(const char *form, struct req *r, int *nerr)
{
	const struct form	*f = form_get(set, form);
	xmlDocPtr		 doc;

	assert_non_null(f);
	doc = form_validate(f, &r->p, &ctx, nerr);
	assert_non_null(doc);
	return doc;
}

/* The referral with one field changed: the error for that field, or NULL. */
static const char *
referral_error(const char *name, const char *value, xmlDocPtr *docp)
{
	struct req	 r;
	int		 nerr;

	req_referral(&r);
	req_set(&r, name, value);
	*docp = validate("verwijzing", &r, &nerr);
	return fout(*docp, name);
}

static void
assert_referral_error(const char *name, const char *value, const char *want)
{
	xmlDocPtr	 doc;
	const char	*got = referral_error(name, value, &doc);

	if (want == NULL) {
		if (got != NULL)
			fail_msg("%s=%s: unexpected error \"%s\"", name, value, got);
	} else {
		if (got == NULL)
			fail_msg("%s=%s: no error, want \"%s\"", name, value, want);
		assert_string_equal(got, want);
	}
	xmlFreeDoc(doc);
}

/* ------------------------------------------------------------ temp forms */

static char tmpdir[64];

static void
write_file(const char *dir, const char *name, const char *text)
{
	char	 path[256];
	FILE	*fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

static void
copy_schema(const char *dir)
{
	char	 buf[16384];
	size_t	 n;
	FILE	*fp;

	assert_non_null(fp = fopen(FORMS_DIR "/form.rng", "r"));
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	assert_true(n > 0 && n < sizeof(buf) - 1);
	buf[n] = '\0';
	write_file(dir, "form.rng", buf);
}

static void
make_tmpdir(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_form.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	copy_schema(tmpdir);
}

static void
remove_tmpdir(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	assert_int_equal(system(cmd), 0);
}

/* Load one definition from a temp dir; returns the error text ("" when it loaded). */
static struct form_set *
load_one(const char *xml, char *err, size_t errsz)
{
	struct form_set *s = NULL;

	make_tmpdir();
	write_file(tmpdir, "x.xml", xml);
	if (form_set_load(tmpdir, &s, err, errsz) == 0)
		err[0] = '\0';
	remove_tmpdir();
	return s;
}

/* ------------------------------------------------------------------ tests */

static void
loading_all_definitions_succeeds(void **state)
{
	struct form_set	*s = NULL;
	char		 err[512];

	(void)state;
	assert_int_equal(form_set_load(FORMS_DIR, &s, err, sizeof(err)), 0);
	assert_non_null(form_get(s, "verwijzing"));
	assert_non_null(form_get(s, "overleg"));
	assert_non_null(form_get(s, "overleg-antwoord"));
	assert_null(form_get(s, "bestaat-niet"));
	assert_string_equal(xml_attr(form_definition(form_get(s, "verwijzing")),
	    "actie"), "/verwijzingen");
	form_set_free(s);
}

static void
schema_violation_names_file_and_line(void **state)
{
	struct form_set	*s;
	char		 err[512], want[128];

	(void)state;
	s = load_one("<?xml version=\"1.0\"?>\n"
	    "<form name=\"x\" titel=\"X\" actie=\"/x\" rollen=\"officier\">\n"
	    "  <field name=\"a\" type=\"text\"><label>A</label></field>\n"
	    "  <field name=\"b\" type=\"kleur\"><label>B</label></field>\n"
	    "</form>\n", err, sizeof(err));
	assert_null(s);
	snprintf(want, sizeof(want), "%s/x.xml:4: ", tmpdir);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("got \"%s\", want prefix \"%s\"", err, want);
}

static void
malformed_xml_names_file_and_line(void **state)
{
	struct form_set	*s;
	char		 err[512], want[128];

	(void)state;
	s = load_one("<?xml version=\"1.0\"?>\n"
	    "<form name=\"x\" titel=\"X\" actie=\"/x\" rollen=\"officier\">\n"
	    "\n"
	    "  <field name=\"a\" type=\"text\"><label>A</label></fieldx>\n"
	    "</form>\n", err, sizeof(err));
	assert_null(s);
	snprintf(want, sizeof(want), "%s/x.xml:4: ", tmpdir);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("got \"%s\", want prefix \"%s\"", err, want);
}

static void
reference_to_unknown_field_names_file_and_line(void **state)
{
	struct form_set	*s;
	char		 err[512], want[128];

	(void)state;
	s = load_one("<?xml version=\"1.0\"?>\n"
	    "<form name=\"x\" titel=\"X\" actie=\"/x\" rollen=\"officier\">\n"
	    "  <field name=\"a\" type=\"date\" not-after=\"b\"><label>A</label></field>\n"
	    "</form>\n", err, sizeof(err));
	assert_null(s);
	snprintf(want, sizeof(want), "%s/x.xml:3: ", tmpdir);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("got \"%s\", want prefix \"%s\"", err, want);
	assert_non_null(strstr(err, "\"b\""));
}

static void
complete_referral_has_no_errors(void **state)
{
	struct req	 r;
	xmlDocPtr	 doc;
	int		 nerr = -1;

	(void)state;
	req_referral(&r);
	doc = validate("verwijzing", &r, &nerr);
	assert_int_equal(nerr, 0);
	assert_int_equal(count(doc, "fout", NULL, NULL), 0);
	assert_string_equal(form_value(doc, "gedrag"), "sexting");
	assert_string_equal(form_value(doc, "eerdere_halt"), "0");
	xmlFreeDoc(doc);
}

static void
empty_referral_reports_required_fields_in_definition_order(void **state)
{
	static const char *const want[] = {
		"verwijzer_naam", "parketnummer", "datum_beslissing", "regio",
		"jongere_voornaam", "jongere_achternaam", "jongere_geboortedatum",
		"delict_datum", "gedrag", "omschrijving", "tenlastelegging",
		"instemming_jongere", "eerdere_halt", "eerder_om_misdrijf",
		"lichte_vorm", "bekent", "contra_chantage", "contra_dwang",
		"contra_misleiding", "contra_planmatig", "contra_hands_on",
		"contra_zedengeschiedenis", "contra_problematiek",
		"contra_eerder_sexting", "actie"
	};
	struct req	 r;
	xmlDocPtr	 doc;
	xmlNodePtr	 n;
	size_t		 i = 0;
	int		 nerr;

	(void)state;
	req_init(&r, NULL, 0);
	req_add(&r, "omschrijving", "   ");	/* only spaces is empty */
	doc = validate("verwijzing", &r, &nerr);
	assert_int_equal(nerr, (int)(sizeof(want) / sizeof(want[0])));
	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		if (!xmlStrEqual(n->name, BAD_CAST "fout"))
			continue;
		assert_true(i < sizeof(want) / sizeof(want[0]));
		assert_string_equal(xml_attr(n, "veld"), want[i]);
		i++;
	}
	assert_string_equal(fout(doc, "jongere_geboortedatum"),
	    "Vul de geboortedatum van de jongere in");
	assert_string_equal(fout(doc, "instemming_jongere"),
	    "Kies of de jongere instemt");
	assert_null(fout(doc, "pv_nummer"));
	assert_null(fout(doc, "instemming_ouders"));
	/* The spaces are still there for the user to see. */
	assert_string_equal(form_value(doc, "omschrijving"), "   ");
	xmlFreeDoc(doc);
}

static void
errors_follow_definition_order_not_request_order(void **state)
{
	struct req	 r;
	xmlDocPtr	 doc;
	xmlNodePtr	 n;
	const char	*first = NULL;
	int		 nerr;

	(void)state;
	req_referral(&r);
	req_set(&r, "contra_dwang", "misschien");
	req_set(&r, "eerdere_halt", "x");
	req_set(&r, "parketnummer", "");
	/* Move contra_dwang to the front of the request. */
	req_set(&r, "csrf", NULL);
	memmove(&r.v[1], &r.v[0], r.p.n * sizeof(r.v[0]));
	r.p.n++;
	r.v[0].name = "contra_dwang";
	r.v[0].value = "misschien";
	doc = validate("verwijzing", &r, &nerr);
	assert_int_equal(nerr, 3);
	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next)
		if (xmlStrEqual(n->name, BAD_CAST "fout") && first == NULL)
			first = xml_attr(n, "veld");
	assert_string_equal(first, "parketnummer");
	xmlFreeDoc(doc);
}

static void
instemming_ouders_required_the_day_before_the_16th_birthday(void **state)
{
	struct req	 r;
	xmlDocPtr	 doc;
	int		 nerr;

	(void)state;
	req_referral(&r);
	req_set(&r, "instemming_ouders", NULL);
	req_set(&r, "jongere_geboortedatum", "2008-06-15");
	req_set(&r, "datum_beslissing", "2024-06-14");
	doc = validate("verwijzing", &r, &nerr);
	assert_int_equal(nerr, 1);
	assert_string_equal(fout(doc, "instemming_ouders"),
	    "Kies of de ouders instemmen");
	xmlFreeDoc(doc);
}

static void
instemming_ouders_not_required_on_and_after_the_16th_birthday(void **state)
{
	static const char *const days[] = { "2024-06-15", "2024-06-16" };
	struct req	 r;
	xmlDocPtr	 doc;
	size_t		 i;
	int		 nerr;

	(void)state;
	for (i = 0; i < 2; i++) {
		req_referral(&r);
		req_set(&r, "instemming_ouders", NULL);
		req_set(&r, "jongere_geboortedatum", "2008-06-15");
		req_set(&r, "datum_beslissing", days[i]);
		doc = validate("verwijzing", &r, &nerr);
		assert_int_equal(nerr, 0);
		xmlFreeDoc(doc);
	}
}

static void
instemming_ouders_not_required_when_birth_date_is_invalid(void **state)
{
	struct req	 r;
	xmlDocPtr	 doc;
	int		 nerr;

	(void)state;
	req_referral(&r);
	req_set(&r, "instemming_ouders", NULL);
	req_set(&r, "jongere_geboortedatum", "2010-02-30");
	doc = validate("verwijzing", &r, &nerr);
	assert_int_equal(nerr, 1);
	assert_non_null(fout(doc, "jongere_geboortedatum"));
	xmlFreeDoc(doc);
}

static void
born_29_february_is_16_on_29_february_of_a_leap_year(void **state)
{
	struct req	 r;
	xmlDocPtr	 doc;
	int		 nerr;

	(void)state;
	req_referral(&r);
	req_set(&r, "instemming_ouders", NULL);
	req_set(&r, "jongere_geboortedatum", "2008-02-29");
	req_set(&r, "delict_datum", "2024-01-01");
	req_set(&r, "datum_beslissing", "2024-02-28");
	doc = validate("verwijzing", &r, &nerr);
	assert_non_null(fout(doc, "instemming_ouders"));
	xmlFreeDoc(doc);
	req_set(&r, "datum_beslissing", "2024-02-29");
	doc = validate("verwijzing", &r, &nerr);
	assert_null(fout(doc, "instemming_ouders"));
	xmlFreeDoc(doc);
}

/* A 16th birthday is always in a leap year, so a test form asks for under 15. */
static const char age_form[] = "<?xml version=\"1.0\"?>\n"
    "<form name=\"leeftijd\" titel=\"T\" actie=\"/t\" rollen=\"officier\">\n"
    "  <field name=\"geboren\" type=\"date\"><label>Geboren</label></field>\n"
    "  <field name=\"op\" type=\"date\"><label>Op</label></field>\n"
    "  <field name=\"toestemming\" type=\"choice\">\n"
    "    <label>Toestemming</label>\n"
    "    <choice value=\"ja\">Ja</choice>\n"
    "    <required-when-age-under years=\"15\" birth=\"geboren\" on=\"op\"/>\n"
    "    <required-when field=\"actie\" value=\"indienen\"/>\n"
    "  </field>\n"
    "  <field name=\"actie\" type=\"hidden\"/>\n"
    "</form>\n";

static int
age_form_errors(const char *born, const char *on, const char *actie)
{
	struct form_set		*s;
	struct req		 r;
	xmlDocPtr		 doc;
	char			 err[512];
	int			 nerr;

	s = load_one(age_form, err, sizeof(err));
	if (s == NULL)
		fail_msg("%s", err);
	req_init(&r, NULL, 0);
	req_add(&r, "geboren", born);
	req_add(&r, "op", on);
	if (actie != NULL)
		req_add(&r, "actie", actie);
	doc = form_validate(form_get(s, "leeftijd"), &r.p, &ctx, &nerr);
	assert_non_null(doc);
	if (nerr > 0)
		assert_string_equal(fout(doc, "toestemming"),
		    "Maak een keuze bij toestemming");
	xmlFreeDoc(doc);
	form_set_free(s);
	return nerr;
}

static void
born_29_february_has_birthday_1_march_in_a_non_leap_year(void **state)
{
	(void)state;
	/* 2023 has no 29 February: the 15th birthday is 1 March. */
	assert_int_equal(age_form_errors("2008-02-29", "2023-02-28", NULL), 1);
	assert_int_equal(age_form_errors("2008-02-29", "2023-03-01", NULL), 0);
	assert_int_equal(age_form_errors("2008-02-28", "2023-02-28", NULL), 0);
}

static void
required_when_other_field_has_the_value(void **state)
{
	(void)state;
	assert_int_equal(age_form_errors("2000-01-01", "2024-01-01", "indienen"), 1);
	assert_int_equal(age_form_errors("2000-01-01", "2024-01-01", "controleren"), 0);
	assert_int_equal(age_form_errors("2000-01-01", "2024-01-01", NULL), 0);
}

static void
text_length_counts_characters_not_bytes(void **state)
{
	char	*s;
	size_t	 i;

	(void)state;
	/* 4000 times "é": 8000 bytes, 4000 characters: allowed. */
	assert_non_null(s = malloc(4001 * 2 + 1));
	for (i = 0; i < 4000; i++)
		memcpy(s + 2 * i, "\xc3\xa9", 2);
	s[8000] = '\0';
	assert_referral_error("omschrijving", s, NULL);
	memcpy(s + 8000, "\xc3\xa9", 3);
	assert_referral_error("omschrijving", s,
	    "Omschrijving mag niet langer zijn dan 4000 tekens");
	/* A line break as browsers send it (CR LF) is one character. */
	memset(s, 'a', 4001);
	memcpy(s + 1000, "\r\n", 2);
	s[4001] = '\0';
	assert_referral_error("omschrijving", s, NULL);
	free(s);
	/* 32 four-byte characters fit in a parketnummer of 32. */
	assert_non_null(s = malloc(33 * 4 + 1));
	for (i = 0; i < 32; i++)
		memcpy(s + 4 * i, "\xf0\x9f\x98\x80", 4);
	s[128] = '\0';
	assert_referral_error("parketnummer", s, NULL);
	memcpy(s + 128, "a", 2);
	assert_referral_error("parketnummer", s,
	    "Parketnummer mag niet langer zijn dan 32 tekens");
	free(s);
}

static void
dates_must_be_written_as_yyyy_mm_dd(void **state)
{
	static const char want[] =
	    "Geboortedatum moet een datum zijn zoals 2024-03-31 (jaar-maand-dag)";

	(void)state;
	assert_referral_error("jongere_geboortedatum", "10-03-2008", want);
	assert_referral_error("jongere_geboortedatum", "2008-3-10", want);
	assert_referral_error("jongere_geboortedatum", "2008-03-10 ", want);
	assert_referral_error("jongere_geboortedatum", "gisteren", want);
	assert_referral_error("jongere_geboortedatum", "2008/03/10", want);
}

static void
dates_must_exist(void **state)
{
	static const char want[] = "Geboortedatum moet een bestaande datum zijn";

	(void)state;
	assert_referral_error("jongere_geboortedatum", "2008-02-30", want);
	assert_referral_error("jongere_geboortedatum", "2007-02-29", want);
	assert_referral_error("jongere_geboortedatum", "2008-13-01", want);
	assert_referral_error("jongere_geboortedatum", "2008-04-31", want);
	assert_referral_error("jongere_geboortedatum", "2008-00-10", want);
	assert_referral_error("jongere_geboortedatum", "0000-01-01", want);
	assert_referral_error("datum_beslissing", "2023-02-29",
	    "Datum beslissing moet een bestaande datum zijn");
	assert_referral_error("datum_beslissing", "2024-02-29", NULL);
	assert_referral_error("jongere_geboortedatum", "2008-02-29", NULL);
}

static void
date_not_in_the_future(void **state)
{
	(void)state;
	assert_referral_error("datum_beslissing", "2025-01-01",
	    "Datum beslissing mag niet in de toekomst liggen");
	assert_referral_error("datum_beslissing", "2024-12-31", NULL);
}

static void
date_not_after_other_date_only_when_both_are_valid(void **state)
{
	struct req	 r;
	xmlDocPtr	 doc;
	int		 nerr;

	(void)state;
	assert_referral_error("delict_datum", "2024-06-02",
	    "Delictdatum mag niet na de datum beslissing liggen");
	assert_referral_error("delict_datum", "2024-06-01", NULL);
	req_referral(&r);
	req_set(&r, "delict_datum", "2024-06-02");
	req_set(&r, "datum_beslissing", "2024-13-01");
	doc = validate("verwijzing", &r, &nerr);
	assert_int_equal(nerr, 1);
	assert_non_null(fout(doc, "datum_beslissing"));
	xmlFreeDoc(doc);
}

static void
numbers_are_whole_and_in_range(void **state)
{
	static const char want[] = "Aantal eerdere Halt-verwijzingen moet een "
	    "heel getal zijn van 0 tot en met 99";

	(void)state;
	assert_referral_error("eerdere_halt", "0", NULL);
	assert_referral_error("eerdere_halt", "99", NULL);
	assert_referral_error("eerdere_halt", "02", NULL);
	assert_referral_error("eerdere_halt", "100", want);
	assert_referral_error("eerdere_halt", "1.5", want);
	assert_referral_error("eerdere_halt", "-1", want);
	assert_referral_error("eerdere_halt", "12a", want);
	assert_referral_error("eerdere_halt", " 1", want);
	assert_referral_error("eerdere_halt", "99999999999999999999999", want);
	assert_referral_error("eerdere_halt", "",
	    "Vul het aantal eerdere Halt-verwijzingen in");
}

static void
number_below_min_is_refused(void **state)
{
	struct req	 r;
	xmlDocPtr	 doc;
	int		 nerr;

	(void)state;
	req_init(&r, NULL, 0);
	req_add(&r, "vraag", "Is dit een lichte vorm?");
	req_add(&r, "leeftijd_jongere", "9");
	doc = validate("overleg", &r, &nerr);
	assert_int_equal(nerr, 1);
	assert_string_equal(fout(doc, "leeftijd_jongere"),
	    "Leeftijd van de jongere moet een heel getal zijn van 10 tot en met 25");
	xmlFreeDoc(doc);
}

static void
choice_must_be_a_declared_value(void **state)
{
	(void)state;
	assert_referral_error("gedrag", "profielmisbruik", NULL);
	assert_referral_error("gedrag", "hacken", "Kies om welk gedrag het gaat");
	assert_referral_error("gedrag", "Sexting", "Kies om welk gedrag het gaat");
	assert_referral_error("actie", "verwijderen",
	    "Kies of u de verwijzing wilt controleren of indienen");
	assert_referral_error("regio", "Limburg", NULL);
	assert_referral_error("regio", "Atlantis", "Kies het werkgebied van Halt");
}

static void
choices_drop_duplicates_and_refuse_unknown_values(void **state)
{
	struct req	 r;
	xmlDocPtr	 doc;
	int		 nerr;

	(void)state;
	req_init(&r, NULL, 0);
	req_add(&r, "vraag", "Twijfel over leeftijd en dwang.");
	req_add(&r, "criteria", "leeftijd");
	req_add(&r, "criteria", "dwang");
	req_add(&r, "criteria", "leeftijd");
	doc = validate("overleg", &r, &nerr);
	assert_int_equal(nerr, 0);
	assert_int_equal(count(doc, "waarde", "naam", "criteria"), 2);
	xmlFreeDoc(doc);

	req_add(&r, "criteria", "kleur");
	doc = validate("overleg", &r, &nerr);
	assert_int_equal(nerr, 1);
	assert_string_equal(fout(doc, "criteria"),
	    "Kies alleen criteria uit de lijst");
	/* The unknown value is kept, so the user sees what was sent. */
	assert_int_equal(count(doc, "waarde", "naam", "criteria"), 3);
	xmlFreeDoc(doc);
}

static void
values_are_kept_exactly_as_typed_on_error(void **state)
{
	struct req	 r;
	xmlDocPtr	 doc;
	int		 nerr;

	(void)state;
	req_referral(&r);
	req_set(&r, "jongere_geboortedatum", "30-02-2008");
	req_set(&r, "eerdere_halt", "twee");
	req_set(&r, "omschrijving", "  <b>regel 1</b>\r\nregel 2 & meer  ");
	doc = validate("verwijzing", &r, &nerr);
	assert_int_equal(nerr, 2);
	assert_string_equal(form_value(doc, "jongere_geboortedatum"), "30-02-2008");
	assert_string_equal(form_value(doc, "eerdere_halt"), "twee");
	assert_string_equal(form_value(doc, "omschrijving"),
	    "  <b>regel 1</b>\r\nregel 2 & meer  ");
	assert_string_equal(form_value(doc, "jongere_voornaam"), "Sam");
	xmlFreeDoc(doc);
}

static void
unknown_fields_are_dropped(void **state)
{
	struct req	 r;
	xmlDocPtr	 doc;
	int		 nerr;

	(void)state;
	req_referral(&r);
	req_add(&r, "versie", "3");
	req_add(&r, "wachtwoord", "geheim");
	doc = validate("verwijzing", &r, &nerr);
	assert_int_equal(nerr, 0);
	assert_null(form_value(doc, "csrf"));
	assert_null(form_value(doc, "versie"));
	assert_null(form_value(doc, "wachtwoord"));
	assert_int_equal(count(doc, "waarde", NULL, NULL), (int)
	    (sizeof(complete) / sizeof(complete[0])) - 1);
	assert_string_equal(xml_attr(xmlDocGetRootElement(doc), "naam"),
	    "verwijzing");
	xmlFreeDoc(doc);
}

static void
fill_prefills_without_errors(void **state)
{
	struct req	 r;
	xmlDocPtr	 doc;

	(void)state;
	req_init(&r, NULL, 0);
	req_add(&r, "criteria", "leeftijdsverschil");
	req_add(&r, "criteria", "lichte-vorm");
	req_add(&r, "zaak", "Z-2024-0001");
	doc = form_fill(form_get(set, "overleg"), &r.p, &ctx);
	assert_non_null(doc);
	assert_int_equal(count(doc, "fout", NULL, NULL), 0);
	assert_int_equal(count(doc, "waarde", "naam", "criteria"), 2);
	assert_string_equal(form_value(doc, "zaak"), "Z-2024-0001");
	assert_null(form_value(doc, "vraag"));
	xmlFreeDoc(doc);
}

static void
add_error_appends_a_fout(void **state)
{
	struct req	 r;
	xmlDocPtr	 doc;
	int		 nerr;

	(void)state;
	req_referral(&r);
	doc = validate("verwijzing", &r, &nerr);
	assert_int_equal(form_add_error(doc, "jongere_achternaam",
	    "Deze jongere heeft al een open zaak"), 0);
	assert_string_equal(fout(doc, "jongere_achternaam"),
	    "Deze jongere heeft al een open zaak");
	xmlFreeDoc(doc);
}

static int
setup(void **state)
{
	char err[512];

	(void)state;
	xml_init();
	if (form_set_load(FORMS_DIR, &set, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	form_set_free(set);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loading_all_definitions_succeeds),
		cmocka_unit_test(schema_violation_names_file_and_line),
		cmocka_unit_test(malformed_xml_names_file_and_line),
		cmocka_unit_test(reference_to_unknown_field_names_file_and_line),
		cmocka_unit_test(complete_referral_has_no_errors),
		cmocka_unit_test(empty_referral_reports_required_fields_in_definition_order),
		cmocka_unit_test(errors_follow_definition_order_not_request_order),
		cmocka_unit_test(instemming_ouders_required_the_day_before_the_16th_birthday),
		cmocka_unit_test(instemming_ouders_not_required_on_and_after_the_16th_birthday),
		cmocka_unit_test(instemming_ouders_not_required_when_birth_date_is_invalid),
		cmocka_unit_test(born_29_february_is_16_on_29_february_of_a_leap_year),
		cmocka_unit_test(born_29_february_has_birthday_1_march_in_a_non_leap_year),
		cmocka_unit_test(required_when_other_field_has_the_value),
		cmocka_unit_test(text_length_counts_characters_not_bytes),
		cmocka_unit_test(dates_must_be_written_as_yyyy_mm_dd),
		cmocka_unit_test(dates_must_exist),
		cmocka_unit_test(date_not_in_the_future),
		cmocka_unit_test(date_not_after_other_date_only_when_both_are_valid),
		cmocka_unit_test(numbers_are_whole_and_in_range),
		cmocka_unit_test(number_below_min_is_refused),
		cmocka_unit_test(choice_must_be_a_declared_value),
		cmocka_unit_test(choices_drop_duplicates_and_refuse_unknown_values),
		cmocka_unit_test(values_are_kept_exactly_as_typed_on_error),
		cmocka_unit_test(unknown_fields_are_dropped),
		cmocka_unit_test(fill_prefills_without_errors),
		cmocka_unit_test(add_error_appends_a_fout),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
