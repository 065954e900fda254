/* csrf.c: HMAC tokens against cross-site request forgery, and their per-installation secret. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "csrf.h"
#include "limits.h"

#define CSRF_WINDOW_DIGITS	10
#define CSRF_HEX_LEN		64	/* SHA-256 in hex */

/* Read exactly CSRF_SECRET_LEN bytes from an existing secret file. */
static int
secret_read(const char *path, unsigned char secret[CSRF_SECRET_LEN])
{
	unsigned char buf[CSRF_SECRET_LEN + 1];
	struct stat st;
	size_t got = 0;
	ssize_t r;
	int fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return -1;
	/* A secret others can read is no secret: refuse rather than use it. */
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
		goto fail;
	/* One byte more than needed, so a longer file is noticed too. */
	while (got < sizeof(buf)) {
		r = read(fd, buf + got, sizeof(buf) - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			goto fail;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	if (got != CSRF_SECRET_LEN)
		goto fail;
	memcpy(secret, buf, CSRF_SECRET_LEN);
	rc = 0;
fail:
	OPENSSL_cleanse(buf, sizeof(buf));
	close(fd);
	return rc;
}

static int
write_all(int fd, const unsigned char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * Create the secret: a private temporary file, written and synced, then
 * linked to path. link() fails when path exists, so of several processes
 * starting at once exactly one secret wins, and nobody ever reads a half
 * written file.
 */
static int
secret_create(const char *path)
{
	unsigned char fresh[CSRF_SECRET_LEN];
	char *tmp = NULL, *dir = NULL, *slash;
	int fd = -1, dfd, rc = -1;

	if (RAND_bytes(fresh, sizeof(fresh)) != 1)
		goto fail;
	if ((tmp = malloc(strlen(path) + 8)) == NULL)
		goto fail;
	snprintf(tmp, strlen(path) + 8, "%s.XXXXXX", path);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1) {
		free(tmp);
		tmp = NULL;
		goto fail;
	}
	if (fchmod(fd, 0600) == -1 ||
	    write_all(fd, fresh, sizeof(fresh)) == -1 || fsync(fd) == -1)
		goto fail;
	if (link(tmp, path) == -1 && errno != EEXIST)
		goto fail;
	/* The new name must survive a crash as well as the bytes. */
	if ((dir = strdup(path)) != NULL) {
		if ((slash = strrchr(dir, '/')) == NULL)
			strcpy(dir, ".");
		else if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
		if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
			(void)fsync(dfd);
			close(dfd);
		}
	}
	rc = 0;
fail:
	OPENSSL_cleanse(fresh, sizeof(fresh));
	if (fd != -1)
		close(fd);
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	free(dir);
	return rc;
}

int
csrf_secret_load(const char *path, unsigned char secret[CSRF_SECRET_LEN])
{
	struct stat st;

	if (path == NULL || secret == NULL)
		return -1;
	if (lstat(path, &st) == -1) {
		if (errno != ENOENT || secret_create(path) == -1)
			return -1;
	}
	/* Read back what is on disk: it may be another process's secret. */
	return secret_read(path, secret);
}

/* HMAC-SHA256(secret, "<window>.<user>") in lowercase hex into hex[65]. */
static int
mac_hex(const unsigned char secret[CSRF_SECRET_LEN], const char *win,
    const char *user, char hex[CSRF_HEX_LEN + 1])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE], msg[CSRF_WINDOW_DIGITS + 1 +
	    HALT_USER_MAX];
	unsigned int mdlen = 0, i;
	size_t ulen = strlen(user);

	if (ulen == 0 || ulen > HALT_USER_MAX)
		return -1;
	memcpy(msg, win, CSRF_WINDOW_DIGITS);
	msg[CSRF_WINDOW_DIGITS] = '.';
	memcpy(msg + CSRF_WINDOW_DIGITS + 1, user, ulen);
	if (HMAC(EVP_sha256(), secret, CSRF_SECRET_LEN, msg,
	    CSRF_WINDOW_DIGITS + 1 + ulen, md, &mdlen) == NULL ||
	    mdlen * 2 != CSRF_HEX_LEN)
		return -1;
	for (i = 0; i < mdlen; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 0xf];
	}
	hex[CSRF_HEX_LEN] = '\0';
	return 0;
}

/* The window number as exactly ten digits; -1 when time is out of range. */
static int
window_str(long long w, char out[CSRF_WINDOW_DIGITS + 1])
{
	if (w < 0 || w > 9999999999LL)
		return -1;
	snprintf(out, CSRF_WINDOW_DIGITS + 1, "%010lld", w);
	return 0;
}

int
csrf_token(const unsigned char secret[CSRF_SECRET_LEN], const char *user,
    time_t now, char *out, size_t outsz)
{
	char win[CSRF_WINDOW_DIGITS + 1], hex[CSRF_HEX_LEN + 1];

	if (secret == NULL || user == NULL || out == NULL ||
	    outsz < CSRF_TOKEN_LEN + 1 || now < 0)
		return -1;
	if (window_str((long long)now / HALT_CSRF_WINDOW, win) == -1 ||
	    mac_hex(secret, win, user, hex) == -1)
		return -1;
	snprintf(out, outsz, "%s.%s", win, hex);
	return 0;
}

int
csrf_verify(const unsigned char secret[CSRF_SECRET_LEN], const char *user,
    time_t now, const char *token)
{
	char win[CSRF_WINDOW_DIGITS + 1], hex[CSRF_HEX_LEN + 1];
	long long w, cur;
	size_t i;

	if (secret == NULL || user == NULL || token == NULL || now < 0)
		return -1;
	if (strnlen(token, CSRF_TOKEN_LEN + 1) != CSRF_TOKEN_LEN ||
	    token[CSRF_WINDOW_DIGITS] != '.')
		return -1;
	for (w = 0, i = 0; i < CSRF_WINDOW_DIGITS; i++) {
		if (token[i] < '0' || token[i] > '9')
			return -1;
		w = w * 10 + (token[i] - '0');
	}
	for (i = CSRF_WINDOW_DIGITS + 1; i < CSRF_TOKEN_LEN; i++)
		if (!((token[i] >= '0' && token[i] <= '9') ||
		    (token[i] >= 'a' && token[i] <= 'f')))
			return -1;
	/* The window of now or the one before; never one from the future. */
	cur = (long long)now / HALT_CSRF_WINDOW;
	if (w != cur && w != cur - 1)
		return -1;
	memcpy(win, token, CSRF_WINDOW_DIGITS);
	win[CSRF_WINDOW_DIGITS] = '\0';
	if (mac_hex(secret, win, user, hex) == -1)
		return -1;
	if (CRYPTO_memcmp(hex, token + CSRF_WINDOW_DIGITS + 1,
	    CSRF_HEX_LEN) != 0)
		return -1;
	return 0;
}
