/* route.h: matching a method and path against a table of route patterns. */
#ifndef HALT_ROUTE_H
#define HALT_ROUTE_H

#include <stddef.h>

#include "http.h"
#include "limits.h"

/*
 * One row of a routing table. pattern is an absolute path whose segments are
 * literal or "{name}"; a {name} matches one non-empty segment of the
 * characters [A-Za-z0-9-] up to HALT_ROUTE_PARAM_MAX bytes. id is the
 * caller's own number for the row (an index into its handler table).
 */
struct route {
	enum http_method	 method;	/* HTTP_GET rows also answer HEAD */
	const char		*pattern;
	int			 id;
};

#define ROUTE_PARAMS_MAX	4

struct route_match {
	const struct route	*route;
	size_t			 nparams;
	struct {
		const char	*name;	/* points into the pattern, not terminated: see namelen */
		size_t		 namelen;
		char		 value[HALT_ROUTE_PARAM_MAX + 1];
	} params[ROUTE_PARAMS_MAX];
};

/*
 * Find the row for method and path. Returns 0 and fills *m; 404 when no
 * pattern matches the path; 405 when a pattern matches but not for this
 * method, with allow filled as the Allow header value ("GET, HEAD, POST").
 * A trailing slash does not match (except the path "/").
 */
int		 route_find(const struct route *table, size_t n,
		    enum http_method method, const char *path,
		    struct route_match *m, char *allow, size_t allowsz);

/* The value of parameter name in m, or NULL. */
const char	*route_param(const struct route_match *m, const char *name);

#endif
