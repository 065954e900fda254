/* route.c: the one generic matcher that walks a caller's table of route patterns. */
#include <string.h>

#include "route.h"

static int
param_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-';
}

/*
 * Match path against pattern segment by segment; 1 with the parameters in
 * *m, else 0. Both start with '/', and a segment ends at the next '/' or at
 * the end, so "/" is one empty segment and "/zaken/" has two: a trailing
 * slash never matches "/zaken".
 */
static int
pattern_match(const char *pat, const char *path, struct route_match *m)
{
	const char *pe, *qe;
	size_t plen, qlen, i;

	m->nparams = 0;
	if (pat == NULL || *pat != '/' || *path != '/')
		return 0;
	for (;;) {
		pat++;
		path++;
		pe = pat + strcspn(pat, "/");
		qe = path + strcspn(path, "/");
		plen = (size_t)(pe - pat);
		qlen = (size_t)(qe - path);
		if (plen >= 2 && pat[0] == '{' && pat[plen - 1] == '}') {
			if (qlen == 0 || qlen > HALT_ROUTE_PARAM_MAX ||
			    m->nparams == ROUTE_PARAMS_MAX)
				return 0;
			for (i = 0; i < qlen; i++)
				if (!param_char(path[i]))
					return 0;
			m->params[m->nparams].name = pat + 1;
			m->params[m->nparams].namelen = plen - 2;
			memcpy(m->params[m->nparams].value, path, qlen);
			m->params[m->nparams].value[qlen] = '\0';
			m->nparams++;
		} else if (plen != qlen || memcmp(pat, path, plen) != 0)
			return 0;
		pat = pe;
		path = qe;
		if (*pat == '\0' || *path == '\0')
			return *pat == '\0' && *path == '\0';
	}
}

/* The Allow value in a fixed order, whatever the order of the table. */
static void
allow_format(unsigned int mask, char *allow, size_t allowsz)
{
	size_t i, len = 0, n;
	const char *sep = "";

	if (allow == NULL || allowsz == 0)
		return;
	allow[0] = '\0';
	for (i = 0; i < HTTP_OTHER; i++) {
		if (!(mask & (1u << i)))
			continue;
		n = strlen(sep) + strlen(http_methods[i]);
		/* Drop what does not fit rather than cut a method name in half. */
		if (len + n >= allowsz)
			break;
		memcpy(allow + len, sep, strlen(sep));
		memcpy(allow + len + strlen(sep), http_methods[i],
		    strlen(http_methods[i]));
		len += n;
		allow[len] = '\0';
		sep = ", ";
	}
}

int
route_find(const struct route *table, size_t n, enum http_method method,
    const char *path, struct route_match *m, char *allow, size_t allowsz)
{
	struct route_match tmp;
	unsigned int mask = 0;
	size_t i;

	if (allow != NULL && allowsz > 0)
		allow[0] = '\0';
	if (path == NULL)
		return 404;
	for (i = 0; i < n; i++) {
		if (!pattern_match(table[i].pattern, path, &tmp))
			continue;
		if (table[i].method == method ||
		    (table[i].method == HTTP_GET && method == HTTP_HEAD)) {
			tmp.route = &table[i];
			if (m != NULL)
				*m = tmp;
			return 0;
		}
		if (table[i].method < HTTP_OTHER)
			mask |= 1u << table[i].method;
		if (table[i].method == HTTP_GET)
			mask |= 1u << HTTP_HEAD;
	}
	if (mask == 0)
		return 404;
	allow_format(mask, allow, allowsz);
	return 405;
}

const char *
route_param(const struct route_match *m, const char *name)
{
	size_t i, n;

	if (m == NULL || name == NULL)
		return NULL;
	n = strlen(name);
	for (i = 0; i < m->nparams; i++)
		if (m->params[i].namelen == n &&
		    memcmp(m->params[i].name, name, n) == 0)
			return m->params[i].value;
	return NULL;
}
