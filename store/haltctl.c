/* haltctl.c: the administration command: users, check, backup, export, the audit log and purge. */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "limits.h"
#include "xml.h"
#include "store.h"

#define EX_FAIL		1
#define EX_USAGE	2

static const char *const roles[] = {
	"officier", "halt-admin", "halt-medewerker", "landelijk-contact", "beheer"
};

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: haltctl [-d DATADIR] "
	    "user add NAME --rol ROL [--werkgebied W] [--getraind] | "
	    "user list | user disable NAME | check | backup FILE | export | "
	    "audit [--zaak ID] [--gebruiker NAME] | audit verify | "
	    "purge [--voor YYYY-MM-DD]\n");
	exit(EX_USAGE);
}

static int __attribute__((format(printf, 1, 2)))
fail(const char *fmt, ...)
{
	va_list ap;

	fputs("haltctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EX_FAIL;
}

/* ---- users ---- */

static int
cmd_user_add(struct store *s, const struct store_actor *act, int argc,
    char **argv)
{
	struct store_user u, old;
	const char *rol = NULL, *wg = NULL;
	size_t i;
	int getraind = 0, rc, known = 0;

	if (argc < 1)
		usage();
	for (i = 1; i < (size_t)argc; i++) {
		if (strcmp(argv[i], "--rol") == 0 && i + 1 < (size_t)argc)
			rol = argv[++i];
		else if (strcmp(argv[i], "--werkgebied") == 0 &&
		    i + 1 < (size_t)argc)
			wg = argv[++i];
		else if (strcmp(argv[i], "--getraind") == 0)
			getraind = 1;
		else
			usage();
	}
	if (rol == NULL)
		usage();
	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(rol, roles[i]) == 0)
			known = 1;
	if (!known) {
		fprintf(stderr, "haltctl: onbekende rol; kies officier, "
		    "halt-admin, halt-medewerker, landelijk-contact of beheer\n");
		usage();
	}
	if ((strcmp(rol, "halt-admin") == 0 ||
	    strcmp(rol, "halt-medewerker") == 0) && (wg == NULL || *wg == '\0')) {
		fprintf(stderr, "haltctl: rol %s vraagt --werkgebied\n", rol);
		usage();
	}
	memset(&u, 0, sizeof(u));
	if (strlen(argv[0]) > HALT_USER_MAX || (wg != NULL &&
	    strlen(wg) >= sizeof(u.werkgebied)))
		return fail("naam of werkgebied te lang");
	snprintf(u.name, sizeof(u.name), "%s", argv[0]);
	snprintf(u.rol, sizeof(u.rol), "%s", rol);
	snprintf(u.werkgebied, sizeof(u.werkgebied), "%s", wg != NULL ? wg : "");
	u.getraind = getraind;
	u.actief = 1;
	known = store_user_get(s, u.name, &old) == STORE_OK;
	if ((rc = store_user_put(s, act, &u)) != STORE_OK)
		return fail("gebruiker niet opgeslagen: %s", store_strerror(rc));
	printf("gebruiker %s %s\n", u.name, known ? "bijgewerkt" : "toegevoegd");
	return 0;
}

static int
print_user(const struct store_user *u, void *arg)
{
	(void)arg;
	printf("%s\t%s\t%s\t%s\t%s\n", u->name, u->rol,
	    u->werkgebied[0] != '\0' ? u->werkgebied : "-",
	    u->getraind ? "getraind" : "niet-getraind",
	    u->actief ? "actief" : "uitgeschakeld");
	return 0;
}

static int
cmd_user_disable(struct store *s, const struct store_actor *act,
    const char *name)
{
	struct store_user u;
	int rc;

	if ((rc = store_user_get(s, name, &u)) == STORE_NOTFOUND)
		return fail("gebruiker bestaat niet");
	if (rc != STORE_OK)
		return fail("gebruiker niet te lezen: %s", store_strerror(rc));
	u.actief = 0;
	if ((rc = store_user_put(s, act, &u)) != STORE_OK)
		return fail("gebruiker niet opgeslagen: %s", store_strerror(rc));
	printf("gebruiker %s uitgeschakeld\n", u.name);
	return 0;
}

/* ---- audit ---- */

struct audit_filter {
	char		 object[HALT_ID_MAX + 16];
	const char	*user;
};

static int
print_audit(const struct store_audit_entry *e, void *arg)
{
	struct audit_filter *f = arg;

	if (f->object[0] != '\0' && strcmp(e->object, f->object) != 0)
		return 0;
	if (f->user != NULL && strcmp(e->actor, f->user) != 0)
		return 0;
	printf("%llu\t%s\t%s\t%s\t%s\t%s\t%s\n", e->seq, e->tijd, e->actor,
	    e->origin, e->action, e->object, e->result);
	return 0;
}

static int
cmd_audit(struct store *s, int argc, char **argv)
{
	struct audit_filter f;
	unsigned long long bad = 0;
	int i, rc;

	memset(&f, 0, sizeof(f));
	if (argc == 1 && strcmp(argv[0], "verify") == 0) {
		rc = store_audit_verify(s, &bad);
		if (rc == STORE_INVALID)
			return fail("audit: keten verbroken bij regel %llu", bad);
		if (rc != STORE_OK)
			return fail("audit: %s", store_strerror(rc));
		printf("audit: keten in orde\n");
		return 0;
	}
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--zaak") == 0 && i + 1 < argc &&
		    strlen(argv[i + 1]) <= HALT_ID_MAX)
			snprintf(f.object, sizeof(f.object), "zaak/%s",
			    argv[++i]);
		else if (strcmp(argv[i], "--gebruiker") == 0 && i + 1 < argc)
			f.user = argv[++i];
		else
			usage();
	}
	if ((rc = store_audit_each(s, print_audit, &f)) != STORE_OK)
		return fail("audit: %s", store_strerror(rc));
	return fflush(stdout) == 0 ? 0 : EX_FAIL;
}

/* ---- retention ---- */

/* YYYY-MM-DD with a month 01-12 and a day 01-31. */
static int
date_ok(const char *d)
{
	int i, m, dd;

	if (strlen(d) != 10)
		return 0;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? d[i] != '-' : d[i] < '0' || d[i] > '9')
			return 0;
	m = (d[5] - '0') * 10 + d[6] - '0';
	dd = (d[8] - '0') * 10 + d[9] - '0';
	return m >= 1 && m <= 12 && dd >= 1 && dd <= 31;
}

/*
 * Today minus the configured retention (bewaartermijn_jaren in halt.conf);
 * 29 February becomes 1 March in a year without it, as birthdays do.
 */
static int
retention_date(const char *datadir, char *out, size_t sz)
{
	struct config cfg;
	struct tm tm;
	char path[4096], err[256];
	time_t now;
	int y, jaren;

	if ((size_t)snprintf(path, sizeof(path), "%s/halt.conf", datadir) >=
	    sizeof(path))
		return fail("datamap: pad te lang");
	if (config_load(path, &cfg, err, sizeof(err)) == -1)
		return fail("%s", err);
	jaren = cfg.bewaartermijn_jaren;
	config_free(&cfg);
	now = time(NULL);
	localtime_r(&now, &tm);
	y = tm.tm_year + 1900 - jaren;
	if (tm.tm_mon == 1 && tm.tm_mday == 29 &&
	    !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) {
		tm.tm_mon = 2;
		tm.tm_mday = 1;
	}
	if ((size_t)snprintf(out, sz, "%04d-%02d-%02d", y % 10000,
	    (tm.tm_mon + 1) % 100, tm.tm_mday % 100) >= sz)
		return fail("purge: datum te lang");
	return 0;
}

static int
cmd_purge(struct store *s, const struct store_actor *act, const char *voor)
{
	struct store_actor a = *act;
	size_t nz = 0, no = 0;
	int rc;

	a.action = "beheer.purge";
	if ((rc = store_purge(s, &a, voor, &nz, &no)) != STORE_OK)
		return fail("purge: %s", store_strerror(rc));
	printf("purge: %zu zaken en %zu overleg gesloten voor %s verwijderd\n",
	    nz, no, voor);
	/* Deleted pages keep their bytes until the file is rewritten. */
	if ((rc = store_compact(s)) != STORE_OK)
		return fail("purge: compacteren mislukt (%s); de verwijderde "
		    "gegevens staan nog in het databestand, probeer opnieuw",
		    store_strerror(rc));
	printf("purge: store gecompacteerd\n");
	return fflush(stdout) == 0 ? 0 : EX_FAIL;
}

/* ---- bulk reads, audited as one entry each ---- */

static int
mark_all(struct store_txn *t, void *arg)
{
	(void)arg;
	store_audit_object(t, "alle-records");
	return STORE_OK;
}

static int
audit_bulk(struct store *s, const struct store_actor *act, const char *action)
{
	struct store_actor a = *act;

	a.action = action;
	return store_write(s, &a, mark_all, NULL);
}

int
main(int argc, char **argv)
{
	struct store_actor act = { NULL, "cli", NULL };
	struct store *s = NULL;
	const char *datadir = NULL, *who;
	char storedir[4096], actor[HALT_USER_MAX + 1], voor[32] = "";
	int ch, rc = 0;

	/* '+': options end at the command word. */
	while ((ch = getopt(argc, argv, "+d:")) != -1) {
		switch (ch) {
		case 'd':
			datadir = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	if (datadir == NULL && (datadir = getenv("HALT_DATADIR")) != NULL &&
	    *datadir == '\0')
		datadir = NULL;
#ifdef HALT_DATADIR_DEFAULT
	if (datadir == NULL)
		datadir = HALT_DATADIR_DEFAULT;
#endif
	if (datadir == NULL)
		usage();

	/* Check the command line completely before touching the store. */
	if (strcmp(argv[0], "user") == 0) {
		if (argc < 2 || (strcmp(argv[1], "add") == 0 && argc < 3) ||
		    (strcmp(argv[1], "list") == 0 && argc != 2) ||
		    (strcmp(argv[1], "disable") == 0 && argc != 3) ||
		    (strcmp(argv[1], "add") != 0 && strcmp(argv[1], "list") != 0 &&
		    strcmp(argv[1], "disable") != 0))
			usage();
	} else if (strcmp(argv[0], "check") == 0 ||
	    strcmp(argv[0], "export") == 0) {
		if (argc != 1)
			usage();
	} else if (strcmp(argv[0], "backup") == 0) {
		if (argc != 2)
			usage();
	} else if (strcmp(argv[0], "purge") == 0) {
		if (argc == 3 && strcmp(argv[1], "--voor") == 0) {
			if (!date_ok(argv[2])) {
				fprintf(stderr, "haltctl: --voor vraagt een datum "
				    "JJJJ-MM-DD\n");
				usage();
			}
			snprintf(voor, sizeof(voor), "%s", argv[2]);
		} else if (argc != 1)
			usage();
		else if (retention_date(datadir, voor, sizeof(voor)) != 0)
			return EX_FAIL;
	} else if (strcmp(argv[0], "audit") != 0)
		usage();

	who = getenv("SUDO_USER");
	if (who == NULL || *who == '\0')
		who = getenv("USER");
	if (who != NULL && *who != '\0')
		snprintf(actor, sizeof(actor), "haltctl:%s", who);
	else
		snprintf(actor, sizeof(actor), "haltctl");
	act.user = actor;

	xml_init();
	if (mkdir(datadir, 0700) == -1 && errno != EEXIST)
		return fail("datamap niet aan te maken: %s", strerror(errno));
	if ((size_t)snprintf(storedir, sizeof(storedir), "%s/store", datadir) >=
	    sizeof(storedir))
		return fail("datamap: pad te lang");
	if (store_open(&s, storedir, 0) != STORE_OK)
		return fail("store niet te openen in %s", storedir);

	if (strcmp(argv[0], "user") == 0) {
		if (strcmp(argv[1], "add") == 0)
			rc = cmd_user_add(s, &act, argc - 2, argv + 2);
		else if (strcmp(argv[1], "list") == 0) {
			if ((ch = store_user_each(s, print_user, NULL)) != STORE_OK)
				rc = fail("gebruikers: %s", store_strerror(ch));
		} else
			rc = cmd_user_disable(s, &act, argv[2]);
	} else if (strcmp(argv[0], "check") == 0) {
		ch = store_check(s, stdout);
		if (ch == STORE_OK)
			printf("store in orde\n");
		else if (ch == STORE_INVALID)
			rc = fail("check: de store heeft fouten (zie boven)");
		else
			rc = fail("check: %s", store_strerror(ch));
	} else if (strcmp(argv[0], "backup") == 0) {
		/* Refuse an existing file before auditing a backup that cannot be. */
		if (access(argv[1], F_OK) == 0)
			rc = fail("backup: het bestand bestaat al");
		else if ((ch = audit_bulk(s, &act, "beheer.backup")) != STORE_OK)
			rc = fail("backup: audit: %s", store_strerror(ch));
		else if ((ch = store_backup(s, argv[1])) == STORE_EXISTS)
			rc = fail("backup: het bestand bestaat al");
		else if (ch != STORE_OK)
			rc = fail("backup: %s", store_strerror(ch));
	} else if (strcmp(argv[0], "export") == 0) {
		if ((ch = audit_bulk(s, &act, "beheer.export")) != STORE_OK)
			rc = fail("export: audit: %s", store_strerror(ch));
		else if ((ch = store_export(s, stdout)) != STORE_OK)
			rc = fail("export: %s", store_strerror(ch));
	} else if (strcmp(argv[0], "purge") == 0)
		rc = cmd_purge(s, &act, voor);
	else
		rc = cmd_audit(s, argc - 1, argv + 1);

	store_close(s);
	return rc;
}
