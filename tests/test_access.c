/* test_access.c: the record rules of cgi/access.c, one table of cases per rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <libxml/parser.h>

#include "access.h"
#include "app.h"
#include "xml.h"

static xmlDocPtr zaak_doc, overleg_doc;

/* A zaak of officier in Midden-Nederland assigned to medewerker; an overleg asked by medewerker. */
static int
setup(void **state)
{
	static const char zaak[] = "<zaak id=\"Z00000001\" officier=\"officier\" "
	    "medewerker=\"medewerker\"><regio>Midden-Nederland</regio></zaak>";
	static const char overleg[] = "<overleg id=\"O00000001\" vrager=\"medewerker\"/>";

	(void)state;
	zaak_doc = xmlReadMemory(zaak, sizeof(zaak) - 1, NULL, NULL, XML_PARSE_NONET);
	overleg_doc = xmlReadMemory(overleg, sizeof(overleg) - 1, NULL, NULL,
	    XML_PARSE_NONET);
	return zaak_doc == NULL || overleg_doc == NULL;
}

static int
teardown(void **state)
{
	(void)state;
	xmlFreeDoc(zaak_doc);
	xmlFreeDoc(overleg_doc);
	return 0;
}

static struct ctx
user(const char *name, unsigned rol, const char *werkgebied)
{
	struct ctx c;

	memset(&c, 0, sizeof(c));
	snprintf(c.user.name, sizeof(c.user.name), "%s", name);
	snprintf(c.user.werkgebied, sizeof(c.user.werkgebied), "%s", werkgebied);
	c.rol = rol;
	return c;
}

static const struct {
	const char	*name;
	unsigned	 rol;
	const char	*werkgebied;
	int		 lezen, toegewezen, admin, overleg;
} cases[] = {
	{ "officier",	ROL_OFFICIER,	"",			1, 0, 0, 0 },
	{ "officier2",	ROL_OFFICIER,	"",			0, 0, 0, 0 },
	{ "admin",	ROL_ADMIN,	"Midden-Nederland",	1, 0, 1, 0 },
	{ "admin2",	ROL_ADMIN,	"Limburg",		0, 0, 0, 0 },
	{ "medewerker",	ROL_MEDEWERKER,	"Midden-Nederland",	1, 1, 0, 1 },
	/* Assigned by name but moved to another werkgebied: no longer. */
	{ "medewerker",	ROL_MEDEWERKER,	"Limburg",		0, 0, 0, 1 },
	{ "medewerker2", ROL_MEDEWERKER, "Limburg",		0, 0, 0, 0 },
	{ "stagiair",	ROL_MEDEWERKER,	"Midden-Nederland",	1, 0, 0, 0 },
	{ "contact",	ROL_CONTACT,	"",			0, 0, 0, 1 },
	/* beheer named like the asker still sees no case content. */
	{ "medewerker",	ROL_BEHEER,	"Midden-Nederland",	0, 0, 0, 0 },
	/* An empty werkgebied never matches an empty regio. */
	{ "admin3",	ROL_ADMIN,	"",			0, 0, 0, 0 },
};

static void
each_rule_allows_exactly_its_users(void **state)
{
	xmlNodePtr z = xmlDocGetRootElement(zaak_doc);
	xmlNodePtr o = xmlDocGetRootElement(overleg_doc);
	struct ctx c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c = user(cases[i].name, cases[i].rol, cases[i].werkgebied);
		assert_int_equal(access_mag(&c, REGEL_ZAAK_LEZEN, z), cases[i].lezen);
		assert_int_equal(access_mag(&c, REGEL_ZAAK_SCHRIJVEN_TOEGEWEZEN, z),
		    cases[i].toegewezen);
		assert_int_equal(access_mag(&c, REGEL_ZAAK_WERKGEBIED_ADMIN, z),
		    cases[i].admin);
		assert_int_equal(access_mag(&c, REGEL_OVERLEG_VRAGER_OF_CONTACT, o),
		    cases[i].overleg);
	}
}

static void
no_rule_and_no_record_refuse(void **state)
{
	struct ctx c = user("officier", ROL_OFFICIER, "");

	(void)state;
	assert_int_equal(access_mag(&c, REGEL_GEEN, xmlDocGetRootElement(zaak_doc)), 0);
	assert_int_equal(access_mag(&c, REGEL_ZAAK_LEZEN, NULL), 0);
	assert_int_equal(access_mag(&c, REGEL__MAX, xmlDocGetRootElement(zaak_doc)), 0);
}

static void
access_record_applies_the_routes_rule(void **state)
{
	struct ctx c = user("stagiair", ROL_MEDEWERKER, "Midden-Nederland");
	xmlNodePtr z = xmlDocGetRootElement(zaak_doc);

	(void)state;
	c.regel = REGEL_ZAAK_LEZEN;
	assert_int_equal(access_record(&c, z), 1);
	c.regel = REGEL_ZAAK_SCHRIJVEN_TOEGEWEZEN;
	assert_int_equal(access_record(&c, z), 0);
}

static void
every_rule_has_a_name(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < REGEL__MAX; i++)
		assert_non_null(access_regels[i]);
	assert_string_equal(access_regels[REGEL_ZAAK_LEZEN], "zaak-lezen");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_rule_allows_exactly_its_users),
		cmocka_unit_test(no_rule_and_no_record_refuse),
		cmocka_unit_test(access_record_applies_the_routes_rule),
		cmocka_unit_test(every_rule_has_a_name),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
