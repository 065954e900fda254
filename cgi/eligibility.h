/* eligibility.h: the referral criteria of the manual (sections 04, 05) as pure functions. */
#ifndef HALT_ELIGIBILITY_H
#define HALT_ELIGIBILITY_H

#include <stddef.h>

/*
 * Everything here is pure: no I/O, no globals that change, no allocation.
 * Every string returned points into constant tables and lives for the
 * whole program; all functions are safe to call from any thread.
 */

/* A calendar date. Only elig_date_parse() makes one that is known valid. */
struct elig_date {
	int	y, m, d;
};

/*
 * Parse s as strict ISO "YYYY-MM-DD": exactly ten characters, four-digit
 * year 0001-9999, two-digit month and day, an existing date (2023-02-29 is
 * refused, 2024-02-29 accepted). Returns 0 and fills *out, or -1 (*out is
 * then untouched). s may be NULL (-1).
 */
int	 elig_date_parse(const char *s, struct elig_date *out);

/* 1 when y is a Gregorian leap year, else 0. */
int	 elig_leap_year(int y);

/* <0, 0 or >0 as a is before, the same day as, or after b. */
int	 elig_date_cmp(const struct elig_date *a, const struct elig_date *b);

/*
 * The date n whole years after d. Someone born on 29 February has the
 * birthday on 1 March in a year without 29 February, so 29 February plus
 * n years is 1 March when the target year is not a leap year.
 */
struct elig_date elig_date_add_years(const struct elig_date *d, int n);

/*
 * Age in whole years on the day on of someone born on birth, with the
 * 29 February rule above (born 2008-02-29: 12 on 2021-02-28, 13 on
 * 2021-03-01; 16 on 2024-02-29). Negative when on is before the birthday
 * of year 0 (on before birth): callers treat that as "too young".
 */
int	 elig_age(const struct elig_date *birth, const struct elig_date *on);

/*
 * The answers of the referral form's choice fields. One enum for all of
 * them; each field below says which values it takes (elig_parse_values()
 * refuses the others). elig_answers[] holds the form values ("nee", ...).
 */
enum elig_answer {
	ELIG_NEE,
	ELIG_JA,
	ELIG_TWIJFEL,
	ELIG_NVT,		/* instemming_ouders only */
	ELIG_UITZONDERING,	/* bekent only: religious or cultural reasons */
	ELIG_ANSWER__MAX
};
extern const char *const elig_answers[ELIG_ANSWER__MAX];

/* The outcome of the check; elig_uitkomsten[] holds "geschikt", "twijfel", "niet-geschikt". */
enum elig_uitkomst {
	ELIG_GESCHIKT,
	ELIG_TWIJFEL_UITKOMST,
	ELIG_NIET_GESCHIKT,
	ELIG_UITKOMST__MAX
};
extern const char *const elig_uitkomsten[ELIG_UITKOMST__MAX];

/*
 * The 16 criteria in the stable order of every report: the indicaties in
 * the manual's order, then the contra-indicaties. leeftijdsverschil and
 * ontkent are both an indicatie and a contra-indicatie in the manual; they
 * are one criterion each here, reported once, with soort "indicatie".
 */
enum elig_crit {
	ELIG_CRIT_LEEFTIJD,
	ELIG_CRIT_INSTEMMING_JONGERE,
	ELIG_CRIT_INSTEMMING_OUDERS,
	ELIG_CRIT_RECIDIVE_OM,
	ELIG_CRIT_RECIDIVE_MAX,
	ELIG_CRIT_LICHTE_VORM,
	ELIG_CRIT_LEEFTIJDSVERSCHIL,
	ELIG_CRIT_ONTKENT,
	ELIG_CRIT_CHANTAGE,
	ELIG_CRIT_DWANG,
	ELIG_CRIT_MISLEIDING,
	ELIG_CRIT_PLANMATIG,
	ELIG_CRIT_HANDS_ON,
	ELIG_CRIT_ZEDENGESCHIEDENIS,
	ELIG_CRIT_PROBLEMATIEK,
	ELIG_CRIT_EERDER_SEXTING,
	ELIG_CRIT__MAX
};

/* One criterion, for the overleg form's checkboxes and the check page. */
struct elig_criterion {
	const char	*code;		/* "leeftijd", ..., "eerder-sexting" */
	const char	*soort;		/* "indicatie" or "contra" */
	const char	*omschrijving;	/* Dutch description, B1 */
};
extern const struct elig_criterion elig_criteria[ELIG_CRIT__MAX];

/* The criterion called code ("hands-on"), or -1 when there is none. */
int	 elig_criterion_find(const char *code);

/* The contra-indicaties the officier answers (form fields contra_*). */
enum elig_contra {
	ELIG_CONTRA_CHANTAGE,
	ELIG_CONTRA_DWANG,
	ELIG_CONTRA_MISLEIDING,
	ELIG_CONTRA_PLANMATIG,
	ELIG_CONTRA_HANDS_ON,
	ELIG_CONTRA_ZEDENGESCHIEDENIS,
	ELIG_CONTRA_PROBLEMATIEK,
	ELIG_CONTRA_EERDER_SEXTING,
	ELIG_CONTRA__MAX
};

/* The facts the check needs, already parsed (see contract.md, referral fields). */
struct elig_input {
	struct elig_date	 delict_datum;
	struct elig_date	 datum_beslissing;
	struct elig_date	 jongere_geboortedatum;
	struct elig_date	 slachtoffer_geboortedatum;	/* when known */
	int			 slachtoffer_bekend;	/* 0: unknown, a doubt */
	enum elig_answer	 instemming_jongere;	/* ja | nee */
	enum elig_answer	 instemming_ouders;	/* ja | nee | nvt */
	int			 eerdere_halt;		/* earlier Halt referrals */
	enum elig_answer	 eerder_om_misdrijf;	/* ja | nee */
	enum elig_answer	 lichte_vorm;		/* ja | nee | twijfel */
	enum elig_answer	 bekent;		/* ja | nee | uitzondering */
	enum elig_answer	 contra[ELIG_CONTRA__MAX];	/* ja | nee | twijfel */
	/*
	 * Set by the caller, not by the form: the store holds a closed zaak
	 * (afgerond-positief or -negatief) of the same jongere. Makes
	 * eerder-sexting hold whatever the officier answered.
	 */
	int			 eerder_sexting_systeem;
};

/*
 * Where elig_parse_values() gets a field's value: the string for the form
 * field called name, or NULL (or "") when it was not sent. arg is passed
 * through unchanged (e.g. the form_validate() result document).
 */
typedef const char *(*elig_value_fn)(void *arg, const char *name);

/*
 * Fill *in from the referral's string values, by the field names of
 * contract.md. Returns 0, or -1 with *bad (when bad is not NULL) set to the
 * name of the first field that is missing or has a value the field does
 * not take. An empty or missing slachtoffer_geboortedatum means "unknown";
 * an empty or missing instemming_ouders means nvt (the form only requires
 * it under 16, and under 16 nvt fails the check anyway).
 * in->eerder_sexting_systeem is set to 0: the caller sets it from the store.
 */
int	 elig_parse_values(elig_value_fn get, void *arg, struct elig_input *in,
	    const char **bad);

/* At most one reason per criterion. */
#define ELIG_REDEN_MAX	ELIG_CRIT__MAX

/* The outcome and every failed or doubtful criterion, in elig_crit order. */
struct elig_result {
	enum elig_uitkomst	 uitkomst;
	size_t			 n;
	struct {
		enum elig_crit	 crit;
		const char	*code;	/* elig_criteria[crit].code */
		const char	*soort;	/* "indicatie", "contra" or "twijfel" */
		const char	*zin;	/* Dutch B1 sentence in the manual's words */
	}			 reden[ELIG_REDEN_MAX];
};

/*
 * Apply the rules of DESIGN.md to in and fill *out. niet-geschikt when an
 * indicatie fails or a contra-indicatie holds; else twijfel when anything is
 * doubtful or unknown; else geschikt. Doubts are listed also when the
 * outcome is niet-geschikt. A choice field passes only on its passing
 * value: any value it does not take counts against the referral, so a
 * caller's mistake can never make a referral geschikt.
 */
void	 elig_check(const struct elig_input *in, struct elig_result *out);

#endif
