/* test_http.c: request decoding at the edge: escapes, UTF-8, limits, content types, paths. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "http.h"
#include "limits.h"

static int
setup(void **state)
{
	*state = arena_new();
	return *state == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static int
decode_str(struct arena *a, const char *s, struct http_params *p)
{
	return http_urlencoded_decode(a, s, strlen(s), p);
}

/* A GET request for path with extra "NAME=value" params (NULL-terminated). */
static int
request(struct arena *a, const char *method, const char *uri,
    const char *extra[], const char *body, struct http_request *r)
{
	char *envp[32];
	size_t n = 0, i;

	envp[n++] = arena_printf(a, "REQUEST_METHOD=%s", method);
	envp[n++] = arena_printf(a, "REQUEST_URI=%s", uri);
	for (i = 0; extra != NULL && extra[i] != NULL; i++)
		envp[n++] = (char *)extra[i];
	envp[n] = NULL;
	return http_request_decode(a, envp, body, body ? strlen(body) : 0, r);
}

static void
urlencoded_decodes_plus_and_percent_in_either_case(void **state)
{
	struct http_params p;

	assert_int_equal(decode_str(*state,
	    "a=x+y&b=1%2B1&c=caf%c3%a9&d=%C3%A9%c3%A9&e=%41", &p), 0);
	assert_int_equal(p.n, 5);
	assert_string_equal(p.v[0].name, "a");
	assert_string_equal(p.v[0].value, "x y");
	assert_int_equal(p.v[0].len, 3);
	assert_string_equal(p.v[1].value, "1+1");
	assert_string_equal(p.v[2].value, "caf\xc3\xa9");
	assert_int_equal(p.v[2].len, 5);
	assert_string_equal(p.v[3].value, "\xc3\xa9\xc3\xa9");
	assert_string_equal(p.v[4].value, "A");
}

static void
urlencoded_decodes_names_too(void **state)
{
	struct http_params p;

	assert_int_equal(decode_str(*state, "contra%5Fdwang=ja&a+b=c", &p), 0);
	assert_string_equal(p.v[0].name, "contra_dwang");
	assert_string_equal(p.v[1].name, "a b");
}

static void
urlencoded_skips_empty_pairs_and_name_without_equals_is_empty(void **state)
{
	struct http_params p;

	assert_int_equal(decode_str(*state, "&a=1&&b=2&&flag&c=&", &p), 0);
	assert_int_equal(p.n, 4);
	assert_string_equal(p.v[0].name, "a");
	assert_string_equal(p.v[1].name, "b");
	assert_string_equal(p.v[2].name, "flag");
	assert_string_equal(p.v[2].value, "");
	assert_int_equal(p.v[2].len, 0);
	assert_string_equal(p.v[3].name, "c");
	assert_string_equal(p.v[3].value, "");
}

static void
urlencoded_value_may_contain_equals_and_crlf(void **state)
{
	struct http_params p;

	assert_int_equal(decode_str(*state, "t=a%3Db=c&u=regel1%0D%0Aregel2",
	    &p), 0);
	assert_string_equal(p.v[0].value, "a=b=c");
	assert_string_equal(p.v[1].value, "regel1\r\nregel2");
}

static void
urlencoded_empty_input_has_no_fields(void **state)
{
	struct http_params p;

	assert_int_equal(http_urlencoded_decode(*state, NULL, 0, &p), 0);
	assert_int_equal(p.n, 0);
	assert_int_equal(decode_str(*state, "&&&", &p), 0);
	assert_int_equal(p.n, 0);
}

static void
urlencoded_bad_escapes_are_400(void **state)
{
	struct http_params p;
	const char *bad[] = { "a=%", "a=%4", "a=%zz", "a=%4g", "a=x%", "%=1",
	    "a%2=1", "a=%%41" };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(decode_str(*state, bad[i], &p), 400);
}

static void
urlencoded_nul_byte_is_400(void **state)
{
	struct http_params p;

	assert_int_equal(decode_str(*state, "a=x%00y", &p), 400);
	assert_int_equal(decode_str(*state, "a%00=1", &p), 400);
	/* A raw NUL inside the buffer is refused as well. */
	assert_int_equal(http_urlencoded_decode(*state, "a=x\0y", 5, &p), 400);
}

static void
urlencoded_invalid_utf8_is_400(void **state)
{
	struct http_params p;
	const char *bad[] = {
		"a=%ff",		/* never valid */
		"a=%c3",		/* truncated */
		"a=%c3%28",		/* bad continuation */
		"a=%c0%af",		/* overlong '/' */
		"a=%e0%80%af",		/* overlong, 3 bytes */
		"a=%ed%a0%80",		/* surrogate U+D800 */
		"a=%ed%bf%bf",		/* surrogate U+DFFF */
		"a=%f4%90%80%80",	/* U+110000 */
		"a=%f5%80%80%80",
		"a=%80",		/* lone continuation */
		"%ff=1",		/* in a name */
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(decode_str(*state, bad[i], &p), 400);
}

static void
utf8_valid_accepts_edges_of_the_ranges(void **state)
{
	(void)state;
	assert_true(http_utf8_valid("", 0));
	assert_true(http_utf8_valid("\x7f", 1));
	assert_true(http_utf8_valid("\xc2\x80", 2));		/* U+0080 */
	assert_true(http_utf8_valid("\xed\x9f\xbf", 3));	/* U+D7FF */
	assert_true(http_utf8_valid("\xee\x80\x80", 3));	/* U+E000 */
	assert_true(http_utf8_valid("\xf0\x9f\x98\x80", 4));	/* emoji */
	assert_true(http_utf8_valid("\xf4\x8f\xbf\xbf", 4));	/* U+10FFFF */
	assert_false(http_utf8_valid("\xc1\xbf", 2));
	assert_false(http_utf8_valid("\xf0\x8f\xbf\xbf", 4));	/* overlong */
	assert_false(http_utf8_valid("a\0b", 3));
}

static char *
fields(struct arena *a, size_t n)
{
	char *s = arena_alloc(a, n * 8 + 1), *p = s;
	size_t i;

	for (i = 0; i < n; i++)
		p += sprintf(p, "%sf%zu=1", i ? "&" : "", i);
	return s;
}

static void
urlencoded_field_count_limit_is_413(void **state)
{
	struct http_params p;

	assert_int_equal(decode_str(*state, fields(*state, HALT_FIELDS_MAX),
	    &p), 0);
	assert_int_equal(p.n, HALT_FIELDS_MAX);
	assert_int_equal(decode_str(*state,
	    fields(*state, HALT_FIELDS_MAX + 1), &p), 413);
}

static void
urlencoded_value_length_limit_is_413(void **state)
{
	struct http_params p;
	size_t n = 2 + HALT_FIELD_VALUE_MAX + 1;
	char *s = arena_alloc(*state, n + 1);

	memcpy(s, "v=", 2);
	memset(s + 2, 'x', HALT_FIELD_VALUE_MAX);
	assert_int_equal(http_urlencoded_decode(*state, s, n - 1, &p), 0);
	assert_int_equal(p.v[0].len, HALT_FIELD_VALUE_MAX);
	s[n - 1] = 'x';
	assert_int_equal(http_urlencoded_decode(*state, s, n, &p), 413);
}

static void
urlencoded_value_limit_counts_decoded_bytes(void **state)
{
	struct http_params p;
	size_t i, n = 2 + 3 * HALT_FIELD_VALUE_MAX;
	char *s = arena_alloc(*state, n + 1);

	/* Three raw bytes per decoded one: at the limit after decoding. */
	memcpy(s, "v=", 2);
	for (i = 0; i < HALT_FIELD_VALUE_MAX; i++)
		memcpy(s + 2 + 3 * i, "%41", 3);
	assert_int_equal(http_urlencoded_decode(*state, s, n, &p), 0);
	assert_int_equal(p.v[0].len, HALT_FIELD_VALUE_MAX);
}

static void
urlencoded_long_or_empty_name_is_400(void **state)
{
	struct http_params p;
	char name[HALT_FIELD_NAME_MAX + 4];

	memset(name, 'n', HALT_FIELD_NAME_MAX);
	strcpy(name + HALT_FIELD_NAME_MAX, "=1");
	assert_int_equal(decode_str(*state, name, &p), 0);
	memset(name, 'n', HALT_FIELD_NAME_MAX + 1);
	strcpy(name + HALT_FIELD_NAME_MAX + 1, "=1");
	assert_int_equal(decode_str(*state, name, &p), 400);
	assert_int_equal(decode_str(*state, "=1", &p), 400);
	assert_int_equal(decode_str(*state, "a=1&=2", &p), 400);
}

static void
repeated_names_are_kept_in_order_and_param_get_gives_first(void **state)
{
	struct http_params p;

	assert_int_equal(decode_str(*state,
	    "criteria=leeftijd&vraag=x&criteria=dwang&criteria=ontkent", &p), 0);
	assert_int_equal(p.n, 4);
	assert_string_equal(p.v[0].value, "leeftijd");
	assert_string_equal(p.v[2].value, "dwang");
	assert_string_equal(p.v[3].value, "ontkent");
	assert_string_equal(http_param_get(&p, "criteria"), "leeftijd");
	assert_string_equal(http_param_get(&p, "vraag"), "x");
	assert_null(http_param_get(&p, "crit"));
	assert_null(http_param_get(&p, "criteria2"));
}

static int
content_length(const char *v, size_t *len)
{
	char buf[128];
	char *envp[] = { "REQUEST_METHOD=POST", buf, NULL };

	if (v == NULL)
		envp[1] = NULL;
	else
		snprintf(buf, sizeof(buf), "CONTENT_LENGTH=%s", v);
	return http_content_length(envp, len);
}

static void
content_length_edge_cases(void **state)
{
	char max[32], over[32];
	size_t len = 99;

	(void)state;
	assert_int_equal(content_length(NULL, &len), 0);
	assert_int_equal(len, 0);
	assert_int_equal(content_length("0", &len), 0);
	assert_int_equal(len, 0);
	assert_int_equal(content_length("1234", &len), 0);
	assert_int_equal(len, 1234);
	assert_int_equal(content_length("12a", &len), 400);
	assert_int_equal(content_length("-1", &len), 400);
	assert_int_equal(content_length("+1", &len), 400);
	assert_int_equal(content_length(" 1", &len), 400);
	assert_int_equal(content_length("0x10", &len), 400);
	assert_int_equal(content_length("99999999999999999999999999999", &len),
	    413);
	assert_int_equal(content_length("18446744073709551617", &len), 413);
	assert_int_equal(content_length("99999999999999999999999999x", &len),
	    400);
	snprintf(max, sizeof(max), "%d", HALT_BODY_MAX);
	snprintf(over, sizeof(over), "%d", HALT_BODY_MAX + 1);
	assert_int_equal(content_length(max, &len), 0);
	assert_int_equal(len, HALT_BODY_MAX);
	assert_int_equal(content_length(over, &len), 413);
}

static void
post_form_with_charset_is_decoded(void **state)
{
	struct http_request r;
	const char *ct[] = {
		"CONTENT_TYPE=application/x-www-form-urlencoded",
		"CONTENT_TYPE=application/x-www-form-urlencoded; charset=UTF-8",
		"CONTENT_TYPE=Application/X-WWW-Form-URLEncoded;charset=utf-8",
	};
	const char *extra[2] = { NULL, NULL };
	size_t i;

	for (i = 0; i < sizeof(ct) / sizeof(ct[0]); i++) {
		extra[0] = ct[i];
		assert_int_equal(request(*state, "POST", "/verwijzingen", extra,
		    "actie=controleren&regio=Limburg", &r), 0);
		assert_int_equal(r.method, HTTP_POST);
		assert_int_equal(r.body.n, 2);
		assert_string_equal(http_param_get(&r.body, "regio"),
		    "Limburg");
	}
}

static void
post_other_content_types_are_415(void **state)
{
	struct http_request r;
	const char *ct[] = {
		"CONTENT_TYPE=multipart/form-data; boundary=----x",
		"CONTENT_TYPE=text/plain",
		"CONTENT_TYPE=application/json",
		"CONTENT_TYPE=application/x-www-form-urlencodedx",
		"CONTENT_TYPE=application/xml",
	};
	const char *extra[2] = { NULL, NULL };
	size_t i;

	for (i = 0; i < sizeof(ct) / sizeof(ct[0]); i++) {
		extra[0] = ct[i];
		assert_int_equal(request(*state, "POST", "/overleg", extra,
		    "a=1", &r), 415);
	}
	/* A body without any Content-Type is not a form either. */
	assert_int_equal(request(*state, "POST", "/overleg", NULL, "a=1", &r),
	    415);
}

static void
post_without_body_or_type_has_no_fields(void **state)
{
	struct http_request r;

	assert_int_equal(request(*state, "POST", "/overleg", NULL, NULL, &r), 0);
	assert_int_equal(r.body.n, 0);
}

static void
body_of_a_get_is_ignored(void **state)
{
	struct http_request r;
	const char *extra[] = { "CONTENT_TYPE=multipart/form-data", NULL };

	assert_int_equal(request(*state, "GET", "/zaken", extra, "%zz", &r), 0);
	assert_int_equal(r.body.n, 0);
}

static void
post_body_errors_are_reported(void **state)
{
	struct http_request r;
	const char *extra[] = {
	    "CONTENT_TYPE=application/x-www-form-urlencoded", NULL };

	assert_int_equal(request(*state, "POST", "/overleg", extra, "a=%zz",
	    &r), 400);
	assert_int_equal(request(*state, "POST", "/overleg", extra, "a=%ff",
	    &r), 400);
}

static void
methods_are_recognised(void **state)
{
	struct http_request r;

	assert_int_equal(request(*state, "GET", "/", NULL, NULL, &r), 0);
	assert_int_equal(r.method, HTTP_GET);
	assert_int_equal(request(*state, "HEAD", "/", NULL, NULL, &r), 0);
	assert_int_equal(r.method, HTTP_HEAD);
	assert_int_equal(request(*state, "DELETE", "/", NULL, NULL, &r), 0);
	assert_int_equal(r.method, HTTP_OTHER);
	assert_int_equal(request(*state, "get", "/", NULL, NULL, &r), 0);
	assert_int_equal(r.method, HTTP_OTHER);
	assert_string_equal(http_methods[HTTP_POST], "POST");
	assert_string_equal(http_methods[HTTP_OTHER], "OTHER");
}

static void
path_is_decoded_and_query_split_off(void **state)
{
	struct http_request r;
	const char *extra[] = { "QUERY_STRING=status=aangemeld&pagina=2",
	    NULL };

	assert_int_equal(request(*state, "GET",
	    "/zaken/Z00000001?status=aangemeld&pagina=2", extra, NULL, &r), 0);
	assert_string_equal(r.path, "/zaken/Z00000001");
	assert_int_equal(r.query.n, 2);
	assert_string_equal(http_param_get(&r.query, "pagina"), "2");
	assert_int_equal(request(*state, "GET", "/zaken/a%62c", NULL, NULL,
	    &r), 0);
	assert_string_equal(r.path, "/zaken/abc");
	/* '+' in a path is a plus, not a space. */
	assert_int_equal(request(*state, "GET", "/a+b", NULL, NULL, &r), 0);
	assert_string_equal(r.path, "/a+b");
	assert_int_equal(request(*state, "GET", "/", NULL, NULL, &r), 0);
	assert_string_equal(r.path, "/");
	/* A trailing slash is the router's business (404), not malformed. */
	assert_int_equal(request(*state, "GET", "/zaken/", NULL, NULL, &r), 0);
}

static void
bad_paths_are_400(void **state)
{
	struct http_request r;
	char *longp;
	const char *bad[] = {
		"/a/../b", "/a/./b", "/..", "/a/..", "/.", "//x", "/a//b",
		"/%2e%2e", "/a/%2E%2E/b", "/a/%2e/b", "/zaken/%00",
		"/zaken/a%0Ab", "/zaken/a%7fb", "/zaken/\x01", "/zaken/%ff",
		"/zaken/%c0%af", "zaken", "", "/a%2fb", "/a%2F..", "/a%zz",
		"/a%", "http://evil/zaken",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(request(*state, "GET", bad[i], NULL, NULL, &r),
		    400);

	longp = arena_alloc(*state, HALT_PATH_MAX + 2);
	memset(longp, 'a', HALT_PATH_MAX + 1);
	longp[0] = '/';
	assert_int_equal(request(*state, "GET", longp, NULL, NULL, &r), 400);
	longp[HALT_PATH_MAX] = '\0';
	assert_int_equal(request(*state, "GET", longp, NULL, NULL, &r), 0);
}

static void
dots_inside_a_segment_are_fine(void **state)
{
	struct http_request r;

	assert_int_equal(request(*state, "GET", "/css/halt.css", NULL, NULL,
	    &r), 0);
	assert_int_equal(request(*state, "GET", "/a/...", NULL, NULL, &r), 0);
	assert_int_equal(request(*state, "GET", "/a/.b", NULL, NULL, &r), 0);
}

static void
missing_request_uri_falls_back_to_script_name_and_path_info(void **state)
{
	struct http_request r;
	char *envp[] = { "REQUEST_METHOD=GET", "SCRIPT_NAME=",
	    "PATH_INFO=/zaken/Z1", NULL };
	char *none[] = { "REQUEST_METHOD=GET", NULL };

	assert_int_equal(http_request_decode(*state, envp, NULL, 0, &r), 0);
	assert_string_equal(r.path, "/zaken/Z1");
	assert_int_equal(http_request_decode(*state, none, NULL, 0, &r), 400);
}

static void
query_string_errors_and_limit(void **state)
{
	struct http_request r;
	const char *bad[] = { "QUERY_STRING=zaak=%zz", NULL };
	const char *extra[] = { NULL, NULL };
	char *q;

	assert_int_equal(request(*state, "GET", "/overleg/nieuw", bad, NULL,
	    &r), 400);
	q = arena_alloc(*state, HALT_QUERY_MAX + 32);
	strcpy(q, "QUERY_STRING=a=");
	memset(q + strlen(q), 'x', HALT_QUERY_MAX - 2);
	extra[0] = q;
	assert_int_equal(request(*state, "GET", "/", extra, NULL, &r), 0);
	assert_int_equal(r.query.v[0].len, HALT_QUERY_MAX - 2);
	strcat(q, "x");
	assert_int_equal(request(*state, "GET", "/", extra, NULL, &r), 400);
}

static int
wants_xml(struct arena *a, const char *accept)
{
	struct http_request r;
	const char *extra[] = { NULL, NULL };

	if (accept != NULL)
		extra[0] = arena_printf(a, "HTTP_ACCEPT=%s", accept);
	assert_int_equal(request(a, "GET", "/zaken", extra, NULL, &r), 0);
	return r.want_xml;
}

static void
want_xml_follows_the_accept_header(void **state)
{
	struct arena *a = *state;

	assert_int_equal(wants_xml(a, "application/xml"), 1);
	assert_int_equal(wants_xml(a, "text/xml"), 1);
	assert_int_equal(wants_xml(a, "Application/XML"), 1);
	assert_int_equal(wants_xml(a, "application/xml;charset=utf-8"), 1);
	assert_int_equal(wants_xml(a, "application/xml, text/html"), 1);
	assert_int_equal(wants_xml(a, "text/html;q=0.5, application/xml"), 1);
	assert_int_equal(wants_xml(a,
	    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
	    0);
	assert_int_equal(wants_xml(a, "*/*"), 0);
	assert_int_equal(wants_xml(a, NULL), 0);
	assert_int_equal(wants_xml(a, ""), 0);
	assert_int_equal(wants_xml(a, "text/html, application/xml"), 0);
	assert_int_equal(wants_xml(a, "application/xml;q=0.5, text/html"), 0);
	assert_int_equal(wants_xml(a, "application/xml;q=0"), 0);
	assert_int_equal(wants_xml(a, "application/xhtml+xml"), 0);
}

static void
remote_user_and_addr(void **state)
{
	struct http_request r;
	const char *user[] = { "REMOTE_USER=medewerker",
	    "REMOTE_ADDR=127.0.0.1", NULL };
	const char *empty[] = { "REMOTE_USER=", NULL };
	const char *ctl[] = { "REMOTE_USER=a\nb", NULL };
	const char *extra[] = { NULL, NULL };
	char *longu;

	assert_int_equal(request(*state, "GET", "/", user, NULL, &r), 0);
	assert_string_equal(r.remote_user, "medewerker");
	assert_string_equal(r.remote_addr, "127.0.0.1");
	assert_int_equal(request(*state, "GET", "/", empty, NULL, &r), 0);
	assert_null(r.remote_user);
	assert_string_equal(r.remote_addr, "-");
	assert_int_equal(request(*state, "GET", "/", NULL, NULL, &r), 0);
	assert_null(r.remote_user);
	assert_int_equal(request(*state, "GET", "/", ctl, NULL, &r), 400);
	longu = arena_alloc(*state, HALT_USER_MAX + 32);
	strcpy(longu, "REMOTE_USER=");
	memset(longu + strlen(longu), 'u', HALT_USER_MAX + 1);
	extra[0] = longu;
	assert_int_equal(request(*state, "GET", "/", extra, NULL, &r), 400);
}

static void
reason_phrases(void **state)
{
	(void)state;
	assert_string_equal(http_reason(200), "OK");
	assert_string_equal(http_reason(303), "See Other");
	assert_string_equal(http_reason(404), "Not Found");
	assert_string_equal(http_reason(405), "Method Not Allowed");
	assert_string_equal(http_reason(413), "Content Too Large");
	assert_string_equal(http_reason(415), "Unsupported Media Type");
	assert_string_equal(http_reason(422), "Unprocessable Content");
	assert_string_equal(http_reason(503), "Service Unavailable");
	assert_string_equal(http_reason(299), "Unknown");
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(urlencoded_decodes_plus_and_percent_in_either_case),
		T(urlencoded_decodes_names_too),
		T(urlencoded_skips_empty_pairs_and_name_without_equals_is_empty),
		T(urlencoded_value_may_contain_equals_and_crlf),
		T(urlencoded_empty_input_has_no_fields),
		T(urlencoded_bad_escapes_are_400),
		T(urlencoded_nul_byte_is_400),
		T(urlencoded_invalid_utf8_is_400),
		T(utf8_valid_accepts_edges_of_the_ranges),
		T(urlencoded_field_count_limit_is_413),
		T(urlencoded_value_length_limit_is_413),
		T(urlencoded_value_limit_counts_decoded_bytes),
		T(urlencoded_long_or_empty_name_is_400),
		T(repeated_names_are_kept_in_order_and_param_get_gives_first),
		T(content_length_edge_cases),
		T(post_form_with_charset_is_decoded),
		T(post_other_content_types_are_415),
		T(post_without_body_or_type_has_no_fields),
		T(body_of_a_get_is_ignored),
		T(post_body_errors_are_reported),
		T(methods_are_recognised),
		T(path_is_decoded_and_query_split_off),
		T(bad_paths_are_400),
		T(dots_inside_a_segment_are_fine),
		T(missing_request_uri_falls_back_to_script_name_and_path_info),
		T(query_string_errors_and_limit),
		T(want_xml_follows_the_accept_header),
		T(remote_user_and_addr),
		T(reason_phrases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
