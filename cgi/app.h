/* app.h: the application: startup state, the request context and the handlers. */
#ifndef HALT_APP_H
#define HALT_APP_H

#include <time.h>
#include <libxml/tree.h>

#include "access.h"
#include "config.h"
#include "csrf.h"
#include "http.h"
#include "route.h"
#include "store.h"
#include "workflow.h"

struct arena;
struct form;
struct form_set;
struct form_ctx;
struct render;

/* Everything read once at startup; read-only while requests run. */
struct app {
	struct config		 config;
	struct store		*store;
	struct form_set		*forms;
	struct render		*render;
	unsigned char		 secret[CSRF_SECRET_LEN];
	struct wf_stap		 steps[WF_NSTAPPEN];	/* the step order, from forms/stap-*.xml */
};

/* Roles as bits, so a route declares who may call it in one word. */
enum rol {
	ROL_OFFICIER	= 1 << 0,
	ROL_ADMIN	= 1 << 1,
	ROL_MEDEWERKER	= 1 << 2,
	ROL_CONTACT	= 1 << 3,
	ROL_BEHEER	= 1 << 4,
};
#define ROL_ZAAK	(ROL_OFFICIER | ROL_ADMIN | ROL_MEDEWERKER)
#define ROL_ALLE	(ROL_ZAAK | ROL_CONTACT | ROL_BEHEER)

/* 0 when name is no role. */
unsigned	 app_rol(const char *name);

/* One request, from decoding to the response. Handlers fill the output part. */
struct ctx {
	const struct app	*app;
	struct arena		*arena;
	const struct http_request *req;
	const struct route_match *match;
	struct store_user	 user;
	unsigned		 rol;		/* the user's role bit */
	time_t			 now;
	char			 today[11];	/* YYYY-MM-DD, local time */
	struct store_actor	 actor;		/* user, origin; handlers set action */
	enum regel		 regel;		/* the route's record rule (access.h) */

	/* Output. */
	xmlDocPtr		 content;	/* the model: XML clients get it as is */
	const struct form	*form;		/* its definition goes into the page */
	const char		*location;	/* for 303 */
};

typedef int	(*app_handler)(struct ctx *);

/* Handlers return the HTTP status; on 303 they set location. */
int	h_start(struct ctx *);
int	h_verwijzing_nieuw(struct ctx *);
int	h_verwijzing_post(struct ctx *);
int	h_zaken(struct ctx *);
int	h_zaak(struct ctx *);
int	h_voorblad(struct ctx *);
int	h_registratie(struct ctx *);
int	h_stap(struct ctx *);
int	h_stap_post(struct ctx *);
int	h_overleg_nieuw(struct ctx *);
int	h_overleg_post(struct ctx *);
int	h_overleg_lijst(struct ctx *);
int	h_overleg(struct ctx *);
int	h_overleg_antwoord(struct ctx *);
int	h_overleg_aanvulling(struct ctx *);
int	h_beheer_audit(struct ctx *);

/*
 * Add <overleg-advies id status><vraag/><bericht soort="antwoord" .../></overleg-advies>
 * to a zaak read under its record rule, for the overleg its referral names
 * (when the zaak's officier asked it or it is about this zaak). One audited
 * read of its own; 0 also when there is none to show, -1 on a store error.
 */
int	overleg_bij_zaak(struct ctx *, xmlNodePtr zaak);

/*
 * h_stappen.c: the steps' part of a dossier read under its record rule. For
 * halt roles <taken><taak stap staat datum keer herhaalbaar reden/>...</taken>
 * (and for halt-admin, while it can be (re)assigned, <medewerkers><medewerker
 * naam/>...</medewerkers>: the trained workers of the werkgebied); for the
 * officier Halt's internal notes (toelichting, zorgpunten, doorverwijzing
 * details, afspraken) are removed. -1 on failure.
 */
int	stappen_dossier(struct ctx *, xmlNodePtr zaak);

/*
 * h_stappen.c: the next step of the intervention's main line for a zaak
 * read under its record rule (what a worklist shows): the first step that
 * can start now and that the afsluiting needs, directly or through other
 * steps; "registratie" while the zaak is aangemeld; NULL when it is closed
 * or back at the OM. steps is app->steps; the result is static or
 * points into steps. Scratch memory comes from a.
 */
struct wf_stap;
const char *stappen_volgende(struct arena *a, const struct wf_stap *steps,
	    xmlNodePtr zaak);

/* Shared by handlers: a <fout> content document for status with a Dutch message. */
int	app_error(struct ctx *, int status, const char *bericht);

/* The form context (today, werkgebieden) for validation. */
void	app_form_ctx(const struct ctx *, struct form_ctx *);

/* Startup: read config, open the store, forms, stylesheets, secret. Exits on failure. */
void	app_open(struct app *, const char *datadir, const char *formsdir,
	    const char *xsltdir);
void	app_close(struct app *);

/*
 * Serve one FastCGI request: envp, the input and output streams. Never
 * exits; every failure becomes an error page. a is reset by the caller.
 */
struct FCGX_Stream;
void	app_serve(const struct app *, struct arena *a, char **envp,
	    struct FCGX_Stream *in, struct FCGX_Stream *out);

#endif
