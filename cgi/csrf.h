/* csrf.h: tokens against cross-site request forgery, tied to a user and a time window. */
#ifndef HALT_CSRF_H
#define HALT_CSRF_H

#include <stddef.h>
#include <time.h>

#define CSRF_SECRET_LEN	32
#define CSRF_TOKEN_LEN	75	/* chars, without the NUL: "<window as 10 digits>." + 64 hex */

/*
 * Load the per-installation secret from path; when the file does not exist,
 * create it (mode 0600) with CSRF_SECRET_LEN random bytes from OpenSSL's
 * RAND_bytes. Returns 0, or -1 with errno-style detail logged by the caller.
 */
int	csrf_secret_load(const char *path, unsigned char secret[CSRF_SECRET_LEN]);

/*
 * The token for user at time now: the window number (now / HALT_CSRF_WINDOW)
 * and HMAC-SHA256(secret, window "." user) in hex. out must hold
 * CSRF_TOKEN_LEN + 1 bytes. Returns 0 or -1.
 */
int	csrf_token(const unsigned char secret[CSRF_SECRET_LEN], const char *user,
	    time_t now, char *out, size_t outsz);

/*
 * 0 when token is a token for user made in the window of now or the one
 * before it; -1 otherwise (missing, malformed, forged, another user's, expired).
 * The comparison takes constant time (CRYPTO_memcmp).
 */
int	csrf_verify(const unsigned char secret[CSRF_SECRET_LEN], const char *user,
	    time_t now, const char *token);

#endif
