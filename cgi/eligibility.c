/* eligibility.c: the referral criteria of the manual (sections 04, 05) as pure functions. */
#include <string.h>

#include "eligibility.h"

const char *const elig_answers[ELIG_ANSWER__MAX] = {
	"nee", "ja", "twijfel", "nvt", "uitzondering",
};

const char *const elig_uitkomsten[ELIG_UITKOMST__MAX] = {
	"geschikt", "twijfel", "niet-geschikt",
};

const struct elig_criterion elig_criteria[ELIG_CRIT__MAX] = {
	{ "leeftijd", "indicatie",
	  "De jongere is 12 tot en met 17 jaar oud op de delictdatum." },
	{ "instemming-jongere", "indicatie",
	  "De jongere stemt in met Halt." },
	{ "instemming-ouders", "indicatie",
	  "De ouders stemmen ook in met Halt als de jongere jonger is dan 16 jaar." },
	{ "recidive-om", "indicatie",
	  "De jongere is niet eerder na een proces-verbaal van een misdrijf naar het OM verwezen." },
	{ "recidive-max", "indicatie",
	  "De jongere is hooguit 2 keer eerder naar Halt verwezen (maximaal 3 keer in totaal)." },
	{ "lichte-vorm", "indicatie",
	  "Het gedrag is een lichte vorm van online seksueel grensoverschrijdend gedrag." },
	{ "leeftijdsverschil", "indicatie",
	  "Het slachtoffer is niet meer dan 5 jaar jonger dan de jongere." },
	{ "ontkent", "indicatie",
	  "De jongere bekent het gepleegde feit (tenzij dat om religieuze of culturele redenen niet kan)." },
	{ "chantage", "contra",
	  "Chantage (sextortion)." },
	{ "dwang", "contra",
	  "Dwang." },
	{ "misleiding", "contra",
	  "Misleiding." },
	{ "planmatig", "contra",
	  "Planmatigheid in het gedrag." },
	{ "hands-on", "contra",
	  "(Vermoedens van) hands-on seksueel grensoverschrijdend gedrag." },
	{ "zedengeschiedenis", "contra",
	  "Zedengeschiedenis." },
	{ "problematiek", "contra",
	  "(Zwaardere) emotionele, lichamelijke of gedragsproblemen waarvoor nog geen goede hulp is." },
	{ "eerder-sexting", "contra",
	  "Eerder een Halt-interventie gericht op sexting doorlopen." },
};

/* Per contra answer: its criterion, its form field and its two sentences. */
static const struct {
	enum elig_crit	 crit;
	const char	*field;
	const char	*zin_ja;
	const char	*zin_twijfel;
} contras[ELIG_CONTRA__MAX] = {
	{ ELIG_CRIT_CHANTAGE, "contra_chantage",
	  "Er is sprake van chantage (sextortion).",
	  "Er is twijfel over chantage (sextortion)." },
	{ ELIG_CRIT_DWANG, "contra_dwang",
	  "Er is sprake van dwang.",
	  "Er is twijfel over dwang." },
	{ ELIG_CRIT_MISLEIDING, "contra_misleiding",
	  "Er is sprake van misleiding.",
	  "Er is twijfel over misleiding." },
	{ ELIG_CRIT_PLANMATIG, "contra_planmatig",
	  "Er is sprake van planmatigheid in het gedrag.",
	  "Er is twijfel over planmatigheid in het gedrag." },
	{ ELIG_CRIT_HANDS_ON, "contra_hands_on",
	  "Er is sprake van (of een vermoeden van) hands-on seksueel grensoverschrijdend gedrag.",
	  "Er is twijfel over hands-on seksueel grensoverschrijdend gedrag." },
	{ ELIG_CRIT_ZEDENGESCHIEDENIS, "contra_zedengeschiedenis",
	  "De jongere heeft een zedengeschiedenis.",
	  "Er is twijfel over een zedengeschiedenis van de jongere." },
	{ ELIG_CRIT_PROBLEMATIEK, "contra_problematiek",
	  "De jongere heeft (zwaardere) emotionele, lichamelijke of gedragsproblemen "
	  "waarvoor nog geen goede hulp is ingezet.",
	  "Er is twijfel over (zwaardere) emotionele, lichamelijke of gedragsproblemen "
	  "waarvoor nog geen goede hulp is ingezet." },
	{ ELIG_CRIT_EERDER_SEXTING, "contra_eerder_sexting",
	  "De jongere heeft eerder een Halt-interventie gericht op sexting doorlopen.",
	  "Er is twijfel of de jongere eerder een Halt-interventie gericht op sexting "
	  "heeft doorlopen." },
};

#define ZIN_EERDER_SEXTING_SYSTEEM \
	"Het systeem vond een eerdere, afgesloten Halt-interventie sexting van deze jongere."

/* Bits of enum elig_answer: which values a field takes. */
#define A(x)		(1u << (x))
#define JA_NEE		(A(ELIG_JA) | A(ELIG_NEE))
#define JA_NEE_TWIJFEL	(JA_NEE | A(ELIG_TWIJFEL))

int
elig_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int days[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && elig_leap_year(y))
		return 29;
	return days[m - 1];
}

/* Value of n decimal digits at s, or -1 when one of them is not a digit. */
static int
digits(const char *s, int n)
{
	int	 i, v = 0;

	for (i = 0; i < n; i++) {
		/* Not isdigit(): it depends on the locale and takes ints. */
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
elig_date_parse(const char *s, struct elig_date *out)
{
	int	 y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if ((y = digits(s, 4)) < 1 || (m = digits(s + 5, 2)) < 1 || m > 12 ||
	    (d = digits(s + 8, 2)) < 1 || d > days_in_month(y, m))
		return -1;
	out->y = y;
	out->m = m;
	out->d = d;
	return 0;
}

int
elig_date_cmp(const struct elig_date *a, const struct elig_date *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}

struct elig_date
elig_date_add_years(const struct elig_date *d, int n)
{
	struct elig_date r = { d->y + n, d->m, d->d };

	if (r.m == 2 && r.d == 29 && !elig_leap_year(r.y)) {
		r.m = 3;
		r.d = 1;
	}
	return r;
}

int
elig_age(const struct elig_date *birth, const struct elig_date *on)
{
	struct elig_date bday;
	int	 age;

	age = on->y - birth->y;
	bday = elig_date_add_years(birth, age);
	if (elig_date_cmp(on, &bday) < 0)
		age--;
	return age;
}

int
elig_criterion_find(const char *code)
{
	int	 i;

	if (code == NULL)
		return -1;
	for (i = 0; i < ELIG_CRIT__MAX; i++)
		if (strcmp(elig_criteria[i].code, code) == 0)
			return i;
	return -1;
}

/* Look up a choice field; 0 with *out set, or -1 when missing or not in allowed. */
static int
parse_answer(elig_value_fn get, void *arg, const char *field, unsigned allowed,
    enum elig_answer *out)
{
	const char	*v;
	int		 i;

	if ((v = get(arg, field)) == NULL)
		return -1;
	for (i = 0; i < ELIG_ANSWER__MAX; i++)
		if ((allowed & A(i)) && strcmp(v, elig_answers[i]) == 0) {
			*out = (enum elig_answer)i;
			return 0;
		}
	return -1;
}

static int
parse_date(elig_value_fn get, void *arg, const char *field,
    struct elig_date *out)
{
	return elig_date_parse(get(arg, field), out);
}

int
elig_parse_values(elig_value_fn get, void *arg, struct elig_input *in,
    const char **bad)
{
	const char	*v, *field;
	size_t		 len;
	int		 i;

	memset(in, 0, sizeof(*in));

	if (parse_date(get, arg, field = "delict_datum", &in->delict_datum) ||
	    parse_date(get, arg, field = "datum_beslissing",
	    &in->datum_beslissing) ||
	    parse_date(get, arg, field = "jongere_geboortedatum",
	    &in->jongere_geboortedatum))
		goto fail;

	field = "slachtoffer_geboortedatum";
	if ((v = get(arg, field)) != NULL && *v != '\0') {
		if (elig_date_parse(v, &in->slachtoffer_geboortedatum))
			goto fail;
		in->slachtoffer_bekend = 1;
	}

	if (parse_answer(get, arg, field = "instemming_jongere", JA_NEE,
	    &in->instemming_jongere))
		goto fail;

	field = "instemming_ouders";
	if ((v = get(arg, field)) == NULL || *v == '\0')
		in->instemming_ouders = ELIG_NVT;
	else if (parse_answer(get, arg, field, JA_NEE | A(ELIG_NVT),
	    &in->instemming_ouders))
		goto fail;

	/* A whole number 0-99, the limits of the form: no sign, no spaces. */
	field = "eerdere_halt";
	if ((v = get(arg, field)) == NULL || (len = strlen(v)) < 1 ||
	    len > 2 || (in->eerdere_halt = digits(v, (int)len)) < 0)
		goto fail;

	if (parse_answer(get, arg, field = "eerder_om_misdrijf", JA_NEE,
	    &in->eerder_om_misdrijf) ||
	    parse_answer(get, arg, field = "lichte_vorm", JA_NEE_TWIJFEL,
	    &in->lichte_vorm) ||
	    parse_answer(get, arg, field = "bekent",
	    JA_NEE | A(ELIG_UITZONDERING), &in->bekent))
		goto fail;

	for (i = 0; i < ELIG_CONTRA__MAX; i++)
		if (parse_answer(get, arg, field = contras[i].field,
		    JA_NEE_TWIJFEL, &in->contra[i]))
			goto fail;

	in->eerder_sexting_systeem = 0;
	return 0;
fail:
	if (bad != NULL)
		*bad = field;
	return -1;
}

static void
add(struct elig_result *out, enum elig_crit crit, const char *soort,
    const char *zin)
{
	/* One reason per criterion at most, so n never passes ELIG_REDEN_MAX. */
	if (out->n >= ELIG_REDEN_MAX)
		return;
	out->reden[out->n].crit = crit;
	out->reden[out->n].code = elig_criteria[crit].code;
	out->reden[out->n].soort = soort;
	out->reden[out->n].zin = zin;
	out->n++;
}

/*
 * An indicatie that passes only on the answer pass: twijfel is a doubt,
 * every other value fails.
 */
static void
indicatie(struct elig_result *out, enum elig_crit crit, enum elig_answer a,
    enum elig_answer pass, const char *zin_fout, const char *zin_twijfel)
{
	if (a == pass)
		return;
	if (a == ELIG_TWIJFEL)
		add(out, crit, "twijfel", zin_twijfel);
	else
		add(out, crit, "indicatie", zin_fout);
}

void
elig_check(const struct elig_input *in, struct elig_result *out)
{
	struct elig_date grens;
	enum elig_answer a;
	const char	*zin;
	int		 age, i, fails = 0, doubts = 0;
	size_t		 k;

	memset(out, 0, sizeof(*out));

	/* 1. 12 t/m 17 jaar ten tijde van het delict. */
	age = elig_age(&in->jongere_geboortedatum, &in->delict_datum);
	if (age < 12)
		add(out, ELIG_CRIT_LEEFTIJD, "indicatie",
		    "De jongere was op de delictdatum jonger dan 12 jaar.");
	else if (age > 17)
		add(out, ELIG_CRIT_LEEFTIJD, "indicatie",
		    "De jongere was op de delictdatum 18 jaar of ouder.");

	/* 2. Instemming; de ouders ook onder 16 jaar, op de datum van de beslissing. */
	indicatie(out, ELIG_CRIT_INSTEMMING_JONGERE, in->instemming_jongere,
	    ELIG_JA, "De jongere stemt niet in met Halt.",
	    "Er is twijfel of de jongere instemt met Halt.");
	if (elig_age(&in->jongere_geboortedatum, &in->datum_beslissing) < 16)
		indicatie(out, ELIG_CRIT_INSTEMMING_OUDERS,
		    in->instemming_ouders, ELIG_JA,
		    "De jongere is jonger dan 16 jaar: de ouders moeten ook "
		    "instemmen met Halt, en dat doen zij niet.",
		    "Er is twijfel of de ouders instemmen met Halt. Dat is "
		    "nodig omdat de jongere jonger is dan 16 jaar.");

	/* 3. Recidiveregeling Halt. */
	indicatie(out, ELIG_CRIT_RECIDIVE_OM, in->eerder_om_misdrijf, ELIG_NEE,
	    "De jongere is eerder na een proces-verbaal van een misdrijf naar "
	    "het OM verwezen.",
	    "Er is twijfel of de jongere eerder na een proces-verbaal van een "
	    "misdrijf naar het OM is verwezen.");
	if (in->eerdere_halt > 2)
		add(out, ELIG_CRIT_RECIDIVE_MAX, "indicatie",
		    "De jongere is al 3 keer of vaker naar Halt verwezen. Een "
		    "jongere kan maximaal 3 keer naar Halt worden verwezen.");

	/* 4. Een lichte vorm van online seksueel grensoverschrijdend gedrag. */
	indicatie(out, ELIG_CRIT_LICHTE_VORM, in->lichte_vorm, ELIG_JA,
	    "Het gedrag is geen lichte vorm van online seksueel "
	    "grensoverschrijdend gedrag.",
	    "Er is twijfel of het gedrag een lichte vorm van online seksueel "
	    "grensoverschrijdend gedrag is.");

	/*
	 * 5. Tussen leeftijdsgenoten: the victim may be born up to and on the
	 * jongere's fifth birthday (29 February: 1 March), not a day later.
	 */
	if (!in->slachtoffer_bekend)
		add(out, ELIG_CRIT_LEEFTIJDSVERSCHIL, "twijfel",
		    "De leeftijd van het slachtoffer is niet bekend: overleg bij "
		    "twijfel met de landelijk contactpersoon.");
	else {
		grens = elig_date_add_years(&in->jongere_geboortedatum, 5);
		if (elig_date_cmp(&in->slachtoffer_geboortedatum, &grens) > 0)
			add(out, ELIG_CRIT_LEEFTIJDSVERSCHIL, "indicatie",
			    "Het slachtoffer is meer dan 5 jaar jonger dan de "
			    "jongere.");
	}

	/* 6. Bekent, tenzij dat om religieuze of culturele redenen niet kan. */
	a = in->bekent == ELIG_UITZONDERING ? ELIG_JA : in->bekent;
	indicatie(out, ELIG_CRIT_ONTKENT, a, ELIG_JA,
	    "De jongere bekent het gepleegde feit niet.",
	    "Er is twijfel of de jongere het gepleegde feit bekent.");

	/* Contra-indicaties: nee passes, twijfel is a doubt, anything else holds. */
	for (i = 0; i < ELIG_CONTRA__MAX; i++) {
		a = in->contra[i];
		zin = a == ELIG_TWIJFEL ? contras[i].zin_twijfel :
		    contras[i].zin_ja;
		if (i == ELIG_CONTRA_EERDER_SEXTING &&
		    in->eerder_sexting_systeem && a != ELIG_JA) {
			a = ELIG_JA;
			zin = ZIN_EERDER_SEXTING_SYSTEEM;
		}
		if (a == ELIG_NEE)
			continue;
		add(out, contras[i].crit, a == ELIG_TWIJFEL ? "twijfel" :
		    "contra", zin);
	}

	for (k = 0; k < out->n; k++) {
		if (strcmp(out->reden[k].soort, "twijfel") == 0)
			doubts++;
		else
			fails++;
	}
	if (fails)
		out->uitkomst = ELIG_NIET_GESCHIKT;
	else if (doubts)
		out->uitkomst = ELIG_TWIJFEL_UITKOMST;
	else
		out->uitkomst = ELIG_GESCHIKT;
}
