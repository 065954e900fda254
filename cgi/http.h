/* http.h: decoding of a FastCGI request into typed, checked values. */
#ifndef HALT_HTTP_H
#define HALT_HTTP_H

#include <stddef.h>

struct arena;

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_OTHER,	/* any other token: routes answer 405 */
	HTTP__MAX
};

extern const char *const http_methods[HTTP__MAX];	/* "GET", ... */

/* One decoded name=value pair. Both are NUL-terminated, valid UTF-8, no NUL inside. */
struct http_param {
	const char	*name;
	const char	*value;
	size_t		 len;		/* bytes of value */
};

/* Pairs in the order they came; a name may repeat (repeated choices). */
struct http_params {
	struct http_param	*v;
	size_t			 n;
};

struct http_request {
	enum http_method	 method;
	const char		*path;		/* SCRIPT_NAME + PATH_INFO or REQUEST_URI path part, decoded, checked */
	struct http_params	 query;		/* decoded QUERY_STRING */
	struct http_params	 body;		/* decoded urlencoded POST body */
	const char		*remote_user;	/* REMOTE_USER, or NULL when absent/empty */
	const char		*remote_addr;	/* REMOTE_ADDR, or "-" */
	int			 want_xml;	/* Accept asks for application/xml (and not text/html first) */
};

/*
 * The value of CONTENT_LENGTH from the FastCGI parameters envp (NULL-terminated
 * "NAME=value" strings). Returns 0 and sets *len (0 when absent), 400 when it
 * is not a plain decimal number, 413 when it exceeds HALT_BODY_MAX.
 */
int		 http_content_length(char **envp, size_t *len);

/*
 * Decode a whole request: envp as above; body the raw bytes read from the
 * FastCGI input (NULL when len is 0). Everything in *out is allocated from the
 * arena and valid until the arena is reset. Returns 0, or the HTTP status to
 * answer with: 400 (malformed: bad percent-encoding, NUL byte, invalid or
 * overlong UTF-8, path with "..", "//" or control characters, over-long
 * names or path), 413 (too many fields, value too long), 415 (a POST whose
 * Content-Type is not application/x-www-form-urlencoded, multipart included),
 * 500 when the arena is out of memory.
 */
int		 http_request_decode(struct arena *, char **envp,
		    const char *body, size_t len, struct http_request *out);

/*
 * Decode application/x-www-form-urlencoded bytes ('+' is a space). Returns
 * 0, 400 or 413 as above (500 out of memory). The parser the fuzz target drives.
 */
int		 http_urlencoded_decode(struct arena *, const char *buf,
		    size_t len, struct http_params *out);

/* The first value of name, or NULL. */
const char	*http_param_get(const struct http_params *, const char *name);

/* 1 when s[0..len) is valid UTF-8 without NUL and without overlong forms or surrogates. */
int		 http_utf8_valid(const char *s, size_t len);

/* Reason phrase for a status code ("Not Found"); "Unknown" otherwise. */
const char	*http_reason(int status);

#endif
