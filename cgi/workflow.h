/* workflow.h: the order of the intervention's steps, a pure function over what is recorded. */
#ifndef HALT_WORKFLOW_H
#define HALT_WORKFLOW_H

#include <stddef.h>

#define WF_NEEDS_MAX	4	/* <needs> per step definition */
#define WF_REDEN_MAX	256	/* bytes of one Dutch reason, NUL included */
#define WF_NSTAPPEN	14

/* The contract's step names, in the order of the task list. */
extern const char *const wf_stappen[WF_NSTAPPEN];

/* A step that must be recorded first; only when field veld has waarde if veld != NULL. */
struct wf_need {
	const char	*stap;
	const char	*veld;
	const char	*waarde;
};

/* One step as its definition declares it (forms/stap-NAAM.xml). */
struct wf_stap {
	const char	*naam;
	int		 herhaalbaar;
	struct wf_need	 needs[WF_NEEDS_MAX];
	size_t		 nneeds;
};

/* One recorded occurrence of a step. */
struct wf_gedaan {
	const char	*naam;
	const char	*datum;		/* YYYY-MM-DD */
};

/* Where the zaak is, as far as the order cares. */
enum wf_fase {
	WF_NIET_TOEGEWEZEN,	/* aangemeld: nobody may record yet */
	WF_OPEN,		/* toegewezen, in-behandeling */
	WF_RETOUR,		/* back to the OM: nothing more */
	WF_AFGESLOTEN,		/* afgerond-positief or -negatief: nothing more */
	WF_FASE__MAX
};

struct form_set;

/*
 * Fill out[i] for wf_stappen[i] from the definitions forms/stap-NAAM.xml
 * (herhaalbaar=, <needs>). Pointers point into the set. -1 when a
 * definition is missing or declares more than WF_NEEDS_MAX needs.
 */
int		 wf_load(const struct form_set *, struct wf_stap out[WF_NSTAPPEN]);

/* The fase of a zaak status word (unknown words count as closed). */
enum wf_fase	 wf_fase(const char *status);

enum wf_staat {
	WF_AFGEROND,		/* recorded (a repeatable step: at least once, no more possible) */
	WF_KAN_STARTEN,		/* may be recorded now */
	WF_NOG_NIET,		/* not now; reden says why */
	WF_STAAT__MAX
};

/* "afgerond", "kan-starten", "nog-niet". */
extern const char *const wf_staten[WF_STAAT__MAX];

/* One line of the task list. */
struct wf_taak {
	const char	*naam;		/* points into the wf_stap table */
	enum wf_staat	 staat;
	const char	*datum;		/* the last occurrence's date, or NULL; points into done */
	size_t		 keer;		/* occurrences recorded */
	char		 reden[WF_REDEN_MAX];	/* "" or a Dutch sentence */
};

/*
 * The task list: out[i] for steps[i], i < nsteps. A repeatable step that
 * was recorded stays WF_KAN_STARTEN while more can be recorded (datum and
 * keer say what is there). A need with a condition (veld/waarde) does not
 * stop a step from starting; reden then names it ("Bij uitkomst positief
 * eerst: eindgesprek.").
 */
void		 wf_taken(const struct wf_stap *steps, size_t nsteps,
		    const struct wf_gedaan *done, size_t ndone, enum wf_fase,
		    struct wf_taak *out);

enum wf_oordeel {
	WF_MAG,			/* may be recorded */
	WF_ONBEKEND,		/* no such step (404) */
	WF_VOLGORDE,		/* out of order, already recorded, or closed (409) */
	WF_OORDEEL__MAX
};

/*
 * May step naam be recorded now with these submitted values? waarde(arg,
 * field) gives a submitted value or NULL (for conditional needs; waarde may
 * be NULL when there are no values yet). On WF_VOLGORDE reden holds a Dutch
 * sentence naming the missing step(s): "Eerst: vervolggesprek.".
 */
enum wf_oordeel	 wf_mag(const struct wf_stap *steps, size_t nsteps,
		    const struct wf_gedaan *done, size_t ndone, enum wf_fase,
		    const char *naam, const char *(*waarde)(void *, const char *),
		    void *arg, char *reden, size_t redensz);

/*
 * The next step of the main line, for a worklist: the first of taken (from
 * wf_taken() over the same steps) that can start now and was not recorded
 * yet, among the last step (the afsluiting) and the steps it needs, directly
 * or through others. Optional steps (extra gesprek, school, ...) are never
 * next. NULL when none is; otherwise points into steps.
 */
const char	*wf_volgende(const struct wf_stap *steps, size_t nsteps,
		    const struct wf_taak *taken);

/*
 * Whole days from van to tot, both YYYY-MM-DD (how long a zaak runs).
 * -1 when either is NULL or malformed, or tot lies before van.
 */
long		 wf_dagen(const char *van, const char *tot);

#endif
