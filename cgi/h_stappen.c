/* h_stappen.c: registration and assignment of a zaak, and every step of the intervention. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "app.h"
#include "arena.h"
#include "form.h"
#include "limits.h"
#include "workflow.h"
#include "xml.h"

/* Submitted names that are the request's mechanics, not the step's content. */
static const char *const stap_mechanics[] = { "csrf", "versie", "datum", NULL };

/* Fields only Halt sees: the officier gets the outcome, not the notes. */
static const char *const stap_intern[] = { "toelichting", "zorgpunten",
    "instantie", "kader", "afspraken", NULL };

static xmlNodePtr
stap_child(xmlNodePtr parent, const char *name)
{
	xmlNodePtr n;

	for (n = parent->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

/* The recorded steps of a zaak, pointing into its tree; the count. */
static size_t
stap_gedaan(struct arena *a, xmlNodePtr zaak, struct wf_gedaan **out)
{
	xmlNodePtr st, n;
	size_t k = 0;

	*out = NULL;
	if ((st = stap_child(zaak, "stappen")) == NULL)
		return 0;
	for (n = st->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			k++;
	if (k == 0 || (*out = arena_alloc(a, k * sizeof(**out))) == NULL)
		return 0;
	k = 0;
	for (n = st->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || xml_attr(n, "naam") == NULL)
			continue;
		(*out)[k].naam = xml_attr(n, "naam");
		(*out)[k].datum = xml_attr(n, "datum");
		k++;
	}
	return k;
}

/* <taken><taak stap staat datum keer reden/>...</taken>: the task list of the dossier. */
static int
stappen_taken(struct ctx *c, xmlNodePtr zaak)
{
	const struct wf_stap *steps = c->app->steps;
	struct wf_taak t[WF_NSTAPPEN];
	struct wf_gedaan *done;
	xmlNodePtr taken, n;
	size_t i, ndone;

	ndone = stap_gedaan(c->arena, zaak, &done);
	wf_taken(steps, WF_NSTAPPEN, done, ndone, wf_fase(xml_attr(zaak, "status")), t);
	taken = xmlNewChild(zaak, NULL, (const xmlChar *)"taken", NULL);
	for (i = 0; i < WF_NSTAPPEN; i++) {
		n = xmlNewChild(taken, NULL, (const xmlChar *)"taak", NULL);
		xmlNewProp(n, (const xmlChar *)"stap", (const xmlChar *)t[i].naam);
		xmlNewProp(n, (const xmlChar *)"staat",
		    (const xmlChar *)wf_staten[t[i].staat]);
		if (steps[i].herhaalbaar)
			xmlNewProp(n, (const xmlChar *)"herhaalbaar",
			    (const xmlChar *)"ja");
		if (t[i].datum != NULL)
			xmlNewProp(n, (const xmlChar *)"datum",
			    (const xmlChar *)t[i].datum);
		xmlNewProp(n, (const xmlChar *)"keer",
		    (const xmlChar *)arena_printf(c->arena, "%zu", t[i].keer));
		if (t[i].reden[0] != '\0' && t[i].staat != WF_AFGEROND)
			xmlNewProp(n, (const xmlChar *)"reden",
			    (const xmlChar *)t[i].reden);
	}
	return 0;
}

/* The officier gets the outcome, not Halt's internal notes. */
static void
stappen_voor_officier(xmlNodePtr zaak)
{
	xmlNodePtr st, n;
	const char *const *f;
	const char *naam;

	if ((st = stap_child(zaak, "stappen")) == NULL)
		return;
	for (n = st->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		naam = xml_attr(n, "naam");
		/* The hertoetsing's reason is what goes back to the OM. */
		if (naam != NULL && strcmp(naam, "hertoetsing") == 0)
			continue;
		for (f = stap_intern; *f != NULL; f++)
			xmlUnsetProp(n, (const xmlChar *)*f);
	}
}

struct stappen_mw {
	const char	*werkgebied;
	xmlNodePtr	 list;
};

static int
stappen_mw_cb(const struct store_user *u, void *arg)
{
	struct stappen_mw *m = arg;
	xmlNodePtr n;

	/* Only who may be assigned: active, trained, of the werkgebied. */
	if (u->actief && u->getraind && strcmp(u->rol, "halt-medewerker") == 0 &&
	    strcmp(u->werkgebied, m->werkgebied) == 0) {
		n = xmlNewChild(m->list, NULL, (const xmlChar *)"medewerker", NULL);
		xmlNewProp(n, (const xmlChar *)"naam", (const xmlChar *)u->name);
	}
	return 0;
}

int
stappen_dossier(struct ctx *c, xmlNodePtr zaak)
{
	struct stappen_mw m;
	enum wf_fase fase = wf_fase(xml_attr(zaak, "status"));

	if (c->rol == ROL_OFFICIER) {
		stappen_voor_officier(zaak);
		return 0;
	}
	if (c->rol != ROL_ADMIN && c->rol != ROL_MEDEWERKER)
		return 0;
	if (stappen_taken(c, zaak) == -1)
		return -1;
	if (c->rol == ROL_ADMIN && (fase == WF_NIET_TOEGEWEZEN || fase == WF_OPEN)) {
		m.werkgebied = c->user.werkgebied;
		m.list = xmlNewChild(zaak, NULL, (const xmlChar *)"medewerkers", NULL);
		if (store_user_each(c->app->store, stappen_mw_cb, &m) != STORE_OK)
			return -1;
	}
	return 0;
}

const char *
stappen_volgende(struct arena *a, const struct wf_stap *steps, xmlNodePtr zaak)
{
	struct wf_taak t[WF_NSTAPPEN];
	struct wf_gedaan *done;
	enum wf_fase fase = wf_fase(xml_attr(zaak, "status"));
	size_t ndone;

	if (fase == WF_NIET_TOEGEWEZEN)
		return "registratie";
	if (fase != WF_OPEN)
		return NULL;
	ndone = stap_gedaan(a, zaak, &done);
	wf_taken(steps, WF_NSTAPPEN, done, ndone, fase, t);
	return wf_volgende(steps, WF_NSTAPPEN, t);
}

/* --- registration and assignment --- */

struct registratie {
	struct ctx		*c;
	const char		*id;
	const struct store_user	*mw;
	unsigned long		 versie;
	int			 outcome;
	const char		*reden;
};

static int
registratie_txn(struct store_txn *txn, void *arg)
{
	struct registratie *r = arg;
	struct ctx *c = r->c;
	xmlDocPtr doc;
	xmlNodePtr zaak, tw, n;
	const char *status, *oud, *regio;
	int rc;

	r->outcome = 0;
	/* The route's rule: a halt-admin of the zaak's werkgebied. */
	if ((rc = access_load(c, txn, STORE_ZAAK, r->id, &doc)) != STORE_OK)
		return rc;
	zaak = xmlDocGetRootElement(doc);
	status = xml_attr(zaak, "status");
	if (wf_fase(status) != WF_NIET_TOEGEWEZEN && wf_fase(status) != WF_OPEN) {
		r->outcome = 409;
		r->reden = "Deze zaak is afgesloten of teruggestuurd naar het OM en "
		    "kan niet meer worden toegewezen.";
		xmlFreeDoc(doc);
		return STORE_CONFLICT;
	}
	regio = xml_child_text(zaak, "regio");
	if (regio == NULL || strcmp(regio, r->mw->werkgebied) != 0) {
		r->outcome = 422;
		r->reden = "Deze medewerker werkt niet in het werkgebied van de zaak.";
		xmlFreeDoc(doc);
		return STORE_INVALID;
	}
	oud = xml_attr(zaak, "medewerker");
	oud = oud != NULL && *oud != '\0' ? arena_strdup(c->arena, oud) : NULL;
	xmlSetProp(zaak, (const xmlChar *)"medewerker", (const xmlChar *)r->mw->name);
	if (strcmp(status, "aangemeld") == 0) {
		xmlSetProp(zaak, (const xmlChar *)"status", (const xmlChar *)"toegewezen");
		xmlSetProp(zaak, (const xmlChar *)"geregistreerd",
		    (const xmlChar *)c->today);
	}
	/* The history of assignments stays in the record, next to the events. */
	if ((tw = stap_child(zaak, "toewijzingen")) == NULL)
		tw = xmlNewChild(zaak, NULL, (const xmlChar *)"toewijzingen", NULL);
	n = xmlNewChild(tw, NULL, (const xmlChar *)"toewijzing", NULL);
	xmlNewProp(n, (const xmlChar *)"medewerker", (const xmlChar *)r->mw->name);
	xmlNewProp(n, (const xmlChar *)"datum", (const xmlChar *)c->today);
	xmlNewProp(n, (const xmlChar *)"door", (const xmlChar *)c->user.name);
	rc = store_put(txn, STORE_ZAAK, (char *)r->id, doc, r->versie,
	    oud == NULL ? "geregistreerd en toegewezen" : "opnieuw toegewezen");
	xmlFreeDoc(doc);
	if (rc == STORE_CONFLICT) {
		r->outcome = 409;
		r->reden = "De zaak is intussen gewijzigd. Bekijk de zaak opnieuw en "
		    "wijs haar dan toe.";
	}
	return rc;
}

/* The registration form again, with what was typed and why it was refused. */
static int
registratie_form(struct ctx *c, const char *id, xmlDocPtr values,
    const char *reden, int status)
{
	if (reden != NULL)
		form_add_error(values, "medewerker", reden);
	xmlSetProp(xmlDocGetRootElement(values), (const xmlChar *)"actie",
	    (const xmlChar *)arena_printf(c->arena, "/zaken/%s/registratie", id));
	c->content = values;
	return status;
}

int
h_registratie(struct ctx *c)
{
	struct registratie r;
	struct store_user mw;
	struct form_ctx fc;
	xmlDocPtr values;
	const char *naam;
	int nerrors, rc;

	memset(&r, 0, sizeof(r));
	r.c = c;
	r.id = route_param(c->match, "id");
	if ((c->form = form_get(c->app->forms, "registratie")) == NULL)
		return app_error(c, 500, NULL);
	app_form_ctx(c, &fc);
	if ((values = form_validate(c->form, &c->req->body, &fc, &nerrors)) == NULL)
		return app_error(c, 500, NULL);
	if (nerrors > 0)
		return registratie_form(c, r.id, values, NULL, 422);
	naam = form_value(values, "medewerker");
	r.versie = store_versie(form_value(values, "versie"));
	if (strlen(naam) > HALT_USER_MAX ||
	    store_user_get(c->app->store, naam, &mw) != STORE_OK ||
	    strcmp(mw.rol, "halt-medewerker") != 0 || !mw.actief)
		return registratie_form(c, r.id, values, "Dit is geen actieve "
		    "Halt-medewerker. Kies een Halt-medewerker uit uw werkgebied.", 422);
	if (strcmp(mw.werkgebied, c->user.werkgebied) != 0)
		return registratie_form(c, r.id, values, "Deze medewerker werkt "
		    "niet in uw werkgebied. Kies een Halt-medewerker uit uw "
		    "werkgebied.", 422);
	if (!mw.getraind)
		return registratie_form(c, r.id, values, "Deze medewerker is niet "
		    "getraind voor de Halt-interventie sexting. Kies een getrainde "
		    "Halt-medewerker.", 422);
	r.mw = &mw;
	rc = store_write(c->app->store, &c->actor, registratie_txn, &r);
	switch (rc) {
	case STORE_OK:
		xmlFreeDoc(values);
		c->location = arena_printf(c->arena, "/zaken/%s", r.id);
		return 303;
	case STORE_NOTFOUND:
		xmlFreeDoc(values);
		return app_error(c, 404, "Deze zaak bestaat niet.");
	case STORE_DENIED:
		xmlFreeDoc(values);
		return app_error(c, 403, "U heeft geen toegang tot deze zaak.");
	default:
		if (r.outcome != 0)
			return registratie_form(c, r.id, values, r.reden, r.outcome);
		xmlFreeDoc(values);
		return app_error(c, 500, NULL);
	}
}

/* --- the steps --- */

struct stap_args {
	struct ctx		*c;
	const char		*id;
	const char		*naam;
	const struct wf_stap	*steps;		/* app->steps */
	xmlDocPtr		 values;	/* NULL on GET */
	int			 nerrors;
	unsigned long		 versie;	/* posted; on GET and on 409 the current one */
	int			 outcome;
	int			 stale;		/* the 409 is a stale versie, not the order */
	char			 reden[WF_REDEN_MAX];
};

static const char *
stap_waarde(void *arg, const char *name)
{
	return form_value(arg, name);
}

/* The zaak's new status after this step, or NULL when it stays. */
static const char *
stap_nieuwe_status(const char *naam, const char *status, xmlDocPtr values)
{
	const char *v;

	if (strcmp(naam, "hertoetsing") == 0 &&
	    (v = form_value(values, "voldoet")) != NULL && strcmp(v, "nee") == 0)
		return "retour";
	if (strcmp(naam, "afsluiting") == 0 &&
	    (v = form_value(values, "uitkomst")) != NULL)
		return strcmp(v, "positief") == 0 ? "afgerond-positief" :
		    "afgerond-negatief";
	if (strcmp(status, "toegewezen") == 0)
		return "in-behandeling";
	return NULL;
}

/* Append <stap naam datum door vastgelegd field=value...> to <stappen>. */
static void
stap_append(struct stap_args *s, xmlNodePtr zaak)
{
	xmlNodePtr st, n, v;
	const char *name, *const *m;

	if ((st = stap_child(zaak, "stappen")) == NULL)
		st = xmlNewChild(zaak, NULL, (const xmlChar *)"stappen", NULL);
	n = xmlNewChild(st, NULL, (const xmlChar *)"stap", NULL);
	xmlNewProp(n, (const xmlChar *)"naam", (const xmlChar *)s->naam);
	xmlNewProp(n, (const xmlChar *)"datum",
	    (const xmlChar *)form_value(s->values, "datum"));
	xmlNewProp(n, (const xmlChar *)"door", (const xmlChar *)s->c->user.name);
	xmlNewProp(n, (const xmlChar *)"vastgelegd", (const xmlChar *)s->c->today);
	for (v = xmlDocGetRootElement(s->values)->children; v != NULL; v = v->next) {
		if (v->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)v->name, "waarde") != 0 ||
		    (name = xml_attr(v, "naam")) == NULL)
			continue;
		for (m = stap_mechanics; *m != NULL; m++)
			if (strcmp(*m, name) == 0)
				break;
		if (*m != NULL || xmlHasProp(n, (const xmlChar *)name) != NULL)
			continue;
		xmlNewProp(n, (const xmlChar *)name, v->children != NULL ?
		    v->children->content : (const xmlChar *)"");
	}
}

static int
stap_txn(struct store_txn *txn, void *arg)
{
	struct stap_args *s = arg;
	struct ctx *c = s->c;
	struct wf_gedaan *done;
	xmlDocPtr doc;
	xmlNodePtr zaak;
	const char *status, *nieuw, *aangemeld, *datum;
	unsigned long huidig;
	size_t ndone;
	int rc;

	s->outcome = s->stale = 0;
	/* The route's rule: only the assigned worker, in the own werkgebied. */
	if ((rc = access_load(c, txn, STORE_ZAAK, s->id, &doc)) != STORE_OK)
		return rc;
	zaak = xmlDocGetRootElement(doc);
	status = xml_attr(zaak, "status");
	huidig = store_versie(xml_attr(zaak, "versie"));
	ndone = stap_gedaan(c->arena, zaak, &done);
	if (wf_mag(s->steps, WF_NSTAPPEN, done, ndone, wf_fase(status), s->naam,
	    s->values != NULL ? stap_waarde : NULL, s->values, s->reden,
	    sizeof(s->reden)) != WF_MAG) {
		s->outcome = 409;
		xmlFreeDoc(doc);
		return STORE_CONFLICT;
	}
	if (s->values == NULL) {
		/* GET: the form may be shown; nothing is written. */
		s->versie = huidig;
		s->outcome = 200;
		xmlFreeDoc(doc);
		return STORE_INVALID;
	}
	if (s->versie != huidig) {
		s->versie = huidig;
		s->outcome = 409;
		s->stale = 1;
		snprintf(s->reden, sizeof(s->reden), "De zaak is intussen gewijzigd. "
		    "Controleer de zaak en verstuur deze stap opnieuw: wat u invulde "
		    "staat hieronder.");
		xmlFreeDoc(doc);
		return STORE_CONFLICT;
	}
	aangemeld = xml_attr(zaak, "aangemeld");
	datum = form_value(s->values, "datum");
	if (s->nerrors == 0 && aangemeld != NULL && datum != NULL &&
	    strcmp(datum, aangemeld) < 0) {
		form_add_error(s->values, "datum", arena_printf(c->arena,
		    "De datum kan niet voor de verwijzing liggen (%s).", aangemeld));
		s->nerrors++;
	}
	if (s->nerrors > 0) {
		s->outcome = 422;
		xmlFreeDoc(doc);
		return STORE_INVALID;
	}
	nieuw = stap_nieuwe_status(s->naam, status, s->values);
	stap_append(s, zaak);
	if (nieuw != NULL) {
		xmlSetProp(zaak, (const xmlChar *)"status", (const xmlChar *)nieuw);
		if (wf_fase(nieuw) != WF_OPEN)
			xmlSetProp(zaak, (const xmlChar *)"afgesloten",
			    (const xmlChar *)datum);
	}
	rc = store_put(txn, STORE_ZAAK, (char *)s->id, doc, s->versie,
	    arena_printf(c->arena, "stap %s vastgelegd", s->naam));
	xmlFreeDoc(doc);
	if (rc == STORE_CONFLICT) {
		s->outcome = 409;
		s->stale = 1;
		snprintf(s->reden, sizeof(s->reden), "De zaak is intussen gewijzigd. "
		    "Verstuur deze stap opnieuw.");
	}
	return rc;
}

/* Common start of GET and POST: the step must exist. 0, or the status to answer. */
static int
stap_begin(struct ctx *c, struct stap_args *s)
{
	size_t i;
	char name[64];

	memset(s, 0, sizeof(*s));
	s->c = c;
	s->id = route_param(c->match, "id");
	s->naam = route_param(c->match, "stap");
	for (i = 0; i < WF_NSTAPPEN; i++)
		if (s->naam != NULL && strcmp(wf_stappen[i], s->naam) == 0)
			break;
	if (i == WF_NSTAPPEN)
		return app_error(c, 404, "Deze stap bestaat niet.");
	snprintf(name, sizeof(name), "stap-%s", s->naam);
	if ((c->form = form_get(c->app->forms, name)) == NULL)
		return app_error(c, 500, NULL);
	s->steps = c->app->steps;
	return 0;
}

/* The status for a store_write result that is not a page of the form. */
static int
stap_fout(struct ctx *c, struct stap_args *s, int rc)
{
	switch (rc) {
	case STORE_NOTFOUND:
		return app_error(c, 404, "Deze zaak bestaat niet.");
	case STORE_DENIED:
		return app_error(c, 403, "Alleen de Halt-medewerker aan wie deze zaak "
		    "is toegewezen kan stappen vastleggen.");
	default:
		if (s->outcome == 409)
			return app_error(c, 409, arena_printf(c->arena,
			    "Deze stap kan nu niet worden vastgelegd. %s", s->reden));
		return app_error(c, 500, NULL);
	}
}

/* Point the form at this zaak's step and carry the versie it was rendered from. */
static void
stap_form_page(struct stap_args *s, xmlDocPtr doc)
{
	struct ctx *c = s->c;
	xmlNodePtr root = xmlDocGetRootElement(doc), v, next;

	xmlSetProp(root, (const xmlChar *)"actie", (const xmlChar *)arena_printf(
	    c->arena, "/zaken/%s/stappen/%s", s->id, s->naam));
	xmlSetProp(root, (const xmlChar *)"zaak", (const xmlChar *)s->id);
	xmlSetProp(root, (const xmlChar *)"terug", (const xmlChar *)arena_printf(
	    c->arena, "/zaken/%s", s->id));
	for (v = root->children; v != NULL; v = next) {
		next = v->next;
		if (v->type == XML_ELEMENT_NODE && xml_attr(v, "naam") != NULL &&
		    strcmp(xml_attr(v, "naam"), "versie") == 0) {
			xmlUnlinkNode(v);
			xmlFreeNode(v);
		}
	}
	v = xml_add_text(root, "waarde", arena_printf(c->arena, "%lu", s->versie));
	xmlNewProp(v, (const xmlChar *)"naam", (const xmlChar *)"versie");
	c->content = doc;
}

int
h_stap(struct ctx *c)
{
	struct stap_args s;
	struct form_ctx fc;
	struct http_params prefill;
	struct http_param p;
	xmlDocPtr doc;
	int rc;

	if ((rc = stap_begin(c, &s)) != 0)
		return rc;
	rc = store_write(c->app->store, &c->actor, stap_txn, &s);
	if (s.outcome != 200)
		return stap_fout(c, &s, rc);
	app_form_ctx(c, &fc);
	/* Most steps are recorded on the day they happen. */
	p.name = "datum";
	p.value = c->today;
	p.len = strlen(c->today);
	prefill.v = &p;
	prefill.n = 1;
	if ((doc = form_fill(c->form, &prefill, &fc)) == NULL)
		return app_error(c, 500, NULL);
	stap_form_page(&s, doc);
	return 200;
}

int
h_stap_post(struct ctx *c)
{
	struct stap_args s;
	struct form_ctx fc;
	int rc;

	if ((rc = stap_begin(c, &s)) != 0)
		return rc;
	app_form_ctx(c, &fc);
	if ((s.values = form_validate(c->form, &c->req->body, &fc,
	    &s.nerrors)) == NULL)
		return app_error(c, 500, NULL);
	s.versie = store_versie(form_value(s.values, "versie"));
	rc = store_write(c->app->store, &c->actor, stap_txn, &s);
	if (rc == STORE_OK) {
		xmlFreeDoc(s.values);
		c->location = arena_printf(c->arena, "/zaken/%s", s.id);
		return 303;
	}
	if (s.outcome == 422 || (s.outcome == 409 && s.stale)) {
		/* Nothing typed is lost: the form comes back with the values. */
		if (s.stale)
			form_add_error(s.values, "versie", s.reden);
		stap_form_page(&s, s.values);
		return s.outcome;
	}
	xmlFreeDoc(s.values);
	return stap_fout(c, &s, rc);
}
