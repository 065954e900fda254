/* limits.h: every size limit of the system, in one place. */
#ifndef HALT_LIMITS_H
#define HALT_LIMITS_H

/*
 * Request decoding. A referral has seven free-text fields of up to 4000
 * characters; percent-encoded UTF-8 can take 9 bytes per character, so the
 * body limit leaves room for a complete, honest form and no more.
 * Apache's LimitRequestBody (apache-conf/) is set to the same figure.
 */
#define HALT_BODY_MAX		(256 * 1024)	/* bytes of a POST body: else 413 */
#define HALT_QUERY_MAX		4096		/* bytes of QUERY_STRING: else 400 */
#define HALT_PATH_MAX		1024		/* bytes of the request path: else 400 */
#define HALT_FIELDS_MAX		200		/* name=value pairs per body or query: else 413 */
#define HALT_FIELD_NAME_MAX	64		/* bytes of a field name: else 400 */
#define HALT_FIELD_VALUE_MAX	(48 * 1024)	/* decoded bytes of one value: else 413 */
#define HALT_ROUTE_PARAM_MAX	64		/* bytes of a {param} in a path */

/* Identity. */
#define HALT_USER_MAX		64		/* bytes of a user name (REMOTE_USER) */
#define HALT_ID_MAX		32		/* bytes of a record id */

/* Store. LMDB's default maximum key size is 511 bytes. */
#define HALT_KEY_MAX		511
#define HALT_MAPSIZE_DEFAULT	(64UL * 1024 * 1024)	/* grows on MDB_MAP_FULL */

/* CSRF: a token is valid in its own window and the next one. */
#define HALT_CSRF_WINDOW	(4 * 60 * 60)	/* seconds */

/* Lists. */
#define HALT_PAGE_SIZE		25		/* rows per worklist page */

#endif
