/* fuzz_route.c: libFuzzer target for path decoding and the route matcher behind it. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "limits.h"
#include "route.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c)	do { if (!(c)) { \
	fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

static const struct route routes[] = {
	{ HTTP_GET,	"/",				0 },
	{ HTTP_GET,	"/verwijzingen/nieuw",		1 },
	{ HTTP_POST,	"/verwijzingen",		2 },
	{ HTTP_GET,	"/zaken",			3 },
	{ HTTP_GET,	"/zaken/{id}",			4 },
	{ HTTP_GET,	"/zaken/{id}/voorblad",		5 },
	{ HTTP_POST,	"/zaken/{id}/registratie",	6 },
	{ HTTP_GET,	"/zaken/{id}/stappen/{stap}",	7 },
	{ HTTP_POST,	"/zaken/{id}/stappen/{stap}",	8 },
	{ HTTP_GET,	"/overleg/nieuw",		9 },
	{ HTTP_POST,	"/overleg",			10 },
	{ HTTP_GET,	"/overleg",			11 },
	{ HTTP_GET,	"/overleg/{id}",		12 },
	{ HTTP_POST,	"/overleg/{id}/antwoord",	13 },
};

static void
check_path(const char *p)
{
	size_t i, n = strlen(p);

	CHECK(n >= 1 && n <= HALT_PATH_MAX && p[0] == '/');
	CHECK(http_utf8_valid(p, n));
	for (i = 0; i < n; i++)
		CHECK((unsigned char)p[i] >= 0x20 && p[i] != 0x7f);
	CHECK(strstr(p, "//") == NULL);
	CHECK(strstr(p, "/./") == NULL && strstr(p, "/../") == NULL);
	CHECK(!(n >= 2 && strcmp(p + n - 2, "/.") == 0));
	CHECK(!(n >= 3 && strcmp(p + n - 3, "/..") == 0));
}

static void
check_match(const struct route_match *m, enum http_method meth)
{
	size_t i, k, n;
	const char *v;

	CHECK(m->route != NULL);
	CHECK(m->route->method == meth ||
	    (m->route->method == HTTP_GET && meth == HTTP_HEAD));
	CHECK(m->nparams <= ROUTE_PARAMS_MAX);
	for (i = 0; i < m->nparams; i++) {
		v = m->params[i].value;
		n = strlen(v);
		CHECK(n > 0 && n <= HALT_ROUTE_PARAM_MAX);
		for (k = 0; k < n; k++)
			CHECK(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-",
			    v[k]) != NULL);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum http_method meths[] = { HTTP_GET, HTTP_HEAD,
	    HTTP_POST, HTTP_OTHER };
	struct arena *a;
	struct http_request r;
	struct route_match m;
	char allow[64], *envp[3];
	size_t i;
	int rc;

	if ((a = arena_new()) == NULL)
		return 0;
	envp[0] = "REQUEST_METHOD=GET";
	envp[1] = arena_printf(a, "REQUEST_URI=%.*s", (int)size,
	    (const char *)data);
	envp[2] = NULL;
	if (envp[1] == NULL)
		goto out;
	rc = http_request_decode(a, envp, NULL, 0, &r);
	CHECK(rc == 0 || rc == 400);
	if (rc != 0)
		goto out;
	check_path(r.path);
	for (i = 0; i < sizeof(meths) / sizeof(meths[0]); i++) {
		allow[0] = 'x';
		rc = route_find(routes, sizeof(routes) / sizeof(routes[0]),
		    meths[i], r.path, &m, allow, sizeof(allow));
		CHECK(rc == 0 || rc == 404 || rc == 405);
		if (rc == 0)
			check_match(&m, meths[i]);
		else if (rc == 404)
			CHECK(allow[0] == '\0');
		else
			CHECK(strcmp(allow, "GET, HEAD") == 0 ||
			    strcmp(allow, "POST") == 0 ||
			    strcmp(allow, "GET, HEAD, POST") == 0);
	}
out:
	arena_free(a);
	return 0;
}
