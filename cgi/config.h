/* config.h: the installation's settings, read once at startup from DATADIR/halt.conf. */
#ifndef HALT_CONFIG_H
#define HALT_CONFIG_H

#include <stddef.h>

#define CONFIG_WERKGEBIEDEN_MAX	32

struct config {
	const char	*werkgebieden[CONFIG_WERKGEBIEDEN_MAX];
	size_t		 nwerkgebieden;
	const char	*contact_naam;		/* the national contact, shown for urgent matters */
	const char	*contact_email;
	const char	*contact_telefoon;
	int		 bewaartermijn_jaren;	/* retention of closed zaken, for haltctl purge */
	int		 threads;		/* request threads of halt.fcgi */
	size_t		 mapsize;		/* initial LMDB map size in bytes */
};

/*
 * Read path: lines "key = value", '#' comments, blank lines; keys werkgebied
 * (repeatable: replaces the default list), contact_naam, contact_email,
 * contact_telefoon, bewaartermijn_jaren, threads, mapsize_mb. A missing file
 * gives the defaults (the ten police regional units; placeholder contact).
 * Returns 0, or -1 with a message naming the line in err. The strings live
 * until config_free().
 */
int	config_load(const char *path, struct config *, char *err, size_t errsz);
void	config_free(struct config *);

/* 1 when name is one of the configured werkgebieden. */
int	config_werkgebied_valid(const struct config *, const char *name);

#endif
