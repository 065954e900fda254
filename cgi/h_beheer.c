/* h_beheer.c: functioneel beheer in the browser: the audit log, filtered and paged, without case content. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "app.h"
#include "arena.h"
#include "limits.h"
#include "xml.h"

struct beheer_audit {
	struct ctx		*c;
	xmlNodePtr		 root;
	const char		*zaak;		/* "zaak/ID" or "overleg/ID", or NULL */
	const char		*overleg;
	const char		*gebruiker;
	size_t			 n;
	unsigned long long	 laatste;
	int			 meer;
};

/* An id as the routes accept it: [A-Za-z0-9-], 1 to HALT_ID_MAX bytes. */
static int
beheer_id_ok(const char *s)
{
	size_t n;

	for (n = 0; s[n] != '\0'; n++)
		if (!((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= '0' && s[n] <= '9') || s[n] == '-'))
			return 0;
	return n > 0 && n <= HALT_ID_MAX;
}

static int
beheer_audit_cb(const struct store_audit_entry *e, void *arg)
{
	struct beheer_audit *b = arg;
	xmlNodePtr r;

	if (b->zaak != NULL && strcmp(e->object, b->zaak) != 0 &&
	    strcmp(e->object, b->overleg) != 0)
		return 0;
	if (b->gebruiker != NULL && strcmp(e->actor, b->gebruiker) != 0)
		return 0;
	if (b->n == HALT_PAGE_SIZE) {
		b->meer = 1;
		return 1;
	}
	/* The entry's own fields only: ids, never what a record holds. */
	r = xmlNewChild(b->root, NULL, (const xmlChar *)"regel", NULL);
	xmlNewProp(r, (const xmlChar *)"seq",
	    (const xmlChar *)arena_printf(b->c->arena, "%llu", e->seq));
	xmlNewProp(r, (const xmlChar *)"tijd", (const xmlChar *)e->tijd);
	xmlNewProp(r, (const xmlChar *)"actor", (const xmlChar *)e->actor);
	xmlNewProp(r, (const xmlChar *)"herkomst", (const xmlChar *)e->origin);
	xmlNewProp(r, (const xmlChar *)"actie", (const xmlChar *)e->action);
	xmlNewProp(r, (const xmlChar *)"object", (const xmlChar *)e->object);
	xmlNewProp(r, (const xmlChar *)"resultaat", (const xmlChar *)e->result);
	b->n++;
	b->laatste = e->seq;
	return 0;
}

int
h_beheer_audit(struct ctx *c)
{
	struct beheer_audit b;
	const char *zaak = http_param_get(&c->req->query, "zaak");
	const char *gebruiker = http_param_get(&c->req->query, "gebruiker");
	const char *voor = http_param_get(&c->req->query, "voor");
	unsigned long long before = 0;
	char *end;

	memset(&b, 0, sizeof(b));
	b.c = c;
	if (zaak != NULL && *zaak != '\0') {
		if (!beheer_id_ok(zaak))
			return app_error(c, 400, "Onbekend zaak- of overlegnummer "
			    "in het filter.");
		b.zaak = arena_printf(c->arena, "zaak/%s", zaak);
		b.overleg = arena_printf(c->arena, "overleg/%s", zaak);
		if (b.zaak == NULL || b.overleg == NULL)
			return app_error(c, 500, NULL);
	}
	if (gebruiker != NULL && *gebruiker != '\0') {
		if (strlen(gebruiker) > HALT_USER_MAX)
			return app_error(c, 400, "Onbekende gebruiker in het filter.");
		b.gebruiker = gebruiker;
	}
	if (voor != NULL && *voor != '\0') {
		if (*voor < '1' || *voor > '9' ||
		    (before = strtoull(voor, &end, 10)) == 0 || *end != '\0')
			return app_error(c, 400, "Onbekende pagina.");
	}
	if ((c->content = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return app_error(c, 500, NULL);
	b.root = xmlNewNode(NULL, (const xmlChar *)"audit-log");
	xmlDocSetRootElement(c->content, b.root);
	if (b.zaak != NULL)
		xmlNewProp(b.root, (const xmlChar *)"zaak", (const xmlChar *)zaak);
	if (b.gebruiker != NULL)
		xmlNewProp(b.root, (const xmlChar *)"gebruiker",
		    (const xmlChar *)b.gebruiker);
	if (before != 0)
		xmlNewProp(b.root, (const xmlChar *)"voor", (const xmlChar *)voor);
	if (store_audit_each_rev(c->app->store, before, beheer_audit_cb,
	    &b) != STORE_OK)
		return app_error(c, 500, NULL);
	if (b.meer)
		xmlNewProp(b.root, (const xmlChar *)"volgende", (const xmlChar *)
		    arena_printf(c->arena, "%llu", b.laatste));
	return 200;
}
