/* config.c: parse halt.conf into struct config, with the demo defaults. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "limits.h"

static const char *const config_default_werkgebieden[] = {
	"Noord-Nederland", "Oost-Nederland", "Midden-Nederland", "Noord-Holland",
	"Amsterdam", "Den Haag", "Rotterdam", "Zeeland-West-Brabant",
	"Oost-Brabant", "Limburg",
};

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int
config_number(const char *v, long min, long max, long *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

int
config_load(const char *path, struct config *c, char *err, size_t errsz)
{
	FILE *fp;
	char line[512], *k, *v, *eq;
	int lineno = 0, own_list = 0;
	long n;
	size_t i;

	memset(c, 0, sizeof(*c));
	c->contact_naam = strdup("Landelijk contactpersoon Halt-interventie sexting");
	c->contact_email = strdup("sexting@halt.example");
	c->contact_telefoon = strdup("088 - 000 00 00");
	c->bewaartermijn_jaren = 5;
	c->threads = 8;
	c->mapsize = HALT_MAPSIZE_DEFAULT;
	for (i = 0; i < sizeof(config_default_werkgebieden) /
	    sizeof(config_default_werkgebieden[0]); i++)
		c->werkgebieden[c->nwerkgebieden++] =
		    strdup(config_default_werkgebieden[i]);

	if ((fp = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(fp)) {
			snprintf(err, errsz, "%s:%d: line too long", path, lineno);
			goto fail;
		}
		k = trim(line);
		if (*k == '\0' || *k == '#')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			snprintf(err, errsz, "%s:%d: expected key = value", path, lineno);
			goto fail;
		}
		*eq = '\0';
		k = trim(k);
		v = trim(eq + 1);
		if (strcmp(k, "werkgebied") == 0) {
			if (!own_list) {
				/* A configured list replaces the demo list whole. */
				for (i = 0; i < c->nwerkgebieden; i++)
					free((char *)c->werkgebieden[i]);
				c->nwerkgebieden = 0;
				own_list = 1;
			}
			if (c->nwerkgebieden == CONFIG_WERKGEBIEDEN_MAX ||
			    *v == '\0' || strlen(v) >= 64) {
				snprintf(err, errsz, "%s:%d: bad or too many werkgebieden",
				    path, lineno);
				goto fail;
			}
			c->werkgebieden[c->nwerkgebieden++] = strdup(v);
		} else if (strcmp(k, "contact_naam") == 0) {
			free((char *)c->contact_naam);
			c->contact_naam = strdup(v);
		} else if (strcmp(k, "contact_email") == 0) {
			free((char *)c->contact_email);
			c->contact_email = strdup(v);
		} else if (strcmp(k, "contact_telefoon") == 0) {
			free((char *)c->contact_telefoon);
			c->contact_telefoon = strdup(v);
		} else if (strcmp(k, "bewaartermijn_jaren") == 0) {
			if (config_number(v, 1, 100, &n) == -1)
				goto badnum;
			c->bewaartermijn_jaren = (int)n;
		} else if (strcmp(k, "threads") == 0) {
			if (config_number(v, 1, 256, &n) == -1)
				goto badnum;
			c->threads = (int)n;
		} else if (strcmp(k, "mapsize_mb") == 0) {
			if (config_number(v, 1, 1024 * 1024, &n) == -1)
				goto badnum;
			c->mapsize = (size_t)n * 1024 * 1024;
		} else {
			snprintf(err, errsz, "%s:%d: unknown key %s", path, lineno, k);
			goto fail;
		}
	}
	fclose(fp);
	return 0;
badnum:
	snprintf(err, errsz, "%s:%d: %s is not a number in range", path, lineno, k);
fail:
	fclose(fp);
	config_free(c);
	return -1;
}

void
config_free(struct config *c)
{
	size_t i;

	for (i = 0; i < c->nwerkgebieden; i++)
		free((char *)c->werkgebieden[i]);
	free((char *)c->contact_naam);
	free((char *)c->contact_email);
	free((char *)c->contact_telefoon);
	memset(c, 0, sizeof(*c));
}

int
config_werkgebied_valid(const struct config *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nwerkgebieden; i++)
		if (strcmp(c->werkgebieden[i], name) == 0)
			return 1;
	return 0;
}
