/* persoon.h: keyed hashes that find earlier zaken of the same jongere without storing names in keys. */
#ifndef HALT_PERSOON_H
#define HALT_PERSOON_H

#include <stddef.h>

#include "csrf.h"

#define PERSOON_KEY_LEN	(4 + 64)	/* "skn:" or "nam:" + hex HMAC-SHA256 */
#define PERSOON_KEYS_MAX 2

/*
 * The person keys of a jongere: one from the strafrechtsketennummer when
 * given, one from the normalised first and last name with the birth date.
 * Normalising: case folded (ASCII and Latin-1 letters with diacritics to
 * their base letter), runs of spaces, hyphens and apostrophes collapsed, so
 * "Jan-Willem  de Vries" and "jan willem de vries" match. The HMAC key is
 * the installation secret, so the index does not reveal who is in it.
 * Returns the number of keys written to keys (each PERSOON_KEY_LEN + 1).
 */
size_t	persoon_keys(const unsigned char secret[CSRF_SECRET_LEN],
	    const char *skn, const char *voornaam, const char *achternaam,
	    const char *geboortedatum, char keys[PERSOON_KEYS_MAX][PERSOON_KEY_LEN + 1]);

#endif
