/* persoon.c: normalise a jongere's identity and hash it with the installation secret. */
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "persoon.h"

/* Latin-1 supplement letters (the second byte after 0xC3) to their base letter. */
static const char persoon_fold_c3[64] =
    "aaaaaaaceeeeiiiidnooooo*ouuuuyts"	/* 0x80-0x9f (capitals) */
    "aaaaaaaceeeeiiiidnooooo/ouuuuyty";	/* 0xa0-0xbf */

static size_t
persoon_normalise(const char *s, char *out, size_t outsz)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	int sep = 1;	/* drop leading separators */
	char ch;

	for (; *p != '\0' && n + 2 < outsz; p++) {
		if (*p == ' ' || *p == '-' || *p == '\'' || *p == '\t' ||
		    *p == '.') {
			if (!sep)
				out[n++] = ' ';
			sep = 1;
			continue;
		}
		if (*p == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF) {
			ch = persoon_fold_c3[p[1] - 0x80];
			p++;
		} else if (*p >= 'A' && *p <= 'Z')
			ch = (char)(*p - 'A' + 'a');
		else
			ch = (char)*p;
		out[n++] = ch;
		sep = 0;
	}
	if (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return n;
}

static void
persoon_hmac(const unsigned char secret[CSRF_SECRET_LEN], const char *prefix,
    const char *msg, char *out)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	size_t n;

	HMAC(EVP_sha256(), secret, CSRF_SECRET_LEN, (const unsigned char *)msg,
	    strlen(msg), md, &mdlen);
	n = (size_t)snprintf(out, PERSOON_KEY_LEN + 1, "%s", prefix);
	for (i = 0; i < mdlen && n + 2 <= PERSOON_KEY_LEN; i++, n += 2)
		snprintf(out + n, 3, "%02x", md[i]);
}

size_t
persoon_keys(const unsigned char secret[CSRF_SECRET_LEN], const char *skn,
    const char *voornaam, const char *achternaam, const char *geboortedatum,
    char keys[PERSOON_KEYS_MAX][PERSOON_KEY_LEN + 1])
{
	char a[256], b[256], msg[600];
	size_t n = 0;

	if (skn != NULL && persoon_normalise(skn, a, sizeof(a)) > 0) {
		snprintf(msg, sizeof(msg), "skn|%s", a);
		persoon_hmac(secret, "skn:", msg, keys[n++]);
	}
	if (voornaam != NULL && achternaam != NULL && geboortedatum != NULL) {
		persoon_normalise(voornaam, a, sizeof(a));
		persoon_normalise(achternaam, b, sizeof(b));
		snprintf(msg, sizeof(msg), "naam|%s|%s|%s", a, b, geboortedatum);
		persoon_hmac(secret, "nam:", msg, keys[n++]);
	}
	return n;
}
