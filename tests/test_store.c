/* test_store.c: the LMDB store: records, versie, indexes, map growth, failures, audit chain, check, backup, purge. */
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <pthread.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <lmdb.h>

#include "limits.h"
#include "xml.h"
#include "store.h"

/* ---- fault injection (linked with -Wl,--wrap=mdb_txn_commit,--wrap=mdb_put) ---- */

int	__real_mdb_txn_commit(MDB_txn *);
int	__wrap_mdb_txn_commit(MDB_txn *);
int	__real_mdb_put(MDB_txn *, MDB_dbi, MDB_val *, MDB_val *, unsigned int);
int	__wrap_mdb_put(MDB_txn *, MDB_dbi, MDB_val *, MDB_val *, unsigned int);

static int fail_commit;		/* the Nth commit from now fails (0: none) */
static int fail_put;		/* the Nth put from now fails with fail_put_rc */
static int fail_put_rc;

int
__wrap_mdb_txn_commit(MDB_txn *txn)
{
	if (fail_commit > 0 && --fail_commit == 0) {
		/* What LMDB does when the write or fsync fails: the txn is gone. */
		mdb_txn_abort(txn);
		return EIO;
	}
	return __real_mdb_txn_commit(txn);
}

int
__wrap_mdb_put(MDB_txn *txn, MDB_dbi dbi, MDB_val *k, MDB_val *v,
    unsigned int flags)
{
	if (fail_put > 0 && --fail_put == 0)
		return fail_put_rc;
	return __real_mdb_put(txn, dbi, k, v, flags);
}

/* ---- fixtures ---- */

static char tmpdir[64];
static char storedir[128];
static struct store *st;

static const struct store_actor actor = { "medewerker", "127.0.0.1", "test.schrijven" };

static int
rm_cb(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	return remove(path);
}

static int
setup(void **state)
{
	(void)state;
	fail_commit = fail_put = 0;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_store.XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(storedir, sizeof(storedir), "%s/store", tmpdir);
	return store_open(&st, storedir, 0) == STORE_OK ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	store_close(st);
	st = NULL;
	fail_commit = fail_put = 0;
	return nftw(tmpdir, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- helpers ---- */

struct put {
	enum store_kind	 kind;
	char		 id[HALT_ID_MAX + 1];
	const char	*xml;
	unsigned long	 versie;
	int		 then;		/* returned after a successful put */
};

static int
put_fn(struct store_txn *t, void *arg)
{
	struct put *p = arg;
	xmlDocPtr doc;
	int rc;

	if ((doc = xml_parse_safe(p->xml, strlen(p->xml))) == NULL)
		return STORE_INVALID;
	rc = store_put(t, p->kind, p->id, doc, p->versie, "test");
	xmlFreeDoc(doc);
	return rc == STORE_OK ? p->then : rc;
}

/* Write xml as a new record (id "") or over id at versie; id gets the new id. */
static int
put(enum store_kind kind, char *id, const char *xml, unsigned long versie)
{
	struct put p = { 0 };
	int rc;

	p.kind = kind;
	snprintf(p.id, sizeof(p.id), "%s", id);
	p.xml = xml;
	p.versie = versie;
	rc = store_write(st, &actor, put_fn, &p);
	if (rc == STORE_OK)
		strcpy(id, p.id);
	return rc;
}

struct get {
	enum store_kind	 kind;
	const char	*id;
	xmlDocPtr	 doc;
	xmlDocPtr	 events;
	const char	*index, *value;
	size_t		 count;
};

static int
get_fn(struct store_txn *t, void *arg)
{
	struct get *g = arg;
	int rc;

	if (g->index != NULL)
		return store_index_count(t, g->index, g->value, &g->count);
	if ((rc = store_get(t, g->kind, g->id, &g->doc)) != STORE_OK)
		return rc;
	return store_events(t, g->kind, g->id, &g->events);
}

static xmlNodePtr
get_root(enum store_kind kind, const char *id, int *nevents)
{
	static xmlDocPtr last;
	struct get g = { 0 };
	xmlNodePtr n;

	xmlFreeDoc(last);
	last = NULL;
	g.kind = kind;
	g.id = id;
	if (store_read(st, get_fn, &g) != STORE_OK)
		return NULL;
	if (nevents != NULL) {
		*nevents = 0;
		for (n = xmlDocGetRootElement(g.events)->children; n; n = n->next)
			(*nevents)++;
	}
	xmlFreeDoc(g.events);
	last = g.doc;
	return xmlDocGetRootElement(g.doc);
}

static size_t
count(const char *index, const char *value)
{
	struct get g = { 0 };

	g.index = index;
	g.value = value;
	assert_int_equal(store_read(st, get_fn, &g), STORE_OK);
	return g.count;
}

struct scan {
	const char	*index, *value, *after;
	int		 reverse, stop_after;
	char		 ids[512];
	int		 n;
};

static int
scan_each(const char *id, void *arg)
{
	struct scan *s = arg;

	if (s->n > 0)
		strcat(s->ids, ",");
	strcat(s->ids, id);
	s->n++;
	return s->stop_after > 0 && s->n == s->stop_after ? 1 : 0;
}

static int
scan_fn(struct store_txn *t, void *arg)
{
	struct scan *s = arg;

	return store_index_scan(t, s->index, s->value, s->after, s->reverse,
	    scan_each, s);
}

static const char *
scan(const char *index, const char *value, const char *after, int reverse,
    int stop_after)
{
	static struct scan s;

	memset(&s, 0, sizeof(s));
	s.index = index;
	s.value = value;
	s.after = after;
	s.reverse = reverse;
	s.stop_after = stop_after;
	assert_int_equal(store_read(st, scan_fn, &s), STORE_OK);
	return s.ids;
}

struct audit_log {
	int			 n;
	unsigned long long	 last;
	char			 result[32];
	char			 object[64];
	char			 action[64];
	char			 actor[64];
};

static int
audit_each(const struct store_audit_entry *e, void *arg)
{
	struct audit_log *a = arg;

	a->n++;
	a->last = e->seq;
	snprintf(a->result, sizeof(a->result), "%s", e->result);
	snprintf(a->object, sizeof(a->object), "%s", e->object);
	snprintf(a->action, sizeof(a->action), "%s", e->action);
	snprintf(a->actor, sizeof(a->actor), "%s", e->actor);
	return 0;
}

static struct audit_log
audit_log(void)
{
	struct audit_log a;

	memset(&a, 0, sizeof(a));
	assert_int_equal(store_audit_each(st, audit_each, &a), STORE_OK);
	return a;
}

#define ZAAK(status, extra) "<zaak status=\"" status "\" officier=\"officier\">" \
	"<regio>Midden-Nederland</regio>" extra "</zaak>"

/* Open the raw environment after store_close, to tamper as an attacker would. */
static MDB_env *
raw_open(const char *path, unsigned int flags, MDB_txn **txn, MDB_dbi *dbi,
    const char *db)
{
	MDB_env *env;

	assert_int_equal(mdb_env_create(&env), 0);
	assert_int_equal(mdb_env_set_maxdbs(env, 16), 0);
	assert_int_equal(mdb_env_open(env, path, flags, 0600), 0);
	assert_int_equal(mdb_txn_begin(env, NULL, flags & MDB_RDONLY, txn), 0);
	assert_int_equal(mdb_dbi_open(*txn, db, 0, dbi), 0);
	return env;
}

static void
reopen(void)
{
	assert_int_equal(store_open(&st, storedir, 0), STORE_OK);
}

/* ---- tests ---- */

static void
put_then_get_returns_the_record_with_id_and_versie(void **state)
{
	char id[HALT_ID_MAX + 1] = "";
	xmlNodePtr r;
	int nev;

	(void)state;
	assert_int_equal(put(STORE_ZAAK, id,
	    ZAAK("aangemeld", "<omschrijving>tekst &amp; uitleg</omschrijving>"),
	    0), STORE_OK);
	assert_string_equal(id, "Z00000001");
	assert_non_null(r = get_root(STORE_ZAAK, id, &nev));
	assert_string_equal(xml_attr(r, "id"), "Z00000001");
	assert_string_equal(xml_attr(r, "versie"), "1");
	assert_string_equal(xml_attr(r, "status"), "aangemeld");
	assert_string_equal(xml_child_text(r, "omschrijving"), "tekst & uitleg");
	assert_int_equal(nev, 1);
	assert_null(get_root(STORE_ZAAK, "Z00000002", NULL));
	assert_null(get_root(STORE_OVERLEG, "Z00000001", NULL));
}

static void
new_ids_are_sequential_per_kind(void **state)
{
	char a[HALT_ID_MAX + 1] = "", b[HALT_ID_MAX + 1] = "";
	char c[HALT_ID_MAX + 1] = "", o[HALT_ID_MAX + 1] = "";

	(void)state;
	assert_int_equal(put(STORE_ZAAK, a, ZAAK("aangemeld", ""), 0), STORE_OK);
	assert_int_equal(put(STORE_OVERLEG, o,
	    "<overleg status=\"open\" vrager=\"officier\"/>", 0), STORE_OK);
	assert_int_equal(put(STORE_ZAAK, b, ZAAK("aangemeld", ""), 0), STORE_OK);
	assert_int_equal(put(STORE_ZAAK, c, ZAAK("aangemeld", ""), 0), STORE_OK);
	assert_string_equal(a, "Z00000001");
	assert_string_equal(b, "Z00000002");
	assert_string_equal(c, "Z00000003");
	assert_string_equal(o, "O00000001");
}

static void
stale_versie_is_a_conflict_and_leaves_the_record_unchanged(void **state)
{
	char id[HALT_ID_MAX + 1] = "";
	xmlNodePtr r;
	int nev;

	(void)state;
	assert_int_equal(put(STORE_ZAAK, id, ZAAK("aangemeld", ""), 0), STORE_OK);
	assert_int_equal(put(STORE_ZAAK, id,
	    ZAAK("toegewezen", "<x>eerste</x>"), 1), STORE_OK);
	assert_int_equal(put(STORE_ZAAK, id,
	    ZAAK("retour", "<x>tweede</x>"), 1), STORE_CONFLICT);
	assert_int_equal(put(STORE_ZAAK, id,
	    ZAAK("retour", "<x>tweede</x>"), 7), STORE_CONFLICT);
	assert_non_null(r = get_root(STORE_ZAAK, id, &nev));
	assert_string_equal(xml_attr(r, "versie"), "2");
	assert_string_equal(xml_attr(r, "status"), "toegewezen");
	assert_string_equal(xml_child_text(r, "x"), "eerste");
	assert_int_equal(nev, 2);
	assert_int_equal(count("status", "retour"), 0);
	assert_int_equal(count("status", "toegewezen"), 1);
	/* Each call, refused or not, left one audit entry. */
	assert_int_equal(audit_log().n, 4);
	assert_string_equal(audit_log().result, "conflict");
	assert_string_equal(audit_log().object, "zaak/Z00000001");
}

static void
index_entries_and_counts_follow_status_changes(void **state)
{
	char a[HALT_ID_MAX + 1] = "", b[HALT_ID_MAX + 1] = "";

	(void)state;
	assert_int_equal(put(STORE_ZAAK, a, ZAAK("aangemeld",
	    "<persoon sleutel=\"k1\"/><persoon sleutel=\"k2\"/>"), 0), STORE_OK);
	assert_int_equal(put(STORE_ZAAK, b, ZAAK("aangemeld",
	    "<persoon sleutel=\"k1\"/>"), 0), STORE_OK);
	assert_int_equal(count("status", "aangemeld"), 2);
	assert_int_equal(count("regio-status", "Midden-Nederland|aangemeld"), 2);
	assert_int_equal(count("persoon", "k1"), 2);
	assert_int_equal(count("persoon", "k2"), 1);
	assert_int_equal(count("medewerker", ""), 0);
	assert_string_equal(scan("status", "aangemeld", NULL, 0, 0),
	    "Z00000001,Z00000002");
	assert_string_equal(scan("officier", "officier", NULL, 0, 0),
	    "Z00000001,Z00000002");

	assert_int_equal(put(STORE_ZAAK, a, "<zaak status=\"toegewezen\" "
	    "officier=\"officier\" medewerker=\"medewerker\">"
	    "<regio>Midden-Nederland</regio><persoon sleutel=\"k1\"/></zaak>", 1),
	    STORE_OK);
	assert_int_equal(count("status", "aangemeld"), 1);
	assert_int_equal(count("status", "toegewezen"), 1);
	assert_int_equal(count("regio-status", "Midden-Nederland|aangemeld"), 1);
	assert_int_equal(count("regio-status", "Midden-Nederland|toegewezen"), 1);
	assert_int_equal(count("medewerker-status", "medewerker|toegewezen"), 1);
	assert_int_equal(count("persoon", "k2"), 0);
	assert_string_equal(scan("status", "aangemeld", NULL, 0, 0), "Z00000002");
	assert_string_equal(scan("status", "toegewezen", NULL, 0, 0), "Z00000001");
	assert_string_equal(scan("medewerker", "medewerker", NULL, 0, 0),
	    "Z00000001");
	assert_string_equal(scan("persoon", "k2", NULL, 0, 0), "");
	/* A value that is a prefix of another is a different value. */
	assert_string_equal(scan("status", "aange", NULL, 0, 0), "");
	assert_int_equal(store_check(st, stderr), STORE_OK);
}

static void
scan_runs_reverse_and_paginates_after_an_id(void **state)
{
	char id[HALT_ID_MAX + 1];
	char other[HALT_ID_MAX + 1] = "";
	int i;

	(void)state;
	for (i = 0; i < 5; i++) {
		id[0] = '\0';
		assert_int_equal(put(STORE_ZAAK, id, ZAAK("aangemeld", ""), 0),
		    STORE_OK);
	}
	/* Neighbouring values must not leak into the range. */
	assert_int_equal(put(STORE_ZAAK, other, ZAAK("aangemeldx", ""), 0),
	    STORE_OK);
	assert_string_equal(scan("status", "aangemeld", NULL, 0, 0),
	    "Z00000001,Z00000002,Z00000003,Z00000004,Z00000005");
	assert_string_equal(scan("status", "aangemeld", NULL, 1, 0),
	    "Z00000005,Z00000004,Z00000003,Z00000002,Z00000001");
	assert_string_equal(scan("status", "aangemeld", "Z00000002", 0, 0),
	    "Z00000003,Z00000004,Z00000005");
	assert_string_equal(scan("status", "aangemeld", "Z00000004", 1, 0),
	    "Z00000003,Z00000002,Z00000001");
	assert_string_equal(scan("status", "aangemeld", NULL, 0, 2),
	    "Z00000001,Z00000002");
	assert_string_equal(scan("status", "aangemeld", "Z00000002", 1, 2),
	    "Z00000001");
	assert_string_equal(scan("status", "aangemeld", "Z00000005", 0, 0), "");
	assert_string_equal(scan("status", "aangemeldx", NULL, 1, 0), "Z00000006");
	assert_int_equal(count("status", "aangemeld"), 5);
}

static void
map_grows_from_a_tiny_map_and_keeps_every_record(void **state)
{
	char id[HALT_ID_MAX + 1], xml[2048];
	xmlNodePtr r;
	int i;

	(void)state;
	store_close(st);
	nftw(storedir, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
	assert_int_equal(store_open(&st, storedir, 64 * 1024), STORE_OK);
	for (i = 0; i < 300; i++) {
		snprintf(xml, sizeof(xml), ZAAK("aangemeld", "<omschrijving>%0*d"
		    "</omschrijving>"), 1500, i);
		id[0] = '\0';
		assert_int_equal(put(STORE_ZAAK, id, xml, 0), STORE_OK);
	}
	for (i = 0; i < 300; i++) {
		snprintf(id, sizeof(id), "Z%08d", i + 1);
		assert_non_null(r = get_root(STORE_ZAAK, id, NULL));
		assert_int_equal(atoi(xml_child_text(r, "omschrijving")), i);
	}
	assert_int_equal(count("status", "aangemeld"), 300);
	assert_int_equal(audit_log().n, 300);
	assert_int_equal(store_audit_verify(st, NULL), STORE_OK);
	assert_int_equal(store_check(st, stderr), STORE_OK);
}

static void *
writer_thread(void *arg)
{
	char id[HALT_ID_MAX + 1], xml[1024];
	intptr_t w = (intptr_t)arg, fails = 0;
	int i;

	for (i = 0; i < 60; i++) {
		snprintf(xml, sizeof(xml), ZAAK("aangemeld",
		    "<w>%d</w><omschrijving>%0*d</omschrijving>"), (int)w, 700, i);
		id[0] = '\0';
		if (put(STORE_ZAAK, id, xml, 0) != STORE_OK)
			fails++;
	}
	return (void *)fails;
}

static void
threads_writing_while_the_map_grows_lose_nothing(void **state)
{
	pthread_t th[4];
	void *fails;
	intptr_t i;

	(void)state;
	store_close(st);
	nftw(storedir, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
	assert_int_equal(store_open(&st, storedir, 64 * 1024), STORE_OK);
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, writer_thread,
		    (void *)i), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(th[i], &fails), 0);
		assert_int_equal((intptr_t)fails, 0);
	}
	assert_int_equal(count("status", "aangemeld"), 240);
	assert_non_null(get_root(STORE_ZAAK, "Z00000240", NULL));
	assert_null(get_root(STORE_ZAAK, "Z00000241", NULL));
	assert_int_equal(audit_log().n, 240);
	assert_int_equal(store_audit_verify(st, NULL), STORE_OK);
	assert_int_equal(store_check(st, stderr), STORE_OK);
}

static void
map_resized_by_another_process_is_adopted(void **state)
{
	char id[HALT_ID_MAX + 1] = "", xml[4096];
	struct store *other;
	pid_t pid;
	int i, status;

	(void)state;
	store_close(st);
	nftw(storedir, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
	assert_int_equal(store_open(&st, storedir, 256 * 1024), STORE_OK);
	if ((pid = fork()) == 0) {
		/* The other process (haltctl, say) fills far beyond our map. */
		if (store_open(&other, storedir, 16 * 1024 * 1024) != STORE_OK)
			_exit(1);
		for (i = 0; i < 400; i++) {
			snprintf(xml, sizeof(xml), ZAAK("aangemeld",
			    "<omschrijving>%0*d</omschrijving>"), 3000, i);
			id[0] = '\0';
			if (put(STORE_ZAAK, id, xml, 0) != STORE_OK)
				_exit(2);
		}
		store_close(other);
		_exit(0);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	id[0] = '\0';
	assert_int_equal(put(STORE_ZAAK, id, ZAAK("aangemeld", ""), 0), STORE_OK);
	assert_string_equal(id, "Z00000401");
	assert_non_null(get_root(STORE_ZAAK, "Z00000400", NULL));
	assert_int_equal(count("status", "aangemeld"), 401);
}

static void
failed_commit_leaves_no_record_index_or_event(void **state)
{
	char id[HALT_ID_MAX + 1] = "";
	struct audit_log a;

	(void)state;
	fail_commit = 1;
	assert_int_equal(put(STORE_ZAAK, id, ZAAK("aangemeld",
	    "<persoon sleutel=\"k1\"/>"), 0), STORE_IO);
	assert_int_equal(fail_commit, 0);
	assert_null(get_root(STORE_ZAAK, "Z00000001", NULL));
	assert_int_equal(count("status", "aangemeld"), 0);
	assert_int_equal(count("persoon", "k1"), 0);
	assert_string_equal(scan("status", "aangemeld", NULL, 0, 0), "");
	/* The failure itself is audited, once. */
	a = audit_log();
	assert_int_equal(a.n, 1);
	assert_string_equal(a.result, "fout");
	assert_int_equal(store_check(st, stderr), STORE_OK);
	/* The id was not used up: the next put gets Z00000001 with one event. */
	assert_int_equal(put(STORE_ZAAK, id, ZAAK("aangemeld", ""), 0), STORE_OK);
	assert_string_equal(id, "Z00000001");
	{
		int nev;

		assert_non_null(get_root(STORE_ZAAK, id, &nev));
		assert_int_equal(nev, 1);
	}
}

static void
failed_put_rolls_back_and_map_full_is_retried(void **state)
{
	char id[HALT_ID_MAX + 1] = "";
	int nev;

	(void)state;
	/* An I/O error in the middle of store_put (the third mdb_put). */
	fail_put = 3;
	fail_put_rc = EIO;
	assert_int_equal(put(STORE_ZAAK, id, ZAAK("aangemeld", ""), 0), STORE_IO);
	assert_null(get_root(STORE_ZAAK, "Z00000001", NULL));
	assert_int_equal(count("status", "aangemeld"), 0);
	assert_int_equal(audit_log().n, 1);
	assert_string_equal(audit_log().result, "fout");

	/* MDB_MAP_FULL in the middle: grown and run again, committed once. */
	fail_put = 4;
	fail_put_rc = MDB_MAP_FULL;
	assert_int_equal(put(STORE_ZAAK, id, ZAAK("aangemeld", ""), 0), STORE_OK);
	assert_string_equal(id, "Z00000001");
	assert_non_null(get_root(STORE_ZAAK, id, &nev));
	assert_int_equal(nev, 1);
	assert_int_equal(count("status", "aangemeld"), 1);
	assert_int_equal(audit_log().n, 2);
	assert_int_equal(store_audit_verify(st, NULL), STORE_OK);
}

static void
failing_fn_leaves_only_its_audit_entry(void **state)
{
	struct put p = { 0 };
	struct audit_log a;

	(void)state;
	p.kind = STORE_ZAAK;
	p.xml = ZAAK("aangemeld", "");
	p.then = STORE_DENIED;
	assert_int_equal(store_write(st, &actor, put_fn, &p), STORE_DENIED);
	/* The id that never committed is taken back from the caller. */
	assert_string_equal(p.id, "");
	assert_null(get_root(STORE_ZAAK, "Z00000001", NULL));
	assert_int_equal(count("status", "aangemeld"), 0);
	a = audit_log();
	assert_int_equal(a.n, 1);
	assert_string_equal(a.result, "geweigerd");
	assert_string_equal(a.object, "zaak/Z00000001");
	assert_string_equal(a.action, "test.schrijven");
	assert_string_equal(a.actor, "medewerker");
	assert_int_equal(store_check(st, stderr), STORE_OK);
}

/* Five audited writes, then the store is closed for tampering. */
static void
five_writes_and_close(void)
{
	char id[HALT_ID_MAX + 1];
	int i;

	for (i = 0; i < 5; i++) {
		id[0] = '\0';
		assert_int_equal(put(STORE_ZAAK, id, ZAAK("aangemeld", ""), 0),
		    STORE_OK);
	}
	assert_int_equal(store_audit_verify(st, NULL), STORE_OK);
	store_close(st);
	st = NULL;
}

static void
audit_chain_verifies_and_detects_a_changed_entry(void **state)
{
	unsigned char key[8] = { 0, 0, 0, 0, 0, 0, 0, 2 };
	unsigned long long bad = 0;
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_val k, v, nv;
	char buf[1024], *p;

	(void)state;
	five_writes_and_close();
	env = raw_open(storedir, 0, &txn, &dbi, "audit");
	k.mv_data = key;
	k.mv_size = 8;
	assert_int_equal(mdb_get(txn, dbi, &k, &v), 0);
	assert_true(v.mv_size < sizeof(buf));
	memcpy(buf, v.mv_data, v.mv_size);
	buf[v.mv_size] = '\0';
	assert_non_null(p = strstr(buf, "actor=\"medewerker\""));
	memcpy(p, "actor=\"medewerkex\"", 18);
	nv.mv_data = buf;
	nv.mv_size = strlen(buf);
	assert_int_equal(mdb_put(txn, dbi, &k, &nv, 0), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
	reopen();
	assert_int_equal(store_audit_verify(st, &bad), STORE_INVALID);
	assert_int_equal(bad, 2);
}

static void
audit_chain_detects_a_removed_entry(void **state)
{
	unsigned char key[8] = { 0, 0, 0, 0, 0, 0, 0, 5 };
	unsigned long long bad = 0;
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_val k;

	(void)state;
	five_writes_and_close();
	/* Removing the newest entry is caught by the head in meta. */
	env = raw_open(storedir, 0, &txn, &dbi, "audit");
	k.mv_data = key;
	k.mv_size = 8;
	assert_int_equal(mdb_del(txn, dbi, &k, NULL), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
	reopen();
	assert_int_equal(store_audit_verify(st, &bad), STORE_INVALID);
	assert_int_equal(bad, 5);

	/* A gap in the middle names the missing seq. */
	store_close(st);
	st = NULL;
	env = raw_open(storedir, 0, &txn, &dbi, "audit");
	key[7] = 3;
	assert_int_equal(mdb_del(txn, dbi, &k, NULL), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
	reopen();
	assert_int_equal(store_audit_verify(st, &bad), STORE_INVALID);
	assert_int_equal(bad, 3);
}

static void
audit_chain_detects_an_inserted_entry(void **state)
{
	unsigned char key[8] = { 0 };
	unsigned long long bad = 0;
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_val k, v;
	char vals[6][1024];
	int i;

	(void)state;
	five_writes_and_close();
	env = raw_open(storedir, 0, &txn, &dbi, "audit");
	k.mv_data = key;
	k.mv_size = 8;
	for (i = 1; i <= 5; i++) {
		key[7] = i;
		assert_int_equal(mdb_get(txn, dbi, &k, &v), 0);
		assert_true(v.mv_size < sizeof(vals[i]));
		memcpy(vals[i], v.mv_data, v.mv_size);
		vals[i][v.mv_size] = '\0';
	}
	/* Shift 3..5 up and put a forged entry (a copy of 2) at 3. */
	for (i = 5; i >= 3; i--) {
		key[7] = i + 1;
		v.mv_data = vals[i];
		v.mv_size = strlen(vals[i]);
		assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
	}
	key[7] = 3;
	v.mv_data = vals[2];
	v.mv_size = strlen(vals[2]);
	assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
	reopen();
	assert_int_equal(store_audit_verify(st, &bad), STORE_INVALID);
	assert_int_equal(bad, 3);

	/* An entry appended after the head is caught too. */
	store_close(st);
	st = NULL;
	env = raw_open(storedir, 0, &txn, &dbi, "audit");
	for (i = 3; i <= 5; i++) {
		key[7] = i;
		v.mv_data = vals[i];
		v.mv_size = strlen(vals[i]);
		assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
	}
	key[7] = 6;
	v.mv_data = vals[5];
	v.mv_size = strlen(vals[5]);
	assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
	reopen();
	assert_int_equal(store_audit_verify(st, &bad), STORE_INVALID);
	assert_int_equal(bad, 6);
}

static void
check_passes_on_a_good_store_and_fails_without_an_index_entry(void **state)
{
	char id[HALT_ID_MAX + 1] = "", oid[HALT_ID_MAX + 1] = "", key[64];
	char *out = NULL;
	size_t outlen = 0;
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_val k;
	FILE *fp;

	(void)state;
	assert_int_equal(put(STORE_ZAAK, id, ZAAK("aangemeld", ""), 0), STORE_OK);
	assert_int_equal(put(STORE_OVERLEG, oid,
	    "<overleg status=\"open\" vrager=\"officier\"/>", 0), STORE_OK);
	assert_non_null(fp = open_memstream(&out, &outlen));
	assert_int_equal(store_check(st, fp), STORE_OK);
	fclose(fp);
	assert_int_equal(outlen, 0);
	free(out);
	out = NULL;
	store_close(st);
	st = NULL;

	env = raw_open(storedir, 0, &txn, &dbi, "idx");
	memcpy(key, "status\0aangemeld\0Z00000001", 26);
	k.mv_data = key;
	k.mv_size = 26;
	assert_int_equal(mdb_del(txn, dbi, &k, NULL), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
	reopen();
	assert_non_null(fp = open_memstream(&out, &outlen));
	assert_int_equal(store_check(st, fp), STORE_INVALID);
	fclose(fp);
	assert_non_null(strstr(out, "Z00000001"));
	/* Ids only: the report carries no values. */
	assert_null(strstr(out, "aangemeld"));
	free(out);
}

static void
check_fails_when_an_index_entry_points_nowhere(void **state)
{
	char id[HALT_ID_MAX + 1] = "", *out = NULL;
	size_t outlen = 0;
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_val k;
	FILE *fp;

	(void)state;
	assert_int_equal(put(STORE_ZAAK, id, ZAAK("aangemeld", ""), 0), STORE_OK);
	store_close(st);
	st = NULL;
	env = raw_open(storedir, 0, &txn, &dbi, "zaken");
	k.mv_data = id;
	k.mv_size = strlen(id);
	assert_int_equal(mdb_del(txn, dbi, &k, NULL), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
	reopen();
	assert_non_null(fp = open_memstream(&out, &outlen));
	assert_int_equal(store_check(st, fp), STORE_INVALID);
	fclose(fp);
	assert_non_null(strstr(out, "ontbrekend record Z00000001"));
	free(out);
}

static void
oversized_index_value_is_refused(void **state)
{
	char id[HALT_ID_MAX + 1] = "", xml[2048], big[600];

	(void)state;
	memset(big, 'k', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	snprintf(xml, sizeof(xml), ZAAK("aangemeld",
	    "<persoon sleutel=\"%s\"/>"), big);
	assert_int_equal(put(STORE_ZAAK, id, xml, 0), STORE_INVALID);
	assert_null(get_root(STORE_ZAAK, "Z00000001", NULL));
	assert_int_equal(count("status", "aangemeld"), 0);
}

struct users {
	int	n;
	char	names[256];
};

static int
user_each(const struct store_user *u, void *arg)
{
	struct users *a = arg;

	strcat(a->names, u->name);
	strcat(a->names, ";");
	a->n++;
	return 0;
}

static void
users_put_get_and_each(void **state)
{
	struct store_user u = { 0 }, g;
	struct users all = { 0 };
	const struct store_actor cli = { "haltctl:root", "cli", "x" };
	struct audit_log a;

	(void)state;
	snprintf(u.name, sizeof(u.name), "medewerker");
	snprintf(u.rol, sizeof(u.rol), "halt-medewerker");
	snprintf(u.werkgebied, sizeof(u.werkgebied), "Midden-Nederland");
	u.getraind = 1;
	u.actief = 1;
	assert_int_equal(store_user_put(st, &cli, &u), STORE_OK);
	memset(&u, 0, sizeof(u));
	snprintf(u.name, sizeof(u.name), "officier");
	snprintf(u.rol, sizeof(u.rol), "officier");
	u.actief = 1;
	assert_int_equal(store_user_put(st, &cli, &u), STORE_OK);

	assert_int_equal(store_user_get(st, "medewerker", &g), STORE_OK);
	assert_string_equal(g.name, "medewerker");
	assert_string_equal(g.rol, "halt-medewerker");
	assert_string_equal(g.werkgebied, "Midden-Nederland");
	assert_int_equal(g.getraind, 1);
	assert_int_equal(g.actief, 1);
	assert_int_equal(store_user_get(st, "officier", &g), STORE_OK);
	assert_string_equal(g.werkgebied, "");
	assert_int_equal(g.getraind, 0);
	assert_int_equal(store_user_get(st, "niemand", &g), STORE_NOTFOUND);

	assert_int_equal(store_user_get(st, "officier", &g), STORE_OK);
	g.actief = 0;
	assert_int_equal(store_user_put(st, &cli, &g), STORE_OK);
	assert_int_equal(store_user_get(st, "officier", &g), STORE_OK);
	assert_int_equal(g.actief, 0);

	assert_int_equal(store_user_each(st, user_each, &all), STORE_OK);
	assert_int_equal(all.n, 2);
	assert_string_equal(all.names, "medewerker;officier;");

	a = audit_log();
	assert_int_equal(a.n, 3);
	assert_string_equal(a.action, "gebruiker.wijzigen");
	assert_string_equal(a.object, "gebruiker/officier");
	assert_string_equal(a.actor, "haltctl:root");

	memset(&u, 0, sizeof(u));
	snprintf(u.name, sizeof(u.name), "met spatie");
	snprintf(u.rol, sizeof(u.rol), "officier");
	assert_int_equal(store_user_put(st, &cli, &u), STORE_INVALID);
}

static int
count_zaken_fn(struct store_txn *t, void *arg)
{
	xmlDocPtr doc;
	int *n = arg;
	char id[16];
	int i;

	for (i = 1; i <= 20; i++) {
		snprintf(id, sizeof(id), "Z%08d", i);
		if (store_get(t, STORE_ZAAK, id, &doc) == STORE_OK)
			(*n)++;
		xmlFreeDoc(doc);
	}
	return STORE_OK;
}

static void
backup_is_one_file_that_opens_as_the_same_store(void **state)
{
	char id[HALT_ID_MAX + 1], path[192], restored[192], cmd[512];
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_stat ms;
	struct stat sb;
	struct store *saved;
	int i, n = 0;

	(void)state;
	for (i = 0; i < 20; i++) {
		id[0] = '\0';
		assert_int_equal(put(STORE_ZAAK, id, ZAAK("aangemeld", ""), 0),
		    STORE_OK);
	}
	snprintf(path, sizeof(path), "%s/backup.mdb", tmpdir);
	assert_int_equal(store_backup(st, path), STORE_OK);
	assert_int_equal(store_backup(st, path), STORE_EXISTS);
	assert_int_equal(stat(path, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(sb.st_mode & 0777, 0600);

	env = raw_open(path, MDB_NOSUBDIR | MDB_RDONLY | MDB_NOLOCK, &txn, &dbi,
	    "zaken");
	assert_int_equal(mdb_stat(txn, dbi, &ms), 0);
	assert_int_equal(ms.ms_entries, 20);
	mdb_txn_abort(txn);
	mdb_env_close(env);

	/* Restoring is copying the file in as data.mdb. */
	snprintf(restored, sizeof(restored), "%s/restored", tmpdir);
	assert_int_equal(mkdir(restored, 0700), 0);
	snprintf(cmd, sizeof(cmd), "cp %s %s/data.mdb", path, restored);
	assert_int_equal(system(cmd), 0);
	saved = st;
	assert_int_equal(store_open(&st, restored, 0), STORE_OK);
	assert_int_equal(store_read(st, count_zaken_fn, &n), STORE_OK);
	assert_int_equal(n, 20);
	assert_int_equal(count("status", "aangemeld"), 20);
	assert_int_equal(store_check(st, stderr), STORE_OK);
	assert_int_equal(store_audit_verify(st, NULL), STORE_OK);
	store_close(st);
	st = saved;
}

static void
export_is_one_document_with_users_records_and_events(void **state)
{
	char id[HALT_ID_MAX + 1] = "", *out = NULL;
	size_t outlen = 0;
	struct store_user u = { 0 };
	xmlDocPtr doc;
	xmlNodePtr r, n, c;
	int zaken = 0, events = 0, users = 0;
	FILE *fp;

	(void)state;
	snprintf(u.name, sizeof(u.name), "admin");
	snprintf(u.rol, sizeof(u.rol), "halt-admin");
	snprintf(u.werkgebied, sizeof(u.werkgebied), "Limburg");
	assert_int_equal(store_user_put(st, &actor, &u), STORE_OK);
	assert_int_equal(put(STORE_ZAAK, id, ZAAK("aangemeld", "<a>&lt;b&gt;</a>"),
	    0), STORE_OK);
	assert_int_equal(put(STORE_ZAAK, id, ZAAK("toegewezen", ""), 1), STORE_OK);
	assert_non_null(fp = open_memstream(&out, &outlen));
	assert_int_equal(store_export(st, fp), STORE_OK);
	fclose(fp);
	assert_non_null(doc = xml_parse_safe(out, outlen));
	r = xmlDocGetRootElement(doc);
	assert_string_equal((const char *)r->name, "export");
	for (n = r->children; n != NULL; n = n->next)
		for (c = n->children; c != NULL; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			if (strcmp((const char *)c->name, "zaak") == 0)
				zaken++;
			if (strcmp((const char *)c->name, "gebeurtenis") == 0) {
				events++;
				assert_string_equal(xml_attr(c, "id"), "Z00000001");
			}
			if (strcmp((const char *)c->name, "gebruiker") == 0)
				users++;
		}
	assert_int_equal(zaken, 1);
	assert_int_equal(events, 2);
	assert_int_equal(users, 1);
	xmlFreeDoc(doc);
	free(out);
}

/* ---- retention: purge and compaction ---- */

#define OVERLEG(status, extra) "<overleg status=\"" status "\" vrager=\"officier\">" \
	extra "</overleg>"
#define AFSLUITING(datum) "<stappen><stap naam=\"hertoetsing\" datum=\"2019-01-02\"/>" \
	"<stap naam=\"afsluiting\" datum=\"" datum "\"/></stappen>"

static int
purge(const char *voor, size_t *nz, size_t *no)
{
	static const struct store_actor purger = { "haltctl", "cli", "beheer.purge" };

	return store_purge(st, &purger, voor, nz, no);
}

/* 1 when any file under dir holds the bytes of s. */
static const char *grep_for;
static int grep_found;

static int
grep_cb(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	FILE *fp;
	char *buf;

	(void)ftw;
	if (type != FTW_F || !S_ISREG(sb->st_mode) || sb->st_size == 0)
		return 0;
	assert_non_null(buf = malloc(sb->st_size));
	assert_non_null(fp = fopen(path, "rb"));
	assert_int_equal(fread(buf, 1, sb->st_size, fp), (size_t)sb->st_size);
	fclose(fp);
	if (memmem(buf, sb->st_size, grep_for, strlen(grep_for)) != NULL)
		grep_found = 1;
	free(buf);
	return 0;
}

static int
grep_dir(const char *dir, const char *s)
{
	grep_for = s;
	grep_found = 0;
	assert_int_equal(nftw(dir, grep_cb, 16, FTW_PHYS), 0);
	return grep_found;
}

static void
purge_removes_closed_records_before_the_date_with_events_indexes_and_counts(void **state)
{
	char a[HALT_ID_MAX + 1] = "", b[HALT_ID_MAX + 1] = "";
	char c[HALT_ID_MAX + 1] = "", d[HALT_ID_MAX + 1] = "";
	char e[HALT_ID_MAX + 1] = "", f[HALT_ID_MAX + 1] = "";
	size_t nz = 9, no = 9;
	struct audit_log log;
	int nev;

	(void)state;
	/* a: closed negatively in January 2020, before the date: goes. */
	assert_int_equal(put(STORE_ZAAK, a, ZAAK("toegewezen",
	    "<persoon sleutel=\"gedeeld\"/><persoon sleutel=\"alleen-a\"/>"), 0),
	    STORE_OK);
	assert_int_equal(put(STORE_ZAAK, a, ZAAK("afgerond-negatief",
	    "<persoon sleutel=\"gedeeld\"/><persoon sleutel=\"alleen-a\"/>"
	    AFSLUITING("2020-01-15")), 1), STORE_OK);
	/* b: closed after the date; c: open; d: closed, no step (its events are of today). */
	assert_int_equal(put(STORE_ZAAK, b, ZAAK("afgerond-positief",
	    "<persoon sleutel=\"gedeeld\"/>" AFSLUITING("2020-03-01")), 0), STORE_OK);
	assert_int_equal(put(STORE_ZAAK, c, ZAAK("in-behandeling",
	    AFSLUITING("2019-01-01")), 0), STORE_OK);
	assert_int_equal(put(STORE_ZAAK, d, ZAAK("afgerond-positief", ""), 0),
	    STORE_OK);
	/* e: answered in 2019: goes; f: answered in 2019 but asked again (open): stays. */
	assert_int_equal(put(STORE_OVERLEG, e, OVERLEG("beantwoord",
	    "<bericht soort=\"vraag\" wanneer=\"2019-11-30 09:00\">V</bericht>"
	    "<bericht soort=\"antwoord\" wanneer=\"2019-12-01 10:00\">A</bericht>"), 0),
	    STORE_OK);
	assert_int_equal(put(STORE_OVERLEG, f, OVERLEG("open",
	    "<bericht soort=\"antwoord\" wanneer=\"2019-12-01 10:00\">A</bericht>"), 0),
	    STORE_OK);

	assert_int_equal(purge("2020-03-01", &nz, &no), STORE_OK);
	assert_int_equal(nz, 1);
	assert_int_equal(no, 1);

	assert_null(get_root(STORE_ZAAK, a, NULL));
	assert_null(get_root(STORE_OVERLEG, e, NULL));
	assert_string_equal(scan("status", "afgerond-negatief", NULL, 0, 0), "");
	assert_int_equal(count("status", "afgerond-negatief"), 0);
	assert_int_equal(count("status", "beantwoord"), 0);
	assert_int_equal(count("persoon", "alleen-a"), 0);
	assert_string_equal(scan("persoon", "alleen-a", NULL, 0, 0), "");
	/* A person key that another zaak shares keeps that zaak only. */
	assert_int_equal(count("persoon", "gedeeld"), 1);
	assert_string_equal(scan("persoon", "gedeeld", NULL, 0, 0), b);
	assert_int_equal(count("regio", "Midden-Nederland"), 3);
	assert_int_equal(count("vrager", "officier"), 1);
	{
		struct get g = { 0 };

		g.kind = STORE_ZAAK;
		g.id = a;
		assert_int_equal(store_read(st, get_fn, &g), STORE_NOTFOUND);
	}

	assert_non_null(get_root(STORE_ZAAK, b, &nev));
	assert_int_equal(nev, 1);
	assert_non_null(get_root(STORE_ZAAK, c, NULL));
	assert_non_null(get_root(STORE_ZAAK, d, NULL));
	assert_non_null(get_root(STORE_OVERLEG, f, NULL));
	assert_int_equal(count("status", "afgerond-positief"), 2);
	assert_int_equal(store_check(st, stderr), STORE_OK);

	/* One audit entry for the purge, with numbers and no content; the chain holds. */
	log = audit_log();
	assert_string_equal(log.action, "beheer.purge");
	assert_string_equal(log.result, "toegestaan");
	assert_string_equal(log.object,
	    "bewaartermijn/voor 2020-03-01: 1 zaken, 1 overleg");
	assert_int_equal(store_audit_verify(st, NULL), STORE_OK);

	/* Again: nothing more to remove. */
	assert_int_equal(purge("2020-03-01", &nz, &no), STORE_OK);
	assert_int_equal(nz + no, 0);
}

static void
purge_refuses_a_malformed_date_and_removes_nothing(void **state)
{
	char a[HALT_ID_MAX + 1] = "";

	(void)state;
	assert_int_equal(put(STORE_ZAAK, a, ZAAK("afgerond-negatief",
	    AFSLUITING("2020-01-15")), 0), STORE_OK);
	assert_int_equal(purge("2021-1-1", NULL, NULL), STORE_INVALID);
	assert_int_equal(purge("2021-01-01x", NULL, NULL), STORE_INVALID);
	assert_int_equal(purge("", NULL, NULL), STORE_INVALID);
	assert_int_equal(purge(NULL, NULL, NULL), STORE_INVALID);
	assert_non_null(get_root(STORE_ZAAK, a, NULL));
	/* The closing day itself is not before it. */
	assert_int_equal(purge("2020-01-15", NULL, NULL), STORE_OK);
	assert_non_null(get_root(STORE_ZAAK, a, NULL));
	assert_int_equal(purge("2020-01-16", NULL, NULL), STORE_OK);
	assert_null(get_root(STORE_ZAAK, a, NULL));
}

static void
compact_leaves_no_byte_of_purged_records_and_the_store_goes_on(void **state)
{
	char a[HALT_ID_MAX + 1] = "", b[HALT_ID_MAX + 1] = "", n[HALT_ID_MAX + 1] = "";
	char link[256], path[192];
	struct stat sb;
	ssize_t len;
	size_t nz;

	(void)state;
	assert_int_equal(put(STORE_ZAAK, a, ZAAK("afgerond-negatief",
	    "<naam>WegMarker7731</naam>" AFSLUITING("2020-01-15")), 0), STORE_OK);
	assert_int_equal(put(STORE_ZAAK, b, ZAAK("in-behandeling",
	    "<naam>BlijftMarker7731</naam>"), 0), STORE_OK);
	assert_int_equal(purge("2021-01-01", &nz, NULL), STORE_OK);
	assert_int_equal(nz, 1);
	/* LMDB keeps the freed pages: the bytes are still in the file. */
	assert_true(grep_dir(tmpdir, "WegMarker7731"));

	assert_int_equal(store_compact(st), STORE_OK);
	assert_int_equal(lstat(storedir, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	assert_true((len = readlink(storedir, link, sizeof(link) - 1)) > 0);
	link[len] = '\0';
	assert_string_equal(link, "store-1");
	snprintf(path, sizeof(path), "%s/store-0", tmpdir);
	assert_int_equal(lstat(path, &sb), -1);
	assert_false(grep_dir(tmpdir, "WegMarker7731"));
	assert_true(grep_dir(tmpdir, "BlijftMarker7731"));

	/* The same handle reads and writes on in the new generation. */
	assert_non_null(get_root(STORE_ZAAK, b, NULL));
	assert_int_equal(put(STORE_ZAAK, n, ZAAK("aangemeld", ""), 0), STORE_OK);
	assert_string_equal(n, "Z00000003");
	assert_int_equal(store_compact(st), STORE_OK);
	assert_true((len = readlink(storedir, link, sizeof(link) - 1)) > 0);
	link[len] = '\0';
	assert_string_equal(link, "store-2");
	snprintf(path, sizeof(path), "%s/store-1", tmpdir);
	assert_int_equal(lstat(path, &sb), -1);

	/* And after closing, through the symlink, everything is there. */
	store_close(st);
	reopen();
	assert_non_null(get_root(STORE_ZAAK, b, NULL));
	assert_non_null(get_root(STORE_ZAAK, n, NULL));
	assert_null(get_root(STORE_ZAAK, a, NULL));
	assert_int_equal(store_check(st, stderr), STORE_OK);
	assert_int_equal(store_audit_verify(st, NULL), STORE_OK);
	/* A backup after the move is of the current generation. */
	snprintf(path, sizeof(path), "%s/backup.mdb", tmpdir);
	assert_int_equal(store_backup(st, path), STORE_OK);
}

static void *
compact_writer(void *arg)
{
	char id[HALT_ID_MAX + 1];
	int *n = arg, i;

	for (i = 0; i < 60; i++) {
		id[0] = '\0';
		if (put(STORE_ZAAK, id, ZAAK("lopend", ""), 0) != STORE_OK)
			break;
		(*n)++;
	}
	return NULL;
}

static void
writes_of_another_process_and_thread_during_compactions_are_all_kept(void **state)
{
	int tochild[2], toparent[2], status, n = 0, nthread = 0, i;
	char id[HALT_ID_MAX + 1], byte, path[192];
	pthread_t th;
	pid_t pid;
	struct stat sb;

	(void)state;
	assert_int_equal(pipe(tochild), 0);
	assert_int_equal(pipe(toparent), 0);
	if ((pid = fork()) == 0) {
		/* The server: its own handle; writes until told to stop. */
		close(tochild[1]);
		close(toparent[0]);
		if (store_open(&st, storedir, 0) != STORE_OK)
			_exit(1);
		for (;;) {
			id[0] = '\0';
			if (put(STORE_ZAAK, id, ZAAK("lopend", ""), 0) != STORE_OK)
				_exit(2);
			if (++n == 1 && write(toparent[1], "r", 1) != 1)
				_exit(3);
			{
				struct timeval tv = { 0, 0 };
				fd_set fds;

				FD_ZERO(&fds);
				FD_SET(tochild[0], &fds);
				if (select(tochild[0] + 1, &fds, NULL, NULL, &tv) > 0)
					break;
			}
		}
		if (write(toparent[1], &n, sizeof(n)) != sizeof(n))
			_exit(4);
		store_close(st);
		_exit(0);
	}
	assert_true(pid > 0);
	close(tochild[0]);
	close(toparent[1]);
	assert_int_equal(read(toparent[0], &byte, 1), 1);
	assert_int_equal(pthread_create(&th, NULL, compact_writer, &nthread), 0);
	for (i = 0; i < 3; i++) {
		assert_int_equal(store_compact(st), STORE_OK);
		usleep(30 * 1000);
	}
	assert_int_equal(pthread_join(th, NULL), 0);
	close(tochild[1]);
	assert_int_equal(read(toparent[0], &n, sizeof(n)), sizeof(n));
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(toparent[0]);

	/* The other process wrote before, during and after the compactions. */
	assert_true(n >= 3);
	assert_int_equal(nthread, 60);
	assert_int_equal(count("status", "lopend"), (size_t)n + 60);
	assert_int_equal(store_check(st, stderr), STORE_OK);
	assert_int_equal(store_audit_verify(st, NULL), STORE_OK);
	/* Only the current generation is left. */
	snprintf(path, sizeof(path), "%s/store-3", tmpdir);
	assert_int_equal(stat(path, &sb), 0);
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/store-%d", tmpdir, i);
		assert_int_equal(lstat(path, &sb), -1);
	}
	store_close(st);
	reopen();
	assert_int_equal(count("status", "lopend"), (size_t)n + 60);
}

static void
a_compaction_that_died_after_the_swap_sends_writers_to_the_new_generation(void **state)
{
	char a[HALT_ID_MAX + 1] = "", b[HALT_ID_MAX + 1] = "";
	char path[192], tmp[192];

	(void)state;
	assert_int_equal(put(STORE_ZAAK, a, ZAAK("aangemeld", ""), 0), STORE_OK);
	assert_int_equal(store_compact(st), STORE_OK);	/* store -> store-1 */
	/* What a compaction does up to its commit: copy, then swap the symlink. */
	snprintf(path, sizeof(path), "%s/store-2", tmpdir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/store-2/data.mdb", tmpdir);
	assert_int_equal(store_backup(st, path), STORE_OK);
	snprintf(tmp, sizeof(tmp), "%s/store.tmp", tmpdir);
	assert_int_equal(symlink("store-2", tmp), 0);
	assert_int_equal(rename(tmp, storedir), 0);
	/* ... and it died: no mark in store-1. The next write goes to store-2. */
	assert_int_equal(put(STORE_ZAAK, b, ZAAK("aangemeld", ""), 0), STORE_OK);
	store_close(st);
	reopen();
	assert_non_null(get_root(STORE_ZAAK, a, NULL));
	assert_non_null(get_root(STORE_ZAAK, b, NULL));
	assert_int_equal(count("status", "aangemeld"), 2);
	/* The next compaction sweeps the abandoned store-1 away. */
	assert_int_equal(store_compact(st), STORE_OK);
	snprintf(path, sizeof(path), "%s/store-1", tmpdir);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(store_check(st, stderr), STORE_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(put_then_get_returns_the_record_with_id_and_versie),
		T(new_ids_are_sequential_per_kind),
		T(stale_versie_is_a_conflict_and_leaves_the_record_unchanged),
		T(index_entries_and_counts_follow_status_changes),
		T(scan_runs_reverse_and_paginates_after_an_id),
		T(map_grows_from_a_tiny_map_and_keeps_every_record),
		T(threads_writing_while_the_map_grows_lose_nothing),
		T(map_resized_by_another_process_is_adopted),
		T(failed_commit_leaves_no_record_index_or_event),
		T(failed_put_rolls_back_and_map_full_is_retried),
		T(failing_fn_leaves_only_its_audit_entry),
		T(audit_chain_verifies_and_detects_a_changed_entry),
		T(audit_chain_detects_a_removed_entry),
		T(audit_chain_detects_an_inserted_entry),
		T(check_passes_on_a_good_store_and_fails_without_an_index_entry),
		T(check_fails_when_an_index_entry_points_nowhere),
		T(oversized_index_value_is_refused),
		T(users_put_get_and_each),
		T(backup_is_one_file_that_opens_as_the_same_store),
		T(export_is_one_document_with_users_records_and_events),
		T(purge_removes_closed_records_before_the_date_with_events_indexes_and_counts),
		T(purge_refuses_a_malformed_date_and_removes_nothing),
		T(compact_leaves_no_byte_of_purged_records_and_the_store_goes_on),
		T(writes_of_another_process_and_thread_during_compactions_are_all_kept),
		T(a_compaction_that_died_after_the_swap_sends_writers_to_the_new_generation),
#undef T
	};

	xml_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
