/* test_route.c: the route matcher over a table shaped like the contract's routes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "route.h"

enum {
	R_START, R_VERW_NIEUW, R_VERW, R_ZAKEN, R_ZAAK, R_VOORBLAD,
	R_REGISTRATIE, R_STAP_GET, R_STAP_POST, R_OVERLEG_NIEUW,
	R_OVERLEG_POST, R_OVERLEG, R_OVERLEG_ID, R_ANTWOORD
};

static const struct route routes[] = {
	{ HTTP_GET,	"/",				R_START },
	{ HTTP_GET,	"/verwijzingen/nieuw",		R_VERW_NIEUW },
	{ HTTP_POST,	"/verwijzingen",		R_VERW },
	{ HTTP_GET,	"/zaken",			R_ZAKEN },
	{ HTTP_GET,	"/zaken/{id}",			R_ZAAK },
	{ HTTP_GET,	"/zaken/{id}/voorblad",		R_VOORBLAD },
	{ HTTP_POST,	"/zaken/{id}/registratie",	R_REGISTRATIE },
	{ HTTP_GET,	"/zaken/{id}/stappen/{stap}",	R_STAP_GET },
	{ HTTP_POST,	"/zaken/{id}/stappen/{stap}",	R_STAP_POST },
	{ HTTP_GET,	"/overleg/nieuw",		R_OVERLEG_NIEUW },
	{ HTTP_POST,	"/overleg",			R_OVERLEG_POST },
	{ HTTP_GET,	"/overleg",			R_OVERLEG },
	{ HTTP_GET,	"/overleg/{id}",		R_OVERLEG_ID },
	{ HTTP_POST,	"/overleg/{id}/antwoord",	R_ANTWOORD },
};
#define NROUTES	(sizeof(routes) / sizeof(routes[0]))

static int
find(enum http_method m, const char *path, struct route_match *rm,
    char *allow, size_t allowsz)
{
	return route_find(routes, NROUTES, m, path, rm, allow, allowsz);
}

/* The row id for a request that must match. */
static int
id_of(enum http_method m, const char *path, struct route_match *rm)
{
	char allow[64];

	assert_int_equal(find(m, path, rm, allow, sizeof(allow)), 0);
	return rm->route->id;
}

static void
literal_routes_match(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(id_of(HTTP_GET, "/", &m), R_START);
	assert_int_equal(m.nparams, 0);
	assert_int_equal(id_of(HTTP_GET, "/verwijzingen/nieuw", &m),
	    R_VERW_NIEUW);
	assert_int_equal(id_of(HTTP_POST, "/verwijzingen", &m), R_VERW);
	assert_int_equal(id_of(HTTP_GET, "/zaken", &m), R_ZAKEN);
	assert_int_equal(id_of(HTTP_GET, "/overleg", &m), R_OVERLEG);
	assert_int_equal(id_of(HTTP_POST, "/overleg", &m), R_OVERLEG_POST);
}

static void
literal_segment_wins_when_listed_first(void **state)
{
	struct route_match m;

	(void)state;
	/* "nieuw" also fits {id}: the table order decides. */
	assert_int_equal(id_of(HTTP_GET, "/overleg/nieuw", &m),
	    R_OVERLEG_NIEUW);
	assert_null(route_param(&m, "id"));
	assert_int_equal(id_of(HTTP_GET, "/overleg/O00000007", &m),
	    R_OVERLEG_ID);
	assert_string_equal(route_param(&m, "id"), "O00000007");
}

static void
params_are_captured(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(id_of(HTTP_GET, "/zaken/Z00000001", &m), R_ZAAK);
	assert_int_equal(m.nparams, 1);
	assert_string_equal(route_param(&m, "id"), "Z00000001");
	assert_null(route_param(&m, "i"));
	assert_null(route_param(&m, "stap"));

	assert_int_equal(id_of(HTTP_GET, "/zaken/Z7/voorblad", &m),
	    R_VOORBLAD);
	assert_string_equal(route_param(&m, "id"), "Z7");

	assert_int_equal(id_of(HTTP_POST, "/zaken/Z7/registratie", &m),
	    R_REGISTRATIE);

	assert_int_equal(id_of(HTTP_GET, "/zaken/Z7/stappen/leeropdracht-1",
	    &m), R_STAP_GET);
	assert_int_equal(m.nparams, 2);
	assert_string_equal(route_param(&m, "id"), "Z7");
	assert_string_equal(route_param(&m, "stap"), "leeropdracht-1");
	assert_int_equal(id_of(HTTP_POST, "/zaken/Z7/stappen/extra-gesprek",
	    &m), R_STAP_POST);
	assert_string_equal(route_param(&m, "stap"), "extra-gesprek");

	assert_int_equal(id_of(HTTP_POST, "/overleg/O1/antwoord", &m),
	    R_ANTWOORD);
	assert_string_equal(route_param(&m, "id"), "O1");
}

static void
unknown_paths_are_404(void **state)
{
	struct route_match m;
	char allow[64];
	const char *paths[] = {
		"/onbekend", "/zaken/Z1/onbekend", "/zaken/Z1/stappen",
		"/zaken/Z1/stappen/a/b", "/verwijzingen/nieuw/x", "/Zaken",
		"/zakenx", "", "zaken", "/verwijzingen/", "/zaken/", "/zaken/Z1/",
		"/overleg/", "/zaken/Z1/stappen/hertoetsing/", "//",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		strcpy(allow, "unchanged");
		assert_int_equal(find(HTTP_GET, paths[i], &m, allow,
		    sizeof(allow)), 404);
		assert_string_equal(allow, "");
	}
}

static void
wrong_method_is_405_with_allow(void **state)
{
	struct route_match m;
	char allow[64];

	(void)state;
	assert_int_equal(find(HTTP_GET, "/verwijzingen", &m, allow,
	    sizeof(allow)), 405);
	assert_string_equal(allow, "POST");
	assert_int_equal(find(HTTP_POST, "/zaken", &m, allow, sizeof(allow)),
	    405);
	assert_string_equal(allow, "GET, HEAD");
	assert_int_equal(find(HTTP_POST, "/", &m, allow, sizeof(allow)), 405);
	assert_string_equal(allow, "GET, HEAD");
	assert_int_equal(find(HTTP_OTHER, "/zaken/Z1/stappen/voorgesprek", &m,
	    allow, sizeof(allow)), 405);
	assert_string_equal(allow, "GET, HEAD, POST");
	/* POST is listed before GET in the table: the order stays stable. */
	assert_int_equal(find(HTTP_OTHER, "/overleg", &m, allow,
	    sizeof(allow)), 405);
	assert_string_equal(allow, "GET, HEAD, POST");
	assert_int_equal(find(HTTP_GET, "/overleg/O1/antwoord", &m, allow,
	    sizeof(allow)), 405);
	assert_string_equal(allow, "POST");
	assert_int_equal(find(HTTP_HEAD, "/zaken/Z1/registratie", &m, allow,
	    sizeof(allow)), 405);
	assert_string_equal(allow, "POST");
}

static void
allow_never_overflows_a_small_buffer(void **state)
{
	struct route_match m;
	char allow[10];

	(void)state;
	assert_int_equal(find(HTTP_OTHER, "/overleg", &m, allow,
	    sizeof(allow)), 405);
	assert_string_equal(allow, "GET, HEAD");
	assert_int_equal(find(HTTP_OTHER, "/overleg", &m, NULL, 0), 405);
}

static void
head_is_answered_by_get_routes(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(id_of(HTTP_HEAD, "/", &m), R_START);
	assert_int_equal(id_of(HTTP_HEAD, "/zaken/Z1", &m), R_ZAAK);
	assert_int_equal(id_of(HTTP_HEAD, "/zaken/Z1/stappen/excuus", &m),
	    R_STAP_GET);
	assert_int_equal(m.route->method, HTTP_GET);
}

static void
params_with_bad_characters_or_too_long_are_404(void **state)
{
	struct route_match m;
	char allow[64], path[HALT_ROUTE_PARAM_MAX + 16];
	const char *bad[] = {
		"/zaken/Z 1", "/zaken/Z.1", "/zaken/Z_1", "/zaken/..",
		"/zaken/Z%41", "/zaken/\xc3\xa9", "/zaken/a+b", "/zaken/a;b",
		"/zaken/Z1/stappen/stap.xml",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(find(HTTP_GET, bad[i], &m, allow,
		    sizeof(allow)), 404);

	strcpy(path, "/zaken/");
	memset(path + 7, 'a', HALT_ROUTE_PARAM_MAX);
	path[7 + HALT_ROUTE_PARAM_MAX] = '\0';
	assert_int_equal(find(HTTP_GET, path, &m, allow, sizeof(allow)), 0);
	assert_int_equal(strlen(route_param(&m, "id")), HALT_ROUTE_PARAM_MAX);
	strcat(path, "a");
	assert_int_equal(find(HTTP_GET, path, &m, allow, sizeof(allow)), 404);
}

static void
a_failed_match_leaves_no_params_behind(void **state)
{
	struct route_match m;
	char allow[64];

	(void)state;
	assert_int_equal(id_of(HTTP_GET, "/zaken/Z1", &m), R_ZAAK);
	assert_int_equal(find(HTTP_GET, "/zaken/Z2/x/y/z", &m, allow,
	    sizeof(allow)), 404);
	/* The match of the first call is untouched, not half overwritten. */
	assert_string_equal(route_param(&m, "id"), "Z1");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(literal_routes_match),
		cmocka_unit_test(literal_segment_wins_when_listed_first),
		cmocka_unit_test(params_are_captured),
		cmocka_unit_test(unknown_paths_are_404),
		cmocka_unit_test(wrong_method_is_405_with_allow),
		cmocka_unit_test(allow_never_overflows_a_small_buffer),
		cmocka_unit_test(head_is_answered_by_get_routes),
		cmocka_unit_test(params_with_bad_characters_or_too_long_are_404),
		cmocka_unit_test(a_failed_match_leaves_no_params_behind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
