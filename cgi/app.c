/* app.c: one request from FastCGI parameters to response: auth, route, role, CSRF, render. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <fcgiapp.h>
#include <openssl/crypto.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>

#include "app.h"
#include "arena.h"
#include "form.h"
#include "limits.h"
#include "log.h"
#include "render.h"
#include "xml.h"

/*
 * The routing table: the contract's URLs, who may call each, and the
 * handler. A route not listed here is a 404; a path listed for another
 * method is a 405 with Allow.
 */
enum route_id {
	R_START,
	R_VERWIJZING_NIEUW,
	R_VERWIJZING_POST,
	R_ZAKEN,
	R_ZAAK,
	R_VOORBLAD,
	R_REGISTRATIE,
	R_STAP,
	R_STAP_POST,
	R_OVERLEG_NIEUW,
	R_OVERLEG_POST,
	R_OVERLEG_LIJST,
	R_OVERLEG,
	R_OVERLEG_ANTWOORD,
	R_OVERLEG_AANVULLING,
	R_BEHEER_AUDIT,
	R__MAX
};

static const struct route app_routes[] = {
	{ HTTP_GET,	"/",			R_START },
	{ HTTP_GET,	"/verwijzingen/nieuw",	R_VERWIJZING_NIEUW },
	{ HTTP_POST,	"/verwijzingen",	R_VERWIJZING_POST },
	{ HTTP_GET,	"/zaken",		R_ZAKEN },
	{ HTTP_GET,	"/zaken/{id}",		R_ZAAK },
	{ HTTP_GET,	"/zaken/{id}/voorblad",	R_VOORBLAD },
	{ HTTP_POST,	"/zaken/{id}/registratie", R_REGISTRATIE },
	{ HTTP_GET,	"/zaken/{id}/stappen/{stap}", R_STAP },
	{ HTTP_POST,	"/zaken/{id}/stappen/{stap}", R_STAP_POST },
	{ HTTP_GET,	"/overleg/nieuw",	R_OVERLEG_NIEUW },
	{ HTTP_POST,	"/overleg",		R_OVERLEG_POST },
	{ HTTP_GET,	"/overleg",		R_OVERLEG_LIJST },
	{ HTTP_GET,	"/overleg/{id}",	R_OVERLEG },
	{ HTTP_POST,	"/overleg/{id}/antwoord", R_OVERLEG_ANTWOORD },
	{ HTTP_POST,	"/overleg/{id}/aanvulling", R_OVERLEG_AANVULLING },
	{ HTTP_GET,	"/beheer/audit",	R_BEHEER_AUDIT },
};

/*
 * Per route: the handler, the roles that may call it, the record rule the
 * handler applies to every record it reads or writes (access.h), the audit
 * action, and the audit object of a refusal ("{id}" is the route's id;
 * NULL: the route touches no zaak or overleg).
 */
static const struct {
	app_handler	 fn;
	unsigned	 roles;
	enum regel	 regel;
	const char	*action;	/* the audit action of the request */
	const char	*object;
} app_handlers[R__MAX] = {
	[R_START]		= { h_start, ROL_ALLE, REGEL_GEEN,
				    "start.lezen", NULL },
	[R_VERWIJZING_NIEUW]	= { h_verwijzing_nieuw, ROL_OFFICIER, REGEL_GEEN,
				    "verwijzing.formulier", NULL },
	[R_VERWIJZING_POST]	= { h_verwijzing_post, ROL_OFFICIER, REGEL_GEEN,
				    "verwijzing.indienen", "verwijzing" },
	[R_ZAKEN]		= { h_zaken, ROL_ZAAK, REGEL_ZAAK_LEZEN,
				    "zaken.lijst", "zaken" },
	[R_ZAAK]		= { h_zaak, ROL_ZAAK, REGEL_ZAAK_LEZEN,
				    "zaak.lezen", "zaak/{id}" },
	[R_VOORBLAD]		= { h_voorblad, ROL_ZAAK, REGEL_ZAAK_LEZEN,
				    "zaak.voorblad", "zaak/{id}" },
	[R_REGISTRATIE]		= { h_registratie, ROL_ADMIN,
				    REGEL_ZAAK_WERKGEBIED_ADMIN,
				    "zaak.toewijzen", "zaak/{id}" },
	[R_STAP]		= { h_stap, ROL_MEDEWERKER,
				    REGEL_ZAAK_SCHRIJVEN_TOEGEWEZEN,
				    "stap.formulier", "zaak/{id}" },
	[R_STAP_POST]		= { h_stap_post, ROL_MEDEWERKER,
				    REGEL_ZAAK_SCHRIJVEN_TOEGEWEZEN,
				    "stap.vastleggen", "zaak/{id}" },
	[R_OVERLEG_NIEUW]	= { h_overleg_nieuw, ROL_ZAAK, REGEL_GEEN,
				    "overleg.formulier", NULL },
	/* A linked zaak is checked with REGEL_ZAAK_LEZEN in the handler. */
	[R_OVERLEG_POST]	= { h_overleg_post, ROL_ZAAK, REGEL_GEEN,
				    "overleg.vragen", "overleg" },
	[R_OVERLEG_LIJST]	= { h_overleg_lijst, ROL_ZAAK | ROL_CONTACT,
				    REGEL_OVERLEG_VRAGER_OF_CONTACT,
				    "overleg.lijst", "overleg" },
	[R_OVERLEG]		= { h_overleg, ROL_ZAAK | ROL_CONTACT,
				    REGEL_OVERLEG_VRAGER_OF_CONTACT,
				    "overleg.lezen", "overleg/{id}" },
	[R_OVERLEG_ANTWOORD]	= { h_overleg_antwoord, ROL_CONTACT,
				    REGEL_OVERLEG_VRAGER_OF_CONTACT,
				    "overleg.beantwoorden", "overleg/{id}" },
	[R_OVERLEG_AANVULLING]	= { h_overleg_aanvulling, ROL_ZAAK,
				    REGEL_OVERLEG_VRAGER_OF_CONTACT,
				    "overleg.aanvullen", "overleg/{id}" },
	[R_BEHEER_AUDIT]	= { h_beheer_audit, ROL_BEHEER, REGEL_GEEN,
				    "audit.lezen", NULL },
};

static const struct {
	const char	*name;
	unsigned	 bit;
} app_rollen[] = {
	{ "officier",		ROL_OFFICIER },
	{ "halt-admin",		ROL_ADMIN },
	{ "halt-medewerker",	ROL_MEDEWERKER },
	{ "landelijk-contact",	ROL_CONTACT },
	{ "beheer",		ROL_BEHEER },
};

static const struct {
	int		 status;
	const char	*titel;
	const char	*bericht;
} app_fouten[] = {
	{ 400, "Ongeldig verzoek", "Het verzoek kon niet worden gelezen. Ga terug en probeer het opnieuw." },
	{ 401, "Niet ingelogd", "Log in om dit systeem te gebruiken." },
	{ 403, "Geen toegang", "U heeft geen toegang tot deze pagina." },
	{ 404, "Pagina niet gevonden", "Deze pagina bestaat niet. Controleer het adres of ga naar de startpagina." },
	{ 405, "Dit kan hier niet", "Deze pagina kan niet op deze manier worden gebruikt." },
	{ 409, "Niet opgeslagen", "De gegevens zijn intussen gewijzigd of deze stap kan nu nog niet. Bekijk de zaak opnieuw." },
	{ 413, "Te veel gegevens", "Het formulier bevat te veel tekst. Maak de tekst korter en probeer het opnieuw." },
	{ 415, "Verkeerd soort gegevens", "Dit systeem neemt alleen ingevulde formulieren aan. Bestanden en bijlagen worden nooit opgeslagen." },
	{ 422, "Niet opgeslagen", "De gegevens kloppen niet. Verbeter ze en probeer het opnieuw." },
	{ 500, "Er is iets misgegaan", "Er is iets misgegaan. Er is niets opgeslagen. Probeer het later opnieuw." },
};

unsigned
app_rol(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(app_rollen) / sizeof(app_rollen[0]); i++)
		if (strcmp(app_rollen[i].name, name) == 0)
			return app_rollen[i].bit;
	return 0;
}

int
app_error(struct ctx *c, int status, const char *bericht)
{
	xmlNodePtr root;
	const char *titel = "Fout";
	size_t i;

	for (i = 0; i < sizeof(app_fouten) / sizeof(app_fouten[0]); i++)
		if (app_fouten[i].status == status) {
			titel = app_fouten[i].titel;
			if (bericht == NULL)
				bericht = app_fouten[i].bericht;
		}
	if (bericht == NULL)
		bericht = "";
	if (c->content != NULL)
		xmlFreeDoc(c->content);
	c->form = NULL;
	c->content = xmlNewDoc((const xmlChar *)"1.0");
	if (c->content == NULL)
		return status;
	root = xmlNewNode(NULL, (const xmlChar *)"fout");
	xmlDocSetRootElement(c->content, root);
	xmlNewProp(root, (const xmlChar *)"status",
	    (const xmlChar *)arena_printf(c->arena, "%d", status));
	xml_add_text(root, "titel", titel);
	xml_add_text(root, "bericht", bericht);
	return status;
}

void
app_form_ctx(const struct ctx *c, struct form_ctx *fc)
{
	fc->today = c->today;
	fc->werkgebieden = c->app->config.werkgebieden;
	fc->nwerkgebieden = c->app->config.nwerkgebieden;
}

/* The headers every dynamic response carries (Apache adds them to static files). */
static void
app_headers(FCGX_Stream *out, int status)
{
	FCGX_FPrintF(out,
	    "Status: %d %s\r\n"
	    "Cache-Control: no-store\r\n"
	    "Pragma: no-cache\r\n"
	    "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'; "
	    "form-action 'self'; base-uri 'none'; object-src 'none'\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Referrer-Policy: no-referrer\r\n",
	    status, http_reason(status));
}

/* Wrap the content in the page model of render.h and render it to HTML. */
static int
app_render(struct ctx *c, int status, xmlChar **html, int *len)
{
	const struct app *app = c->app;
	xmlDocPtr page;
	xmlNodePtr root, n, wg;
	char token[CSRF_TOKEN_LEN + 1];
	size_t i;
	int rc = -1;

	if ((page = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return -1;
	root = xmlNewNode(NULL, (const xmlChar *)"pagina");
	xmlDocSetRootElement(page, root);
	xmlNewProp(root, (const xmlChar *)"status",
	    (const xmlChar *)arena_printf(c->arena, "%d", status));
	xmlNewProp(root, (const xmlChar *)"pad",
	    (const xmlChar *)(c->req != NULL && c->req->path != NULL ?
	    c->req->path : "/"));
	if (c->user.name[0] != '\0') {
		n = xmlNewChild(root, NULL, (const xmlChar *)"gebruiker", NULL);
		xmlNewProp(n, (const xmlChar *)"naam", (const xmlChar *)c->user.name);
		xmlNewProp(n, (const xmlChar *)"rol", (const xmlChar *)c->user.rol);
		xmlNewProp(n, (const xmlChar *)"werkgebied",
		    (const xmlChar *)c->user.werkgebied);
		xmlNewProp(n, (const xmlChar *)"getraind",
		    (const xmlChar *)(c->user.getraind ? "ja" : "nee"));
		if (csrf_token(app->secret, c->user.name, c->now, token,
		    sizeof(token)) == 0)
			xml_add_text(root, "csrf", token);
	}
	n = xmlNewChild(root, NULL, (const xmlChar *)"contact", NULL);
	xmlNewProp(n, (const xmlChar *)"naam", (const xmlChar *)app->config.contact_naam);
	xmlNewProp(n, (const xmlChar *)"email", (const xmlChar *)app->config.contact_email);
	xmlNewProp(n, (const xmlChar *)"telefoon",
	    (const xmlChar *)app->config.contact_telefoon);
	wg = xmlNewChild(root, NULL, (const xmlChar *)"werkgebieden", NULL);
	for (i = 0; i < app->config.nwerkgebieden; i++)
		xml_add_text(wg, "werkgebied", app->config.werkgebieden[i]);
	if (c->form != NULL) {
		n = xmlNewChild(root, NULL, (const xmlChar *)"definitie", NULL);
		xmlAddChild(n, xmlDocCopyNode(form_definition(c->form), page, 1));
	}
	if (c->content != NULL && xmlDocGetRootElement(c->content) != NULL)
		xmlAddChild(root, xmlDocCopyNode(xmlDocGetRootElement(c->content),
		    page, 1));
	rc = render_html(app->render, page, html, len);
	xmlFreeDoc(page);
	return rc;
}

static void
app_respond(struct ctx *c, FCGX_Stream *out, int status, const char *allow)
{
	xmlChar *body = NULL;
	int len = 0;
	int head = c->req != NULL && c->req->method == HTTP_HEAD;

	if (status == 303) {
		app_headers(out, status);
		FCGX_FPrintF(out, "Location: %s\r\nContent-Length: 0\r\n\r\n",
		    c->location);
		return;
	}
	if (c->content == NULL)
		app_error(c, status, NULL);
	if (c->req != NULL && c->req->want_xml) {
		xmlDocDumpFormatMemoryEnc(c->content, &body, &len, "UTF-8", 0);
		if (body == NULL)
			goto fail;
		app_headers(out, status);
		FCGX_FPrintF(out, "Content-Type: application/xml; charset=utf-8\r\n");
	} else {
		if (app_render(c, status, &body, &len) == -1)
			goto fail;
		app_headers(out, status);
		FCGX_FPrintF(out, "Content-Type: text/html; charset=utf-8\r\n");
	}
	if (status == 401)
		FCGX_FPrintF(out, "WWW-Authenticate: Basic realm=\"Halt Respect Online\"\r\n");
	if (allow != NULL)
		FCGX_FPrintF(out, "Allow: %s\r\n", allow);
	FCGX_FPrintF(out, "Vary: Accept\r\nContent-Length: %d\r\n\r\n", len);
	if (!head)
		FCGX_PutStr((const char *)body, len, out);
	xmlFree(body);
	return;
fail:
	/* Rendering itself failed: a plain page, still with every header. */
	xmlFree(body);
	log_warnx("%s: render failed for status %d", __func__, status);
	app_headers(out, 500);
	FCGX_FPrintF(out, "Content-Type: text/html; charset=utf-8\r\n\r\n"
	    "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
	    "<title>Er is iets misgegaan</title></head><body><h1>Er is iets "
	    "misgegaan</h1><p>Probeer het later opnieuw.</p></body></html>");
}

static int
app_weigering_txn(struct store_txn *txn, void *arg)
{
	store_audit_object(txn, arg);
	return STORE_DENIED;
}

/*
 * A request refused before its handler (role, CSRF) on a route that
 * touches a zaak or overleg still leaves its one audit entry: no record is
 * read, the object is the route's id. The status to answer with.
 */
static int
app_weigering(struct ctx *c, int status, const char *bericht)
{
	const char *object = app_handlers[c->match->route->id].object;
	const char *id, *p;

	if (object != NULL) {
		if ((p = strstr(object, "{id}")) != NULL) {
			id = route_param(c->match, "id");
			object = arena_printf(c->arena, "%.*s%s", (int)(p - object),
			    object, id != NULL ? id : "");
		}
		if (object == NULL || store_write(c->app->store, &c->actor,
		    app_weigering_txn, (void *)object) != STORE_DENIED)
			return app_error(c, 500, NULL);
	}
	return bericht != NULL ? app_error(c, status, bericht) : status;
}

/* Read exactly len bytes of body into the arena. */
static int
app_read_body(struct arena *a, FCGX_Stream *in, size_t len, char **body)
{
	char *buf;
	int n;
	size_t got = 0;

	*body = NULL;
	if (len == 0)
		return 0;
	if ((buf = arena_alloc(a, len + 1)) == NULL)
		return 500;
	while (got < len) {
		n = FCGX_GetStr(buf + got, (int)(len - got), in);
		if (n <= 0)
			return 400;
		got += (size_t)n;
	}
	*body = buf;
	return 0;
}

static int
app_dispatch(struct ctx *c, char **envp, FCGX_Stream *in, struct http_request *req,
    struct route_match *m, char *allow, size_t allowsz)
{
	const struct app *app = c->app;
	const char *token;
	char *body;
	size_t len;
	int rc;
	struct tm tm;

	c->now = time(NULL);
	localtime_r(&c->now, &tm);
	strftime(c->today, sizeof(c->today), "%Y-%m-%d", &tm);

	if ((rc = http_content_length(envp, &len)) != 0)
		return rc;
	if ((rc = app_read_body(c->arena, in, len, &body)) != 0)
		return rc;
	if ((rc = http_request_decode(c->arena, envp, body, len, req)) != 0)
		return rc;
	c->req = req;
	c->actor.origin = req->remote_addr;

	/* Apache authenticates; the app trusts REMOTE_USER and nothing else. */
	if (req->remote_user == NULL)
		return 401;
	if (strlen(req->remote_user) > HALT_USER_MAX ||
	    store_user_get(app->store, req->remote_user, &c->user) != STORE_OK) {
		memset(&c->user, 0, sizeof(c->user));
		return app_error(c, 403, "Uw account is niet bekend in dit systeem. "
		    "Neem contact op met de functioneel beheerder.");
	}
	if (!c->user.actief || (c->rol = app_rol(c->user.rol)) == 0) {
		memset(&c->user, 0, sizeof(c->user));
		return app_error(c, 403, "Uw account is uitgeschakeld. "
		    "Neem contact op met de functioneel beheerder.");
	}
	c->actor.user = c->user.name;

	if ((rc = route_find(app_routes, sizeof(app_routes) / sizeof(app_routes[0]),
	    req->method, req->path, m, allow, allowsz)) != 0)
		return rc;
	c->match = m;
	c->actor.action = app_handlers[m->route->id].action;
	c->regel = app_handlers[m->route->id].regel;
	if ((app_handlers[m->route->id].roles & c->rol) == 0)
		return app_weigering(c, 403, NULL);
	if (req->method == HTTP_POST) {
		token = http_param_get(&req->body, "csrf");
		if (token == NULL || csrf_verify(app->secret, c->user.name,
		    c->now, token) != 0)
			return app_weigering(c, 403, "Het formulier is verlopen "
			    "of komt niet van deze website. Open het formulier "
			    "opnieuw en verstuur het nog een keer.");
	}
	return app_handlers[m->route->id].fn(c);
}

void
app_serve(const struct app *app, struct arena *a, char **envp,
    FCGX_Stream *in, FCGX_Stream *out)
{
	struct ctx c;
	struct http_request req;
	struct route_match m;
	char allow[64];
	int status;

	memset(&c, 0, sizeof(c));
	memset(&req, 0, sizeof(req));
	c.app = app;
	c.arena = a;
	allow[0] = '\0';
	status = app_dispatch(&c, envp, in, &req, &m, allow, sizeof(allow));
	app_respond(&c, out, status, status == 405 ? allow : NULL);
	/* Only the status and the route pattern: never paths with ids, never values. */
	log_info("%s %d %s", req.method < HTTP__MAX ? http_methods[req.method] : "-",
	    status, c.match != NULL ? c.match->route->pattern : "-");
	if (c.content != NULL)
		xmlFreeDoc(c.content);
}

void
app_open(struct app *app, const char *datadir, const char *formsdir,
    const char *xsltdir)
{
	char path[4096], err[512];

	memset(app, 0, sizeof(*app));
	xml_init();
	snprintf(path, sizeof(path), "%s/halt.conf", datadir);
	if (config_load(path, &app->config, err, sizeof(err)) == -1)
		log_fatalx("config: %s", err);
	snprintf(path, sizeof(path), "%s/store", datadir);
	if (mkdir(path, 0700) == -1 && errno != EEXIST)
		log_fatal("mkdir %s", path);
	if (store_open(&app->store, path, app->config.mapsize) != STORE_OK)
		log_fatalx("cannot open the store in %s", path);
	if (form_set_load(formsdir, &app->forms, err, sizeof(err)) == -1)
		log_fatalx("form definitions: %s", err);
	/* The step order is declared in the step forms: read it once, here. */
	if (wf_load(app->forms, app->steps) == -1)
		log_fatalx("form definitions: a step form (forms/stap-*.xml) is "
		    "missing or declares too many <needs>");
	if (render_open(&app->render, xsltdir, err, sizeof(err)) == -1)
		log_fatalx("stylesheets: %s", err);
	snprintf(path, sizeof(path), "%s/csrf.key", datadir);
	if (csrf_secret_load(path, app->secret) == -1)
		log_fatalx("cannot load or create %s", path);
}

void
app_close(struct app *app)
{
	render_close(app->render);
	form_set_free(app->forms);
	store_close(app->store);
	config_free(&app->config);
	OPENSSL_cleanse(app->secret, sizeof(app->secret));
}
