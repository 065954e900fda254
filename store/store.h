/* store.h: the LMDB store: records as XML with a versie, events, indexes, users, audit. */
#ifndef HALT_STORE_H
#define HALT_STORE_H

#include <stddef.h>
#include <libxml/tree.h>

/*
 * One LMDB environment in a directory, with named databases:
 *   zaken, overleg   id -> record XML (root element carries id= and versie=)
 *   events           kind/id/seq -> <gebeurtenis wie= wanneer= wat= versie=/>
 *   idx              index name \0 value \0 id -> empty (secondary indexes)
 *   counts           index name \0 value -> count (so lists can say how many)
 *   users            name -> <gebruiker naam= rol= werkgebied= getraind= actief=/>
 *   audit            8-byte big-endian seq -> <audit .../> entry of a hash chain
 *   meta             counters (next id per kind, audit head)
 * Every commit is synced: no flag that delays or skips the sync, no writable map.
 */

enum store_err {
	STORE_OK = 0,
	STORE_NOTFOUND,		/* no such record */
	STORE_CONFLICT,		/* stale versie, or refused by the rules (409) */
	STORE_EXISTS,		/* the key is taken */
	STORE_DENIED,		/* the caller refused access (403) */
	STORE_INVALID,		/* the caller refused the input (422), or a record does not parse */
	STORE_MAPFULL,		/* internal: store_write grows the map and retries */
	STORE_IO,		/* LMDB or file system error */
	STORE_NOMEM,
	STORE_ERR__MAX
};

enum store_kind {
	STORE_ZAAK,		/* db "zaken", ids "Z" + 8 digits */
	STORE_OVERLEG,		/* db "overleg", ids "O" + 8 digits */
	STORE_KIND__MAX
};

extern const char *const store_kinds[STORE_KIND__MAX];	/* "zaak", "overleg" */

struct store;
struct store_txn;

/* Who acts, from where, doing what: one audit entry per store_write(). */
struct store_actor {
	const char	*user;		/* REMOTE_USER, or "haltctl" */
	const char	*origin;	/* client address, or "cli" */
	const char	*action;	/* e.g. "zaak.lezen", "verwijzing.indienen" */
};

/* A fixed English-free Dutch word per error, for logs and the audit result. */
const char	*store_strerror(int);

/*
 * Open (creating when absent) the store in directory dir with an initial map
 * size of mapsize bytes (0: HALT_MAPSIZE_DEFAULT). A missing dir is made
 * with mode 0700 (its parent must exist); the files get mode 0600. The handle is safe to
 * share between threads. Returns STORE_OK or STORE_IO.
 */
int		 store_open(struct store **, const char *dir, size_t mapsize);
void		 store_close(struct store *);

typedef int	(*store_fn)(struct store_txn *, void *arg);

/*
 * Run fn in one write transaction and write one audit entry for it: actor,
 * time, action, the object fn touched (the last store_get/store_put, or what
 * store_audit_object set) and the result (the word for fn's return value).
 * When fn returns STORE_OK everything commits together (synced). Otherwise
 * nothing fn wrote is kept and the audit entry alone is committed. On
 * MDB_MAP_FULL the map is doubled and fn runs again from the start, so fn
 * must have no effect outside the transaction and must return every non-OK
 * store code it gets unchanged. An id buffer that store_put filled with a new
 * id is emptied again ("") when the transaction does not commit, so a rerun
 * fn allocates afresh. A failed commit keeps nothing and returns STORE_IO.
 * Returns fn's value, or STORE_IO/STORE_NOMEM (also when the audit entry
 * cannot be written). Do not call store_write from inside another store_write
 * or store_read fn: growing the map waits for every transaction to end.
 */
int		 store_write(struct store *, const struct store_actor *,
		    store_fn fn, void *arg);

/* Run fn in a read-only transaction (not audited: counts, users, haltctl). */
int		 store_read(struct store *, store_fn fn, void *arg);

/* Set the audit object for lists and refusals ("zaken", "zaak/Z00000001"). */
void		 store_audit_object(struct store_txn *, const char *object);

/*
 * The record kind/id parsed (XML_PARSE_NONET, no entities, no DTD). *out is
 * the caller's: free with xmlFreeDoc(). STORE_NOTFOUND when absent.
 */
int		 store_get(struct store_txn *, enum store_kind, const char *id,
		    xmlDocPtr *out);

/*
 * Write doc as record kind/id (write transactions only). When *id is "" a new
 * id is allocated and copied into id (HALT_ID_MAX + 1 bytes) and versie must
 * be 0; at most 16 new records per transaction (STORE_INVALID after that). Otherwise the stored record's versie must equal versie, else
 * STORE_CONFLICT and nothing is written (STORE_NOTFOUND when there is no
 * record id; STORE_INVALID for a malformed id or an index value longer
 * than a key allows). The root element gets id= and
 * versie= (old + 1, or 1); its index entries and counts are replaced; an
 * event (actor, time, what, new versie) is appended. what is a short Dutch
 * description of the change, never personal data.
 */
int		 store_put(struct store_txn *, enum store_kind, char *id,
		    xmlDocPtr doc, unsigned long versie, const char *what);

/*
 * The versie in s: a record's versie= attribute or the value a form posted
 * back. 0 (never a stored versie, so store_put() refuses it) when s is
 * NULL, empty or not a plain decimal number.
 */
unsigned long	 store_versie(const char *s);

/* The events of a record, oldest first: <gebeurtenissen><gebeurtenis .../>...; caller frees. */
int		 store_events(struct store_txn *, enum store_kind, const char *id,
		    xmlDocPtr *out);

/*
 * Secondary indexes, declared in store.c as a table of {kind, name, XPath}:
 * for a zaak "status" (@status), "regio" (regio), "regio-status"
 * (concat(regio, '|', @status)), "officier" (@officier), "medewerker"
 * (@medewerker), "medewerker-status", "persoon" (each persoon/@sleutel: keyed
 * hashes, never names); for an overleg "status", "vrager" (@vrager),
 * "vrager-status" and "vrager-nieuw" (an answer the asker has not opened).
 * A record with an empty value has no entry in that index; a pair
 * ("regio-status", "medewerker-status", value "a|b") needs both halves.
 * Index names are one namespace for both kinds: "status" lists zaak and
 * overleg statuses, which are distinct words.
 *
 * Calls fn(id, arg) for the ids under index name = value, in id order
 * (reverse: newest first), starting after after_id when not NULL. fn returns
 * 0 to go on, 1 to stop, anything else is returned as the error.
 */
typedef int	(*store_each_fn)(const char *id, void *arg);
int		 store_index_scan(struct store_txn *, const char *index,
		    const char *value, const char *after_id, int reverse,
		    store_each_fn fn, void *arg);
int		 store_index_count(struct store_txn *, const char *index,
		    const char *value, size_t *n);

/* Users. store_user_get: STORE_NOTFOUND when unknown. */
struct store_user {
	char	name[64 + 1];
	char	rol[32];		/* officier, halt-admin, halt-medewerker, landelijk-contact, beheer */
	char	werkgebied[64];		/* "" when none */
	int	getraind;
	int	actief;
};

int		 store_user_get(struct store *, const char *name, struct store_user *);
/* Insert or replace (write transaction with its own audit entry "gebruiker.wijzigen"). */
int		 store_user_put(struct store *, const struct store_actor *,
		    const struct store_user *);
/* fn returns 0 to go on, nonzero to stop (and that value is returned). */
int		 store_user_each(struct store *,
		    int (*fn)(const struct store_user *, void *), void *arg);

/* Audit log. */
struct store_audit_entry {
	unsigned long long	 seq;
	const char		*tijd;		/* ISO 8601 UTC */
	const char		*actor, *origin, *action, *object, *result;
	const char		*hash;		/* hex SHA-256 over the previous hash and these fields */
};
/* fn gets entries oldest first; the strings are valid during the call only. */
int		 store_audit_each(struct store *,
		    int (*fn)(const struct store_audit_entry *, void *), void *arg);
/*
 * The same, newest first, from the entry before seq before (0: from the
 * newest), so a page of the log costs what it shows and no more. fn returns
 * 0 to go on, 1 to stop (STORE_OK is returned), anything else is returned.
 */
int		 store_audit_each_rev(struct store *, unsigned long long before,
		    int (*fn)(const struct store_audit_entry *, void *), void *arg);
/* STORE_OK when the chain is whole; otherwise STORE_INVALID and *bad = first bad seq. */
int		 store_audit_verify(struct store *, unsigned long long *bad);

/* Administration (haltctl). */
/* Every record parses, every index entry points to a record that yields it, every record is indexed, counts agree. Problems are printed to fp; STORE_INVALID when any. */
int		 store_check(struct store *, void *fp);
/*
 * Consistent compacted copy (mdb_env_copyfd2 with MDB_CP_COMPACT) into the
 * new file path (mode 0600, fsynced): one file that opens with MDB_NOSUBDIR,
 * or restores as <dir>/data.mdb. STORE_EXISTS when path exists.
 */
int		 store_backup(struct store *, const char *path);
/*
 * Retention: remove every closed zaak (afgerond-positief, afgerond-negatief;
 * closed on the datum of its afsluiting step, else of its last event) and
 * every answered overleg (beantwoord; on the date of its last antwoord,
 * else of its last event) closed before voor (YYYY-MM-DD): the record, its
 * events, index entries (the person index too) and counts, in one
 * store_write with one audit entry (object: the date and the numbers).
 * Audit entries stay. The bytes remain in LMDB's free pages until
 * store_compact. *nzaken, *noverleg (may be NULL) get the numbers removed.
 * STORE_INVALID for a malformed date.
 */
int		 store_purge(struct store *, const struct store_actor *,
		    const char *voor, size_t *nzaken, size_t *noverleg);
/*
 * Rewrite the store as a compact copy in a new generation, while other
 * processes keep using it. The store's directory becomes (or stays) a
 * symlink to a sibling dir-N with its own data.mdb and lock.mdb; the first
 * time, the plain directory is renamed to dir-0. Holding a write txn (every
 * writer of every process waits), the copy is made and fsynced, the
 * symlink is swapped and the old generation is marked "verplaatst" in the
 * commit; a transaction that begins there afterwards (in any process)
 * reopens through the symlink and begins again, so no write is lost. Then
 * the old generation's files, and leftovers of an interrupted compaction,
 * are removed. Not audited (no content changes). STORE_IO on failure (the
 * old generation stays in use).
 */
int		 store_compact(struct store *);
/*
 * All records, users and events as one XML document on fp, from one read
 * transaction: <export><gebruikers/><zaken/><overleggen/><gebeurtenissen/>
 * where each gebeurtenis also carries soort= and id= of its record.
 */
int		 store_export(struct store *, void *fp);

#endif
