/* h_verwijzing.c: the officier's referral: the form, the eligibility check, submitting the zaak. */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "app.h"
#include "arena.h"
#include "eligibility.h"
#include "form.h"
#include "limits.h"
#include "persoon.h"
#include "xml.h"

/* Fields that are the request's mechanics, not the referral's content. */
static const char *const verwijzing_mechanics[] = { "csrf", "actie", NULL };

/* What the store says about earlier zaken of the same jongere. */
struct verwijzing_eerder {
	char	 keys[PERSOON_KEYS_MAX][PERSOON_KEY_LEN + 1];
	size_t	 nkeys;
	char	 open_id[HALT_ID_MAX + 1];	/* an open zaak: a duplicate */
	int	 open_same;			/* ... the same referral sent again */
	int	 gesloten;			/* a closed zaak: eerder-sexting */
	const char *officier, *parketnummer;
	xmlNodePtr definitie;			/* the form's fields */
	xmlDocPtr values;			/* what was submitted now */
	struct store_txn *txn;
};

struct verwijzing_args {
	struct ctx		*c;
	xmlDocPtr		 values;	/* form_validate() result */
	struct verwijzing_eerder eerder;
	int			 indienen;
	char			 id[HALT_ID_MAX + 1];
	int			 outcome;	/* HTTP status decided inside the txn */
	struct elig_result	 toets;
};

static const char *
verwijzing_get(void *arg, const char *name)
{
	return form_value(arg, name);
}

static int
verwijzing_status_open(const char *status)
{
	return strcmp(status, "aangemeld") == 0 ||
	    strcmp(status, "toegewezen") == 0 ||
	    strcmp(status, "in-behandeling") == 0;
}

static int
verwijzing_mechanic(const char *name)
{
	const char *const *m;

	for (m = verwijzing_mechanics; *m != NULL; m++)
		if (strcmp(*m, name) == 0)
			return 1;
	return 0;
}

/*
 * Whether the zaak holds exactly the submitted answers, walking every field
 * of the definition so that an answer emptied since counts as a change too.
 */
static int
verwijzing_zelfde(xmlNodePtr def, xmlNodePtr zaak, xmlDocPtr values)
{
	xmlNodePtr n;
	const char *name, *nu, *was;

	for (n = def->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "field") != 0) {
			if (!verwijzing_zelfde(n, zaak, values))
				return 0;
			continue;
		}
		if ((name = xml_attr(n, "name")) == NULL ||
		    verwijzing_mechanic(name))
			continue;
		if ((nu = form_value(values, name)) == NULL)
			nu = "";
		if ((was = xml_child_text(zaak, name)) == NULL)
			was = "";
		if (strcmp(nu, was) != 0)
			return 0;
	}
	return 1;
}

static int
verwijzing_eerder_cb(const char *id, void *arg)
{
	struct verwijzing_eerder *e = arg;
	xmlDocPtr doc;
	xmlNodePtr root;
	const char *status, *officier, *parket;
	int rc, same;

	if ((rc = store_get(e->txn, STORE_ZAAK, id, &doc)) != STORE_OK)
		return rc == STORE_NOTFOUND ? 0 : rc;
	root = xmlDocGetRootElement(doc);
	status = xml_attr(root, "status");
	officier = xml_attr(root, "officier");
	parket = xml_child_text(root, "parketnummer");
	if (status != NULL && verwijzing_status_open(status)) {
		/*
		 * A second click on "indienen" sends the same answers again.
		 * Changed answers (back in the browser, one answer changed) are
		 * no double click: they are refused as a duplicate, not dropped
		 * behind a confirmation of the earlier zaak.
		 */
		same = officier != NULL && parket != NULL &&
		    strcmp(officier, e->officier) == 0 &&
		    strcmp(parket, e->parketnummer) == 0 &&
		    verwijzing_zelfde(e->definitie, root, e->values);
		if (e->open_id[0] == '\0' || same) {
			snprintf(e->open_id, HALT_ID_MAX + 1, "%s", id);
			e->open_same = same;
		}
	} else if (status != NULL && strncmp(status, "afgerond-", 9) == 0)
		e->gesloten = 1;
	/* A "retour" zaak counts for neither. */
	xmlFreeDoc(doc);
	return 0;
}

static int
verwijzing_eerder(struct store_txn *txn, struct verwijzing_eerder *e)
{
	size_t i;
	int rc;

	e->txn = txn;
	e->open_id[0] = '\0';
	e->open_same = e->gesloten = 0;
	for (i = 0; i < e->nkeys; i++)
		if ((rc = store_index_scan(txn, "persoon", e->keys[i], NULL, 0,
		    verwijzing_eerder_cb, e)) != STORE_OK)
			return rc;
	return STORE_OK;
}

/* Fill the <toets> element t: uitkomst= and one <reden code soort>zin</reden> per criterion. */
static void
verwijzing_toets_fill(xmlNodePtr t, const struct elig_result *r)
{
	xmlNodePtr n;
	size_t i;

	xmlNewProp(t, (const xmlChar *)"uitkomst",
	    (const xmlChar *)elig_uitkomsten[r->uitkomst]);
	for (i = 0; i < r->n; i++) {
		n = xml_add_text(t, "reden", r->reden[i].zin);
		xmlNewProp(n, (const xmlChar *)"code", (const xmlChar *)r->reden[i].code);
		xmlNewProp(n, (const xmlChar *)"soort", (const xmlChar *)r->reden[i].soort);
	}
}

/* The zaak record: referral values as elements, the check, person keys. */
static xmlDocPtr
verwijzing_zaak(struct verwijzing_args *a)
{
	struct ctx *c = a->c;
	xmlDocPtr doc;
	xmlNodePtr root, n, v;
	const char *name;
	size_t i;

	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return NULL;
	root = xmlNewNode(NULL, (const xmlChar *)"zaak");
	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, (const xmlChar *)"status", (const xmlChar *)"aangemeld");
	xmlNewProp(root, (const xmlChar *)"officier", (const xmlChar *)c->user.name);
	xmlNewProp(root, (const xmlChar *)"medewerker", (const xmlChar *)"");
	xmlNewProp(root, (const xmlChar *)"aangemeld",
	    (const xmlChar *)arena_printf(c->arena, "%s", c->today));
	for (v = xmlDocGetRootElement(a->values)->children; v != NULL; v = v->next) {
		if (v->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)v->name, "waarde") != 0 ||
		    (name = xml_attr(v, "naam")) == NULL)
			continue;
		if (verwijzing_mechanic(name))
			continue;
		n = xmlNewChild(root, NULL, (const xmlChar *)name, NULL);
		xmlAddChild(n, xmlNewText(v->children != NULL ?
		    v->children->content : (const xmlChar *)""));
	}
	verwijzing_toets_fill(xmlNewChild(root, NULL, (const xmlChar *)"toets", NULL),
	    &a->toets);
	for (i = 0; i < a->eerder.nkeys; i++) {
		n = xmlNewChild(root, NULL, (const xmlChar *)"persoon", NULL);
		xmlNewProp(n, (const xmlChar *)"sleutel",
		    (const xmlChar *)a->eerder.keys[i]);
	}
	return doc;
}

/*
 * The overleg a referral names must exist and be this officier's own
 * question: a zaak shows it, so naming someone else's would disclose it.
 */
static int
verwijzing_overleg(struct store_txn *txn, struct verwijzing_args *a)
{
	const char *id = form_value(a->values, "overleg"), *vrager;
	xmlDocPtr doc;
	int rc, eigen;

	if (id == NULL || *id == '\0')
		return STORE_OK;
	if (strlen(id) > HALT_ID_MAX)
		rc = STORE_NOTFOUND;
	else
		rc = store_get(txn, STORE_OVERLEG, id, &doc);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	eigen = 0;
	if (rc == STORE_OK) {
		vrager = xml_attr(xmlDocGetRootElement(doc), "vrager");
		eigen = vrager != NULL && strcmp(vrager, a->c->user.name) == 0;
		xmlFreeDoc(doc);
	}
	if (eigen)
		return STORE_OK;
	a->outcome = 422;
	form_add_error(a->values, "overleg", "Er is geen overleg met dit nummer "
	    "dat u zelf heeft gevraagd. Controleer het nummer.");
	return STORE_INVALID;
}

static int
verwijzing_txn(struct store_txn *txn, void *arg)
{
	struct verwijzing_args *a = arg;
	struct elig_input in;
	const char *bad, *motivering;
	xmlDocPtr zaak;
	int rc;

	store_audit_object(txn, "verwijzing");
	if ((rc = verwijzing_eerder(txn, &a->eerder)) != STORE_OK)
		return rc;
	if (elig_parse_values(verwijzing_get, a->values, &in, &bad) == -1) {
		/* The form validated these fields: reaching here is a definition bug. */
		a->outcome = 500;
		return STORE_INVALID;
	}
	in.eerder_sexting_systeem = a->eerder.gesloten;
	elig_check(&in, &a->toets);
	if (!a->indienen) {
		a->outcome = 200;
		return STORE_INVALID;	/* nothing to write: the audit entry stays */
	}
	if (a->eerder.open_id[0] != '\0') {
		if (a->eerder.open_same) {
			/* A second click on "indienen": the zaak exists, show it. */
			snprintf(a->id, HALT_ID_MAX + 1, "%s", a->eerder.open_id);
			a->outcome = 303;
			return STORE_INVALID;
		}
		a->outcome = 422;
		form_add_error(a->values, "jongere_achternaam",
		    arena_printf(a->c->arena, "Voor deze jongere loopt al zaak %s. "
		    "Een jongere kan niet twee keer tegelijk worden verwezen.",
		    a->eerder.open_id));
		return STORE_CONFLICT;
	}
	if (a->toets.uitkomst == ELIG_NIET_GESCHIKT) {
		a->outcome = 422;
		form_add_error(a->values, "actie", "De jongere voldoet niet aan de "
		    "criteria: de verwijzing kan niet worden ingediend. Een andere "
		    "interventie is wenselijk.");
		return STORE_INVALID;
	}
	if ((rc = verwijzing_overleg(txn, a)) != STORE_OK)
		return rc;
	motivering = form_value(a->values, "motivering");
	if (a->toets.uitkomst == ELIG_TWIJFEL_UITKOMST &&
	    (motivering == NULL || *motivering == '\0')) {
		a->outcome = 422;
		form_add_error(a->values, "motivering", "Vul een motivering in. Bij "
		    "twijfel kunt u alleen verwijzen als u uitlegt waarom.");
		return STORE_INVALID;
	}
	if ((zaak = verwijzing_zaak(a)) == NULL)
		return STORE_NOMEM;
	a->id[0] = '\0';
	rc = store_put(txn, STORE_ZAAK, a->id, zaak, 0, "verwijzing ingediend");
	xmlFreeDoc(zaak);
	if (rc == STORE_OK)
		a->outcome = 303;
	return rc;
}

/* The check page's model: <toets> with the answers as a <formulier> inside. */
static int
verwijzing_toets_page(struct verwijzing_args *a, int status)
{
	struct ctx *c = a->c;
	xmlDocPtr doc;
	xmlNodePtr t;

	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return app_error(c, 500, NULL);
	t = xmlNewNode(NULL, (const xmlChar *)"toets");
	xmlDocSetRootElement(doc, t);
	verwijzing_toets_fill(t, &a->toets);
	if (a->eerder.gesloten)
		xmlNewProp(t, (const xmlChar *)"eerdere-zaak", (const xmlChar *)"ja");
	xmlAddChild(t, xmlDocCopyNode(xmlDocGetRootElement(a->values), doc, 1));
	c->content = doc;
	return status;
}

int
h_verwijzing_nieuw(struct ctx *c)
{
	struct form_ctx fc;
	struct http_params prefill;
	struct http_param p[2];
	const char *overleg = http_param_get(&c->req->query, "overleg");

	if ((c->form = form_get(c->app->forms, "verwijzing")) == NULL)
		return app_error(c, 500, NULL);
	app_form_ctx(c, &fc);
	p[0].name = "verwijzer_naam";
	p[0].value = c->user.name;
	p[0].len = strlen(c->user.name);
	prefill.v = p;
	prefill.n = 1;
	/* From the answer of an overleg: the referral names it (checked on submit). */
	if (overleg != NULL) {
		p[1].name = "overleg";
		p[1].value = overleg;
		p[1].len = strlen(overleg);
		prefill.n = 2;
	}
	if ((c->content = form_fill(c->form, &prefill, &fc)) == NULL)
		return app_error(c, 500, NULL);
	return 200;
}

int
h_verwijzing_post(struct ctx *c)
{
	struct verwijzing_args a;
	struct form_ctx fc;
	const char *actie;
	int nerrors, rc;

	if ((c->form = form_get(c->app->forms, "verwijzing")) == NULL)
		return app_error(c, 500, NULL);
	app_form_ctx(c, &fc);
	memset(&a, 0, sizeof(a));
	a.c = c;
	if ((a.values = form_validate(c->form, &c->req->body, &fc, &nerrors)) == NULL)
		return app_error(c, 500, NULL);
	actie = form_value(a.values, "actie");
	if (actie != NULL && strcmp(actie, "wijzigen") == 0) {
		/* Back from the check page to the form, every answer kept. */
		xmlFreeDoc(a.values);
		c->content = form_fill(c->form, &c->req->body, &fc);
		return c->content == NULL ? app_error(c, 500, NULL) : 200;
	}
	if (nerrors > 0) {
		c->content = a.values;
		return 422;
	}
	a.indienen = actie != NULL && strcmp(actie, "indienen") == 0;
	a.eerder.officier = c->user.name;
	a.eerder.parketnummer = form_value(a.values, "parketnummer");
	a.eerder.definitie = form_definition(c->form);
	a.eerder.values = a.values;
	a.eerder.nkeys = persoon_keys(c->app->secret, form_value(a.values, "skn"),
	    form_value(a.values, "jongere_voornaam"),
	    form_value(a.values, "jongere_achternaam"),
	    form_value(a.values, "jongere_geboortedatum"), a.eerder.keys);
	c->actor.action = a.indienen ? "verwijzing.indienen" : "verwijzing.controleren";
	rc = store_write(c->app->store, &c->actor, verwijzing_txn, &a);
	if (rc != STORE_OK && a.outcome == 0) {
		xmlFreeDoc(a.values);
		return app_error(c, 500, NULL);
	}
	if (a.outcome == 303) {
		xmlFreeDoc(a.values);
		c->location = arena_printf(c->arena, "/zaken/%s?nieuw=1", a.id);
		return 303;
	}
	if (a.outcome == 500) {
		xmlFreeDoc(a.values);
		return app_error(c, 500, NULL);
	}
	rc = verwijzing_toets_page(&a, a.outcome);
	xmlFreeDoc(a.values);
	return rc;
}
