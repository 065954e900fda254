/* fuzz_urlencoded.c: libFuzzer target for the urlencoded parser and the request decoder around it. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "limits.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c)	do { if (!(c)) { \
	fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

/* What every successful decode must give, whatever the input. */
static void
check_params(const struct http_params *p)
{
	size_t i, nl;

	CHECK(p->n <= HALT_FIELDS_MAX);
	CHECK(p->n == 0 || p->v != NULL);
	for (i = 0; i < p->n; i++) {
		nl = strlen(p->v[i].name);
		CHECK(nl > 0 && nl <= HALT_FIELD_NAME_MAX);
		CHECK(http_utf8_valid(p->v[i].name, nl));
		CHECK(strlen(p->v[i].value) == p->v[i].len);
		CHECK(p->v[i].len <= HALT_FIELD_VALUE_MAX);
		CHECK(http_utf8_valid(p->v[i].value, p->v[i].len));
		CHECK(http_param_get(p, p->v[i].name) != NULL);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a;
	struct http_params p;
	struct http_request r;
	char *envp[] = { "REQUEST_METHOD=POST", "REQUEST_URI=/overleg",
	    "CONTENT_TYPE=application/x-www-form-urlencoded", NULL };
	int rc, rc2;

	if ((a = arena_new()) == NULL)
		return 0;
	rc = http_urlencoded_decode(a, (const char *)data, size, &p);
	CHECK(rc == 0 || rc == 400 || rc == 413);
	if (rc == 0)
		check_params(&p);

	/* The same bytes as a POST body must decode the same way. */
	rc2 = http_request_decode(a, envp, size ? (const char *)data : NULL,
	    size, &r);
	if (size <= HALT_BODY_MAX) {
		CHECK(rc2 == rc);
		if (rc2 == 0) {
			check_params(&r.body);
			CHECK(r.body.n == p.n);
		}
	} else
		CHECK(rc2 == 413);
	arena_free(a);
	return 0;
}
