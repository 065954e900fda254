/* http.c: the edge: FastCGI params, path, query and urlencoded body into checked values. */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "http.h"
#include "limits.h"

const char *const http_methods[HTTP__MAX] = {
	"GET",
	"HEAD",
	"POST",
	"OTHER",
};

#define FORM_TYPE	"application/x-www-form-urlencoded"

/* The value of NAME in a FastCGI param array, or NULL. */
static const char *
env_get(char **envp, const char *name)
{
	size_t n = strlen(name);

	if (envp == NULL)
		return NULL;
	for (; *envp != NULL; envp++)
		if (strncmp(*envp, name, n) == 0 && (*envp)[n] == '=')
			return *envp + n + 1;
	return NULL;
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Percent-decode s[0..n) into out (room for n bytes: decoding never grows).
 * plus: '+' means a space (urlencoded forms, not paths). 0 or 400.
 */
static int
pct_decode(const char *s, size_t n, int plus, char *out, size_t *outlen)
{
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '%') {
			if (n - i < 3 ||
			    (hi = hexval((unsigned char)s[i + 1])) < 0 ||
			    (lo = hexval((unsigned char)s[i + 2])) < 0)
				return 400;
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (plus && s[i] == '+')
			out[o++] = ' ';
		else
			out[o++] = s[i];
	}
	*outlen = o;
	return 0;
}

int
http_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;
	unsigned char c, lo, hi;
	size_t need, k;

	while (p < end) {
		c = *p++;
		if (c == 0)
			return 0;
		if (c < 0x80)
			continue;
		/* The second byte's range rules out overlongs, surrogates and > U+10FFFF. */
		lo = 0x80;
		hi = 0xbf;
		if (c >= 0xc2 && c <= 0xdf)
			need = 1;
		else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			if (c == 0xe0)
				lo = 0xa0;
			else if (c == 0xed)
				hi = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			if (c == 0xf0)
				lo = 0x90;
			else if (c == 0xf4)
				hi = 0x8f;
		} else
			return 0;
		if ((size_t)(end - p) < need)
			return 0;
		if (p[0] < lo || p[0] > hi)
			return 0;
		for (k = 1; k < need; k++)
			if (p[k] < 0x80 || p[k] > 0xbf)
				return 0;
		p += need;
	}
	return 1;
}

/* Decode one name or value in place into out; checks shared by both. */
static int
field_decode(const char *s, size_t n, char *out, size_t *outlen)
{
	int rc;

	if ((rc = pct_decode(s, n, 1, out, outlen)) != 0)
		return rc;
	out[*outlen] = '\0';
	/* http_utf8_valid refuses NUL too: a value never hides a terminator. */
	if (!http_utf8_valid(out, *outlen))
		return 400;
	return 0;
}

int
http_urlencoded_decode(struct arena *a, const char *buf, size_t len,
    struct http_params *out)
{
	const char *p, *end, *amp, *eq;
	struct http_param *v;
	size_t n, i, nlen, vlen;
	char *dst;
	int rc;

	out->v = NULL;
	out->n = 0;
	if (buf == NULL || len == 0)
		return 0;

	/* Count the non-empty pairs first: refuse before allocating for them. */
	n = 0;
	end = buf + len;
	for (p = buf; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp > p && ++n > HALT_FIELDS_MAX)
			return 413;
	}
	if (n == 0)
		return 0;

	/* Decoding never grows: the raw bytes plus two terminators per pair suffice. */
	if ((v = arena_alloc(a, n * sizeof(*v))) == NULL ||
	    (dst = arena_alloc(a, len + 2 * n)) == NULL)
		return 500;

	i = 0;
	for (p = buf; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p)
			continue;
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		if ((rc = field_decode(p, (size_t)(eq - p), dst, &nlen)) != 0)
			return rc;
		if (nlen == 0 || nlen > HALT_FIELD_NAME_MAX)
			return 400;
		v[i].name = dst;
		dst += nlen + 1;
		if (eq == amp) {
			vlen = 0;
			*dst = '\0';
		} else if ((rc = field_decode(eq + 1, (size_t)(amp - eq - 1),
		    dst, &vlen)) != 0)
			return rc;
		if (vlen > HALT_FIELD_VALUE_MAX)
			return 413;
		v[i].value = dst;
		v[i].len = vlen;
		dst += vlen + 1;
		i++;
	}
	out->v = v;
	out->n = i;
	return 0;
}

const char *
http_param_get(const struct http_params *ps, const char *name)
{
	size_t i;

	if (ps == NULL || name == NULL)
		return NULL;
	for (i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i].name, name) == 0)
			return ps->v[i].value;
	return NULL;
}

int
http_content_length(char **envp, size_t *len)
{
	const char *s;
	size_t n = 0;
	int big = 0;

	*len = 0;
	/* Some servers pass an empty CONTENT_LENGTH for a request without a body. */
	if ((s = env_get(envp, "CONTENT_LENGTH")) == NULL || *s == '\0')
		return 0;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return 400;
		/* Stop accumulating past the limit: no overflow, however many digits. */
		if (!big && (n = n * 10 + (size_t)(*s - '0')) > HALT_BODY_MAX)
			big = 1;
	}
	if (big)
		return 413;
	*len = n;
	return 0;
}

/* Path checks after decoding; see http_request_decode. */
static int
path_check(const char *p, size_t n)
{
	size_t i, seg;

	if (n == 0 || n > HALT_PATH_MAX || p[0] != '/')
		return 400;
	if (!http_utf8_valid(p, n))
		return 400;
	for (i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
			return 400;
	/* Each segment after a '/': refuse "", "." and ".." (the root "/" aside). */
	if (n == 1)
		return 0;
	for (i = 0; i < n; i = seg) {
		for (seg = i + 1; seg < n && p[seg] != '/'; seg++)
			;
		if (seg - i == 1 && seg < n)
			return 400;	/* "//" */
		if (seg - i == 2 && p[i + 1] == '.')
			return 400;
		if (seg - i == 3 && p[i + 1] == '.' && p[i + 2] == '.')
			return 400;
	}
	return 0;
}

/*
 * The decoded request path. REQUEST_URI as the client sent it (Apache does
 * not decode it); a "%2F" is refused, since it would turn one segment into
 * two after decoding. Without REQUEST_URI, SCRIPT_NAME + PATH_INFO, which
 * the server has decoded already.
 */
static int
path_decode(struct arena *a, char **envp, const char **out)
{
	const char *uri, *q, *sn, *pi;
	size_t n, dlen;
	char *d;
	int rc;

	if ((uri = env_get(envp, "REQUEST_URI")) != NULL) {
		q = strchr(uri, '?');
		n = q != NULL ? (size_t)(q - uri) : strlen(uri);
		/* Each decoded byte needs at most three raw ones. */
		if (n > 3 * (size_t)HALT_PATH_MAX)
			return 400;
		if (memmem(uri, n, "%2f", 3) != NULL ||
		    memmem(uri, n, "%2F", 3) != NULL)
			return 400;
		if ((d = arena_alloc(a, n + 1)) == NULL)
			return 500;
		if ((rc = pct_decode(uri, n, 0, d, &dlen)) != 0)
			return rc;
		d[dlen] = '\0';
	} else {
		sn = env_get(envp, "SCRIPT_NAME");
		pi = env_get(envp, "PATH_INFO");
		if (sn == NULL && pi == NULL)
			return 400;
		if ((d = arena_printf(a, "%s%s", sn ? sn : "", pi ? pi : "")) ==
		    NULL)
			return 500;
		dlen = strlen(d);
	}
	if ((rc = path_check(d, dlen)) != 0)
		return rc;
	*out = d;
	return 0;
}

/* A qvalue ("0", "0.5", "1.000") in thousandths; -1 when malformed. */
static int
qvalue(const char *s, size_t n)
{
	int q, scale;
	size_t i;

	if (n == 0 || (s[0] != '0' && s[0] != '1'))
		return -1;
	q = (s[0] - '0') * 1000;
	if (n == 1)
		return q;
	if (s[1] != '.' || n > 5)
		return -1;
	for (i = 2, scale = 100; i < n; i++, scale /= 10) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		q += (s[i] - '0') * scale;
	}
	return q > 1000 ? -1 : q;
}

static int
is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Does Accept prefer XML to HTML? XML must be listed explicitly (a bare
 * "*" "/" "*" is a browser or a generic client: it gets HTML) with q > 0, and
 * beat text/html on q, or tie with it and come first.
 */
static int
accept_wants_xml(const char *acc)
{
	const char *p, *e, *t, *te, *par, *pe;
	int xq = 0, hq = -1, xpos = -1, hpos = -1, pos, q;
	size_t tl;

	if (acc == NULL)
		return 0;
	for (p = acc, pos = 0; *p != '\0'; p = *e == ',' ? e + 1 : e, pos++) {
		e = p + strcspn(p, ",");
		for (t = p; t < e && is_ows(*t); t++)
			;
		for (te = t; te < e && *te != ';' && !is_ows(*te); te++)
			;
		tl = (size_t)(te - t);
		q = 1000;
		/* Parameters: only q matters. */
		for (par = memchr(te, ';', (size_t)(e - te)); par != NULL;
		    par = memchr(pe, ';', (size_t)(e - pe))) {
			for (par++; par < e && is_ows(*par); par++)
				;
			for (pe = par; pe < e && *pe != ';' && !is_ows(*pe);
			    pe++)
				;
			if (pe - par >= 2 && (par[0] == 'q' || par[0] == 'Q') &&
			    par[1] == '=' && (q = qvalue(par + 2,
			    (size_t)(pe - par - 2))) < 0)
				q = 0;	/* malformed: not acceptable */
			if (pe >= e)
				break;
		}
		if ((tl == 15 && strncasecmp(t, "application/xml", tl) == 0) ||
		    (tl == 8 && strncasecmp(t, "text/xml", tl) == 0)) {
			if (q > xq) {
				xq = q;
				xpos = pos;
			}
		} else if (tl == 9 && strncasecmp(t, "text/html", tl) == 0) {
			if (q > hq) {
				hq = q;
				hpos = pos;
			}
		}
	}
	if (xq <= 0)
		return 0;
	if (hq < 0)
		return 1;
	return xq > hq || (xq == hq && xpos < hpos);
}

/* Content-Type is the urlencoded form type, parameters such as charset allowed. */
static int
is_form_type(const char *ct)
{
	size_t n = sizeof(FORM_TYPE) - 1;

	while (is_ows(*ct))
		ct++;
	if (strncasecmp(ct, FORM_TYPE, n) != 0)
		return 0;
	for (ct += n; is_ows(*ct); ct++)
		;
	return *ct == '\0' || *ct == ';';
}

/* REMOTE_USER is set by Apache, but it is the identity: check it all the same. */
static int
user_check(const char *u)
{
	size_t i, n = strlen(u);

	if (n > HALT_USER_MAX || !http_utf8_valid(u, n))
		return 400;
	for (i = 0; i < n; i++)
		if ((unsigned char)u[i] < 0x20 || u[i] == 0x7f)
			return 400;
	return 0;
}

int
http_request_decode(struct arena *a, char **envp, const char *body,
    size_t len, struct http_request *out)
{
	const char *m, *qs, *ct, *u, *ra;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	out->remote_addr = "-";

	if ((m = env_get(envp, "REQUEST_METHOD")) == NULL || *m == '\0')
		return 400;
	out->method = HTTP_OTHER;
	for (i = 0; i < HTTP_OTHER; i++)
		if (strcmp(m, http_methods[i]) == 0)
			out->method = (enum http_method)i;

	if ((rc = path_decode(a, envp, &out->path)) != 0)
		return rc;

	if ((qs = env_get(envp, "QUERY_STRING")) != NULL) {
		if (strlen(qs) > HALT_QUERY_MAX)
			return 400;
		if ((rc = http_urlencoded_decode(a, qs, strlen(qs),
		    &out->query)) != 0)
			return rc;
	}

	if ((u = env_get(envp, "REMOTE_USER")) != NULL && *u != '\0') {
		if ((rc = user_check(u)) != 0)
			return rc;
		if ((out->remote_user = arena_strdup(a, u)) == NULL)
			return 500;
	}
	if ((ra = env_get(envp, "REMOTE_ADDR")) != NULL && *ra != '\0') {
		if ((out->remote_addr = arena_strdup(a, ra)) == NULL)
			return 500;
	}
	out->want_xml = accept_wants_xml(env_get(envp, "HTTP_ACCEPT"));

	/* Only a POST has a body worth reading; any other method's is ignored. */
	if (out->method == HTTP_POST) {
		ct = env_get(envp, "CONTENT_TYPE");
		if (ct != NULL && *ct != '\0') {
			if (!is_form_type(ct))
				return 415;
		} else if (len > 0)
			return 415;
		if (len > HALT_BODY_MAX)
			return 413;
		if (len > 0 && body == NULL)
			return 400;
		if ((rc = http_urlencoded_decode(a, body, len,
		    &out->body)) != 0)
			return rc;
	}
	return 0;
}

const char *
http_reason(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 303:
		return "See Other";
	case 400:
		return "Bad Request";
	case 401:
		return "Unauthorized";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 409:
		return "Conflict";
	case 413:
		return "Content Too Large";
	case 415:
		return "Unsupported Media Type";
	case 422:
		return "Unprocessable Content";
	case 500:
		return "Internal Server Error";
	case 503:
		return "Service Unavailable";
	default:
		return "Unknown";
	}
}
