/* store.c: the LMDB store: transactions with map growth, records, indexes, users, audit chain. */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>
#include <lmdb.h>
#include <openssl/evp.h>

#include "limits.h"
#include "xml.h"
#include "store.h"

#define STORE_OBJECT_MAX	160
#define STORE_MAPSIZE_MAX	((size_t)1 << 40)	/* growth stops here: 1 TiB */
#define STORE_HASH_HEX		(2 * 32)

const char *const store_kinds[STORE_KIND__MAX] = { "zaak", "overleg" };
static const char store_idprefix[STORE_KIND__MAX] = { 'Z', 'O' };

/*
 * The secondary indexes. Index names are one namespace shared by both
 * kinds; "status" holds zaak and overleg statuses, which are distinct
 * words, and the id prefix tells the kinds apart. A pair of values joined
 * by '|' yields nothing unless both halves are present.
 */
struct store_idxdef {
	enum store_kind	 kind;
	const char	*name;
	const char	*xpath;
};

#define PAIR(a, b)	"substring(concat(" a ", '|', " b "), 1, " \
			"1000000 * number(string(" a ") != '' and string(" b ") != ''))"

static const struct store_idxdef store_idx[] = {
	{ STORE_ZAAK, "status", "string(@status)" },
	{ STORE_ZAAK, "regio", "string(regio)" },
	{ STORE_ZAAK, "regio-status", PAIR("regio", "@status") },
	{ STORE_ZAAK, "officier", "string(@officier)" },
	{ STORE_ZAAK, "medewerker", "string(@medewerker)" },
	{ STORE_ZAAK, "medewerker-status", PAIR("@medewerker", "@status") },
	{ STORE_ZAAK, "persoon", "persoon/@sleutel" },
	{ STORE_OVERLEG, "status", "string(@status)" },
	{ STORE_OVERLEG, "vrager", "string(@vrager)" },
	{ STORE_OVERLEG, "vrager-status", PAIR("@vrager", "@status") },
	{ STORE_OVERLEG, "vrager-nieuw", PAIR("@vrager", "@nieuw") },
};
#define STORE_NIDX	(sizeof(store_idx) / sizeof(store_idx[0]))

enum store_db {
	DB_ZAKEN, DB_OVERLEG, DB_EVENTS, DB_IDX, DB_COUNTS, DB_USERS,
	DB_AUDIT, DB_META, DB__MAX
};
static const char *const store_dbs[DB__MAX] = {
	"zaken", "overleg", "events", "idx", "counts", "users", "audit", "meta"
};

struct store {
	MDB_env			*env;
	MDB_dbi			 dbi[DB__MAX];
	/*
	 * mdb_env_set_mapsize() and moving to a new generation need every
	 * transaction of this process to be closed: transactions hold this
	 * lock shared, a resize or a reopen exclusive.
	 */
	pthread_rwlock_t	 lock;
	char			*path;		/* as given: a directory, or a symlink to the generation */
	char			*genpath;	/* the generation env is open on (resolved) */
	dev_t			 gendev;	/* and its directory (renames keep it) */
	ino_t			 genino;
	size_t			 mapsize;	/* asked for at open */
	unsigned long		 gen;		/* bumped at every reopen */
};

/*
 * Set in meta of a generation that compaction has replaced: whoever begins
 * a transaction there reopens through the symlink (see store_compact).
 */
#define STORE_MOVED	"verplaatst"

/*
 * How many store transactions this thread has open. A read nested in
 * another transaction cannot reopen (the exclusive lock waits for the
 * outer one), so it reads the outer one's generation instead.
 */
static _Thread_local unsigned store_depth;

struct store_txn {
	struct store			*s;
	MDB_txn				*txn;
	const struct store_actor	*actor;
	size_t				 mapsize;	/* seen at begin */
	int				 write;
	int				 mapfull;	/* an LMDB call hit MDB_MAP_FULL */
	char				 object[STORE_OBJECT_MAX];
	/*
	 * The caller's id buffers that store_put filled with a new id: when
	 * the txn does not commit they are emptied again, so a retried fn
	 * allocates afresh and a failed one keeps no id that does not exist.
	 */
	char				*newids[16];	/* new records per transaction: a handler makes one */
	size_t				 nnewids;
};

/* A list of index keys (name \0 value \0 id) derived from one record. */
struct store_keys {
	MDB_val		*v;
	size_t		 n, cap;
};

const char *
store_strerror(int e)
{
	switch (e) {
	case STORE_OK:
		return "toegestaan";
	case STORE_NOTFOUND:
		return "niet-gevonden";
	case STORE_CONFLICT:
	case STORE_EXISTS:
		return "conflict";
	case STORE_DENIED:
		return "geweigerd";
	case STORE_INVALID:
		return "ongeldig";
	default:
		return "fout";
	}
}

/* Translate an LMDB code; remember MDB_MAP_FULL so store_write retries. */
static int
store_mdb(struct store_txn *t, int rc)
{
	switch (rc) {
	case MDB_SUCCESS:
		return STORE_OK;
	case MDB_NOTFOUND:
		return STORE_NOTFOUND;
	case MDB_KEYEXIST:
		return STORE_EXISTS;
	case MDB_MAP_FULL:
		if (t != NULL)
			t->mapfull = 1;
		return STORE_MAPFULL;
	case MDB_BAD_VALSIZE:
		return STORE_INVALID;
	case ENOMEM:
		return STORE_NOMEM;
	default:
		return STORE_IO;
	}
}

static void
store_u64be(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		p[i] = v & 0xff;
		v >>= 8;
	}
}

static uint64_t
store_be64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

static void
store_now(char *buf, size_t sz)
{
	struct tm tm;
	time_t now;

	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(buf, sz, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Serialize one element as UTF-8 without an XML declaration. */
static int
store_serialize(xmlNodePtr n, xmlBufferPtr *out)
{
	xmlBufferPtr b;
	xmlSaveCtxtPtr sc;

	*out = NULL;
	if ((b = xmlBufferCreate()) == NULL)
		return STORE_NOMEM;
	sc = xmlSaveToBuffer(b, "UTF-8", XML_SAVE_NO_DECL | XML_SAVE_AS_XML);
	if (sc == NULL)
		goto fail;
	if (xmlSaveTree(sc, n) < 0) {
		xmlSaveClose(sc);
		goto fail;
	}
	if (xmlSaveClose(sc) < 0)
		goto fail;
	*out = b;
	return STORE_OK;
fail:
	xmlBufferFree(b);
	return STORE_NOMEM;
}

/* Write one element to fp (export). */
static int
store_fput_node(FILE *fp, xmlNodePtr n)
{
	xmlBufferPtr b;
	int rc;

	if ((rc = store_serialize(n, &b)) != STORE_OK)
		return rc;
	if (fwrite(xmlBufferContent(b), 1, xmlBufferLength(b), fp) !=
	    (size_t)xmlBufferLength(b) || fputc('\n', fp) == EOF)
		rc = STORE_IO;
	xmlBufferFree(b);
	return rc;
}

static xmlDocPtr
store_parse_val(const MDB_val *v)
{
	xmlDocPtr doc;

	doc = xml_parse_safe(v->mv_data, v->mv_size);
	if (doc != NULL && xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

/* ---- transactions, map growth ---- */

static int
store_adopt_mapsize(struct store *s)
{
	int rc;

	/* Another process grew the map: take its size (no txn may be open). */
	pthread_rwlock_wrlock(&s->lock);
	rc = mdb_env_set_mapsize(s->env, 0);
	pthread_rwlock_unlock(&s->lock);
	return rc;
}

static int
store_grow(struct store *s, size_t seen)
{
	MDB_envinfo info;
	int rc = 0;

	pthread_rwlock_wrlock(&s->lock);
	if ((rc = mdb_env_info(s->env, &info)) != 0)
		goto fail;
	/* Another thread may have grown it while we waited. */
	if (info.me_mapsize != seen)
		goto fail;
	if (info.me_mapsize >= STORE_MAPSIZE_MAX) {
		rc = MDB_MAP_FULL;
		goto fail;
	}
	rc = mdb_env_set_mapsize(s->env, info.me_mapsize * 2);
fail:
	pthread_rwlock_unlock(&s->lock);
	return rc;
}

/* 1 when compaction has replaced the generation txn reads. */
static int
store_moved(MDB_txn *txn, MDB_dbi meta)
{
	MDB_val k, v;

	k.mv_data = STORE_MOVED;
	k.mv_size = strlen(STORE_MOVED);
	return mdb_get(txn, meta, &k, &v) == 0;
}

static int	store_reopen(struct store *, unsigned long seen);

/*
 * 1 when the store's path leads to another directory than the generation
 * a write txn has begun in, while no mark says so: a compaction swapped
 * the symlink and died before its commit (its write txn kept every other
 * writer out until then). The new generation is the store from then on.
 */
static int
store_abandoned(struct store *s)
{
	struct stat st;

	return stat(s->path, &st) == 0 &&
	    (st.st_dev != s->gendev || st.st_ino != s->genino);
}

/* Mark the generation of txn replaced and commit that (consumes txn). */
static int
store_abandon(struct store *s, MDB_txn *txn)
{
	MDB_val k, v;
	int rc;

	k.mv_data = STORE_MOVED;
	k.mv_size = strlen(STORE_MOVED);
	v.mv_data = "verlaten";
	v.mv_size = strlen("verlaten");
	if ((rc = mdb_put(txn, s->dbi[DB_META], &k, &v, 0)) != 0) {
		mdb_txn_abort(txn);
		return rc;
	}
	return mdb_txn_commit(txn);
}

/*
 * Begin a txn holding the lock shared; the lock is released by
 * store_txn_abort or store_txn_commit. A txn that finds its generation
 * replaced reopens the store and begins again in the new one: a writer
 * that waited for the compaction's write lock thus lands in the new file.
 */
static int
store_txn_begin(struct store *s, int write, MDB_txn **txn, size_t *mapsize)
{
	MDB_envinfo info;
	unsigned long seen;
	int rc;

	for (;;) {
		pthread_rwlock_rdlock(&s->lock);
		rc = mdb_txn_begin(s->env, NULL, write ? 0 : MDB_RDONLY, txn);
		if (rc == 0 && write && store_depth == 0 &&
		    !store_moved(*txn, s->dbi[DB_META]) && store_abandoned(s)) {
			rc = store_abandon(s, *txn);
			seen = s->gen;
			pthread_rwlock_unlock(&s->lock);
			if (rc != 0 || (rc = store_reopen(s, seen)) != 0)
				return rc;
			continue;
		}
		if (rc == 0 && (!store_moved(*txn, s->dbi[DB_META]) ||
		    (store_depth > 0 && !write))) {
			if (mapsize != NULL) {
				mdb_env_info(s->env, &info);
				*mapsize = info.me_mapsize;
			}
			store_depth++;
			return 0;
		}
		if (rc == 0) {
			mdb_txn_abort(*txn);
			seen = s->gen;
			pthread_rwlock_unlock(&s->lock);
			/* A write nested in another txn must not land in the old file. */
			if (store_depth > 0)
				return MDB_BAD_TXN;
			if ((rc = store_reopen(s, seen)) != 0)
				return rc;
			continue;
		}
		pthread_rwlock_unlock(&s->lock);
		if (rc != MDB_MAP_RESIZED)
			return rc;
		if ((rc = store_adopt_mapsize(s)) != 0)
			return rc;
	}
}

static void
store_txn_abort(struct store_txn *t)
{
	if (t->txn != NULL) {
		mdb_txn_abort(t->txn);
		t->txn = NULL;
		store_depth--;
		pthread_rwlock_unlock(&t->s->lock);
	}
}

static int
store_txn_commit(struct store_txn *t)
{
	int rc;

	/* mdb_txn_commit frees the txn even when it fails. */
	rc = mdb_txn_commit(t->txn);
	t->txn = NULL;
	store_depth--;
	pthread_rwlock_unlock(&t->s->lock);
	return rc;
}

void
store_audit_object(struct store_txn *t, const char *object)
{
	if (t == NULL || object == NULL)
		return;
	snprintf(t->object, sizeof(t->object), "%s", object);
}

/* ---- audit chain ---- */

static int
store_audit_hash(const char *prev, const struct store_audit_entry *e,
    char out[STORE_HASH_HEX + 1])
{
	const char *f[8];
	char seq[32], len[32];
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen, i;
	EVP_MD_CTX *ctx;
	int rc = STORE_NOMEM;

	snprintf(seq, sizeof(seq), "%llu", e->seq);
	f[0] = prev;
	f[1] = seq;
	f[2] = e->tijd;
	f[3] = e->actor;
	f[4] = e->origin;
	f[5] = e->action;
	f[6] = e->object;
	f[7] = e->result;
	if ((ctx = EVP_MD_CTX_new()) == NULL)
		return STORE_NOMEM;
	if (EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		goto fail;
	/* Length-prefixed so that no two field lists hash the same bytes. */
	for (i = 0; i < 8; i++) {
		snprintf(len, sizeof(len), "%zu:", strlen(f[i]));
		if (EVP_DigestUpdate(ctx, len, strlen(len)) != 1 ||
		    EVP_DigestUpdate(ctx, f[i], strlen(f[i])) != 1)
			goto fail;
	}
	if (EVP_DigestFinal_ex(ctx, md, &mdlen) != 1 || mdlen != 32)
		goto fail;
	for (i = 0; i < mdlen; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	rc = STORE_OK;
fail:
	EVP_MD_CTX_free(ctx);
	return rc;
}

#define AUDIT_HEAD	"audit-head"
#define AUDIT_GENESIS	"0000000000000000000000000000000000000000000000000000000000000000"

/* The meta record "seq hash" of the newest audit entry. */
static int
store_audit_head(struct store_txn *t, unsigned long long *seq,
    char prev[STORE_HASH_HEX + 1])
{
	MDB_val k, v;
	char buf[128];
	int rc;

	k.mv_data = AUDIT_HEAD;
	k.mv_size = strlen(AUDIT_HEAD);
	rc = mdb_get(t->txn, t->s->dbi[DB_META], &k, &v);
	if (rc == MDB_NOTFOUND) {
		*seq = 0;
		memcpy(prev, AUDIT_GENESIS, STORE_HASH_HEX + 1);
		return STORE_OK;
	}
	if (rc != 0)
		return store_mdb(t, rc);
	if (v.mv_size >= sizeof(buf))
		return STORE_INVALID;
	memcpy(buf, v.mv_data, v.mv_size);
	buf[v.mv_size] = '\0';
	if (sscanf(buf, "%llu %64s", seq, prev) != 2 ||
	    strlen(prev) != STORE_HASH_HEX)
		return STORE_INVALID;
	return STORE_OK;
}

static int
store_audit_append(struct store_txn *t, const char *result)
{
	struct store_audit_entry e;
	char prev[STORE_HASH_HEX + 1], hash[STORE_HASH_HEX + 1];
	char tijd[32], seqs[32], head[128];
	unsigned char key[8];
	xmlDocPtr doc = NULL;
	xmlNodePtr n;
	xmlBufferPtr b = NULL;
	MDB_val k, v;
	int rc;

	if ((rc = store_audit_head(t, &e.seq, prev)) != STORE_OK)
		return rc;
	e.seq++;
	store_now(tijd, sizeof(tijd));
	e.tijd = tijd;
	e.actor = t->actor != NULL && t->actor->user != NULL ?
	    t->actor->user : "";
	e.origin = t->actor != NULL && t->actor->origin != NULL ?
	    t->actor->origin : "";
	e.action = t->actor != NULL && t->actor->action != NULL ?
	    t->actor->action : "";
	e.object = t->object;
	e.result = result;
	if ((rc = store_audit_hash(prev, &e, hash)) != STORE_OK)
		return rc;

	rc = STORE_NOMEM;
	snprintf(seqs, sizeof(seqs), "%llu", e.seq);
	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL ||
	    (n = xmlNewDocNode(doc, NULL, (const xmlChar *)"audit", NULL)) == NULL)
		goto fail;
	xmlDocSetRootElement(doc, n);
	if (xmlNewProp(n, (const xmlChar *)"seq", (const xmlChar *)seqs) == NULL ||
	    xmlNewProp(n, (const xmlChar *)"tijd", (const xmlChar *)e.tijd) == NULL ||
	    xmlNewProp(n, (const xmlChar *)"actor", (const xmlChar *)e.actor) == NULL ||
	    xmlNewProp(n, (const xmlChar *)"herkomst", (const xmlChar *)e.origin) == NULL ||
	    xmlNewProp(n, (const xmlChar *)"actie", (const xmlChar *)e.action) == NULL ||
	    xmlNewProp(n, (const xmlChar *)"object", (const xmlChar *)e.object) == NULL ||
	    xmlNewProp(n, (const xmlChar *)"resultaat", (const xmlChar *)e.result) == NULL ||
	    xmlNewProp(n, (const xmlChar *)"vorige", (const xmlChar *)prev) == NULL ||
	    xmlNewProp(n, (const xmlChar *)"hash", (const xmlChar *)hash) == NULL)
		goto fail;
	if ((rc = store_serialize(n, &b)) != STORE_OK)
		goto fail;

	store_u64be(key, e.seq);
	k.mv_data = key;
	k.mv_size = sizeof(key);
	v.mv_data = (void *)xmlBufferContent(b);
	v.mv_size = xmlBufferLength(b);
	rc = mdb_put(t->txn, t->s->dbi[DB_AUDIT], &k, &v, MDB_NOOVERWRITE);
	if ((rc = store_mdb(t, rc)) != STORE_OK)
		goto fail;
	snprintf(head, sizeof(head), "%llu %s", e.seq, hash);
	k.mv_data = AUDIT_HEAD;
	k.mv_size = strlen(AUDIT_HEAD);
	v.mv_data = head;
	v.mv_size = strlen(head);
	rc = store_mdb(t, mdb_put(t->txn, t->s->dbi[DB_META], &k, &v, 0));
fail:
	xmlBufferFree(b);
	xmlFreeDoc(doc);
	return rc;
}

/* ---- store_write, store_read ---- */

/* Commit the audit entry of a failed store_write alone, in a fresh txn. */
static int
store_audit_alone(struct store *s, const struct store_actor *actor,
    const char *object, const char *result)
{
	struct store_txn t;
	int rc;

	for (;;) {
		memset(&t, 0, sizeof(t));
		t.s = s;
		t.actor = actor;
		t.write = 1;
		snprintf(t.object, sizeof(t.object), "%s", object);
		if ((rc = store_txn_begin(s, 1, &t.txn, &t.mapsize)) != 0)
			return store_mdb(NULL, rc);
		rc = store_audit_append(&t, result);
		if (t.mapfull) {
			store_txn_abort(&t);
			if (store_grow(s, t.mapsize) != 0)
				return STORE_IO;
			continue;
		}
		if (rc != STORE_OK) {
			store_txn_abort(&t);
			return rc;
		}
		rc = store_txn_commit(&t);
		if (rc == MDB_MAP_FULL) {
			if (store_grow(s, t.mapsize) != 0)
				return STORE_IO;
			continue;
		}
		return rc == 0 ? STORE_OK : STORE_IO;
	}
}

static void
store_forget_ids(struct store_txn *t)
{
	size_t i;

	for (i = 0; i < t->nnewids; i++)
		t->newids[i][0] = '\0';
	t->nnewids = 0;
}

int
store_write(struct store *s, const struct store_actor *actor, store_fn fn,
    void *arg)
{
	struct store_txn t;
	int rc, frc;

	memset(&t, 0, sizeof(t));
	for (;;) {
		store_forget_ids(&t);
		memset(&t, 0, sizeof(t));
		t.s = s;
		t.actor = actor;
		t.write = 1;
		if ((rc = store_txn_begin(s, 1, &t.txn, &t.mapsize)) != 0)
			return store_mdb(NULL, rc);
		frc = fn(&t, arg);
		if (frc == STORE_OK && !t.mapfull)
			frc = store_audit_append(&t, store_strerror(STORE_OK));
		if (t.mapfull) {
			/* Retry from scratch in a bigger map. */
			store_txn_abort(&t);
			if (store_grow(s, t.mapsize) != 0)
				return STORE_IO;
			continue;
		}
		if (frc != STORE_OK) {
			store_txn_abort(&t);
			break;
		}
		rc = store_txn_commit(&t);
		if (rc == 0)
			return STORE_OK;
		if (rc == MDB_MAP_FULL) {
			if (store_grow(s, t.mapsize) != 0)
				return STORE_IO;
			continue;
		}
		/* LMDB kept nothing of the failed commit; record that it failed. */
		frc = STORE_IO;
		break;
	}
	store_forget_ids(&t);
	rc = store_audit_alone(s, actor, t.object, store_strerror(frc));
	return rc == STORE_OK ? frc : rc;
}

int
store_read(struct store *s, store_fn fn, void *arg)
{
	struct store_txn t;
	int rc;

	memset(&t, 0, sizeof(t));
	t.s = s;
	if ((rc = store_txn_begin(s, 0, &t.txn, NULL)) != 0)
		return store_mdb(NULL, rc);
	rc = fn(&t, arg);
	store_txn_abort(&t);
	return rc;
}

/* ---- open, reopen, close ---- */

#define STORE_OPEN_TRIES	200	/* 10 ms apart: a generation moves in far less */

/*
 * Open the environment in dir with the store's databases. *moved is set
 * (and nothing returned) when that generation has been replaced.
 */
static int
store_env_at(struct store *s, const char *dir, MDB_env **envp, MDB_dbi *dbi,
    int *moved)
{
	MDB_env *env = NULL;
	MDB_envinfo info;
	MDB_txn *txn;
	int rc, i;

	*envp = NULL;
	*moved = 0;
	if ((rc = mdb_env_create(&env)) != 0)
		return rc;
	if ((rc = mdb_env_set_maxdbs(env, DB__MAX)) != 0 ||
	    (rc = mdb_env_set_maxreaders(env, 126)) != 0 ||
	    (rc = mdb_env_set_mapsize(env, s->mapsize)) != 0)
		goto fail;
	/* Transactions are handed between threads: MDB_NOTLS. Commits stay synced. */
	if ((rc = mdb_env_open(env, dir, MDB_NOTLS, 0600)) != 0)
		goto fail;
	/* Free reader slots that processes killed with -9 left behind. */
	mdb_reader_check(env, NULL);
	for (;;) {
		/* Keep the larger of the file's map size and the one asked for. */
		if ((rc = mdb_env_set_mapsize(env, 0)) != 0 ||
		    (rc = mdb_env_info(env, &info)) != 0)
			goto fail;
		if (info.me_mapsize < s->mapsize &&
		    (rc = mdb_env_set_mapsize(env, s->mapsize)) != 0)
			goto fail;
		if ((rc = mdb_txn_begin(env, NULL, 0, &txn)) == MDB_MAP_RESIZED)
			continue;
		if (rc != 0)
			goto fail;
		for (i = 0; i < DB__MAX && rc == 0; i++)
			rc = mdb_dbi_open(txn, store_dbs[i], MDB_CREATE, &dbi[i]);
		if (rc == 0 && store_moved(txn, dbi[DB_META])) {
			mdb_txn_abort(txn);
			*moved = 1;
			rc = EAGAIN;
			goto fail;
		}
		if (rc == 0)
			rc = mdb_txn_commit(txn);
		else
			mdb_txn_abort(txn);
		if (rc != MDB_MAP_FULL)
			break;
		if ((rc = mdb_env_info(env, &info)) != 0 ||
		    (rc = mdb_env_set_mapsize(env, info.me_mapsize * 2)) != 0)
			goto fail;
	}
	if (rc != 0)
		goto fail;
	*envp = env;
	return 0;
fail:
	mdb_env_close(env);
	return rc;
}

/*
 * Open the generation the store's path leads to now. The path is resolved
 * once, so lock.mdb and data.mdb always come from the same directory,
 * whatever the symlink does meanwhile.
 */
static int
store_env_open(struct store *s, MDB_env **envp, MDB_dbi *dbi, char **genp,
    struct stat *genst)
{
	const struct timespec pause = { 0, 10 * 1000 * 1000 };
	char *gen;
	int rc = ENOENT, moved, i;

	*genp = NULL;
	for (i = 0; i < STORE_OPEN_TRIES; i++) {
		if (i > 0)
			nanosleep(&pause, NULL);
		if ((gen = realpath(s->path, NULL)) == NULL) {
			/* Between two renames of a purge. */
			if ((rc = errno) != ENOENT)
				return rc;
			continue;
		}
		/* The same files twice in one process would break LMDB's locks. */
		if (s->genpath != NULL && strcmp(gen, s->genpath) == 0) {
			free(gen);
			rc = EBUSY;
			continue;
		}
		rc = store_env_at(s, gen, envp, dbi, &moved);
		if (rc == 0 && stat(gen, genst) == -1) {
			rc = errno;
			mdb_env_close(*envp);
			*envp = NULL;
		}
		if (rc == 0) {
			*genp = gen;
			return 0;
		}
		free(gen);
		/* Removed or replaced under our feet: resolve again. */
		if (moved)
			rc = EBUSY;
		else if (rc != ENOENT)
			return rc;
	}
	return rc;
}

/* Leave a replaced generation for the one the path leads to now. */
static int
store_reopen(struct store *s, unsigned long seen)
{
	MDB_env *env;
	MDB_dbi dbi[DB__MAX];
	struct stat st;
	char *gen;
	int rc = 0;

	pthread_rwlock_wrlock(&s->lock);
	/* Another thread moved already while we waited. */
	if (s->gen != seen)
		goto fail;
	if ((rc = store_env_open(s, &env, dbi, &gen, &st)) != 0)
		goto fail;
	mdb_env_close(s->env);
	s->gendev = st.st_dev;
	s->genino = st.st_ino;
	s->env = env;
	memcpy(s->dbi, dbi, sizeof(s->dbi));
	free(s->genpath);
	s->genpath = gen;
	s->gen++;
fail:
	pthread_rwlock_unlock(&s->lock);
	return rc;
}

int
store_open(struct store **out, const char *dir, size_t mapsize)
{
	struct store *s;
	pthread_rwlockattr_t ra;
	struct stat st;
	int rc;

	*out = NULL;
	if (mapsize == 0)
		mapsize = HALT_MAPSIZE_DEFAULT;
	/* A symlink to a generation exists too (EEXIST). */
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		return STORE_IO;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return STORE_NOMEM;
	/* Shared holders may nest (a read inside a write's fn): prefer readers. */
	pthread_rwlockattr_init(&ra);
	pthread_rwlockattr_setkind_np(&ra, PTHREAD_RWLOCK_PREFER_READER_NP);
	rc = pthread_rwlock_init(&s->lock, &ra);
	pthread_rwlockattr_destroy(&ra);
	if (rc != 0) {
		free(s);
		return STORE_NOMEM;
	}
	xmlInitParser();
	s->mapsize = mapsize;
	if ((s->path = strdup(dir)) == NULL)
		goto fail;
	if (store_env_open(s, &s->env, s->dbi, &s->genpath, &st) != 0)
		goto fail;
	s->gendev = st.st_dev;
	s->genino = st.st_ino;
	*out = s;
	return STORE_OK;
fail:
	store_close(s);
	return STORE_IO;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	if (s->env != NULL)
		mdb_env_close(s->env);
	pthread_rwlock_destroy(&s->lock);
	free(s->path);
	free(s->genpath);
	free(s);
}

/* ---- records ---- */

static int
store_id_ok(enum store_kind kind, const char *id)
{
	size_t i, n;

	if ((unsigned)kind >= STORE_KIND__MAX || id == NULL)
		return 0;
	n = strlen(id);
	if (n < 2 || n > HALT_ID_MAX || id[0] != store_idprefix[kind])
		return 0;
	for (i = 1; i < n; i++)
		if (id[i] < '0' || id[i] > '9')
			return 0;
	return 1;
}

static void
store_set_object(struct store_txn *t, enum store_kind kind, const char *id)
{
	snprintf(t->object, sizeof(t->object), "%s/%s", store_kinds[kind], id);
}

/* The record's raw bytes; STORE_NOTFOUND when absent. */
static int
store_get_raw(struct store_txn *t, enum store_kind kind, const char *id,
    MDB_val *v)
{
	MDB_val k;

	k.mv_data = (void *)id;
	k.mv_size = strlen(id);
	return store_mdb(t, mdb_get(t->txn, t->s->dbi[kind == STORE_ZAAK ?
	    DB_ZAKEN : DB_OVERLEG], &k, v));
}

int
store_get(struct store_txn *t, enum store_kind kind, const char *id,
    xmlDocPtr *out)
{
	MDB_val v;
	int rc;

	*out = NULL;
	if (!store_id_ok(kind, id))
		return STORE_NOTFOUND;
	store_set_object(t, kind, id);
	if ((rc = store_get_raw(t, kind, id, &v)) != STORE_OK)
		return rc;
	if ((*out = store_parse_val(&v)) == NULL)
		return STORE_INVALID;
	return STORE_OK;
}

static void
store_keys_free(struct store_keys *ks)
{
	size_t i;

	for (i = 0; i < ks->n; i++)
		free(ks->v[i].mv_data);
	free(ks->v);
	memset(ks, 0, sizeof(*ks));
}

/* Add name \0 value \0 id unless empty or already there. */
static int
store_keys_add(struct store_keys *ks, const char *name, const char *value,
    const char *id)
{
	size_t nl, vl, il, len, i;
	MDB_val *nv;
	char *k;

	if (value == NULL || *value == '\0')
		return STORE_OK;
	nl = strlen(name);
	vl = strlen(value);
	il = strlen(id);
	if (vl > HALT_KEY_MAX || nl + vl + il + 2 > HALT_KEY_MAX)
		return STORE_INVALID;
	len = nl + vl + il + 2;
	if ((k = malloc(len)) == NULL)
		return STORE_NOMEM;
	memcpy(k, name, nl + 1);
	memcpy(k + nl + 1, value, vl + 1);
	memcpy(k + nl + vl + 2, id, il);
	for (i = 0; i < ks->n; i++)
		if (ks->v[i].mv_size == len && memcmp(ks->v[i].mv_data, k, len) == 0) {
			free(k);
			return STORE_OK;
		}
	if (ks->n == ks->cap) {
		nv = reallocarray(ks->v, ks->cap ? ks->cap * 2 : 16, sizeof(*nv));
		if (nv == NULL) {
			free(k);
			return STORE_NOMEM;
		}
		ks->v = nv;
		ks->cap = ks->cap ? ks->cap * 2 : 16;
	}
	ks->v[ks->n].mv_data = k;
	ks->v[ks->n].mv_size = len;
	ks->n++;
	return STORE_OK;
}

/* The index keys a record yields, from the declared table. */
static int
store_derive(enum store_kind kind, xmlDocPtr doc, const char *id,
    struct store_keys *ks)
{
	xmlXPathContextPtr ctx = NULL;
	xmlXPathObjectPtr r = NULL;
	xmlChar *s;
	size_t i;
	int j, rc = STORE_OK;

	if ((ctx = xmlXPathNewContext(doc)) == NULL)
		return STORE_NOMEM;
	ctx->node = xmlDocGetRootElement(doc);
	for (i = 0; i < STORE_NIDX && rc == STORE_OK; i++) {
		if (store_idx[i].kind != kind)
			continue;
		r = xmlXPathEvalExpression((const xmlChar *)store_idx[i].xpath, ctx);
		if (r == NULL) {
			rc = STORE_NOMEM;
			break;
		}
		if (r->type == XPATH_NODESET) {
			for (j = 0; r->nodesetval != NULL &&
			    j < r->nodesetval->nodeNr && rc == STORE_OK; j++) {
				s = xmlXPathCastNodeToString(
				    r->nodesetval->nodeTab[j]);
				if (s == NULL)
					rc = STORE_NOMEM;
				else
					rc = store_keys_add(ks, store_idx[i].name,
					    (const char *)s, id);
				xmlFree(s);
			}
		} else {
			if ((s = xmlXPathCastToString(r)) == NULL)
				rc = STORE_NOMEM;
			else
				rc = store_keys_add(ks, store_idx[i].name,
				    (const char *)s, id);
			xmlFree(s);
		}
		xmlXPathFreeObject(r);
	}
	xmlXPathFreeContext(ctx);
	return rc;
}

/* Add delta (+1/-1) to the count of the index key's name \0 value. */
static int
store_count_add(struct store_txn *t, const MDB_val *ik, size_t idlen, int delta)
{
	MDB_val k, v;
	unsigned char buf[8];
	uint64_t n = 0;
	int rc;

	k.mv_data = ik->mv_data;
	k.mv_size = ik->mv_size - idlen - 1;
	rc = mdb_get(t->txn, t->s->dbi[DB_COUNTS], &k, &v);
	if (rc == 0 && v.mv_size == 8)
		n = store_be64(v.mv_data);
	else if (rc != 0 && rc != MDB_NOTFOUND)
		return store_mdb(t, rc);
	if (delta < 0 && n == 0)
		return STORE_OK;
	n += delta;
	if (n == 0)
		return store_mdb(t, mdb_del(t->txn, t->s->dbi[DB_COUNTS], &k, NULL));
	store_u64be(buf, n);
	v.mv_data = buf;
	v.mv_size = sizeof(buf);
	return store_mdb(t, mdb_put(t->txn, t->s->dbi[DB_COUNTS], &k, &v, 0));
}

static int
store_index_del(struct store_txn *t, const struct store_keys *ks, const char *id)
{
	MDB_val k;
	size_t i;
	int rc;

	for (i = 0; i < ks->n; i++) {
		k = ks->v[i];
		rc = mdb_del(t->txn, t->s->dbi[DB_IDX], &k, NULL);
		if (rc == MDB_NOTFOUND)
			continue;
		if (rc != 0)
			return store_mdb(t, rc);
		if ((rc = store_count_add(t, &ks->v[i], strlen(id), -1)) != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

static int
store_index_add(struct store_txn *t, const struct store_keys *ks, const char *id)
{
	MDB_val k, v;
	size_t i;
	int rc;

	for (i = 0; i < ks->n; i++) {
		k = ks->v[i];
		v.mv_data = "";
		v.mv_size = 0;
		rc = mdb_put(t->txn, t->s->dbi[DB_IDX], &k, &v, MDB_NOOVERWRITE);
		if (rc == MDB_KEYEXIST)
			continue;
		if (rc != 0)
			return store_mdb(t, rc);
		if ((rc = store_count_add(t, &ks->v[i], strlen(id), 1)) != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

/* Allocate the next id of kind from its counter in meta. */
static int
store_next_id(struct store_txn *t, enum store_kind kind, char *id)
{
	MDB_val k, v;
	char key[32], buf[32];
	unsigned long long n = 0;
	int rc;

	snprintf(key, sizeof(key), "next-%s", store_kinds[kind]);
	k.mv_data = key;
	k.mv_size = strlen(key);
	rc = mdb_get(t->txn, t->s->dbi[DB_META], &k, &v);
	if (rc == 0) {
		if (v.mv_size >= sizeof(buf))
			return STORE_INVALID;
		memcpy(buf, v.mv_data, v.mv_size);
		buf[v.mv_size] = '\0';
		n = strtoull(buf, NULL, 10);
	} else if (rc != MDB_NOTFOUND)
		return store_mdb(t, rc);
	n++;
	snprintf(buf, sizeof(buf), "%llu", n);
	v.mv_data = buf;
	v.mv_size = strlen(buf);
	if ((rc = store_mdb(t, mdb_put(t->txn, t->s->dbi[DB_META], &k, &v, 0))) !=
	    STORE_OK)
		return rc;
	snprintf(id, HALT_ID_MAX + 1, "%c%08llu", store_idprefix[kind], n);
	return STORE_OK;
}

static int
store_event_add(struct store_txn *t, enum store_kind kind, const char *id,
    unsigned long versie, const char *what)
{
	char key[HALT_ID_MAX + 64], tijd[32], vs[32];
	xmlDocPtr doc;
	xmlNodePtr n;
	xmlBufferPtr b = NULL;
	MDB_val k, v;
	int rc = STORE_NOMEM;

	store_now(tijd, sizeof(tijd));
	snprintf(vs, sizeof(vs), "%lu", versie);
	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return STORE_NOMEM;
	if ((n = xmlNewDocNode(doc, NULL, (const xmlChar *)"gebeurtenis",
	    NULL)) == NULL)
		goto fail;
	xmlDocSetRootElement(doc, n);
	if (xmlNewProp(n, (const xmlChar *)"wie", (const xmlChar *)
	    (t->actor != NULL && t->actor->user != NULL ? t->actor->user : "")) == NULL ||
	    xmlNewProp(n, (const xmlChar *)"wanneer", (const xmlChar *)tijd) == NULL ||
	    xmlNewProp(n, (const xmlChar *)"wat", (const xmlChar *)
	    (what != NULL ? what : "")) == NULL ||
	    xmlNewProp(n, (const xmlChar *)"versie", (const xmlChar *)vs) == NULL)
		goto fail;
	if ((rc = store_serialize(n, &b)) != STORE_OK)
		goto fail;
	/* The zero-padded versie keeps a record's events in order. */
	snprintf(key, sizeof(key), "%s/%s/%010lu", store_kinds[kind], id, versie);
	k.mv_data = key;
	k.mv_size = strlen(key);
	v.mv_data = (void *)xmlBufferContent(b);
	v.mv_size = xmlBufferLength(b);
	rc = store_mdb(t, mdb_put(t->txn, t->s->dbi[DB_EVENTS], &k, &v, 0));
fail:
	xmlBufferFree(b);
	xmlFreeDoc(doc);
	return rc;
}

unsigned long
store_versie(const char *s)
{
	char *end;
	unsigned long v;

	if (s == NULL || *s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtoul(s, &end, 10);
	return *end == '\0' && errno == 0 ? v : 0;
}

int
store_put(struct store_txn *t, enum store_kind kind, char *id, xmlDocPtr doc,
    unsigned long versie, const char *what)
{
	struct store_keys oldk = { 0 }, newk = { 0 };
	xmlDocPtr old = NULL;
	xmlNodePtr root;
	xmlBufferPtr b = NULL;
	const char *ov;
	char vs[32];
	unsigned long cur;
	MDB_val k, v;
	int rc;

	if (t->mapfull)
		return STORE_MAPFULL;
	if (!t->write || (unsigned)kind >= STORE_KIND__MAX || id == NULL ||
	    doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL)
		return STORE_INVALID;
	if (*id == '\0') {
		if (versie != 0 || t->nnewids == sizeof(t->newids) /
		    sizeof(t->newids[0]))
			return STORE_INVALID;
		if ((rc = store_next_id(t, kind, id)) != STORE_OK)
			return rc;
		t->newids[t->nnewids++] = id;
		store_set_object(t, kind, id);
	} else {
		if (!store_id_ok(kind, id))
			return STORE_INVALID;
		store_set_object(t, kind, id);
		if ((rc = store_get(t, kind, id, &old)) != STORE_OK)
			return rc;
		ov = xml_attr(xmlDocGetRootElement(old), "versie");
		cur = store_versie(ov);
		if (cur != versie) {
			rc = STORE_CONFLICT;
			goto fail;
		}
		if ((rc = store_derive(kind, old, id, &oldk)) != STORE_OK)
			goto fail;
	}
	snprintf(vs, sizeof(vs), "%lu", versie + 1);
	if (xmlSetProp(root, (const xmlChar *)"id", (const xmlChar *)id) == NULL ||
	    xmlSetProp(root, (const xmlChar *)"versie", (const xmlChar *)vs) == NULL) {
		rc = STORE_NOMEM;
		goto fail;
	}
	if ((rc = store_derive(kind, doc, id, &newk)) != STORE_OK)
		goto fail;
	if ((rc = store_serialize(root, &b)) != STORE_OK)
		goto fail;
	k.mv_data = id;
	k.mv_size = strlen(id);
	v.mv_data = (void *)xmlBufferContent(b);
	v.mv_size = xmlBufferLength(b);
	if ((rc = store_mdb(t, mdb_put(t->txn, t->s->dbi[kind == STORE_ZAAK ?
	    DB_ZAKEN : DB_OVERLEG], &k, &v, 0))) != STORE_OK)
		goto fail;
	if ((rc = store_index_del(t, &oldk, id)) != STORE_OK ||
	    (rc = store_index_add(t, &newk, id)) != STORE_OK)
		goto fail;
	rc = store_event_add(t, kind, id, versie + 1, what);
fail:
	xmlBufferFree(b);
	xmlFreeDoc(old);
	store_keys_free(&oldk);
	store_keys_free(&newk);
	return rc;
}

int
store_events(struct store_txn *t, enum store_kind kind, const char *id,
    xmlDocPtr *out)
{
	char prefix[HALT_ID_MAX + 32];
	xmlDocPtr doc = NULL, ev;
	xmlNodePtr root, n;
	MDB_cursor *c = NULL;
	MDB_val k, v;
	size_t pl;
	int rc;

	*out = NULL;
	if (!store_id_ok(kind, id))
		return STORE_NOTFOUND;
	snprintf(prefix, sizeof(prefix), "%s/%s/", store_kinds[kind], id);
	pl = strlen(prefix);
	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL ||
	    (root = xmlNewDocNode(doc, NULL, (const xmlChar *)"gebeurtenissen",
	    NULL)) == NULL) {
		rc = STORE_NOMEM;
		goto fail;
	}
	xmlDocSetRootElement(doc, root);
	if ((rc = store_mdb(t, mdb_cursor_open(t->txn, t->s->dbi[DB_EVENTS],
	    &c))) != STORE_OK)
		goto fail;
	k.mv_data = prefix;
	k.mv_size = pl;
	for (rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		if (k.mv_size < pl || memcmp(k.mv_data, prefix, pl) != 0)
			break;
		if ((ev = store_parse_val(&v)) == NULL) {
			rc = STORE_INVALID;
			goto fail;
		}
		n = xmlDocCopyNode(xmlDocGetRootElement(ev), doc, 1);
		xmlFreeDoc(ev);
		if (n == NULL || xmlAddChild(root, n) == NULL) {
			xmlFreeNode(n);
			rc = STORE_NOMEM;
			goto fail;
		}
	}
	if (rc != 0 && rc != MDB_NOTFOUND) {
		rc = store_mdb(t, rc);
		goto fail;
	}
	mdb_cursor_close(c);
	*out = doc;
	return STORE_OK;
fail:
	if (c != NULL)
		mdb_cursor_close(c);
	xmlFreeDoc(doc);
	return rc;
}

/* ---- index scans ---- */

/* name \0 value \0 into buf; the length, or 0 when it would not fit a key. */
static size_t
store_prefix(char *buf, const char *index, const char *value)
{
	size_t nl, vl;

	nl = strlen(index);
	vl = strlen(value);
	if (nl + vl + 2 > HALT_KEY_MAX)
		return 0;
	memcpy(buf, index, nl + 1);
	memcpy(buf + nl + 1, value, vl + 1);
	return nl + vl + 2;
}

int
store_index_scan(struct store_txn *t, const char *index, const char *value,
    const char *after_id, int reverse, store_each_fn fn, void *arg)
{
	char seek[HALT_KEY_MAX + 1], id[HALT_ID_MAX + 1];
	MDB_cursor *c = NULL;
	MDB_cursor_op op;
	MDB_val k, v;
	size_t pl, al = 0;
	int rc, r;

	if (index == NULL || value == NULL || fn == NULL)
		return STORE_INVALID;
	if ((pl = store_prefix(seek, index, value)) == 0)
		return STORE_INVALID;
	k.mv_data = seek;
	k.mv_size = pl;
	if (after_id != NULL) {
		al = strlen(after_id);
		if (pl + al > HALT_KEY_MAX)
			return STORE_INVALID;
		memcpy(seek + pl, after_id, al);
		k.mv_size = pl + al;
	} else if (reverse) {
		/* Just past every key with this prefix. */
		seek[pl - 1] = '\1';
	}
	if ((rc = store_mdb(t, mdb_cursor_open(t->txn, t->s->dbi[DB_IDX], &c))) !=
	    STORE_OK)
		return rc;
	rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
	if (reverse) {
		if (rc == 0)
			rc = mdb_cursor_get(c, &k, &v, MDB_PREV);
		else if (rc == MDB_NOTFOUND)
			rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
		op = MDB_PREV;
	} else {
		/* Skip after_id itself. */
		if (rc == 0 && after_id != NULL && k.mv_size == pl + al &&
		    memcmp(k.mv_data, seek, pl + al) == 0)
			rc = mdb_cursor_get(c, &k, &v, MDB_NEXT);
		op = MDB_NEXT;
	}
	seek[pl - 1] = '\0';
	for (; rc == 0; rc = mdb_cursor_get(c, &k, &v, op)) {
		if (k.mv_size <= pl || memcmp(k.mv_data, seek, pl) != 0)
			break;
		if (k.mv_size - pl > HALT_ID_MAX)
			continue;
		memcpy(id, (char *)k.mv_data + pl, k.mv_size - pl);
		id[k.mv_size - pl] = '\0';
		if ((r = fn(id, arg)) != 0) {
			mdb_cursor_close(c);
			return r == 1 ? STORE_OK : r;
		}
	}
	mdb_cursor_close(c);
	return rc == 0 || rc == MDB_NOTFOUND ? STORE_OK : store_mdb(t, rc);
}

int
store_index_count(struct store_txn *t, const char *index, const char *value,
    size_t *n)
{
	char key[HALT_KEY_MAX + 1];
	MDB_val k, v;
	size_t pl;
	int rc;

	*n = 0;
	if (index == NULL || value == NULL ||
	    (pl = store_prefix(key, index, value)) == 0)
		return STORE_INVALID;
	k.mv_data = key;
	k.mv_size = pl - 1;	/* counts keys are name \0 value */
	rc = mdb_get(t->txn, t->s->dbi[DB_COUNTS], &k, &v);
	if (rc == MDB_NOTFOUND)
		return STORE_OK;
	if (rc != 0)
		return store_mdb(t, rc);
	if (v.mv_size != 8)
		return STORE_INVALID;
	*n = store_be64(v.mv_data);
	return STORE_OK;
}

/* ---- users ---- */

static int
store_user_parse(const MDB_val *k, const MDB_val *v, struct store_user *u)
{
	xmlDocPtr doc;
	xmlNodePtr r;
	const char *s;

	memset(u, 0, sizeof(*u));
	if (k->mv_size >= sizeof(u->name))
		return STORE_INVALID;
	memcpy(u->name, k->mv_data, k->mv_size);
	if ((doc = store_parse_val(v)) == NULL)
		return STORE_INVALID;
	r = xmlDocGetRootElement(doc);
	if ((s = xml_attr(r, "rol")) != NULL)
		snprintf(u->rol, sizeof(u->rol), "%s", s);
	if ((s = xml_attr(r, "werkgebied")) != NULL)
		snprintf(u->werkgebied, sizeof(u->werkgebied), "%s", s);
	s = xml_attr(r, "getraind");
	u->getraind = s != NULL && strcmp(s, "ja") == 0;
	s = xml_attr(r, "actief");
	u->actief = s != NULL && strcmp(s, "ja") == 0;
	xmlFreeDoc(doc);
	return STORE_OK;
}

struct store_user_arg {
	const char		*name;
	struct store_user	*u;
	const struct store_user	*in;
	int			(*fn)(const struct store_user *, void *);
	void			*arg;
};

static int
store_user_get_fn(struct store_txn *t, void *arg)
{
	struct store_user_arg *a = arg;
	MDB_val k, v;
	int rc;

	k.mv_data = (void *)a->name;
	k.mv_size = strlen(a->name);
	if ((rc = mdb_get(t->txn, t->s->dbi[DB_USERS], &k, &v)) != 0)
		return store_mdb(t, rc);
	return store_user_parse(&k, &v, a->u);
}

int
store_user_get(struct store *s, const char *name, struct store_user *u)
{
	struct store_user_arg a = { 0 };

	memset(u, 0, sizeof(*u));
	if (name == NULL || *name == '\0' || strlen(name) > HALT_USER_MAX)
		return STORE_NOTFOUND;
	a.name = name;
	a.u = u;
	return store_read(s, store_user_get_fn, &a);
}

static int
store_user_put_fn(struct store_txn *t, void *arg)
{
	struct store_user_arg *a = arg;
	const struct store_user *u = a->in;
	xmlDocPtr doc;
	xmlNodePtr n;
	xmlBufferPtr b = NULL;
	MDB_val k, v;
	int rc = STORE_NOMEM;

	snprintf(t->object, sizeof(t->object), "gebruiker/%s", u->name);
	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return STORE_NOMEM;
	if ((n = xmlNewDocNode(doc, NULL, (const xmlChar *)"gebruiker",
	    NULL)) == NULL)
		goto fail;
	xmlDocSetRootElement(doc, n);
	if (xmlNewProp(n, (const xmlChar *)"naam", (const xmlChar *)u->name) == NULL ||
	    xmlNewProp(n, (const xmlChar *)"rol", (const xmlChar *)u->rol) == NULL ||
	    xmlNewProp(n, (const xmlChar *)"werkgebied",
	    (const xmlChar *)u->werkgebied) == NULL ||
	    xmlNewProp(n, (const xmlChar *)"getraind",
	    (const xmlChar *)(u->getraind ? "ja" : "nee")) == NULL ||
	    xmlNewProp(n, (const xmlChar *)"actief",
	    (const xmlChar *)(u->actief ? "ja" : "nee")) == NULL)
		goto fail;
	if ((rc = store_serialize(n, &b)) != STORE_OK)
		goto fail;
	k.mv_data = (void *)u->name;
	k.mv_size = strlen(u->name);
	v.mv_data = (void *)xmlBufferContent(b);
	v.mv_size = xmlBufferLength(b);
	rc = store_mdb(t, mdb_put(t->txn, t->s->dbi[DB_USERS], &k, &v, 0));
fail:
	xmlBufferFree(b);
	xmlFreeDoc(doc);
	return rc;
}

int
store_user_put(struct store *s, const struct store_actor *actor,
    const struct store_user *u)
{
	struct store_user_arg a = { 0 };
	struct store_actor act = { 0 };
	size_t i, n;

	if (u == NULL)
		return STORE_INVALID;
	n = strnlen(u->name, sizeof(u->name));
	if (n == 0 || n > HALT_USER_MAX || u->rol[0] == '\0' ||
	    memchr(u->rol, '\0', sizeof(u->rol)) == NULL ||
	    memchr(u->werkgebied, '\0', sizeof(u->werkgebied)) == NULL)
		return STORE_INVALID;
	for (i = 0; i < n; i++)
		if ((unsigned char)u->name[i] <= ' ' || u->name[i] == '/' ||
		    u->name[i] == 0x7f)
			return STORE_INVALID;
	if (actor != NULL)
		act = *actor;
	act.action = "gebruiker.wijzigen";
	a.in = u;
	return store_write(s, &act, store_user_put_fn, &a);
}

static int
store_user_each_fn(struct store_txn *t, void *arg)
{
	struct store_user_arg *a = arg;
	struct store_user u;
	MDB_cursor *c;
	MDB_val k, v;
	int rc;

	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_USERS], &c)) != 0)
		return store_mdb(t, rc);
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		if (store_user_parse(&k, &v, &u) != STORE_OK)
			continue;
		if ((rc = a->fn(&u, a->arg)) != 0)
			break;
	}
	mdb_cursor_close(c);
	if (rc == MDB_NOTFOUND)
		return STORE_OK;
	return rc;
}

int
store_user_each(struct store *s, int (*fn)(const struct store_user *, void *),
    void *arg)
{
	struct store_user_arg a = { 0 };

	a.fn = fn;
	a.arg = arg;
	return store_read(s, store_user_each_fn, &a);
}

/* ---- audit reading and verification ---- */

struct store_audit_arg {
	int			(*fn)(const struct store_audit_entry *, void *);
	void			*arg;
	unsigned long long	 bad;
	unsigned long long	 before;	/* store_audit_each_rev: 0 = newest */
};

/* Parse one audit entry; vorige gets the previous hash it names. */
static int
store_audit_parse(const MDB_val *k, const MDB_val *v, xmlDocPtr *docp,
    struct store_audit_entry *e, const char **vorige)
{
	xmlNodePtr r;
	const char *s;
	char *end;

	*docp = NULL;
	memset(e, 0, sizeof(*e));
	if (k->mv_size != 8)
		return STORE_INVALID;
	e->seq = store_be64(k->mv_data);
	if ((*docp = store_parse_val(v)) == NULL)
		return STORE_INVALID;
	r = xmlDocGetRootElement(*docp);
	if (strcmp((const char *)r->name, "audit") != 0 ||
	    (s = xml_attr(r, "seq")) == NULL ||
	    strtoull(s, &end, 10) != e->seq || *end != '\0' ||
	    (e->tijd = xml_attr(r, "tijd")) == NULL ||
	    (e->actor = xml_attr(r, "actor")) == NULL ||
	    (e->origin = xml_attr(r, "herkomst")) == NULL ||
	    (e->action = xml_attr(r, "actie")) == NULL ||
	    (e->object = xml_attr(r, "object")) == NULL ||
	    (e->result = xml_attr(r, "resultaat")) == NULL ||
	    (e->hash = xml_attr(r, "hash")) == NULL ||
	    (*vorige = xml_attr(r, "vorige")) == NULL)
		return STORE_INVALID;
	return STORE_OK;
}

static int
store_audit_each_fn(struct store_txn *t, void *arg)
{
	struct store_audit_arg *a = arg;
	struct store_audit_entry e;
	const char *vorige;
	xmlDocPtr doc;
	MDB_cursor *c;
	MDB_val k, v;
	int rc;

	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_AUDIT], &c)) != 0)
		return store_mdb(t, rc);
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		if (store_audit_parse(&k, &v, &doc, &e, &vorige) == STORE_OK)
			rc = a->fn(&e, a->arg);
		xmlFreeDoc(doc);
		if (rc != 0)
			break;
	}
	mdb_cursor_close(c);
	return rc == MDB_NOTFOUND ? STORE_OK : rc;
}

int
store_audit_each(struct store *s,
    int (*fn)(const struct store_audit_entry *, void *), void *arg)
{
	struct store_audit_arg a = { 0 };

	a.fn = fn;
	a.arg = arg;
	return store_read(s, store_audit_each_fn, &a);
}

static int
store_audit_rev_fn(struct store_txn *t, void *arg)
{
	struct store_audit_arg *a = arg;
	struct store_audit_entry e;
	const char *vorige;
	unsigned char key[8];
	xmlDocPtr doc;
	MDB_cursor *c;
	MDB_val k, v;
	int rc, frc = 0;

	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_AUDIT], &c)) != 0)
		return store_mdb(t, rc);
	if (a->before == 0)
		rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
	else {
		/* The first key >= before, then one back: the entry before it. */
		store_u64be(key, a->before);
		k.mv_data = key;
		k.mv_size = sizeof(key);
		rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
		rc = rc == 0 ? mdb_cursor_get(c, &k, &v, MDB_PREV) :
		    rc == MDB_NOTFOUND ? mdb_cursor_get(c, &k, &v, MDB_LAST) : rc;
	}
	for (; rc == 0; rc = mdb_cursor_get(c, &k, &v, MDB_PREV)) {
		if (store_audit_parse(&k, &v, &doc, &e, &vorige) == STORE_OK)
			frc = a->fn(&e, a->arg);
		xmlFreeDoc(doc);
		if (frc != 0)
			break;
	}
	mdb_cursor_close(c);
	if (frc != 0)
		return frc == 1 ? STORE_OK : frc;
	return rc == MDB_NOTFOUND ? STORE_OK : store_mdb(t, rc);
}

int
store_audit_each_rev(struct store *s, unsigned long long before,
    int (*fn)(const struct store_audit_entry *, void *), void *arg)
{
	struct store_audit_arg a = { 0 };

	a.fn = fn;
	a.arg = arg;
	a.before = before;
	return store_read(s, store_audit_rev_fn, &a);
}

static int
store_audit_verify_fn(struct store_txn *t, void *arg)
{
	struct store_audit_arg *a = arg;
	struct store_audit_entry e;
	char prev[STORE_HASH_HEX + 1], hash[STORE_HASH_HEX + 1];
	char head[STORE_HASH_HEX + 1];
	unsigned long long want = 1, headseq;
	const char *vorige;
	xmlDocPtr doc;
	MDB_cursor *c;
	MDB_val k, v;
	int rc, ok;

	memcpy(prev, AUDIT_GENESIS, sizeof(prev));
	if ((rc = store_audit_head(t, &headseq, head)) != STORE_OK) {
		a->bad = 1;
		return STORE_INVALID;
	}
	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_AUDIT], &c)) != 0)
		return store_mdb(t, rc);
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT), want++) {
		ok = store_audit_parse(&k, &v, &doc, &e, &vorige) == STORE_OK &&
		    e.seq == want && strcmp(vorige, prev) == 0 &&
		    store_audit_hash(prev, &e, hash) == STORE_OK &&
		    strcmp(hash, e.hash) == 0;
		if (ok)
			memcpy(prev, hash, sizeof(prev));
		xmlFreeDoc(doc);
		if (!ok) {
			mdb_cursor_close(c);
			a->bad = want;
			return STORE_INVALID;
		}
	}
	mdb_cursor_close(c);
	if (rc != MDB_NOTFOUND)
		return store_mdb(t, rc);
	/* The head in meta catches entries cut off or added at the end. */
	if (headseq != want - 1 || strcmp(head, prev) != 0) {
		a->bad = headseq < want - 1 ? headseq + 1 : want;
		return STORE_INVALID;
	}
	return STORE_OK;
}

int
store_audit_verify(struct store *s, unsigned long long *bad)
{
	struct store_audit_arg a = { 0 };
	int rc;

	rc = store_read(s, store_audit_verify_fn, &a);
	if (bad != NULL)
		*bad = a.bad;
	return rc;
}

/* ---- check, backup, export ---- */

struct store_check_arg {
	FILE	*fp;
	size_t	 problems;
	size_t	 derived;	/* index keys the records yield */
};

static void
store_problem(struct store_check_arg *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
store_problem(struct store_check_arg *a, const char *fmt, ...)
{
	va_list ap;

	a->problems++;
	if (a->fp == NULL)
		return;
	va_start(ap, fmt);
	vfprintf(a->fp, fmt, ap);
	va_end(ap);
	fputc('\n', a->fp);
}

/* Split an index key into its name, value and id (copies, NUL-terminated). */
static int
store_split_key(const MDB_val *k, char *name, char *value, char *id)
{
	const char *p = k->mv_data, *e = p + k->mv_size, *z1, *z2;

	if ((z1 = memchr(p, '\0', k->mv_size)) == NULL ||
	    (z2 = memchr(z1 + 1, '\0', e - z1 - 1)) == NULL ||
	    e - z2 - 1 <= 0 || e - z2 - 1 > HALT_ID_MAX)
		return 0;
	memcpy(name, p, z1 - p + 1);
	memcpy(value, z1 + 1, z2 - z1);
	memcpy(id, z2 + 1, e - z2 - 1);
	id[e - z2 - 1] = '\0';
	return 1;
}

static int
store_kind_of(const char *id, enum store_kind *kind)
{
	int i;

	for (i = 0; i < STORE_KIND__MAX; i++)
		if (store_id_ok(i, id)) {
			*kind = i;
			return 1;
		}
	return 0;
}

/* Every record parses and its index keys are there. */
static int
store_check_records(struct store_txn *t, struct store_check_arg *a)
{
	struct store_keys ks;
	char id[HALT_ID_MAX + 1];
	const char *rid;
	xmlDocPtr doc;
	MDB_cursor *c;
	MDB_val k, v, iv;
	size_t i;
	int kind, rc;

	for (kind = 0; kind < STORE_KIND__MAX; kind++) {
		if ((rc = mdb_cursor_open(t->txn, t->s->dbi[kind == STORE_ZAAK ?
		    DB_ZAKEN : DB_OVERLEG], &c)) != 0)
			return store_mdb(t, rc);
		for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
		    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
			if (k.mv_size > HALT_ID_MAX) {
				store_problem(a, "%s: sleutel te lang",
				    store_kinds[kind]);
				continue;
			}
			memcpy(id, k.mv_data, k.mv_size);
			id[k.mv_size] = '\0';
			if (!store_id_ok(kind, id))
				store_problem(a, "%s %s: ongeldig id",
				    store_kinds[kind], id);
			if ((doc = store_parse_val(&v)) == NULL) {
				store_problem(a, "%s %s: record parseert niet",
				    store_kinds[kind], id);
				continue;
			}
			rid = xml_attr(xmlDocGetRootElement(doc), "id");
			if (rid == NULL || strcmp(rid, id) != 0)
				store_problem(a, "%s %s: id-attribuut klopt niet",
				    store_kinds[kind], id);
			memset(&ks, 0, sizeof(ks));
			if (store_derive(kind, doc, id, &ks) != STORE_OK)
				store_problem(a, "%s %s: indexwaarden niet te bepalen",
				    store_kinds[kind], id);
			for (i = 0; i < ks.n; i++) {
				a->derived++;
				if (mdb_get(t->txn, t->s->dbi[DB_IDX], &ks.v[i],
				    &iv) != 0)
					store_problem(a, "%s %s: indexregel "
					    "ontbreekt in %s", store_kinds[kind], id,
					    (char *)ks.v[i].mv_data);
			}
			store_keys_free(&ks);
			xmlFreeDoc(doc);
		}
		mdb_cursor_close(c);
		if (rc != MDB_NOTFOUND)
			return store_mdb(t, rc);
	}
	return STORE_OK;
}

/* Slow path: which index entries does their record not yield? */
static int
store_check_yield(struct store_txn *t, struct store_check_arg *a)
{
	char name[HALT_KEY_MAX + 1], value[HALT_KEY_MAX + 1];
	char id[HALT_ID_MAX + 1];
	struct store_keys ks;
	enum store_kind kind;
	xmlDocPtr doc;
	MDB_cursor *c;
	MDB_val k, v, rv;
	size_t i;
	int rc, found;

	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_IDX], &c)) != 0)
		return store_mdb(t, rc);
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		if (!store_split_key(&k, name, value, id) ||
		    !store_kind_of(id, &kind) ||
		    store_get_raw(t, kind, id, &rv) != STORE_OK ||
		    (doc = store_parse_val(&rv)) == NULL)
			continue;	/* reported already */
		memset(&ks, 0, sizeof(ks));
		found = 0;
		if (store_derive(kind, doc, id, &ks) == STORE_OK)
			for (i = 0; i < ks.n && !found; i++)
				found = ks.v[i].mv_size == k.mv_size &&
				    memcmp(ks.v[i].mv_data, k.mv_data,
				    k.mv_size) == 0;
		if (!found)
			store_problem(a, "index %s: regel voor %s %s past niet "
			    "bij het record", name, store_kinds[kind], id);
		store_keys_free(&ks);
		xmlFreeDoc(doc);
	}
	mdb_cursor_close(c);
	return rc == MDB_NOTFOUND ? STORE_OK : store_mdb(t, rc);
}

static void
store_check_group(struct store_txn *t, struct store_check_arg *a,
    const char *group, size_t glen, size_t n)
{
	MDB_val k, v;
	uint64_t stored = 0;

	k.mv_data = (void *)group;
	k.mv_size = glen;
	if (mdb_get(t->txn, t->s->dbi[DB_COUNTS], &k, &v) == 0 &&
	    v.mv_size == 8)
		stored = store_be64(v.mv_data);
	if (stored != n)
		store_problem(a, "index %s: telling %llu, regels %zu", group,
		    (unsigned long long)stored, n);
}

/* Every index entry points to a record; counts agree with the entries. */
static int
store_check_index(struct store_txn *t, struct store_check_arg *a)
{
	char name[HALT_KEY_MAX + 1], value[HALT_KEY_MAX + 1];
	char id[HALT_ID_MAX + 1], group[HALT_KEY_MAX + 1];
	enum store_kind kind;
	MDB_cursor *c;
	MDB_val k, v, rv;
	size_t glen = 0, gn = 0, total = 0, len;
	int rc;

	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_IDX], &c)) != 0)
		return store_mdb(t, rc);
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		total++;
		if (!store_split_key(&k, name, value, id)) {
			store_problem(a, "index: ongeldige sleutel");
			continue;
		}
		len = strlen(name) + strlen(value) + 1;
		if (gn > 0 && (len != glen || memcmp(group, k.mv_data, len) != 0)) {
			store_check_group(t, a, group, glen, gn);
			gn = 0;
		}
		if (gn == 0) {
			memcpy(group, k.mv_data, len);
			glen = len;
		}
		gn++;
		if (!store_kind_of(id, &kind))
			store_problem(a, "index %s: ongeldig id %s", name, id);
		else if (store_get_raw(t, kind, id, &rv) != STORE_OK)
			store_problem(a, "index %s: verwijst naar ontbrekend "
			    "record %s", name, id);
	}
	if (gn > 0)
		store_check_group(t, a, group, glen, gn);
	mdb_cursor_close(c);
	if (rc != MDB_NOTFOUND)
		return store_mdb(t, rc);
	/*
	 * Every derived key exists (checked per record); when there are as
	 * many entries as derived keys, the sets are equal.
	 */
	if (total != a->derived)
		return store_check_yield(t, a);
	return STORE_OK;
}

/* Counts without any entries; events and users parse. */
static int
store_check_rest(struct store_txn *t, struct store_check_arg *a)
{
	char prefix[HALT_KEY_MAX + 2];
	char kid[HALT_ID_MAX + 32];
	enum store_kind kind;
	MDB_cursor *c, *ic;
	MDB_val k, v, ik, iv, rv;
	xmlDocPtr doc;
	const char *p;
	int rc, irc;

	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_COUNTS], &c)) != 0)
		return store_mdb(t, rc);
	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_IDX], &ic)) != 0) {
		mdb_cursor_close(c);
		return store_mdb(t, rc);
	}
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		if (k.mv_size + 1 > HALT_KEY_MAX ||
		    memchr(k.mv_data, '\0', k.mv_size) == NULL) {
			store_problem(a, "telling: ongeldige sleutel");
			continue;
		}
		memcpy(prefix, k.mv_data, k.mv_size);
		prefix[k.mv_size] = '\0';
		ik.mv_data = prefix;
		ik.mv_size = k.mv_size + 1;
		irc = mdb_cursor_get(ic, &ik, &iv, MDB_SET_RANGE);
		if ((irc != 0 || ik.mv_size <= k.mv_size + 1 ||
		    memcmp(ik.mv_data, prefix, k.mv_size + 1) != 0) &&
		    !(v.mv_size == 8 && store_be64(v.mv_data) == 0))
			store_problem(a, "index %s: telling zonder regels",
			    prefix);
	}
	mdb_cursor_close(ic);
	mdb_cursor_close(c);
	if (rc != MDB_NOTFOUND)
		return store_mdb(t, rc);

	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_EVENTS], &c)) != 0)
		return store_mdb(t, rc);
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		/* kind/id/versie */
		if (k.mv_size >= sizeof(kid))
			continue;
		memcpy(kid, k.mv_data, k.mv_size);
		kid[k.mv_size] = '\0';
		if ((p = strchr(kid, '/')) != NULL)
			p++;
		if (p != NULL && strchr(p, '/') != NULL)
			*strchr(p, '/') = '\0';
		if (p == NULL || !store_kind_of(p, &kind) ||
		    store_get_raw(t, kind, p, &rv) != STORE_OK)
			store_problem(a, "gebeurtenis %s: record ontbreekt",
			    p != NULL ? p : "?");
		if ((doc = store_parse_val(&v)) == NULL)
			store_problem(a, "gebeurtenis van %s parseert niet",
			    p != NULL ? p : "?");
		xmlFreeDoc(doc);
	}
	mdb_cursor_close(c);
	if (rc != MDB_NOTFOUND)
		return store_mdb(t, rc);

	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[DB_USERS], &c)) != 0)
		return store_mdb(t, rc);
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		if ((doc = store_parse_val(&v)) == NULL)
			store_problem(a, "gebruiker: record parseert niet");
		xmlFreeDoc(doc);
	}
	mdb_cursor_close(c);
	return rc == MDB_NOTFOUND ? STORE_OK : store_mdb(t, rc);
}

static int
store_check_fn(struct store_txn *t, void *arg)
{
	struct store_check_arg *a = arg;
	int rc;

	if ((rc = store_check_records(t, a)) != STORE_OK ||
	    (rc = store_check_index(t, a)) != STORE_OK ||
	    (rc = store_check_rest(t, a)) != STORE_OK)
		return rc;
	return a->problems > 0 ? STORE_INVALID : STORE_OK;
}

int
store_check(struct store *s, void *fp)
{
	struct store_check_arg a = { 0 };

	a.fp = fp;
	return store_read(s, store_check_fn, &a);
}

static int
store_noop(struct store_txn *t, void *arg)
{
	(void)t;
	(void)arg;
	return STORE_OK;
}

int
store_backup(struct store *s, const char *path)
{
	char *dir = NULL, *slash;
	int fd, dfd, rc;

	/* Begin once, so that a replaced generation is left for the current one. */
	if ((rc = store_read(s, store_noop, NULL)) != STORE_OK)
		return rc;
	/* One new file, never an existing one: O_EXCL. */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) == -1)
		return errno == EEXIST ? STORE_EXISTS : STORE_IO;
	for (;;) {
		pthread_rwlock_rdlock(&s->lock);
		rc = mdb_env_copyfd2(s->env, fd, MDB_CP_COMPACT);
		pthread_rwlock_unlock(&s->lock);
		if (rc != MDB_MAP_RESIZED)
			break;
		if (store_adopt_mapsize(s) != 0 || ftruncate(fd, 0) == -1 ||
		    lseek(fd, 0, SEEK_SET) == -1) {
			rc = EIO;
			break;
		}
	}
	if (rc != 0 || fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	/* Make the new directory entry durable too. */
	if ((dir = strdup(path)) == NULL)
		return STORE_NOMEM;
	if ((slash = strrchr(dir, '/')) == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(dfd);
		close(dfd);
	}
	free(dir);
	return STORE_OK;
fail:
	if (fd != -1)
		close(fd);
	unlink(path);
	return STORE_IO;
}

/* Write every value of a db that parses, as elements; events get soort= and id=. */
static int
store_export_db(struct store_txn *t, FILE *fp, enum store_db db,
    const char *wrap)
{
	char kid[HALT_ID_MAX + 32], *p, *q;
	MDB_cursor *c;
	MDB_val k, v;
	xmlDocPtr doc;
	xmlNodePtr r;
	int rc, wrc = STORE_OK;

	if (fprintf(fp, "<%s>\n", wrap) < 0)
		return STORE_IO;
	if ((rc = mdb_cursor_open(t->txn, t->s->dbi[db], &c)) != 0)
		return store_mdb(t, rc);
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0 && wrc == STORE_OK;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		if ((doc = store_parse_val(&v)) == NULL)
			continue;	/* store_check reports it */
		r = xmlDocGetRootElement(doc);
		if (db == DB_EVENTS && k.mv_size < sizeof(kid)) {
			memcpy(kid, k.mv_data, k.mv_size);
			kid[k.mv_size] = '\0';
			if ((p = strchr(kid, '/')) != NULL) {
				*p++ = '\0';
				if ((q = strchr(p, '/')) != NULL)
					*q = '\0';
				xmlSetProp(r, (const xmlChar *)"soort",
				    (const xmlChar *)kid);
				xmlSetProp(r, (const xmlChar *)"id",
				    (const xmlChar *)p);
			}
		}
		wrc = store_fput_node(fp, r);
		xmlFreeDoc(doc);
	}
	mdb_cursor_close(c);
	if (wrc != STORE_OK)
		return wrc;
	if (rc != MDB_NOTFOUND)
		return store_mdb(t, rc);
	return fprintf(fp, "</%s>\n", wrap) < 0 ? STORE_IO : STORE_OK;
}

static int
store_export_fn(struct store_txn *t, void *arg)
{
	FILE *fp = arg;
	int rc;

	if (fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<export>\n",
	    fp) == EOF)
		return STORE_IO;
	if ((rc = store_export_db(t, fp, DB_USERS, "gebruikers")) != STORE_OK ||
	    (rc = store_export_db(t, fp, DB_ZAKEN, "zaken")) != STORE_OK ||
	    (rc = store_export_db(t, fp, DB_OVERLEG, "overleggen")) != STORE_OK ||
	    (rc = store_export_db(t, fp, DB_EVENTS, "gebeurtenissen")) != STORE_OK)
		return rc;
	if (fputs("</export>\n", fp) == EOF || fflush(fp) == EOF)
		return STORE_IO;
	return STORE_OK;
}

/* One read transaction, so the export is one consistent moment. */
int
store_export(struct store *s, void *fp)
{
	return store_read(s, store_export_fn, fp);
}

/* ---- retention: purge and compaction ---- */

/* YYYY-MM-DD at the start of d (digits and dashes; the calendar is not checked). */
static int
store_date_ok(const char *d)
{
	int i;

	if (d == NULL || strnlen(d, 10) < 10)
		return 0;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? d[i] != '-' : d[i] < '0' || d[i] > '9')
			return 0;
	return 1;
}

/*
 * The date a closed record was closed into out (11 bytes; "" when unknown):
 * the afsluiting step of a zaak, the last antwoord of an overleg, else the
 * record's last event.
 */
static int
store_closed_on(struct store_txn *t, enum store_kind kind, const char *id,
    xmlNodePtr root, char *out)
{
	xmlDocPtr ev = NULL;
	xmlNodePtr n, m;
	const char *d = NULL, *a;
	int rc;

	out[0] = '\0';
	for (n = root->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (kind == STORE_ZAAK &&
		    strcmp((const char *)n->name, "stappen") == 0) {
			for (m = n->children; m != NULL; m = m->next)
				if (m->type == XML_ELEMENT_NODE &&
				    strcmp((const char *)m->name, "stap") == 0 &&
				    (a = xml_attr(m, "naam")) != NULL &&
				    strcmp(a, "afsluiting") == 0 &&
				    store_date_ok(a = xml_attr(m, "datum")))
					d = a;
		} else if (kind == STORE_OVERLEG &&
		    strcmp((const char *)n->name, "bericht") == 0 &&
		    (a = xml_attr(n, "soort")) != NULL &&
		    strcmp(a, "antwoord") == 0 &&
		    store_date_ok(a = xml_attr(n, "wanneer")))
			d = a;
	}
	if (d == NULL) {
		if ((rc = store_events(t, kind, id, &ev)) != STORE_OK)
			return rc;
		for (n = xmlDocGetRootElement(ev)->children; n != NULL; n = n->next)
			if (n->type == XML_ELEMENT_NODE &&
			    store_date_ok(a = xml_attr(n, "wanneer")))
				d = a;
	}
	if (d != NULL) {
		memcpy(out, d, 10);
		out[10] = '\0';
	}
	xmlFreeDoc(ev);
	return STORE_OK;
}

/* Delete a record with its index entries, counts and events. */
static int
store_remove(struct store_txn *t, enum store_kind kind, const char *id,
    xmlDocPtr doc)
{
	struct store_keys ks = { 0 };
	char prefix[HALT_ID_MAX + 32];
	MDB_cursor *c = NULL;
	MDB_val k, v;
	size_t pl;
	int rc;

	if ((rc = store_derive(kind, doc, id, &ks)) != STORE_OK ||
	    (rc = store_index_del(t, &ks, id)) != STORE_OK)
		goto fail;
	k.mv_data = (void *)id;
	k.mv_size = strlen(id);
	if ((rc = store_mdb(t, mdb_del(t->txn, t->s->dbi[kind == STORE_ZAAK ?
	    DB_ZAKEN : DB_OVERLEG], &k, NULL))) != STORE_OK)
		goto fail;
	snprintf(prefix, sizeof(prefix), "%s/%s/", store_kinds[kind], id);
	pl = strlen(prefix);
	if ((rc = store_mdb(t, mdb_cursor_open(t->txn, t->s->dbi[DB_EVENTS],
	    &c))) != STORE_OK)
		goto fail;
	/* Seek afresh after each delete: no reliance on cursor state. */
	for (;;) {
		k.mv_data = prefix;
		k.mv_size = pl;
		rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
		if (rc == MDB_NOTFOUND || (rc == 0 && (k.mv_size < pl ||
		    memcmp(k.mv_data, prefix, pl) != 0))) {
			rc = STORE_OK;
			break;
		}
		if (rc == 0)
			rc = mdb_cursor_del(c, 0);
		if ((rc = store_mdb(t, rc)) != STORE_OK)
			break;
	}
fail:
	if (c != NULL)
		mdb_cursor_close(c);
	store_keys_free(&ks);
	return rc;
}

struct store_purge_arg {
	const char	 *voor;
	size_t		  n[STORE_KIND__MAX];
	char		(*ids)[HALT_ID_MAX + 1];
	size_t		  nids, cap;
};

static int
store_purge_collect(const char *id, void *arg)
{
	struct store_purge_arg *a = arg;
	void *p;

	if (a->nids == a->cap) {
		if ((p = reallocarray(a->ids, a->cap ? a->cap * 2 : 64,
		    sizeof(*a->ids))) == NULL)
			return STORE_NOMEM;
		a->ids = p;
		a->cap = a->cap ? a->cap * 2 : 64;
	}
	snprintf(a->ids[a->nids++], sizeof(*a->ids), "%s", id);
	return 0;
}

static int
store_purge_fn(struct store_txn *t, void *arg)
{
	static const char *const closed[] = {
		"afgerond-positief", "afgerond-negatief", "beantwoord"
	};
	struct store_purge_arg *a = arg;
	enum store_kind kind;
	char obj[STORE_OBJECT_MAX], on[11];
	const char *status;
	xmlDocPtr doc;
	size_t i, j;
	int rc;

	/* store_write may run this again from the start. */
	memset(a->n, 0, sizeof(a->n));
	a->nids = 0;
	for (i = 0; i < sizeof(closed) / sizeof(closed[0]); i++)
		if ((rc = store_index_scan(t, "status", closed[i], NULL, 0,
		    store_purge_collect, a)) != STORE_OK)
			return rc;
	for (i = 0; i < a->nids; i++) {
		if (!store_kind_of(a->ids[i], &kind))
			continue;
		if ((rc = store_get(t, kind, a->ids[i], &doc)) == STORE_NOTFOUND ||
		    rc == STORE_INVALID)
			continue;	/* store_check reports it */
		if (rc != STORE_OK)
			return rc;
		/* The index said closed; the record has the last word. */
		status = xml_attr(xmlDocGetRootElement(doc), "status");
		for (j = 0; status != NULL &&
		    j < sizeof(closed) / sizeof(closed[0]); j++)
			if (strcmp(status, closed[j]) == 0)
				break;
		rc = STORE_OK;
		if (status != NULL && j < sizeof(closed) / sizeof(closed[0]) &&
		    (rc = store_closed_on(t, kind, a->ids[i],
		    xmlDocGetRootElement(doc), on)) == STORE_OK &&
		    on[0] != '\0' && strcmp(on, a->voor) < 0 &&
		    (rc = store_remove(t, kind, a->ids[i], doc)) == STORE_OK)
			a->n[kind]++;
		xmlFreeDoc(doc);
		if (rc != STORE_OK)
			return rc;
	}
	/* Ids and numbers only: the audit entry outlives what it names. */
	snprintf(obj, sizeof(obj), "bewaartermijn/voor %s: %zu zaken, %zu overleg",
	    a->voor, a->n[STORE_ZAAK], a->n[STORE_OVERLEG]);
	store_audit_object(t, obj);
	return STORE_OK;
}

int
store_purge(struct store *s, const struct store_actor *actor, const char *voor,
    size_t *nzaken, size_t *noverleg)
{
	struct store_purge_arg a;
	int rc;

	if (nzaken != NULL)
		*nzaken = 0;
	if (noverleg != NULL)
		*noverleg = 0;
	if (voor == NULL || strlen(voor) != 10 || !store_date_ok(voor))
		return STORE_INVALID;
	memset(&a, 0, sizeof(a));
	a.voor = voor;
	rc = store_write(s, actor, store_purge_fn, &a);
	free(a.ids);
	if (rc == STORE_OK && nzaken != NULL)
		*nzaken = a.n[STORE_ZAAK];
	if (rc == STORE_OK && noverleg != NULL)
		*noverleg = a.n[STORE_OVERLEG];
	return rc;
}

/* Make a directory entry durable. */
static void
store_fsync_dir(const char *dir)
{
	int fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(fd);
		close(fd);
	}
}

/* Point parent/base at target: a new symlink renamed over the old name. */
static int
store_gen_link(const char *parent, const char *base, const char *target,
    const struct stat *owner)
{
	char tmp[PATH_MAX], path[PATH_MAX];

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s/%s.tmp", parent, base) >=
	    sizeof(tmp) || (size_t)snprintf(path, sizeof(path), "%s/%s",
	    parent, base) >= sizeof(path))
		return -1;
	if (unlink(tmp) == -1 && errno != ENOENT)
		return -1;
	if (symlink(target, tmp) == -1)
		return -1;
	if (owner != NULL && geteuid() == 0)
		(void)lchown(tmp, owner->st_uid, owner->st_gid);
	if (rename(tmp, path) == -1) {
		unlink(tmp);
		return -1;
	}
	store_fsync_dir(parent);
	return 0;
}

/*
 * Remove a generation directory: renamed first, so that nobody can open
 * (and thereby create) files in it while its files are unlinked.
 */
static void
store_gen_remove(const char *dir)
{
	char gone[PATH_MAX], file[PATH_MAX];
	const char *src = dir;
	struct dirent *e;
	size_t n = strlen(dir);
	DIR *d;

	if (n < 4 || strcmp(dir + n - 4, ".weg") != 0) {
		if ((size_t)snprintf(gone, sizeof(gone), "%s.weg", dir) >=
		    sizeof(gone) || rename(dir, gone) == -1)
			return;
		src = gone;
	}
	if ((d = opendir(src)) == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
		    (size_t)snprintf(file, sizeof(file), "%s/%s", src,
		    e->d_name) < sizeof(file))
			unlink(file);
	closedir(d);
	rmdir(src);
}

/* base-N or base-N.weg: *n gets N; 0 when name is no generation of base. */
static int
store_gen_name(const char *name, const char *base, unsigned long *n)
{
	size_t bl = strlen(base);
	char *end;

	if (strncmp(name, base, bl) != 0 || name[bl] != '-' ||
	    name[bl + 1] < '0' || name[bl + 1] > '9')
		return 0;
	errno = 0;
	*n = strtoul(name + bl + 1, &end, 10);
	return errno == 0 && (*end == '\0' || strcmp(end, ".weg") == 0);
}

/* Remove what an interrupted compaction left next to the store. */
static void
store_gen_sweep(const char *parent, const char *base, const char *keep)
{
	char path[PATH_MAX], tmpname[NAME_MAX + 1], *real;
	struct dirent *e;
	struct stat st;
	unsigned long n;
	DIR *d;

	if ((size_t)snprintf(tmpname, sizeof(tmpname), "%s.tmp", base) >=
	    sizeof(tmpname) || (d = opendir(parent)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", parent,
		    e->d_name) >= sizeof(path) || lstat(path, &st) == -1)
			continue;
		if (strcmp(e->d_name, tmpname) == 0 && S_ISLNK(st.st_mode)) {
			unlink(path);
			continue;
		}
		if (!S_ISDIR(st.st_mode) || !store_gen_name(e->d_name, base, &n))
			continue;
		real = realpath(path, NULL);
		if (real != NULL && strcmp(real, keep) != 0)
			store_gen_remove(path);
		free(real);
	}
	closedir(d);
}

/*
 * The number of the current generation (the symlink's target base-N). A
 * plain directory becomes generation 0 first: renamed (open files stay
 * valid, and the path keeps naming the same files), then the symlink.
 */
static int
store_gen_current(struct store *s, const char *parent, const char *base,
    unsigned long *n)
{
	char target[NAME_MAX + 1], gen[PATH_MAX], *real;
	struct stat st;
	ssize_t len;

	if (lstat(s->path, &st) == -1)
		return STORE_IO;
	if (S_ISDIR(st.st_mode)) {
		if ((size_t)snprintf(target, sizeof(target), "%s-0", base) >=
		    sizeof(target) || (size_t)snprintf(gen, sizeof(gen),
		    "%s/%s", parent, target) >= sizeof(gen))
			return STORE_IO;
		if (rename(s->path, gen) == -1)
			return STORE_IO;
		if (store_gen_link(parent, base, target, &st) == -1) {
			rename(gen, s->path);
			return STORE_IO;
		}
		/* Only the exclusive holder reads genpath; W keeps it away. */
		if ((real = realpath(gen, NULL)) == NULL)
			return STORE_IO;
		free(s->genpath);
		s->genpath = real;
		*n = 0;
		return STORE_OK;
	}
	if (!S_ISLNK(st.st_mode) ||
	    (len = readlink(s->path, target, sizeof(target) - 1)) <= 0)
		return STORE_IO;
	target[len] = '\0';
	if (strchr(target, '/') != NULL || !store_gen_name(target, base, n) ||
	    strchr(target, '.') != NULL)
		return STORE_INVALID;	/* not a symlink that we made */
	return STORE_OK;
}

/* Write a compact copy of the committed store into dir/data.mdb (fsynced). */
static int
store_gen_copy(struct store *s, const char *dir, const struct stat *owner)
{
	char file[PATH_MAX];
	int fd, rc;

	if ((size_t)snprintf(file, sizeof(file), "%s/data.mdb", dir) >=
	    sizeof(file))
		return STORE_IO;
	if (mkdir(dir, 0700) == -1)
		return STORE_IO;
	if ((fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) == -1)
		return STORE_IO;
	/* The server may run as another user than haltctl (root). */
	if (geteuid() == 0) {
		(void)chown(dir, owner->st_uid, owner->st_gid);
		(void)fchown(fd, owner->st_uid, owner->st_gid);
	}
	/*
	 * Its own read txn (MDB_NOTLS lets it sit next to W): a snapshot
	 * of everything committed, and W keeps anything newer from committing.
	 */
	rc = mdb_env_copyfd2(s->env, fd, MDB_CP_COMPACT);
	if (rc == 0 && fsync(fd) == -1)
		rc = EIO;
	if (close(fd) == -1 && rc == 0)
		rc = EIO;
	if (rc != 0)
		return STORE_IO;
	store_fsync_dir(dir);
	return STORE_OK;
}

int
store_compact(struct store *s)
{
	struct store_txn w;
	struct stat owner;
	char parent[PATH_MAX], base[NAME_MAX + 1], next[NAME_MAX + 1];
	char newdir[PATH_MAX], old[PATH_MAX], oldname[NAME_MAX + 1], *slash;
	unsigned long n;
	MDB_val k, v;
	size_t len;
	int rc, made = 0, linked = 0;

	/* parent and base of the path everyone opens (DATADIR/store). */
	len = strlen(s->path);
	while (len > 1 && s->path[len - 1] == '/')
		len--;
	if (len >= sizeof(parent))
		return STORE_IO;
	memcpy(parent, s->path, len);
	parent[len] = '\0';
	slash = strrchr(parent, '/');
	/* Room for "-N.weg" and ".tmp" after the name. */
	if (strlen(slash != NULL ? slash + 1 : parent) + 32 >= sizeof(base))
		return STORE_IO;
	if (slash == NULL) {
		strcpy(base, parent);
		strcpy(parent, ".");
	} else {
		strcpy(base, slash + 1);
		if (slash == parent)
			slash[1] = '\0';
		else
			*slash = '\0';
	}

	for (;;) {
		memset(&w, 0, sizeof(w));
		w.s = s;
		w.write = 1;
		/* W: from here every writer of every process waits. */
		if ((rc = store_txn_begin(s, 1, &w.txn, &w.mapsize)) != 0)
			return store_mdb(NULL, rc);
		if ((rc = store_gen_current(s, parent, base, &n)) != STORE_OK)
			goto fail;
		if ((size_t)snprintf(next, sizeof(next), "%s-%lu", base, n + 1) >=
		    sizeof(next)) {
			rc = STORE_IO;
			goto fail;
		}
		/*
		 * The mark goes in first, so a full map shows before anything
		 * is made; the copy reads the committed snapshot, without it.
		 */
		k.mv_data = STORE_MOVED;
		k.mv_size = strlen(STORE_MOVED);
		v.mv_data = next;
		v.mv_size = strlen(next);
		rc = store_mdb(&w, mdb_put(w.txn, s->dbi[DB_META], &k, &v, 0));
		if (w.mapfull) {
			store_txn_abort(&w);
			if (store_grow(s, w.mapsize) != 0)
				return STORE_IO;
			continue;
		}
		if (rc != STORE_OK)
			goto fail;
		break;
	}
	if (strlen(s->genpath) >= sizeof(old) || stat(s->genpath, &owner) == -1) {
		rc = STORE_IO;
		goto fail;
	}
	strcpy(old, s->genpath);
	snprintf(oldname, sizeof(oldname), "%s", strrchr(old, '/') + 1);
	store_gen_sweep(parent, base, old);
	if ((size_t)snprintf(newdir, sizeof(newdir), "%s/%s", parent, next) >=
	    sizeof(newdir)) {
		rc = STORE_IO;
		goto fail;
	}
	made = 1;
	if ((rc = store_gen_copy(s, newdir, &owner)) != STORE_OK)
		goto fail;
	if (store_gen_link(parent, base, next, &owner) == -1) {
		rc = STORE_IO;
		goto fail;
	}
	linked = 1;
	/* Committing the mark releases the writers; they reopen in newdir. */
	if (store_txn_commit(&w) != 0) {
		rc = STORE_IO;
		goto fail;
	}
	store_gen_remove(old);
	store_fsync_dir(parent);
	return STORE_OK;
fail:
	store_txn_abort(&w);
	if (linked)
		store_gen_link(parent, base, oldname, &owner);
	if (made)
		store_gen_remove(newdir);
	return rc;
}
