/* h_zaak.c: the worklist, the dossier and the cover sheet of a zaak, per role and per record. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "app.h"
#include "arena.h"
#include "form.h"
#include "limits.h"
#include "workflow.h"
#include "xml.h"

/* Statuses a worklist can be filtered on. */
static const char *const zaak_statussen[] = {
	"aangemeld", "toegewezen", "in-behandeling", "retour",
	"afgerond-positief", "afgerond-negatief", NULL
};

struct zaak_lijst {
	struct ctx		*c;
	struct store_txn	*txn;
	xmlNodePtr		 root;
	size_t			 n;
	char			 laatste[HALT_ID_MAX + 1];
	int			 meer;
	int			 eigen;		/* halt-medewerker: own zaken only */
	int			 halt;		/* rows get volgende, dagen, medewerker */
	const struct wf_stap	*steps;		/* app->steps */
};

/* What Halt sees per row: who has it, the next step, days since the referral. */
static void
zaak_lijst_halt(struct zaak_lijst *l, xmlNodePtr z, xmlNodePtr r)
{
	struct ctx *c = l->c;
	const char *v;
	enum wf_fase fase = wf_fase(xml_attr(z, "status"));
	long dagen;

	if ((v = xml_attr(z, "medewerker")) != NULL && *v != '\0')
		xmlNewProp(r, (const xmlChar *)"medewerker", (const xmlChar *)v);
	if ((v = stappen_volgende(c->arena, l->steps, z)) != NULL)
		xmlNewProp(r, (const xmlChar *)"volgende", (const xmlChar *)v);
	/* Running time counts while the zaak is open; a closed one stopped. */
	dagen = wf_dagen(xml_attr(z, "aangemeld"), fase == WF_AFGESLOTEN ||
	    fase == WF_RETOUR ? xml_attr(z, "afgesloten") : c->today);
	if (dagen >= 0)
		xmlNewProp(r, (const xmlChar *)"dagen",
		    (const xmlChar *)arena_printf(c->arena, "%ld", dagen));
}

static int
zaak_lijst_cb(const char *id, void *arg)
{
	struct zaak_lijst *l = arg;
	xmlDocPtr doc;
	xmlNodePtr z, r, t;
	static const char *const velden[] = { "parketnummer", "regio",
	    "jongere_voornaam", "jongere_achternaam", "datum_beslissing", NULL };
	const char *const *f;
	int rc;

	if (l->n == HALT_PAGE_SIZE) {
		l->meer = 1;
		return 1;
	}
	if ((rc = store_get(l->txn, STORE_ZAAK, id, &doc)) != STORE_OK)
		return rc == STORE_NOTFOUND ? 0 : rc;
	z = xmlDocGetRootElement(doc);
	/* An index is no permission: the route's record rule decides what is listed. */
	if (access_record(l->c, z)) {
		r = xmlNewChild(l->root, NULL, (const xmlChar *)"rij", NULL);
		xmlNewProp(r, (const xmlChar *)"id", (const xmlChar *)id);
		xmlNewProp(r, (const xmlChar *)"status",
		    (const xmlChar *)xml_attr(z, "status"));
		xmlNewProp(r, (const xmlChar *)"aangemeld",
		    (const xmlChar *)xml_attr(z, "aangemeld"));
		for (f = velden; *f != NULL; f++)
			xml_add_text(r, *f, xml_child_text(z, *f));
		for (t = z->children; t != NULL; t = t->next)
			if (t->type == XML_ELEMENT_NODE &&
			    strcmp((const char *)t->name, "toets") == 0)
				xmlNewProp(r, (const xmlChar *)"uitkomst",
				    (const xmlChar *)xml_attr(t, "uitkomst"));
		if (l->halt)
			zaak_lijst_halt(l, z, r);
		l->n++;
		snprintf(l->laatste, HALT_ID_MAX + 1, "%s", id);
	}
	xmlFreeDoc(doc);
	return 0;
}

static int
zaak_lijst_txn(struct store_txn *txn, void *arg)
{
	struct zaak_lijst *l = arg;
	struct ctx *c = l->c;
	const char *status = http_param_get(&c->req->query, "status");
	const char *na = http_param_get(&c->req->query, "na");
	const char *index, *value;
	size_t total = 0;
	int rc;

	store_audit_object(txn, "zaken");
	l->txn = txn;
	if (status != NULL && *status == '\0')
		status = NULL;
	if (c->rol == ROL_OFFICIER) {
		index = "officier";
		value = c->user.name;
	} else if (l->eigen && status != NULL) {
		index = "medewerker-status";
		value = arena_printf(c->arena, "%s|%s", c->user.name, status);
	} else if (l->eigen) {
		index = "medewerker";
		value = c->user.name;
	} else if (status != NULL) {
		index = "regio-status";
		value = arena_printf(c->arena, "%s|%s", c->user.werkgebied, status);
	} else {
		index = "regio";
		value = c->user.werkgebied;
	}
	if (status != NULL)
		xmlNewProp(l->root, (const xmlChar *)"status", (const xmlChar *)status);
	rc = store_index_scan(txn, index, value, na, 1, zaak_lijst_cb, l);
	/* The audit object is the list, not the last zaak its scan read. */
	store_audit_object(txn, "zaken");
	if (rc != STORE_OK)
		return rc;
	if (store_index_count(txn, index, value, &total) == STORE_OK)
		xmlNewProp(l->root, (const xmlChar *)"totaal",
		    (const xmlChar *)arena_printf(c->arena, "%zu", total));
	if (l->meer)
		xmlNewProp(l->root, (const xmlChar *)"volgende",
		    (const xmlChar *)l->laatste);
	return STORE_OK;
}

int
h_zaken(struct ctx *c)
{
	struct zaak_lijst l;
	const char *status = http_param_get(&c->req->query, "status");
	const char *na = http_param_get(&c->req->query, "na");
	const char *mijn = http_param_get(&c->req->query, "mijn");
	const char *const *s;
	int rc;

	if (status != NULL && *status != '\0') {
		for (s = zaak_statussen; *s != NULL; s++)
			if (strcmp(*s, status) == 0)
				break;
		if (*s == NULL)
			return app_error(c, 400, "Onbekende status in het filter.");
	}
	if (na != NULL && (strlen(na) != 9 || na[0] != 'Z'))
		return app_error(c, 400, "Onbekende pagina.");
	if (mijn != NULL && *mijn != '\0' && strcmp(mijn, "1") != 0)
		return app_error(c, 400, "Onbekend filter.");
	memset(&l, 0, sizeof(l));
	l.c = c;
	/* Only a halt-medewerker has zaken of his own; for others the filter means nothing. */
	l.eigen = c->rol == ROL_MEDEWERKER && mijn != NULL && *mijn != '\0';
	l.halt = c->rol == ROL_ADMIN || c->rol == ROL_MEDEWERKER;
	l.steps = c->app->steps;
	c->content = xmlNewDoc((const xmlChar *)"1.0");
	l.root = xmlNewNode(NULL, (const xmlChar *)"zaken");
	xmlDocSetRootElement(c->content, l.root);
	xmlNewProp(l.root, (const xmlChar *)"rol", (const xmlChar *)c->user.rol);
	if (l.eigen)
		xmlNewProp(l.root, (const xmlChar *)"mijn", (const xmlChar *)"ja");
	rc = store_write(c->app->store, &c->actor, zaak_lijst_txn, &l);
	if (rc != STORE_OK)
		return app_error(c, 500, NULL);
	return 200;
}

struct zaak_lees {
	struct ctx	*c;
	const char	*id;
	xmlDocPtr	 doc;
	xmlDocPtr	 events;
};

static int
zaak_lees_txn(struct store_txn *txn, void *arg)
{
	struct zaak_lees *z = arg;
	int rc;

	if ((rc = access_load(z->c, txn, STORE_ZAAK, z->id, &z->doc)) != STORE_OK)
		return rc;
	if ((rc = store_events(txn, STORE_ZAAK, z->id, &z->events)) != STORE_OK) {
		xmlFreeDoc(z->doc);
		z->doc = NULL;
		return rc;
	}
	return STORE_OK;
}

/* The person keys serve the index only; no page or XML answer shows them. */
static void
zaak_zonder_sleutels(xmlNodePtr zaak)
{
	xmlNodePtr n, next;

	for (n = zaak->children; n != NULL; n = next) {
		next = n->next;
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "persoon") == 0) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		}
	}
}

/* Read one zaak under the record rule; the status to answer with. */
static int
zaak_lees(struct ctx *c, struct zaak_lees *z)
{
	int rc;

	memset(z, 0, sizeof(*z));
	z->c = c;
	z->id = route_param(c->match, "id");
	rc = store_write(c->app->store, &c->actor, zaak_lees_txn, z);
	switch (rc) {
	case STORE_OK:
		return 200;
	case STORE_NOTFOUND:
		return app_error(c, 404, "Deze zaak bestaat niet.");
	case STORE_DENIED:
		return app_error(c, 403, "U heeft geen toegang tot deze zaak.");
	default:
		return app_error(c, 500, NULL);
	}
}

int
h_zaak(struct ctx *c)
{
	struct zaak_lees z;
	xmlNodePtr root;
	int status;

	if ((status = zaak_lees(c, &z)) != 200)
		return status;
	root = xmlDocGetRootElement(z.doc);
	zaak_zonder_sleutels(root);
	c->form = form_get(c->app->forms, "verwijzing");
	if (http_param_get(&c->req->query, "nieuw") != NULL)
		xmlNewProp(root, (const xmlChar *)"nieuw", (const xmlChar *)"ja");
	if (z.events != NULL)
		xmlAddChild(root, xmlDocCopyNode(xmlDocGetRootElement(z.events),
		    z.doc, 1));
	xmlFreeDoc(z.events);
	c->content = z.doc;
	/* The task list for Halt; for the officier no internal notes. */
	if (stappen_dossier(c, root) == -1)
		return app_error(c, 500, NULL);
	/* The question and advice of the overleg the referral names. */
	if (overleg_bij_zaak(c, root) == -1)
		return app_error(c, 500, NULL);
	return 200;
}

int
h_voorblad(struct ctx *c)
{
	struct zaak_lees z;
	xmlNodePtr root;
	int status;

	if ((status = zaak_lees(c, &z)) != 200)
		return status;
	xmlFreeDoc(z.events);
	zaak_zonder_sleutels(xmlDocGetRootElement(z.doc));
	if (stappen_dossier(c, xmlDocGetRootElement(z.doc)) == -1) {
		xmlFreeDoc(z.doc);
		return app_error(c, 500, NULL);
	}
	c->form = form_get(c->app->forms, "verwijzing");
	c->content = xmlNewDoc((const xmlChar *)"1.0");
	root = xmlNewNode(NULL, (const xmlChar *)"voorblad");
	xmlDocSetRootElement(c->content, root);
	xmlAddChild(root, xmlDocCopyNode(xmlDocGetRootElement(z.doc), c->content, 1));
	xmlFreeDoc(z.doc);
	return 200;
}
