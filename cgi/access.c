/* access.c: the record rules of the route table, one function per rule, pure over the user and the record. */
#include <string.h>

#include <libxml/tree.h>

#include "access.h"
#include "store.h"
#include "app.h"
#include "xml.h"

const char *const access_regels[REGEL__MAX] = {
	"geen",
	"zaak-lezen",
	"zaak-schrijven-toegewezen",
	"zaak-werkgebied-admin",
	"overleg-vrager-of-contact",
};

/* Equal and not empty: an empty werkgebied or name never matches. */
static int
access_gelijk(const char *a, const char *b)
{
	return a != NULL && b != NULL && *a != '\0' && strcmp(a, b) == 0;
}

static int
access_werkgebied(const struct ctx *c, xmlNodePtr zaak)
{
	return access_gelijk(xml_child_text(zaak, "regio"), c->user.werkgebied);
}

/* officier: own referrals; halt-admin and halt-medewerker: own werkgebied. */
static int
access_zaak_lezen(const struct ctx *c, xmlNodePtr zaak)
{
	switch (c->rol) {
	case ROL_OFFICIER:
		return access_gelijk(xml_attr(zaak, "officier"), c->user.name);
	case ROL_ADMIN:
	case ROL_MEDEWERKER:
		return access_werkgebied(c, zaak);
	default:
		return 0;
	}
}

/* Steps: only the assigned worker, and only while of the zaak's werkgebied. */
static int
access_zaak_toegewezen(const struct ctx *c, xmlNodePtr zaak)
{
	return c->rol == ROL_MEDEWERKER && access_werkgebied(c, zaak) &&
	    access_gelijk(xml_attr(zaak, "medewerker"), c->user.name);
}

static int
access_zaak_admin(const struct ctx *c, xmlNodePtr zaak)
{
	return c->rol == ROL_ADMIN && access_werkgebied(c, zaak);
}

/* The asker of any case role, and the national contact; beheer never. */
static int
access_overleg(const struct ctx *c, xmlNodePtr o)
{
	if (c->rol == ROL_CONTACT)
		return 1;
	if ((c->rol & ROL_ZAAK) == 0)
		return 0;
	return access_gelijk(xml_attr(o, "vrager"), c->user.name);
}

int
access_mag(const struct ctx *c, enum regel rule, xmlNodePtr record)
{
	/* A route that declares no rule reads no record: fail closed. */
	if (rule == REGEL_GEEN || record == NULL)
		return 0;
	switch (rule) {
	case REGEL_ZAAK_LEZEN:
		return access_zaak_lezen(c, record);
	case REGEL_ZAAK_SCHRIJVEN_TOEGEWEZEN:
		return access_zaak_toegewezen(c, record);
	case REGEL_ZAAK_WERKGEBIED_ADMIN:
		return access_zaak_admin(c, record);
	case REGEL_OVERLEG_VRAGER_OF_CONTACT:
		return access_overleg(c, record);
	default:
		return 0;
	}
}

int
access_record(const struct ctx *c, xmlNodePtr record)
{
	return access_mag(c, c->regel, record);
}

int
access_load(const struct ctx *c, struct store_txn *txn, int kind,
    const char *id, xmlDocPtr *doc)
{
	int rc;

	*doc = NULL;
	if ((rc = store_get(txn, (enum store_kind)kind, id, doc)) != STORE_OK)
		return rc;
	if (!access_record(c, xmlDocGetRootElement(*doc))) {
		xmlFreeDoc(*doc);
		*doc = NULL;
		return STORE_DENIED;
	}
	return STORE_OK;
}
