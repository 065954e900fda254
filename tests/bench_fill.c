/* bench_fill.c: `make bench`: add zaken of the officier "officier" to a store until it holds a target count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/tree.h>

#include "limits.h"
#include "store.h"
#include "xml.h"

/* Asked for; store_write may allow fewer new ids per transaction (see bench_fill_txn). */
#define BENCH_FILL_BATCH	10000

static const char *const bench_statussen[] = {
	"aangemeld", "toegewezen", "in-behandeling", "retour",
	"afgerond-positief", "afgerond-negatief", NULL
};

struct bench_fill {
	unsigned long	 first;		/* number of the first zaak of this batch */
	size_t		 n;		/* puts asked for in this batch */
	size_t		 done;		/* puts that succeeded in this run of fn */
	char		(*ids)[HALT_ID_MAX + 1];
	size_t		 total;		/* bench_fill_count's result */
};

static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Every zaak is in exactly one status: their counts add up to the total. */
static int
bench_fill_count(struct store_txn *txn, void *arg)
{
	struct bench_fill *f = arg;
	const char *const *s;
	size_t n;
	int rc;

	f->total = 0;
	for (s = bench_statussen; *s != NULL; s++) {
		if ((rc = store_index_count(txn, "status", *s, &n)) != STORE_OK)
			return rc;
		f->total += n;
	}
	return STORE_OK;
}

/* A zaak as the worklist reads it: root attributes, the listed fields, the check. */
static xmlDocPtr
bench_fill_zaak(unsigned long nr)
{
	xmlDocPtr doc;
	xmlNodePtr root, t;
	char buf[64];

	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return NULL;
	root = xmlNewNode(NULL, (const xmlChar *)"zaak");
	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, (const xmlChar *)"status", (const xmlChar *)"aangemeld");
	xmlNewProp(root, (const xmlChar *)"officier", (const xmlChar *)"officier");
	xmlNewProp(root, (const xmlChar *)"medewerker", (const xmlChar *)"");
	xmlNewProp(root, (const xmlChar *)"aangemeld", (const xmlChar *)"2026-01-01");
	xml_add_text(root, "regio", "Midden-Nederland");
	snprintf(buf, sizeof(buf), "13/%07lu-26", nr);
	xml_add_text(root, "parketnummer", buf);
	xml_add_text(root, "jongere_voornaam", "Sam");
	snprintf(buf, sizeof(buf), "Vulling%lu", nr);
	xml_add_text(root, "jongere_achternaam", buf);
	xml_add_text(root, "datum_beslissing", "2026-01-01");
	t = xmlNewChild(root, NULL, (const xmlChar *)"toets", NULL);
	xmlNewProp(t, (const xmlChar *)"uitkomst", (const xmlChar *)"geschikt");
	return doc;
}

/*
 * One batch of new zaken in one transaction. store_write may run this
 * again from the start (map growth), so every id buffer starts empty.
 * store.c takes back at most a fixed number of new ids per transaction;
 * a put beyond it is refused with STORE_INVALID, and f->done says how
 * many went in, so the caller can shrink the batch to that.
 */
static int
bench_fill_txn(struct store_txn *txn, void *arg)
{
	struct bench_fill *f = arg;
	xmlDocPtr doc;
	size_t i;
	int rc;

	f->done = 0;
	for (i = 0; i < f->n; i++) {
		if ((doc = bench_fill_zaak(f->first + i)) == NULL)
			return STORE_NOMEM;
		f->ids[i][0] = '\0';
		rc = store_put(txn, STORE_ZAAK, f->ids[i], doc, 0, "vulling");
		xmlFreeDoc(doc);
		if (rc != STORE_OK)
			return rc;
		f->done++;
	}
	return STORE_OK;
}

/*
 * usage: bench_fill DATADIR TARGET
 * Adds zaken to DATADIR/store until it holds TARGET zaken (of any officier);
 * the store may be in use by the server meanwhile. Prints the number
 * added, the seconds it took, the rate and the batch size used.
 */
int
main(int argc, char *argv[])
{
	struct store_actor actor = { "bench", "cli", "bench.vullen" };
	struct store *s = NULL;
	struct bench_fill f;
	char path[4096];
	unsigned long target, added = 0;
	size_t batch = BENCH_FILL_BATCH, txns = 0;
	double t0, dt;
	int rc, ret = 1;

	memset(&f, 0, sizeof(f));
	if (argc != 3) {
		fprintf(stderr, "usage: bench_fill DATADIR TARGET\n");
		return 2;
	}
	target = strtoul(argv[2], NULL, 10);
	if ((size_t)snprintf(path, sizeof(path), "%s/store", argv[1]) >= sizeof(path)) {
		fprintf(stderr, "bench_fill: path too long\n");
		return 2;
	}
	xml_init();
	if ((f.ids = calloc(batch, sizeof(*f.ids))) == NULL)
		goto fail;
	if (store_open(&s, path, 0) != STORE_OK) {
		fprintf(stderr, "bench_fill: cannot open the store in %s\n", path);
		goto fail;
	}
	if ((rc = store_read(s, bench_fill_count, &f)) != STORE_OK) {
		fprintf(stderr, "bench_fill: count: %s\n", store_strerror(rc));
		goto fail;
	}
	t0 = bench_now();
	while (f.total + added < target) {
		f.first = f.total + added + 1;
		f.n = target - (f.total + added);
		if (f.n > batch)
			f.n = batch;
		rc = store_write(s, &actor, bench_fill_txn, &f);
		if (rc == STORE_INVALID && f.done > 0 && f.done < f.n) {
			/* The store's limit of new ids per transaction. */
			batch = f.done;
			continue;
		}
		if (rc != STORE_OK) {
			fprintf(stderr, "bench_fill: write: %s\n", store_strerror(rc));
			goto fail;
		}
		added += f.n;
		txns++;
	}
	dt = bench_now() - t0;
	printf("added %lu zaken in %.1f s (%.0f/s, %zu transactions of up to %zu)\n",
	    added, dt, dt > 0 ? (double)added / dt : 0.0, txns, batch);
	ret = 0;
fail:
	store_close(s);
	free(f.ids);
	return ret;
}
