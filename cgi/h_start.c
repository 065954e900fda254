/* h_start.c: the start page: per role what this user can do here and what waits. */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "app.h"
#include "arena.h"
#include "xml.h"

/*
 * One row per task a role sees. index/value name the store index whose
 * count is shown ("3 wachten op u"); value is the user's name, werkgebied,
 * or werkgebied|status, as the index declares.
 */
enum start_key { KEY_NONE, KEY_USER, KEY_USER_STATUS, KEY_WERKGEBIED_STATUS, KEY_FIXED };

static const struct {
	unsigned	 rol;
	const char	*href;
	const char	*label;
	const char	*uitleg;
	const char	*index;
	enum start_key	 key;
	const char	*fixed;		/* status for KEY_*_STATUS, value for KEY_FIXED */
	const char	*eenheid;	/* what the count counts; NULL: "wachten op u" */
} start_taken[] = {
	{ ROL_OFFICIER, "/verwijzingen/nieuw", "Nieuwe verwijzing",
	  "Verwijs een jongere naar de Halt-interventie sexting. U ziet eerst of de jongere voldoet aan de criteria.",
	  NULL, KEY_NONE, NULL, NULL },
	{ ROL_OFFICIER, "/zaken", "Mijn verwijzingen",
	  "Volg de zaken die u heeft verwezen en de uitkomst.",
	  "officier", KEY_USER, NULL, NULL },
	{ ROL_ADMIN, "/zaken?status=aangemeld", "Nieuwe zaken registreren",
	  "Registreer aangemelde zaken en wijs ze toe aan een getrainde Halt-medewerker.",
	  "regio-status", KEY_WERKGEBIED_STATUS, "aangemeld", NULL },
	{ ROL_ADMIN, "/zaken", "Alle zaken van het werkgebied",
	  "Bekijk de zaken van uw werkgebied.", NULL, KEY_NONE, NULL, NULL },
	{ ROL_MEDEWERKER, "/zaken?mijn=1", "Mijn zaken",
	  "Leg de stappen van de Halt-interventie vast.",
	  "medewerker", KEY_USER, NULL, NULL },
	{ ROL_MEDEWERKER, "/zaken", "Alle zaken van het werkgebied",
	  "Bekijk de zaken van uw werkgebied.", NULL, KEY_NONE, NULL, NULL },
	{ ROL_OFFICIER | ROL_ADMIN | ROL_MEDEWERKER, "/overleg",
	  "Overleg met de landelijk contactpersoon",
	  "Stel een vraag als u twijfelt of de jongere voldoet aan de criteria. Hier ziet u ook de antwoorden.",
	  "vrager-nieuw", KEY_USER_STATUS, "ja", "met een nieuw antwoord" },
	{ ROL_CONTACT, "/overleg", "Vragen om advies",
	  "Beantwoord de vragen van officieren en Halt-medewerkers.",
	  "status", KEY_FIXED, "open", NULL },
	{ ROL_BEHEER, "/beheer/audit", "Auditlog",
	  "Bekijk wie welke zaak heeft ingezien of gewijzigd.",
	  NULL, KEY_NONE, NULL, NULL },
};

struct start_args {
	struct ctx	*c;
	xmlNodePtr	 root;
};

static int
start_fill(struct store_txn *txn, void *arg)
{
	struct start_args *s = arg;
	struct ctx *c = s->c;
	xmlNodePtr n;
	const char *value;
	size_t i, count;

	for (i = 0; i < sizeof(start_taken) / sizeof(start_taken[0]); i++) {
		if ((start_taken[i].rol & c->rol) == 0)
			continue;
		n = xml_add_text(s->root, "taak", start_taken[i].label);
		xmlNewProp(n, (const xmlChar *)"href",
		    (const xmlChar *)start_taken[i].href);
		xmlNewProp(n, (const xmlChar *)"uitleg",
		    (const xmlChar *)start_taken[i].uitleg);
		switch (start_taken[i].key) {
		case KEY_USER:
			value = c->user.name;
			break;
		case KEY_USER_STATUS:
			value = arena_printf(c->arena, "%s|%s", c->user.name,
			    start_taken[i].fixed);
			break;
		case KEY_WERKGEBIED_STATUS:
			value = arena_printf(c->arena, "%s|%s",
			    c->user.werkgebied, start_taken[i].fixed);
			break;
		case KEY_FIXED:
			value = start_taken[i].fixed;
			break;
		default:
			continue;
		}
		if (store_index_count(txn, start_taken[i].index, value,
		    &count) != STORE_OK)
			continue;
		xmlNewProp(n, (const xmlChar *)"aantal",
		    (const xmlChar *)arena_printf(c->arena, "%zu", count));
		if (start_taken[i].eenheid != NULL)
			xmlNewProp(n, (const xmlChar *)"eenheid",
			    (const xmlChar *)start_taken[i].eenheid);
	}
	return STORE_OK;
}

int
h_start(struct ctx *c)
{
	struct start_args s;

	c->content = xmlNewDoc((const xmlChar *)"1.0");
	s.c = c;
	s.root = xmlNewNode(NULL, (const xmlChar *)"start");
	xmlDocSetRootElement(c->content, s.root);
	xmlNewProp(s.root, (const xmlChar *)"rol", (const xmlChar *)c->user.rol);
	xmlNewProp(s.root, (const xmlChar *)"naam", (const xmlChar *)c->user.name);
	if (store_read(c->app->store, start_fill, &s) != STORE_OK)
		return app_error(c, 500, NULL);
	return 200;
}
