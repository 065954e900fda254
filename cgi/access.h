/* access.h: the record rules, one function per rule; app.c's route table declares which one a route applies. */
#ifndef HALT_ACCESS_H
#define HALT_ACCESS_H

#include <libxml/tree.h>

struct ctx;

/*
 * Which records of a kind a user may touch, on top of the route's roles.
 * Each route of app.c names exactly one; a handler asks access_record()
 * for the record it read, so the route table stays the single truth.
 */
enum regel {
	REGEL_GEEN,			/* no record: the role check is all
					   (access_mag refuses every record) */
	REGEL_ZAAK_LEZEN,		/* officier: own referrals; halt-admin and
					   halt-medewerker: own werkgebied */
	REGEL_ZAAK_SCHRIJVEN_TOEGEWEZEN,/* halt-medewerker of the werkgebied to
					   whom the zaak is assigned */
	REGEL_ZAAK_WERKGEBIED_ADMIN,	/* halt-admin of the zaak's werkgebied */
	REGEL_OVERLEG_VRAGER_OF_CONTACT,/* the asker, or landelijk-contact */
	REGEL__MAX
};

/* The rule's name ("zaak-lezen", ...), for tests and documentation. */
extern const char *const access_regels[REGEL__MAX];

/*
 * 1 when the request's user may touch record (the root element of a zaak
 * or overleg) under rule, else 0 (also for REGEL_GEEN: a route that
 * declares no rule reads no record, so a missing declaration fails closed). Pure:
 * reads c->rol and c->user only.
 */
int	access_mag(const struct ctx *c, enum regel rule, xmlNodePtr record);

/* access_mag() under the rule of the request's route (c->regel). */
int	access_record(const struct ctx *c, xmlNodePtr record);

/*
 * The one way a handler loads the record its route names: store_get() of
 * kind/id inside the audited transaction txn, then the route's rule.
 * STORE_OK with *doc the caller's (xmlFreeDoc); STORE_DENIED when the rule
 * refuses (nothing returned); otherwise store_get()'s error.
 */
struct store_txn;
int	access_load(const struct ctx *c, struct store_txn *txn, int kind,
	    const char *id, xmlDocPtr *doc);

#endif
