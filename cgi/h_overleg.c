/* h_overleg.c: consultations with the national contact: ask, inbox, read, answer, add information. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/tree.h>

#include "app.h"
#include "arena.h"
#include "form.h"
#include "limits.h"
#include "workflow.h"
#include "xml.h"

/* What a POST on one overleg does. */
enum overleg_daad {
	OVERLEG_LEZEN,
	OVERLEG_ANTWOORD,
	OVERLEG_AANVULLING,
};

struct overleg_args {
	struct ctx		*c;
	enum overleg_daad	 daad;
	const char		*id;		/* the route's id */
	xmlDocPtr		 values;	/* form_validate() result, POST only */
	int			 nerrors;
	xmlDocPtr		 doc;		/* the record as read (pages) */
	char			 nieuw[HALT_ID_MAX + 1];
	const char		*melding;	/* Dutch sentence for a 409 */
	int			 outcome;	/* HTTP status decided inside the txn */
};

/* "YYYY-MM-DD HH:MM", local time of the request. */
static const char *
overleg_nu(struct ctx *c)
{
	struct tm tm;
	char buf[32];

	localtime_r(&c->now, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm);
	return arena_printf(c->arena, "%s", buf);
}

/* The last bericht of soort (with behalve: of any other soort), or NULL. */
static xmlNodePtr
overleg_laatste(xmlNodePtr root, const char *soort, int behalve)
{
	xmlNodePtr n, last = NULL;
	const char *s;

	for (n = root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "bericht") == 0 &&
		    (s = xml_attr(n, "soort")) != NULL &&
		    (strcmp(s, soort) == 0) != behalve)
			last = n;
	return last;
}

/* Since when the question waits: the last message of the asker. */
static const char *
overleg_sinds(xmlNodePtr root)
{
	xmlNodePtr last = overleg_laatste(root, "antwoord", 1);
	const char *s;

	if (last != NULL && (s = xml_attr(last, "wanneer")) != NULL)
		return s;
	return xml_attr(root, "aangemaakt");
}

static xmlNodePtr
overleg_bericht(struct ctx *c, xmlNodePtr root, const char *soort,
    const char *tekst, const char *advies)
{
	xmlNodePtr n;

	n = xml_add_text(root, "bericht", tekst);
	xmlNewProp(n, (const xmlChar *)"soort", (const xmlChar *)soort);
	xmlNewProp(n, (const xmlChar *)"wie", (const xmlChar *)c->user.name);
	xmlNewProp(n, (const xmlChar *)"wanneer", (const xmlChar *)overleg_nu(c));
	if (advies != NULL)
		xmlNewProp(n, (const xmlChar *)"advies", (const xmlChar *)advies);
	return n;
}

/* ---- asking ---- */

int
h_overleg_nieuw(struct ctx *c)
{
	struct form_ctx fc;

	if ((c->form = form_get(c->app->forms, "overleg")) == NULL)
		return app_error(c, 500, NULL);
	app_form_ctx(c, &fc);
	/* ?criteria=a&criteria=b&zaak=Z...: the fields of the form, nothing else. */
	if ((c->content = form_fill(c->form, &c->req->query, &fc)) == NULL)
		return app_error(c, 500, NULL);
	return 200;
}

/* The new record from the validated question. */
static xmlDocPtr
overleg_record(struct overleg_args *a)
{
	struct ctx *c = a->c;
	xmlDocPtr doc;
	xmlNodePtr root, v, n;
	const char *naam, *w;

	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return NULL;
	root = xmlNewNode(NULL, (const xmlChar *)"overleg");
	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, (const xmlChar *)"status", (const xmlChar *)"open");
	xmlNewProp(root, (const xmlChar *)"vrager", (const xmlChar *)c->user.name);
	xmlNewProp(root, (const xmlChar *)"rol", (const xmlChar *)c->user.rol);
	xmlNewProp(root, (const xmlChar *)"aangemaakt",
	    (const xmlChar *)overleg_nu(c));
	xml_add_text(root, "vraag", form_value(a->values, "vraag"));
	for (v = xmlDocGetRootElement(a->values)->children; v != NULL; v = v->next) {
		if (v->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)v->name, "waarde") != 0 ||
		    (naam = xml_attr(v, "naam")) == NULL ||
		    strcmp(naam, "criteria") != 0)
			continue;
		n = xmlNewChild(root, NULL, (const xmlChar *)"criterium", NULL);
		xmlNewProp(n, (const xmlChar *)"code", v->children != NULL ?
		    v->children->content : (const xmlChar *)"");
	}
	if ((w = form_value(a->values, "leeftijd_jongere")) != NULL && *w != '\0')
		xml_add_text(root, "leeftijd_jongere", w);
	if ((w = form_value(a->values, "zaak")) != NULL && *w != '\0')
		xml_add_text(root, "zaak", w);
	overleg_bericht(c, root, "vraag", form_value(a->values, "vraag"), NULL);
	return doc;
}

static int
overleg_vraag_txn(struct store_txn *txn, void *arg)
{
	struct overleg_args *a = arg;
	xmlDocPtr doc, zaak;
	const char *z;
	int rc, ok;

	store_audit_object(txn, "overleg");
	/* A linked zaak must be one this asker may read: no probing of ids. */
	if ((z = form_value(a->values, "zaak")) != NULL && *z != '\0') {
		rc = store_get(txn, STORE_ZAAK, z, &zaak);
		if (rc != STORE_OK && rc != STORE_NOTFOUND && rc != STORE_INVALID)
			return rc;
		ok = rc == STORE_OK && access_mag(a->c, REGEL_ZAAK_LEZEN,
		    xmlDocGetRootElement(zaak));
		if (rc == STORE_OK)
			xmlFreeDoc(zaak);
		if (!ok) {
			form_add_error(a->values, "zaak", "De zaak bij deze vraag "
			    "bestaat niet of u heeft er geen toegang toe.");
			a->outcome = 422;
			return STORE_INVALID;
		}
	}
	if ((doc = overleg_record(a)) == NULL)
		return STORE_NOMEM;
	a->nieuw[0] = '\0';
	rc = store_put(txn, STORE_OVERLEG, a->nieuw, doc, 0, "vraag gesteld");
	xmlFreeDoc(doc);
	if (rc == STORE_OK)
		a->outcome = 303;
	return rc;
}

int
h_overleg_post(struct ctx *c)
{
	struct overleg_args a;
	struct form_ctx fc;
	int rc;

	if ((c->form = form_get(c->app->forms, "overleg")) == NULL)
		return app_error(c, 500, NULL);
	app_form_ctx(c, &fc);
	memset(&a, 0, sizeof(a));
	a.c = c;
	if ((a.values = form_validate(c->form, &c->req->body, &fc,
	    &a.nerrors)) == NULL)
		return app_error(c, 500, NULL);
	if (a.nerrors > 0) {
		c->content = a.values;
		return 422;
	}
	rc = store_write(c->app->store, &c->actor, overleg_vraag_txn, &a);
	if (a.outcome == 422) {
		c->content = a.values;
		return 422;
	}
	xmlFreeDoc(a.values);
	if (rc != STORE_OK || a.outcome != 303)
		return app_error(c, 500, NULL);
	c->location = arena_printf(c->arena, "/overleg/%s", a.nieuw);
	return 303;
}

/* ---- lists ---- */

struct overleg_lijst {
	struct ctx		*c;
	struct store_txn	*txn;
	xmlNodePtr		 lijst;
	size_t			 n;
	int			 meer;
};

static int
overleg_lijst_cb(const char *id, void *arg)
{
	struct overleg_lijst *l = arg;
	struct ctx *c = l->c;
	xmlDocPtr doc;
	xmlNodePtr o, r, n, ant;
	const char *sinds;
	long dagen;
	int rc;

	if (l->n == HALT_PAGE_SIZE) {
		l->meer = 1;
		return 1;
	}
	if ((rc = store_get(l->txn, STORE_OVERLEG, id, &doc)) != STORE_OK)
		return rc == STORE_NOTFOUND ? 0 : rc;
	o = xmlDocGetRootElement(doc);
	/* An index is no permission: the route's record rule decides what is listed. */
	if (access_record(c, o)) {
		r = xmlNewChild(l->lijst, NULL, (const xmlChar *)"rij", NULL);
		xmlNewProp(r, (const xmlChar *)"id", (const xmlChar *)id);
		xmlNewProp(r, (const xmlChar *)"status",
		    (const xmlChar *)xml_attr(o, "status"));
		xmlNewProp(r, (const xmlChar *)"vrager",
		    (const xmlChar *)xml_attr(o, "vrager"));
		xmlNewProp(r, (const xmlChar *)"rol",
		    (const xmlChar *)xml_attr(o, "rol"));
		xmlNewProp(r, (const xmlChar *)"aangemaakt",
		    (const xmlChar *)xml_attr(o, "aangemaakt"));
		sinds = overleg_sinds(o);
		if (sinds != NULL) {
			xmlNewProp(r, (const xmlChar *)"sinds", (const xmlChar *)sinds);
			/* sinds is "YYYY-MM-DD HH:MM": whole days count from its date. */
			dagen = wf_dagen(arena_strndup(c->arena, sinds, 10), c->today);
			if (dagen >= 0)
				xmlNewProp(r, (const xmlChar *)"wachtdagen",
				    (const xmlChar *)arena_printf(c->arena, "%ld", dagen));
		}
		xml_add_text(r, "vraag", xml_child_text(o, "vraag"));
		for (n = o->children; n != NULL; n = n->next)
			if (n->type == XML_ELEMENT_NODE &&
			    strcmp((const char *)n->name, "criterium") == 0)
				xmlAddChild(r, xmlDocCopyNode(n, r->doc, 1));
		if ((ant = overleg_laatste(o, "antwoord", 0)) != NULL)
			xmlAddChild(r, xmlDocCopyNode(ant, r->doc, 1));
		l->n++;
	}
	xmlFreeDoc(doc);
	return 0;
}

/* One list under the root: name, the index to scan, its order. */
static int
overleg_lijst_scan(struct overleg_lijst *l, xmlNodePtr root, const char *naam,
    const char *index, const char *value, int reverse)
{
	size_t total = 0;
	int rc;

	l->lijst = xmlNewChild(root, NULL, (const xmlChar *)"lijst", NULL);
	xmlNewProp(l->lijst, (const xmlChar *)"naam", (const xmlChar *)naam);
	l->n = 0;
	l->meer = 0;
	rc = store_index_scan(l->txn, index, value, NULL, reverse,
	    overleg_lijst_cb, l);
	/* The audit object is the list, not the last overleg its scan read. */
	store_audit_object(l->txn, "overleg");
	if (rc != STORE_OK)
		return rc;
	if (store_index_count(l->txn, index, value, &total) == STORE_OK)
		xmlNewProp(l->lijst, (const xmlChar *)"totaal",
		    (const xmlChar *)arena_printf(l->c->arena, "%zu", total));
	if (l->meer)
		xmlNewProp(l->lijst, (const xmlChar *)"meer", (const xmlChar *)"ja");
	return STORE_OK;
}

static int
overleg_lijst_txn(struct store_txn *txn, void *arg)
{
	struct overleg_lijst *l = arg;
	struct ctx *c = l->c;
	xmlNodePtr root = xmlDocGetRootElement(c->content);
	int rc;

	store_audit_object(txn, "overleg");
	l->txn = txn;
	/* A rerun after map growth starts from an empty list. */
	while (root->children != NULL) {
		xmlNodePtr n = root->children;
		xmlUnlinkNode(n);
		xmlFreeNode(n);
	}
	if (c->rol == ROL_CONTACT) {
		/* Open first, oldest first; then the latest answered ones. */
		if ((rc = overleg_lijst_scan(l, root, "open", "status", "open",
		    0)) != STORE_OK)
			return rc;
		return overleg_lijst_scan(l, root, "beantwoord", "status",
		    "beantwoord", 1);
	}
	return overleg_lijst_scan(l, root, "mijn", "vrager", c->user.name, 1);
}

int
h_overleg_lijst(struct ctx *c)
{
	struct overleg_lijst l;
	xmlNodePtr root;

	memset(&l, 0, sizeof(l));
	l.c = c;
	if ((c->content = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return app_error(c, 500, NULL);
	root = xmlNewNode(NULL, (const xmlChar *)"overleggen");
	xmlDocSetRootElement(c->content, root);
	xmlNewProp(root, (const xmlChar *)"rol", (const xmlChar *)c->user.rol);
	if (store_write(c->app->store, &c->actor, overleg_lijst_txn, &l) != STORE_OK)
		return app_error(c, 500, NULL);
	return 200;
}

/* ---- one overleg: read, answer, add information ---- */

/* Copy the route id into a buffer store_put may use. */
static int
overleg_id(const struct overleg_args *a, char *buf)
{
	if (a->id == NULL || strlen(a->id) > HALT_ID_MAX)
		return -1;
	snprintf(buf, HALT_ID_MAX + 1, "%s", a->id);
	return 0;
}

/*
 * The asker opens an answer that is new to them: it is no longer new. The
 * same transaction that reads (and audits) the overleg records that, so
 * the page shows the versie it leaves behind.
 */
static int
overleg_gelezen(struct ctx *c, struct store_txn *txn, char *id, xmlNodePtr root)
{
	const char *vrager = xml_attr(root, "vrager"), *nieuw = xml_attr(root, "nieuw");
	const char *v = xml_attr(root, "versie");

	if (vrager == NULL || strcmp(vrager, c->user.name) != 0 ||
	    nieuw == NULL || strcmp(nieuw, "ja") != 0 || v == NULL)
		return STORE_OK;
	xmlUnsetProp(root, (const xmlChar *)"nieuw");
	return store_put(txn, STORE_OVERLEG, id, root->doc, store_versie(v),
	    "antwoord gelezen");
}

static int
overleg_txn(struct store_txn *txn, void *arg)
{
	struct overleg_args *a = arg;
	struct ctx *c = a->c;
	xmlNodePtr root, last;
	const char *status, *advies, *tekst;
	char id[HALT_ID_MAX + 1];
	unsigned long versie;
	int rc;

	/* fn may run again after map growth: start from nothing. */
	xmlFreeDoc(a->doc);
	a->doc = NULL;
	a->outcome = 0;
	if (overleg_id(a, id) == -1) {
		a->outcome = 404;
		return STORE_NOTFOUND;
	}
	/* Who answers and who adds is the route's roles; the record is its rule. */
	if ((rc = access_load(c, txn, STORE_OVERLEG, id, &a->doc)) != STORE_OK) {
		if (rc == STORE_NOTFOUND || rc == STORE_INVALID)
			a->outcome = 404;
		else if (rc == STORE_DENIED)
			a->outcome = 403;
		return rc == STORE_INVALID ? STORE_NOTFOUND : rc;
	}
	root = xmlDocGetRootElement(a->doc);
	if (a->daad == OVERLEG_LEZEN) {
		a->outcome = 200;
		return overleg_gelezen(c, txn, id, root);
	}
	if (a->nerrors > 0) {
		a->outcome = 422;
		return STORE_INVALID;
	}
	status = xml_attr(root, "status");
	last = overleg_laatste(root, "antwoord", 0);
	advies = last != NULL ? xml_attr(last, "advies") : NULL;
	if (a->daad == OVERLEG_ANTWOORD &&
	    (status == NULL || strcmp(status, "open") != 0)) {
		a->melding = "Deze vraag is al beantwoord. Bekijk het overleg opnieuw.";
		a->outcome = 409;
		return STORE_CONFLICT;
	}
	if (a->daad == OVERLEG_AANVULLING && (status == NULL ||
	    strcmp(status, "beantwoord") != 0 || advies == NULL ||
	    strcmp(advies, "meer-informatie") != 0)) {
		a->melding = "U kunt alleen informatie aanvullen als de landelijk "
		    "contactpersoon daarom vraagt. Bekijk het overleg opnieuw.";
		a->outcome = 409;
		return STORE_CONFLICT;
	}
	/* The versie the form was rendered from: store_put refuses any other. */
	versie = store_versie(form_value(a->values, "versie"));
	tekst = form_value(a->values, "toelichting");
	if (a->daad == OVERLEG_ANTWOORD) {
		advies = form_value(a->values, "advies");
		overleg_bericht(c, root, "antwoord", tekst, advies);
		xmlSetProp(root, (const xmlChar *)"status",
		    (const xmlChar *)"beantwoord");
		xmlSetProp(root, (const xmlChar *)"advies", (const xmlChar *)advies);
		/* Until the asker opens it, the start page counts it as new. */
		xmlSetProp(root, (const xmlChar *)"nieuw", (const xmlChar *)"ja");
	} else {
		overleg_bericht(c, root, "aanvulling", tekst, NULL);
		xmlSetProp(root, (const xmlChar *)"status", (const xmlChar *)"open");
		xmlUnsetProp(root, (const xmlChar *)"nieuw");
	}
	rc = store_put(txn, STORE_OVERLEG, id, a->doc, versie,
	    a->daad == OVERLEG_ANTWOORD ? "advies gegeven" : "informatie aangevuld");
	if (rc == STORE_CONFLICT) {
		a->melding = "Het overleg is intussen gewijzigd. Bekijk het "
		    "overleg opnieuw voordat u verder gaat.";
		a->outcome = 409;
	} else if (rc == STORE_OK)
		a->outcome = 303;
	return rc;
}

/* Criterion codes with their Dutch sentences from the question form. */
static void
overleg_labels(struct ctx *c, xmlNodePtr root)
{
	const struct form *f = form_get(c->app->forms, "overleg");
	xmlNodePtr def, fld, ch, n;
	const char *code, *naam, *val;

	if (f == NULL || (def = form_definition(f)) == NULL)
		return;
	for (fld = def->children; fld != NULL; fld = fld->next) {
		if (fld->type != XML_ELEMENT_NODE ||
		    (naam = xml_attr(fld, "name")) == NULL ||
		    strcmp(naam, "criteria") != 0)
			continue;
		for (n = root->children; n != NULL; n = n->next) {
			if (n->type != XML_ELEMENT_NODE ||
			    strcmp((const char *)n->name, "criterium") != 0 ||
			    (code = xml_attr(n, "code")) == NULL)
				continue;
			for (ch = fld->children; ch != NULL; ch = ch->next)
				if (ch->type == XML_ELEMENT_NODE &&
				    (val = xml_attr(ch, "value")) != NULL &&
				    strcmp(val, code) == 0) {
					xmlChar *t = xmlNodeGetContent(ch);
					xmlNodeSetContent(n, NULL);
					xmlNodeAddContent(n, t);
					xmlFree(t);
				}
		}
	}
}

/*
 * The page of one overleg: the record, and the form this user can use now
 * (the contact's answer while open; the asker's addition after
 * meer-informatie), with values (a 422) or blank with the current versie.
 */
static int
overleg_page(struct overleg_args *a, int status)
{
	struct ctx *c = a->c;
	xmlNodePtr root, last, fnode;
	xmlDocPtr values = a->values;
	struct form_ctx fc;
	struct http_params prefill;
	struct http_param p;
	const char *st, *advies, *naam = NULL, *pad = NULL;

	root = xmlDocGetRootElement(a->doc);
	st = xml_attr(root, "status");
	last = overleg_laatste(root, "antwoord", 0);
	advies = last != NULL ? xml_attr(last, "advies") : NULL;
	if (c->rol == ROL_CONTACT && st != NULL && strcmp(st, "open") == 0) {
		naam = "overleg-antwoord";
		pad = "antwoord";
	} else if (c->rol != ROL_CONTACT && st != NULL &&
	    strcmp(st, "beantwoord") == 0 && advies != NULL &&
	    strcmp(advies, "meer-informatie") == 0) {
		naam = "overleg-aanvulling";
		pad = "aanvulling";
	}
	overleg_labels(c, root);
	if (naam != NULL && (c->form = form_get(c->app->forms, naam)) != NULL) {
		if (values == NULL || (st = xml_attr(xmlDocGetRootElement(values),
		    "naam")) == NULL || strcmp(st, naam) != 0) {
			app_form_ctx(c, &fc);
			p.name = "versie";
			p.value = xml_attr(root, "versie");
			p.len = p.value != NULL ? strlen(p.value) : 0;
			prefill.v = &p;
			prefill.n = p.value != NULL ? 1 : 0;
			values = form_fill(c->form, &prefill, &fc);
		}
		if (values != NULL) {
			fnode = xmlDocCopyNode(xmlDocGetRootElement(values),
			    a->doc, 1);
			xmlSetProp(fnode, (const xmlChar *)"actie", (const xmlChar *)
			    arena_printf(c->arena, "/overleg/%s/%s",
			    xml_attr(root, "id"), pad));
			xmlAddChild(root, fnode);
			if (values != a->values)
				xmlFreeDoc(values);
		}
	}
	c->content = a->doc;
	a->doc = NULL;
	return status;
}

/* Run one read or write on the overleg of the route; the HTTP status. */
static int
overleg_run(struct ctx *c, struct overleg_args *a)
{
	int rc, status;

	a->c = c;
	a->id = route_param(c->match, "id");
	rc = store_write(c->app->store, &c->actor, overleg_txn, a);
	switch (a->outcome) {
	case 200:
	case 422:
		status = rc == STORE_OK || a->outcome == 422 ?
		    overleg_page(a, a->outcome) : app_error(c, 500, NULL);
		break;
	case 303:
		status = rc == STORE_OK ? 303 : app_error(c, 500, NULL);
		if (status == 303)
			c->location = arena_printf(c->arena, "/overleg/%s", a->id);
		break;
	case 403:
		status = app_error(c, 403, "U heeft geen toegang tot dit overleg.");
		break;
	case 404:
		status = app_error(c, 404, "Dit overleg bestaat niet.");
		break;
	case 409:
		status = app_error(c, 409, a->melding);
		break;
	default:
		status = app_error(c, 500, NULL);
		break;
	}
	xmlFreeDoc(a->doc);
	xmlFreeDoc(a->values);
	return status;
}

int
h_overleg(struct ctx *c)
{
	struct overleg_args a;

	memset(&a, 0, sizeof(a));
	a.daad = OVERLEG_LEZEN;
	return overleg_run(c, &a);
}

/* POST with form name: validate, then the txn decides. */
static int
overleg_post(struct ctx *c, enum overleg_daad daad, const char *naam)
{
	struct overleg_args a;
	const struct form *f;
	struct form_ctx fc;

	if ((f = form_get(c->app->forms, naam)) == NULL)
		return app_error(c, 500, NULL);
	app_form_ctx(c, &fc);
	memset(&a, 0, sizeof(a));
	a.daad = daad;
	if ((a.values = form_validate(f, &c->req->body, &fc, &a.nerrors)) == NULL)
		return app_error(c, 500, NULL);
	return overleg_run(c, &a);
}

int
h_overleg_antwoord(struct ctx *c)
{
	return overleg_post(c, OVERLEG_ANTWOORD, "overleg-antwoord");
}

int
h_overleg_aanvulling(struct ctx *c)
{
	return overleg_post(c, OVERLEG_AANVULLING, "overleg-aanvulling");
}

/* ---- the overleg a zaak names ---- */

struct overleg_zaak {
	struct ctx	*c;
	const char	*id;		/* the overleg the referral names */
	xmlNodePtr	 zaak;		/* the zaak as read under its record rule */
	xmlNodePtr	 samenvatting;	/* built here, added by the caller */
};

static int
overleg_zaak_txn(struct store_txn *txn, void *arg)
{
	struct overleg_zaak *z = arg;
	xmlDocPtr doc;
	xmlNodePtr o, s, ant;
	const char *vrager, *officier, *zid, *ozaak;
	int rc;

	xmlFreeNode(z->samenvatting);
	z->samenvatting = NULL;
	if ((rc = store_get(txn, STORE_OVERLEG, z->id, &doc)) != STORE_OK)
		return rc == STORE_INVALID ? STORE_NOTFOUND : rc;
	o = xmlDocGetRootElement(doc);
	/*
	 * A referral can name any id: show the overleg only when the officier
	 * of this zaak asked it, or it was asked about this very zaak.
	 */
	vrager = xml_attr(o, "vrager");
	officier = xml_attr(z->zaak, "officier");
	zid = xml_attr(z->zaak, "id");
	ozaak = xml_child_text(o, "zaak");
	if (!((vrager != NULL && officier != NULL && strcmp(vrager, officier) == 0) ||
	    (ozaak != NULL && zid != NULL && strcmp(ozaak, zid) == 0))) {
		xmlFreeDoc(doc);
		return STORE_DENIED;
	}
	s = xmlNewNode(NULL, (const xmlChar *)"overleg-advies");
	xmlNewProp(s, (const xmlChar *)"id", (const xmlChar *)z->id);
	xmlNewProp(s, (const xmlChar *)"status", (const xmlChar *)xml_attr(o, "status"));
	xml_add_text(s, "vraag", xml_child_text(o, "vraag"));
	if ((ant = overleg_laatste(o, "antwoord", 0)) != NULL)
		xmlAddChild(s, xmlCopyNode(ant, 1));
	z->samenvatting = s;
	xmlFreeDoc(doc);
	return STORE_OK;
}

int
overleg_bij_zaak(struct ctx *c, xmlNodePtr zaak)
{
	struct overleg_zaak z;
	const char *action = c->actor.action;
	int rc;

	memset(&z, 0, sizeof(z));
	z.c = c;
	z.zaak = zaak;
	z.id = xml_child_text(zaak, "overleg");
	if (z.id == NULL || *z.id == '\0' || strlen(z.id) > HALT_ID_MAX)
		return 0;
	/* Its own audit entry: reading an overleg is audited as such. */
	c->actor.action = "overleg.lezen";
	rc = store_write(c->app->store, &c->actor, overleg_zaak_txn, &z);
	c->actor.action = action;
	if (rc != STORE_OK || z.samenvatting == NULL) {
		xmlFreeNode(z.samenvatting);
		return rc == STORE_NOTFOUND || rc == STORE_DENIED ? 0 : -1;
	}
	xmlSetTreeDoc(z.samenvatting, zaak->doc);
	xmlAddChild(zaak, z.samenvatting);
	return 0;
}
