/* workflow.c: which step may be recorded now, from the <needs> the step definitions declare. */
#include <stdio.h>
#include <string.h>

#include "form.h"
#include "workflow.h"

/* A list of at most WF_NEEDS_MAX step names fits, with room for the sentence around it. */
#define WF_LIST_MAX	160

const char *const wf_stappen[WF_NSTAPPEN] = {
	"hertoetsing", "voorgesprek", "startgesprek", "leeropdracht-1",
	"leeropdracht-2", "oudergesprek", "vervolggesprek", "leeropdracht-3",
	"excuus", "eindgesprek", "extra-gesprek", "doorverwijzing", "school",
	"afsluiting"
};

const char *const wf_staten[WF_STAAT__MAX] = {
	"afgerond", "kan-starten", "nog-niet"
};

int
wf_load(const struct form_set *set, struct wf_stap out[WF_NSTAPPEN])
{
	const struct form *f;
	const char *stap, *veld, *waarde;
	char name[64];
	size_t i, k;

	for (i = 0; i < WF_NSTAPPEN; i++) {
		snprintf(name, sizeof(name), "stap-%s", wf_stappen[i]);
		if ((f = form_get(set, name)) == NULL)
			return -1;
		memset(&out[i], 0, sizeof(out[i]));
		out[i].naam = wf_stappen[i];
		out[i].herhaalbaar = form_repeatable(f);
		for (k = 0; (stap = form_needs(f, k, &veld, &waarde)) != NULL; k++) {
			if (k == WF_NEEDS_MAX)
				return -1;
			out[i].needs[k].stap = stap;
			out[i].needs[k].veld = veld;
			out[i].needs[k].waarde = waarde;
		}
		out[i].nneeds = k;
	}
	return 0;
}

enum wf_fase
wf_fase(const char *status)
{
	if (status == NULL)
		return WF_AFGESLOTEN;
	if (strcmp(status, "aangemeld") == 0)
		return WF_NIET_TOEGEWEZEN;
	if (strcmp(status, "toegewezen") == 0 ||
	    strcmp(status, "in-behandeling") == 0)
		return WF_OPEN;
	if (strcmp(status, "retour") == 0)
		return WF_RETOUR;
	return WF_AFGESLOTEN;
}

/* How often naam was recorded; *datum gets the last occurrence's date. */
static size_t
wf_count(const struct wf_gedaan *done, size_t ndone, const char *naam,
    const char **datum)
{
	size_t i, k = 0;

	*datum = NULL;
	for (i = 0; i < ndone; i++)
		if (strcmp(done[i].naam, naam) == 0) {
			k++;
			*datum = done[i].datum;
		}
	return k;
}

/* Append "a", " en b" style to buf: the Dutch list of missing steps. */
static void
wf_list_add(char *buf, size_t sz, size_t *n, const char *naam)
{
	size_t len = strlen(buf);

	/* Commas between, "en" before the last: rewritten once the list is complete. */
	snprintf(buf + len, sz - len, "%s%s", *n > 0 ? ", " : "", naam);
	(*n)++;
}

/* Turn the last ", " of a list into " en ". */
static void
wf_list_end(char *buf, size_t sz)
{
	char tmp[WF_LIST_MAX], *last;

	if ((last = strrchr(buf, ',')) == NULL)
		return;
	*last = '\0';
	snprintf(tmp, sizeof(tmp), "%s en %s", buf, last + 2);
	snprintf(buf, sz, "%s", tmp);
}

/*
 * The one judgement behind both the task list and a submission. With
 * waarde == NULL conditional needs are advisory (task list); otherwise a
 * condition that holds makes its need binding.
 */
static enum wf_staat
wf_judge(const struct wf_stap *s, const struct wf_gedaan *done, size_t ndone,
    enum wf_fase fase, const char *(*waarde)(void *, const char *), void *arg,
    struct wf_taak *t)
{
	char missing[WF_LIST_MAX], cond[WF_LIST_MAX];
	const char *d, *v, *cveld = NULL, *cwaarde = NULL;
	size_t i, nmissing = 0, ncond = 0;

	memset(t, 0, sizeof(*t));
	t->naam = s->naam;
	t->keer = wf_count(done, ndone, s->naam, &t->datum);
	missing[0] = cond[0] = '\0';
	if (t->keer > 0 && !s->herhaalbaar) {
		t->staat = WF_AFGEROND;
		snprintf(t->reden, sizeof(t->reden), "Deze stap is al vastgelegd.");
		return t->staat;
	}
	switch (fase) {
	case WF_NIET_TOEGEWEZEN:
		snprintf(t->reden, sizeof(t->reden),
		    "Eerst: registratie en toewijzing aan een Halt-medewerker.");
		return t->staat = WF_NOG_NIET;
	case WF_RETOUR:
		snprintf(t->reden, sizeof(t->reden),
		    "De zaak is teruggestuurd naar het OM: er kan niets meer worden vastgelegd.");
		return t->staat = t->keer > 0 ? WF_AFGEROND : WF_NOG_NIET;
	case WF_OPEN:
		break;
	default:
		snprintf(t->reden, sizeof(t->reden),
		    "De zaak is afgesloten: er kan niets meer worden vastgelegd.");
		return t->staat = t->keer > 0 ? WF_AFGEROND : WF_NOG_NIET;
	}
	for (i = 0; i < s->nneeds; i++) {
		if (wf_count(done, ndone, s->needs[i].stap, &d) > 0)
			continue;
		if (s->needs[i].veld == NULL)
			wf_list_add(missing, sizeof(missing), &nmissing,
			    s->needs[i].stap);
		else if (waarde != NULL &&
		    (v = waarde(arg, s->needs[i].veld)) != NULL &&
		    strcmp(v, s->needs[i].waarde) == 0)
			wf_list_add(missing, sizeof(missing), &nmissing,
			    s->needs[i].stap);
		else if (waarde == NULL) {
			cveld = s->needs[i].veld;
			cwaarde = s->needs[i].waarde;
			wf_list_add(cond, sizeof(cond), &ncond, s->needs[i].stap);
		}
	}
	if (nmissing > 0) {
		wf_list_end(missing, sizeof(missing));
		snprintf(t->reden, sizeof(t->reden), "Eerst: %s.", missing);
		return t->staat = WF_NOG_NIET;
	}
	if (ncond > 0) {
		wf_list_end(cond, sizeof(cond));
		/* A definition's field and value are short; truncation only shortens the hint. */
		if (snprintf(t->reden, sizeof(t->reden), "Bij %s %s eerst: %s.",
		    cveld, cwaarde, cond) < 0)
			t->reden[0] = '\0';
	}
	return t->staat = WF_KAN_STARTEN;
}

void
wf_taken(const struct wf_stap *steps, size_t nsteps,
    const struct wf_gedaan *done, size_t ndone, enum wf_fase fase,
    struct wf_taak *out)
{
	size_t i;

	for (i = 0; i < nsteps; i++)
		wf_judge(&steps[i], done, ndone, fase, NULL, NULL, &out[i]);
}

/* A submission without values still binds conditional needs only when they hold. */
static const char *
wf_no_values(void *arg, const char *field)
{
	(void)arg;
	(void)field;
	return NULL;
}

enum wf_oordeel
wf_mag(const struct wf_stap *steps, size_t nsteps,
    const struct wf_gedaan *done, size_t ndone, enum wf_fase fase,
    const char *naam, const char *(*waarde)(void *, const char *), void *arg,
    char *reden, size_t redensz)
{
	struct wf_taak t;
	size_t i;

	if (redensz > 0)
		reden[0] = '\0';
	for (i = 0; i < nsteps; i++)
		if (strcmp(steps[i].naam, naam) == 0)
			break;
	if (i == nsteps)
		return WF_ONBEKEND;
	if (wf_judge(&steps[i], done, ndone, fase,
	    waarde != NULL ? waarde : wf_no_values, arg, &t) == WF_KAN_STARTEN)
		return WF_MAG;
	snprintf(reden, redensz, "%s", t.reden);
	return WF_VOLGORDE;
}

const char *
wf_volgende(const struct wf_stap *steps, size_t nsteps,
    const struct wf_taak *taken)
{
	int hoofd[WF_NSTAPPEN];
	size_t i, j, k;
	int meer;

	if (nsteps == 0 || nsteps > WF_NSTAPPEN)
		return NULL;
	for (i = 0; i < nsteps; i++)
		hoofd[i] = i == nsteps - 1;
	/* Each round adds a step or ends, so at most nsteps rounds. */
	do {
		meer = 0;
		for (i = 0; i < nsteps; i++) {
			if (!hoofd[i])
				continue;
			for (k = 0; k < steps[i].nneeds; k++)
				for (j = 0; j < nsteps; j++)
					if (!hoofd[j] && strcmp(steps[j].naam,
					    steps[i].needs[k].stap) == 0) {
						hoofd[j] = 1;
						meer = 1;
					}
		}
	} while (meer);
	for (i = 0; i < nsteps; i++)
		if (hoofd[i] && taken[i].staat == WF_KAN_STARTEN &&
		    taken[i].keer == 0)
			return steps[i].naam;
	return NULL;
}

/* *out = days since 1970-01-01 of a YYYY-MM-DD (proleptic Gregorian); -1 when malformed. */
static int
wf_dagnummer(const char *s, long *out)
{
	int y, m, d;
	long era, yoe, doy, doe;
	size_t i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	/* Howard Hinnant's days_from_civil: March-based years put 29 February last. */
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*out = era * 146097 + doe - 719468;
	return 0;
}

long
wf_dagen(const char *van, const char *tot)
{
	long a, b;

	if (wf_dagnummer(van, &a) == -1 || wf_dagnummer(tot, &b) == -1 || b < a)
		return -1;
	return b - a;
}
