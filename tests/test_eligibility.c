/* test_eligibility.c: the referral criteria, case by case from the manual (sections 04, 05). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "eligibility.h"

/*
 * A fully suitable referral: jongere 14 on the delict and on the decision
 * (so the parents' consent counts), victim a few months younger.
 */
static const char *const base[][2] = {
	{ "delict_datum",		"2023-05-01" },
	{ "datum_beslissing",		"2023-06-01" },
	{ "jongere_geboortedatum",	"2008-06-15" },
	{ "slachtoffer_geboortedatum",	"2009-01-01" },
	{ "instemming_jongere",		"ja" },
	{ "instemming_ouders",		"ja" },
	{ "eerdere_halt",		"0" },
	{ "eerder_om_misdrijf",		"nee" },
	{ "lichte_vorm",		"ja" },
	{ "bekent",			"ja" },
	{ "contra_chantage",		"nee" },
	{ "contra_dwang",		"nee" },
	{ "contra_misleiding",		"nee" },
	{ "contra_planmatig",		"nee" },
	{ "contra_hands_on",		"nee" },
	{ "contra_zedengeschiedenis",	"nee" },
	{ "contra_problematiek",	"nee" },
	{ "contra_eerder_sexting",	"nee" },
};
#define NBASE	(sizeof(base) / sizeof(base[0]))
#define NSET	6

/* The base values with some replaced: "name=value"; "name=" sends nothing. */
struct values {
	const char	*set[NSET];
};

static const char *
get_value(void *arg, const char *name)
{
	struct values	*v = arg;
	size_t		 i, len = strlen(name);

	for (i = 0; i < NSET && v->set[i] != NULL; i++)
		if (strncmp(v->set[i], name, len) == 0 && v->set[i][len] == '=')
			return v->set[i][len + 1] == '\0' ? NULL :
			    v->set[i] + len + 1;
	for (i = 0; i < NBASE; i++)
		if (strcmp(base[i][0], name) == 0)
			return base[i][1];
	return NULL;
}

/* The reasons as "code:soort,code:soort", to compare in one assertion. */
static const char *
summary(const struct elig_result *r, char *buf, size_t sz)
{
	size_t	 i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < r->n && off < sz; i++)
		off += (size_t)snprintf(buf + off, sz - off, "%s%s:%s",
		    i ? "," : "", r->reden[i].code, r->reden[i].soort);
	return buf;
}

struct tcase {
	const char		*naam;
	const char		*set[NSET];
	int			 systeem;	/* eerder_sexting_systeem */
	enum elig_uitkomst	 uitkomst;
	const char		*redenen;	/* "" for none */
	const char		*zin;		/* first reason's sentence, or NULL */
};

static const struct tcase cases[] = {
	{ "fully suitable referral", { NULL }, 0, ELIG_GESCHIKT, "", NULL },

	/* Indicatie 1: 12 t/m 17 jaar ten tijde van het delict. */
	{ "day before 12th birthday fails",
	  { "jongere_geboortedatum=2010-05-01", "delict_datum=2022-04-30" },
	  0, ELIG_NIET_GESCHIKT, "leeftijd:indicatie",
	  "De jongere was op de delictdatum jonger dan 12 jaar." },
	{ "on 12th birthday passes",
	  { "jongere_geboortedatum=2010-05-01", "delict_datum=2022-05-01" },
	  0, ELIG_GESCHIKT, "", NULL },
	{ "day after 12th birthday passes",
	  { "jongere_geboortedatum=2010-05-01", "delict_datum=2022-05-02" },
	  0, ELIG_GESCHIKT, "", NULL },
	{ "day before 18th birthday passes",
	  { "jongere_geboortedatum=2005-05-01", "delict_datum=2023-04-30" },
	  0, ELIG_GESCHIKT, "", NULL },
	{ "on 18th birthday fails",
	  { "jongere_geboortedatum=2005-05-01", "delict_datum=2023-05-01" },
	  0, ELIG_NIET_GESCHIKT, "leeftijd:indicatie",
	  "De jongere was op de delictdatum 18 jaar of ouder." },
	{ "day after 18th birthday fails",
	  { "jongere_geboortedatum=2005-05-01", "delict_datum=2023-05-02" },
	  0, ELIG_NIET_GESCHIKT, "leeftijd:indicatie", NULL },
	{ "29 feb born: 28 feb of leap year before 12th birthday fails",
	  { "jongere_geboortedatum=2008-02-29", "delict_datum=2020-02-28",
	    "slachtoffer_geboortedatum=2008-01-01" },
	  0, ELIG_NIET_GESCHIKT, "leeftijd:indicatie", NULL },
	{ "29 feb born: 29 feb of leap year is 12th birthday",
	  { "jongere_geboortedatum=2008-02-29", "delict_datum=2020-02-29",
	    "slachtoffer_geboortedatum=2008-01-01" },
	  0, ELIG_GESCHIKT, "", NULL },
	{ "29 feb born: 28 feb of non-leap year is still 17",
	  { "jongere_geboortedatum=2008-02-29", "delict_datum=2026-02-28",
	    "datum_beslissing=2026-03-05",
	    "slachtoffer_geboortedatum=2008-01-01" },
	  0, ELIG_GESCHIKT, "", NULL },
	{ "29 feb born: 1 march of non-leap year is 18th birthday",
	  { "jongere_geboortedatum=2008-02-29", "delict_datum=2026-03-01",
	    "datum_beslissing=2026-03-05",
	    "slachtoffer_geboortedatum=2008-01-01" },
	  0, ELIG_NIET_GESCHIKT, "leeftijd:indicatie", NULL },

	/* Indicatie 2: instemming; ouders ook als de jongere < 16 jaar. */
	{ "jongere not consenting fails",
	  { "instemming_jongere=nee" },
	  0, ELIG_NIET_GESCHIKT, "instemming-jongere:indicatie",
	  "De jongere stemt niet in met Halt." },
	{ "parents not consenting under 16 fails",
	  { "instemming_ouders=nee" },
	  0, ELIG_NIET_GESCHIKT, "instemming-ouders:indicatie", NULL },
	{ "parents nvt under 16 fails",
	  { "instemming_ouders=nvt" },
	  0, ELIG_NIET_GESCHIKT, "instemming-ouders:indicatie", NULL },
	{ "parents not sent under 16 fails",
	  { "instemming_ouders=" },
	  0, ELIG_NIET_GESCHIKT, "instemming-ouders:indicatie", NULL },
	{ "15 years 364 days on decision needs parents: nvt fails",
	  { "jongere_geboortedatum=2007-06-01", "datum_beslissing=2023-05-31",
	    "instemming_ouders=nvt" },
	  0, ELIG_NIET_GESCHIKT, "instemming-ouders:indicatie", NULL },
	{ "15 years 364 days on decision with parents ja passes",
	  { "jongere_geboortedatum=2007-06-01", "datum_beslissing=2023-05-31",
	    "instemming_ouders=ja" },
	  0, ELIG_GESCHIKT, "", NULL },
	{ "16 exactly on decision: parents nvt passes",
	  { "jongere_geboortedatum=2007-06-01", "datum_beslissing=2023-06-01",
	    "instemming_ouders=nvt" },
	  0, ELIG_GESCHIKT, "", NULL },
	{ "16 exactly on decision: parents nee passes",
	  { "jongere_geboortedatum=2007-06-01", "datum_beslissing=2023-06-01",
	    "instemming_ouders=nee" },
	  0, ELIG_GESCHIKT, "", NULL },
	{ "16 on decision: parents not sent passes",
	  { "jongere_geboortedatum=2007-06-01", "datum_beslissing=2023-06-01",
	    "instemming_ouders=" },
	  0, ELIG_GESCHIKT, "", NULL },
	{ "29 feb born: 28 feb of leap year is still 15, parents needed",
	  { "jongere_geboortedatum=2008-02-29", "datum_beslissing=2024-02-28",
	    "instemming_ouders=nvt" },
	  0, ELIG_NIET_GESCHIKT, "instemming-ouders:indicatie", NULL },
	{ "29 feb born: 29 feb of leap year is 16, parents not needed",
	  { "jongere_geboortedatum=2008-02-29", "datum_beslissing=2024-02-29",
	    "instemming_ouders=nvt" },
	  0, ELIG_GESCHIKT, "", NULL },

	/* Indicatie 3: recidiveregeling Halt. */
	{ "earlier OM referral for a misdrijf fails",
	  { "eerder_om_misdrijf=ja" },
	  0, ELIG_NIET_GESCHIKT, "recidive-om:indicatie", NULL },
	{ "2 earlier Halt referrals pass",
	  { "eerdere_halt=2" }, 0, ELIG_GESCHIKT, "", NULL },
	{ "3 earlier Halt referrals fail",
	  { "eerdere_halt=3" },
	  0, ELIG_NIET_GESCHIKT, "recidive-max:indicatie", NULL },

	/* Indicatie 4: lichte vorm. */
	{ "not a light form fails",
	  { "lichte_vorm=nee" },
	  0, ELIG_NIET_GESCHIKT, "lichte-vorm:indicatie", NULL },
	{ "doubt about light form is twijfel",
	  { "lichte_vorm=twijfel" },
	  0, ELIG_TWIJFEL_UITKOMST, "lichte-vorm:twijfel", NULL },

	/* Indicatie 5 (and contra-indicatie): leeftijdsverschil. */
	{ "victim exactly 5 years younger passes",
	  { "slachtoffer_geboortedatum=2013-06-15" },
	  0, ELIG_GESCHIKT, "", NULL },
	{ "victim 5 years and a day younger fails",
	  { "slachtoffer_geboortedatum=2013-06-16" },
	  0, ELIG_NIET_GESCHIKT, "leeftijdsverschil:indicatie",
	  "Het slachtoffer is meer dan 5 jaar jonger dan de jongere." },
	{ "victim older than the jongere passes",
	  { "slachtoffer_geboortedatum=2005-01-01" },
	  0, ELIG_GESCHIKT, "", NULL },
	{ "29 feb jongere: victim born 28 feb 5 years on passes",
	  { "jongere_geboortedatum=2008-02-29",
	    "slachtoffer_geboortedatum=2013-02-28" },
	  0, ELIG_GESCHIKT, "", NULL },
	{ "29 feb jongere: victim born 1 march 5 years on passes",
	  { "jongere_geboortedatum=2008-02-29",
	    "slachtoffer_geboortedatum=2013-03-01" },
	  0, ELIG_GESCHIKT, "", NULL },
	{ "29 feb jongere: victim born 2 march 5 years on fails",
	  { "jongere_geboortedatum=2008-02-29",
	    "slachtoffer_geboortedatum=2013-03-02" },
	  0, ELIG_NIET_GESCHIKT, "leeftijdsverschil:indicatie", NULL },
	{ "unknown victim age is twijfel",
	  { "slachtoffer_geboortedatum=" },
	  0, ELIG_TWIJFEL_UITKOMST, "leeftijdsverschil:twijfel",
	  "De leeftijd van het slachtoffer is niet bekend: overleg bij "
	  "twijfel met de landelijk contactpersoon." },

	/* Indicatie 6 (and contra-indicatie): bekent. */
	{ "denying jongere fails",
	  { "bekent=nee" },
	  0, ELIG_NIET_GESCHIKT, "ontkent:indicatie", NULL },
	{ "no confession for religious or cultural reasons passes",
	  { "bekent=uitzondering" }, 0, ELIG_GESCHIKT, "", NULL },

	/* Contra-indicaties that the field-by-field test does not cover. */
	{ "contra ja beats a doubt, and the doubt is still listed",
	  { "lichte_vorm=twijfel", "contra_dwang=ja" },
	  0, ELIG_NIET_GESCHIKT, "lichte-vorm:twijfel,dwang:contra", NULL },
	{ "contra ja beats an unknown victim age",
	  { "slachtoffer_geboortedatum=", "contra_planmatig=ja",
	    "contra_chantage=twijfel" },
	  0, ELIG_NIET_GESCHIKT,
	  "leeftijdsverschil:twijfel,chantage:twijfel,planmatig:contra", NULL },
	{ "earlier sexting found by the system overrides officier nee",
	  { NULL }, 1, ELIG_NIET_GESCHIKT, "eerder-sexting:contra",
	  "Het systeem vond een eerdere, afgesloten Halt-interventie sexting "
	  "van deze jongere." },
	{ "earlier sexting found by the system overrides officier twijfel",
	  { "contra_eerder_sexting=twijfel" }, 1, ELIG_NIET_GESCHIKT,
	  "eerder-sexting:contra", NULL },
	{ "earlier sexting by officier and system is listed once",
	  { "contra_eerder_sexting=ja" }, 1, ELIG_NIET_GESCHIKT,
	  "eerder-sexting:contra",
	  "De jongere heeft eerder een Halt-interventie gericht op sexting "
	  "doorlopen." },

	/* Everything at once: every criterion listed, in the stable order. */
	{ "all indicaties failing are listed in the manual's order",
	  { "jongere_geboortedatum=2000-01-01", "instemming_jongere=nee",
	    "eerder_om_misdrijf=ja", "eerdere_halt=9", "lichte_vorm=nee",
	    "bekent=nee" },
	  0, ELIG_NIET_GESCHIKT,
	  "leeftijd:indicatie,instemming-jongere:indicatie,"
	  "recidive-om:indicatie,recidive-max:indicatie,"
	  "lichte-vorm:indicatie,leeftijdsverschil:indicatie,"
	  "ontkent:indicatie", NULL },
};

static void
check_case(const struct tcase *c)
{
	struct values		 v;
	struct elig_input	 in;
	struct elig_result	 r;
	const char		*bad = NULL;
	char			 buf[512];
	size_t			 i;

	memset(&v, 0, sizeof(v));
	memcpy(v.set, c->set, sizeof(v.set));
	if (elig_parse_values(get_value, &v, &in, &bad) != 0)
		fail_msg("%s: field %s refused", c->naam, bad);
	in.eerder_sexting_systeem = c->systeem;
	elig_check(&in, &r);

	print_message("  %s\n", c->naam);
	assert_string_equal(summary(&r, buf, sizeof(buf)), c->redenen);
	assert_string_equal(elig_uitkomsten[r.uitkomst],
	    elig_uitkomsten[c->uitkomst]);
	if (c->zin != NULL) {
		assert_true(r.n > 0);
		assert_string_equal(r.reden[0].zin, c->zin);
	}
	for (i = 0; i < r.n; i++) {
		assert_string_equal(r.reden[i].code,
		    elig_criteria[r.reden[i].crit].code);
		assert_non_null(r.reden[i].zin);
		assert_true(strlen(r.reden[i].zin) > 10);
	}
}

static void
test_rules_table_from_the_manual(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_case(&cases[i]);
}

/* Every contra-indicatie: ja makes it niet-geschikt, twijfel a doubt. */
static void
test_each_contra_ja_is_unsuitable_and_twijfel_is_doubt(void **state)
{
	static const char *const fields[][3] = {
		{ "contra_chantage", "chantage",
		  "Er is sprake van chantage (sextortion)." },
		{ "contra_dwang", "dwang", "Er is sprake van dwang." },
		{ "contra_misleiding", "misleiding",
		  "Er is sprake van misleiding." },
		{ "contra_planmatig", "planmatig", NULL },
		{ "contra_hands_on", "hands-on", NULL },
		{ "contra_zedengeschiedenis", "zedengeschiedenis", NULL },
		{ "contra_problematiek", "problematiek", NULL },
		{ "contra_eerder_sexting", "eerder-sexting", NULL },
	};
	struct tcase	 c;
	char		 set[64], want[64];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		memset(&c, 0, sizeof(c));
		c.naam = fields[i][0];
		c.set[0] = set;
		c.redenen = want;

		snprintf(set, sizeof(set), "%s=ja", fields[i][0]);
		snprintf(want, sizeof(want), "%s:contra", fields[i][1]);
		c.uitkomst = ELIG_NIET_GESCHIKT;
		c.zin = fields[i][2];
		check_case(&c);

		snprintf(set, sizeof(set), "%s=twijfel", fields[i][0]);
		snprintf(want, sizeof(want), "%s:twijfel", fields[i][1]);
		c.uitkomst = ELIG_TWIJFEL_UITKOMST;
		c.zin = i == 0 ? "Er is twijfel over chantage (sextortion)." :
		    NULL;
		check_case(&c);
	}
}

static void
test_age_counts_29_february_birthday_as_1_march(void **state)
{
	static const struct {
		const char	*birth, *on;
		int		 age;
	} t[] = {
		{ "2008-02-29", "2021-02-28", 12 },	/* non-leap year */
		{ "2008-02-29", "2021-03-01", 13 },
		{ "2008-02-29", "2024-02-28", 15 },	/* leap year */
		{ "2008-02-29", "2024-02-29", 16 },
		{ "2008-02-29", "2024-03-01", 16 },
		{ "2008-02-29", "2008-02-29", 0 },
		{ "2010-05-01", "2022-04-30", 11 },
		{ "2010-05-01", "2022-05-01", 12 },
		{ "2010-05-01", "2022-05-02", 12 },
		{ "2005-12-31", "2023-12-30", 17 },
		{ "2005-12-31", "2023-12-31", 18 },
		{ "2010-05-01", "2010-04-30", -1 },	/* before birth */
	};
	struct elig_date b, o;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(elig_date_parse(t[i].birth, &b), 0);
		assert_int_equal(elig_date_parse(t[i].on, &o), 0);
		print_message("  %s on %s\n", t[i].birth, t[i].on);
		assert_int_equal(elig_age(&b, &o), t[i].age);
	}
}

static void
test_add_years_moves_29_february_to_1_march_only_in_non_leap_years(void **state)
{
	struct elig_date d = { 2008, 2, 29 }, r;

	(void)state;
	r = elig_date_add_years(&d, 5);
	assert_int_equal(r.y, 2013);
	assert_int_equal(r.m, 3);
	assert_int_equal(r.d, 1);
	r = elig_date_add_years(&d, 4);
	assert_int_equal(r.y, 2012);
	assert_int_equal(r.m, 2);
	assert_int_equal(r.d, 29);
	r = elig_date_add_years(&d, 92);	/* 2100 is not a leap year */
	assert_int_equal(r.m, 3);
}

static void
test_date_parser_accepts_only_strict_existing_dates(void **state)
{
	static const char *const refused[] = {
		"2023-02-29", "2024-13-01", "2024-1-01", "", "2024-00-10",
		"2024-04-31", "2024-01-00", "2024-01-32", "0000-01-01",
		"1900-02-29", "2024/01/01", " 2024-01-01", "2024-01-01 ",
		"2024-01-011", "+024-01-01", "2024-0a-01", "20240101",
		"2024-01-1\n", "-2024-01-0",
	};
	static const char *const accepted[] = {
		"2024-02-29", "2000-02-29", "2023-12-31", "0001-01-01",
		"9999-12-31",
	};
	struct elig_date d = { 7, 7, 7 };
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		print_message("  refuse \"%s\"\n", refused[i]);
		assert_int_equal(elig_date_parse(refused[i], &d), -1);
		assert_int_equal(d.y, 7);	/* untouched on failure */
	}
	assert_int_equal(elig_date_parse(NULL, &d), -1);
	for (i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++) {
		print_message("  accept \"%s\"\n", accepted[i]);
		assert_int_equal(elig_date_parse(accepted[i], &d), 0);
	}
	assert_int_equal(elig_date_parse("2024-02-29", &d), 0);
	assert_int_equal(d.y, 2024);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 29);
}

static void
test_parse_values_names_the_first_bad_field(void **state)
{
	static const struct {
		const char	*set;
		const char	*bad;
	} t[] = {
		{ "delict_datum=", "delict_datum" },
		{ "delict_datum=2023-02-29", "delict_datum" },
		{ "datum_beslissing=gisteren", "datum_beslissing" },
		{ "jongere_geboortedatum=", "jongere_geboortedatum" },
		{ "slachtoffer_geboortedatum=2009-13-01",
		  "slachtoffer_geboortedatum" },
		{ "instemming_jongere=twijfel", "instemming_jongere" },
		{ "instemming_jongere=", "instemming_jongere" },
		{ "instemming_ouders=misschien", "instemming_ouders" },
		{ "eerdere_halt=", "eerdere_halt" },
		{ "eerdere_halt=-1", "eerdere_halt" },
		{ "eerdere_halt=100", "eerdere_halt" },
		{ "eerdere_halt=1a", "eerdere_halt" },
		{ "eerdere_halt= 1", "eerdere_halt" },
		{ "eerder_om_misdrijf=twijfel", "eerder_om_misdrijf" },
		{ "lichte_vorm=JA", "lichte_vorm" },
		{ "bekent=twijfel", "bekent" },
		{ "contra_hands_on=nvt", "contra_hands_on" },
		{ "contra_eerder_sexting=", "contra_eerder_sexting" },
	};
	struct values		 v;
	struct elig_input	 in;
	const char		*bad;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(&v, 0, sizeof(v));
		v.set[0] = t[i].set;
		bad = NULL;
		print_message("  %s\n", t[i].set);
		assert_int_equal(elig_parse_values(get_value, &v, &in, &bad),
		    -1);
		assert_non_null(bad);
		assert_string_equal(bad, t[i].bad);
	}
	/* bad may be NULL. */
	memset(&v, 0, sizeof(v));
	v.set[0] = "bekent=";
	assert_int_equal(elig_parse_values(get_value, &v, &in, NULL), -1);
}

static void
test_parse_values_fills_the_input(void **state)
{
	struct values		 v;
	struct elig_input	 in;
	int			 i;

	(void)state;
	memset(&v, 0, sizeof(v));
	v.set[0] = "eerdere_halt=02";
	v.set[1] = "instemming_ouders=";
	v.set[2] = "slachtoffer_geboortedatum=";
	v.set[3] = "bekent=uitzondering";
	v.set[4] = "contra_problematiek=twijfel";
	assert_int_equal(elig_parse_values(get_value, &v, &in, NULL), 0);
	assert_int_equal(in.delict_datum.y, 2023);
	assert_int_equal(in.delict_datum.m, 5);
	assert_int_equal(in.jongere_geboortedatum.d, 15);
	assert_int_equal(in.slachtoffer_bekend, 0);
	assert_int_equal(in.instemming_ouders, ELIG_NVT);
	assert_int_equal(in.instemming_jongere, ELIG_JA);
	assert_int_equal(in.eerdere_halt, 2);
	assert_int_equal(in.eerder_om_misdrijf, ELIG_NEE);
	assert_int_equal(in.bekent, ELIG_UITZONDERING);
	assert_int_equal(in.eerder_sexting_systeem, 0);
	for (i = 0; i < ELIG_CONTRA__MAX; i++)
		assert_int_equal(in.contra[i], i == ELIG_CONTRA_PROBLEMATIEK ?
		    ELIG_TWIJFEL : ELIG_NEE);
}

/* A value a field does not take, set by a caller in C, never passes. */
static void
test_check_fails_safe_on_values_a_field_does_not_take(void **state)
{
	struct values		 v;
	struct elig_input	 in;
	struct elig_result	 r;
	char			 buf[512];

	(void)state;
	memset(&v, 0, sizeof(v));
	assert_int_equal(elig_parse_values(get_value, &v, &in, NULL), 0);
	in.instemming_jongere = ELIG_NVT;
	in.contra[ELIG_CONTRA_DWANG] = ELIG_UITZONDERING;
	in.eerdere_halt = 99;
	elig_check(&in, &r);
	assert_int_equal(r.uitkomst, ELIG_NIET_GESCHIKT);
	assert_string_equal(summary(&r, buf, sizeof(buf)),
	    "instemming-jongere:indicatie,recidive-max:indicatie,dwang:contra");
}

/* Every criterion fails or doubts at once: all 16 fit, each once, in order. */
static void
test_every_criterion_at_once_fits_the_result(void **state)
{
	struct elig_input	 in;
	struct elig_result	 r;
	size_t			 i;

	(void)state;
	memset(&in, 0, sizeof(in));
	in.jongere_geboortedatum = (struct elig_date){ 2015, 1, 1 };
	in.delict_datum = (struct elig_date){ 2023, 1, 1 };
	in.datum_beslissing = (struct elig_date){ 2023, 2, 1 };
	in.slachtoffer_bekend = 0;
	in.instemming_jongere = ELIG_NEE;
	in.instemming_ouders = ELIG_NEE;
	in.eerdere_halt = 3;
	in.eerder_om_misdrijf = ELIG_JA;
	in.lichte_vorm = ELIG_TWIJFEL;
	in.bekent = ELIG_NEE;
	for (i = 0; i < ELIG_CONTRA__MAX; i++)
		in.contra[i] = i % 2 ? ELIG_JA : ELIG_TWIJFEL;
	elig_check(&in, &r);
	assert_int_equal(r.uitkomst, ELIG_NIET_GESCHIKT);
	assert_int_equal(r.n, ELIG_CRIT__MAX);
	for (i = 0; i < r.n; i++)
		assert_int_equal(r.reden[i].crit, i);
}

static void
test_criteria_table_has_16_unique_codes_in_order(void **state)
{
	static const char *const codes[] = {
		"leeftijd", "instemming-jongere", "instemming-ouders",
		"recidive-om", "recidive-max", "lichte-vorm",
		"leeftijdsverschil", "ontkent", "chantage", "dwang",
		"misleiding", "planmatig", "hands-on", "zedengeschiedenis",
		"problematiek", "eerder-sexting",
	};
	size_t	 i;

	(void)state;
	assert_int_equal(ELIG_CRIT__MAX, 16);
	assert_int_equal(sizeof(codes) / sizeof(codes[0]), ELIG_CRIT__MAX);
	for (i = 0; i < ELIG_CRIT__MAX; i++) {
		assert_string_equal(elig_criteria[i].code, codes[i]);
		assert_int_equal(elig_criterion_find(codes[i]), (int)i);
		assert_string_equal(elig_criteria[i].soort,
		    i < ELIG_CRIT_CHANTAGE ? "indicatie" : "contra");
		assert_true(strlen(elig_criteria[i].omschrijving) > 3);
	}
	assert_int_equal(elig_criterion_find("onbekend"), -1);
	assert_int_equal(elig_criterion_find(""), -1);
	assert_int_equal(elig_criterion_find(NULL), -1);
	assert_string_equal(elig_uitkomsten[ELIG_GESCHIKT], "geschikt");
	assert_string_equal(elig_uitkomsten[ELIG_TWIJFEL_UITKOMST], "twijfel");
	assert_string_equal(elig_uitkomsten[ELIG_NIET_GESCHIKT],
	    "niet-geschikt");
	assert_string_equal(elig_answers[ELIG_NEE], "nee");
	assert_string_equal(elig_answers[ELIG_JA], "ja");
	assert_string_equal(elig_answers[ELIG_TWIJFEL], "twijfel");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_table_from_the_manual),
		cmocka_unit_test(
		    test_each_contra_ja_is_unsuitable_and_twijfel_is_doubt),
		cmocka_unit_test(test_age_counts_29_february_birthday_as_1_march),
		cmocka_unit_test(
		    test_add_years_moves_29_february_to_1_march_only_in_non_leap_years),
		cmocka_unit_test(test_date_parser_accepts_only_strict_existing_dates),
		cmocka_unit_test(test_parse_values_names_the_first_bad_field),
		cmocka_unit_test(test_parse_values_fills_the_input),
		cmocka_unit_test(
		    test_check_fails_safe_on_values_a_field_does_not_take),
		cmocka_unit_test(test_every_criterion_at_once_fits_the_result),
		cmocka_unit_test(test_criteria_table_has_16_unique_codes_in_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
