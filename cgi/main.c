/* main.c: halt.fcgi: startup, the threaded FastCGI accept loop, clean shutdown on SIGTERM. */
#include <errno.h>
#include <grp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "app.h"
#include "arena.h"
#include "log.h"

/* How long in-flight requests may take to finish after SIGTERM. */
#define MAIN_DRAIN_MS	1500

static struct app	 main_app;
static int		 main_sock;
static pthread_mutex_t	 main_accept_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile sig_atomic_t main_stopping;

static void
usage(void)
{
	fprintf(stderr, "usage: halt.fcgi -d datadir -s socket [-f formsdir] "
	    "[-x xsltdir] [-g group] [-t threads]\n");
	exit(2);
}

static void *
main_worker(void *arg)
{
	FCGX_Request req;
	struct arena *a;
	int rc;

	(void)arg;
	if ((a = arena_new()) == NULL)
		log_fatalx("%s: out of memory", __func__);
	if (FCGX_InitRequest(&req, main_sock, 0) != 0)
		log_fatalx("%s: FCGX_InitRequest failed", __func__);
	for (;;) {
		/* libfcgi wants one thread in accept at a time. */
		pthread_mutex_lock(&main_accept_lock);
		rc = main_stopping ? -1 : FCGX_Accept_r(&req);
		pthread_mutex_unlock(&main_accept_lock);
		if (rc < 0)
			break;
		app_serve(&main_app, a, req.envp, req.in, req.out);
		FCGX_Finish_r(&req);
		arena_reset(a);
	}
	FCGX_Free(&req, 1);
	arena_free(a);
	return NULL;
}

static int
main_join_all(pthread_t *tids, int n)
{
	struct timespec deadline;
	int i, late = 0;

	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_nsec += (MAIN_DRAIN_MS % 1000) * 1000000L;
	deadline.tv_sec += MAIN_DRAIN_MS / 1000 + deadline.tv_nsec / 1000000000L;
	deadline.tv_nsec %= 1000000000L;
	for (i = 0; i < n; i++)
		if (pthread_timedjoin_np(tids[i], NULL, &deadline) != 0)
			late++;
	return late;
}

int
main(int argc, char *argv[])
{
	const char *datadir = NULL, *sockpath = NULL, *group = NULL;
	const char *formsdir = "forms", *xsltdir = "xslt";
	pthread_t *tids;
	sigset_t set;
	struct group *gr;
	int ch, i, nthreads = 0, sig, late;

	log_init("halt.fcgi");
	while ((ch = getopt(argc, argv, "d:f:g:s:t:x:")) != -1) {
		switch (ch) {
		case 'd': datadir = optarg; break;
		case 'f': formsdir = optarg; break;
		case 'g': group = optarg; break;
		case 's': sockpath = optarg; break;
		case 't': nthreads = atoi(optarg); break;
		case 'x': xsltdir = optarg; break;
		default: usage();
		}
	}
	if (datadir == NULL || sockpath == NULL || argc != optind)
		usage();

	app_open(&main_app, datadir, formsdir, xsltdir);
	if (nthreads <= 0)
		nthreads = main_app.config.threads;

	if (FCGX_Init() != 0)
		log_fatalx("FCGX_Init failed");
	unlink(sockpath);
	if ((main_sock = FCGX_OpenSocket(sockpath, 128)) < 0)
		log_fatal("cannot listen on %s", sockpath);
	/* Only the web server's group may connect: the socket is the app's front door. */
	if (group != NULL) {
		if ((gr = getgrnam(group)) == NULL)
			log_fatalx("unknown group %s", group);
		if (chown(sockpath, (uid_t)-1, gr->gr_gid) == -1)
			log_fatal("chown %s", sockpath);
	}
	if (chmod(sockpath, 0660) == -1)
		log_fatal("chmod %s", sockpath);

	/* Signals go to the main thread only, through sigwait. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if ((tids = calloc((size_t)nthreads, sizeof(*tids))) == NULL)
		log_fatalx("out of memory");
	for (i = 0; i < nthreads; i++)
		if (pthread_create(&tids[i], NULL, main_worker, NULL) != 0)
			log_fatalx("cannot start thread %d", i);
	log_info("listening on %s with %d threads", sockpath, nthreads);

	do {
		if (sigwait(&set, &sig) != 0)
			log_fatalx("sigwait failed");
	} while (sig == SIGHUP);

	/* Stop accepting, let the requests in flight finish, then go. */
	main_stopping = 1;
	FCGX_ShutdownPending();
	shutdown(main_sock, SHUT_RDWR);
	late = main_join_all(tids, nthreads);
	close(main_sock);
	unlink(sockpath);
	log_info("stopped on signal %d%s", sig, late ? " (requests cut off)" : "");
	if (late == 0) {
		app_close(&main_app);
		free(tids);
	}
	return 0;
}
