/* bench_lmdb.c: `make bench` ceiling: bare LMDB synced commits of one value of a zaak's size. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lmdb.h>

static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * usage: bench_lmdb DIR N SIZE
 * Opens an environment in the existing directory DIR with default flags
 * (every commit synced, as the store's) and commits N transactions of one
 * put each: a new key, a value of SIZE bytes. Prints "commits/s".
 */
int
main(int argc, char *argv[])
{
	MDB_env *env = NULL;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_val k, v;
	char key[32], *val = NULL;
	unsigned long n, size, i;
	double t0, dt;
	int rc, ret = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: bench_lmdb DIR N SIZE\n");
		return 2;
	}
	n = strtoul(argv[2], NULL, 10);
	size = strtoul(argv[3], NULL, 10);
	if (n == 0 || size == 0 || size > 1024 * 1024) {
		fprintf(stderr, "bench_lmdb: N and SIZE must be > 0 (SIZE <= 1 MiB)\n");
		return 2;
	}
	if ((val = malloc(size)) == NULL)
		goto fail;
	/* Text-like bytes, as a zaak record is XML. */
	for (i = 0; i < size; i++)
		val[i] = (char)('a' + i % 26);
	if ((rc = mdb_env_create(&env)) != 0 ||
	    (rc = mdb_env_set_mapsize(env, 256UL * 1024 * 1024)) != 0 ||
	    (rc = mdb_env_open(env, argv[1], 0, 0600)) != 0) {
		fprintf(stderr, "bench_lmdb: open: %s\n", mdb_strerror(rc));
		goto fail;
	}
	t0 = bench_now();
	for (i = 0; i < n; i++) {
		if ((rc = mdb_txn_begin(env, NULL, 0, &txn)) != 0)
			break;
		if ((rc = mdb_dbi_open(txn, NULL, 0, &dbi)) != 0) {
			mdb_txn_abort(txn);
			break;
		}
		/* Zero-padded like the store's ids: each commit appends. */
		snprintf(key, sizeof(key), "Z%08lu", i + 1);
		k.mv_data = key;
		k.mv_size = strlen(key);
		v.mv_data = val;
		v.mv_size = size;
		if ((rc = mdb_put(txn, dbi, &k, &v, 0)) != 0) {
			mdb_txn_abort(txn);
			break;
		}
		if ((rc = mdb_txn_commit(txn)) != 0)
			break;
	}
	dt = bench_now() - t0;
	if (rc != 0) {
		fprintf(stderr, "bench_lmdb: commit %lu: %s\n", i + 1, mdb_strerror(rc));
		goto fail;
	}
	printf("%.1f\n", (double)n / dt);
	ret = 0;
fail:
	if (env != NULL)
		mdb_env_close(env);
	free(val);
	return ret;
}
