/* test_workflow.c: the step order declared in forms/stap-*.xml, every step against every state. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "form.h"
#include "workflow.h"

#define FORMS_DIR	"forms"

static struct form_set	*set;
static struct wf_stap	 steps[WF_NSTAPPEN];

static int
setup(void **state)
{
	char err[512];

	(void)state;
	if (form_set_load(FORMS_DIR, &set, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return wf_load(set, steps);
}

static int
teardown(void **state)
{
	(void)state;
	form_set_free(set);
	return 0;
}

/* Recorded steps as a NULL-terminated list of names, all on one date. */
static size_t
done_of(const char *const *names, struct wf_gedaan *out)
{
	size_t n;

	for (n = 0; names[n] != NULL; n++) {
		out[n].naam = names[n];
		out[n].datum = "2026-01-10";
	}
	return n;
}

/*
 * One state of a zaak and, per step in wf_stappen order, M (may be
 * recorded now) or V (refused: order, already done, closed). Columns:
 * hertoetsing voorgesprek startgesprek lo-1 lo-2 oudergesprek
 * vervolggesprek lo-3 excuus eindgesprek extra-gesprek doorverwijzing
 * school afsluiting (afsluiting without values: a negative closure).
 */
static const struct {
	const char	*label;
	enum wf_fase	 fase;
	const char	*done[14];
	const char	*expect;
} cases[] = {
	{ "nothing recorded", WF_OPEN, { NULL },
	  "MVVVVVVVVVVVVV" },
	{ "after hertoetsing", WF_OPEN, { "hertoetsing", NULL },
	  "VMVVVVVVVVMMMM" },
	{ "after voorgesprek", WF_OPEN, { "hertoetsing", "voorgesprek", NULL },
	  "VVMVVVVVVVMMMM" },
	{ "after startgesprek", WF_OPEN, { "hertoetsing", "voorgesprek",
	  "startgesprek", NULL },
	  "VVVMMMVVVVMMMM" },
	{ "after leeropdracht 1", WF_OPEN, { "hertoetsing", "voorgesprek",
	  "startgesprek", "leeropdracht-1", NULL },
	  "VVVVMMVVVVMMMM" },
	{ "after leeropdracht 1 and 2", WF_OPEN, { "hertoetsing", "voorgesprek",
	  "startgesprek", "leeropdracht-1", "leeropdracht-2", NULL },
	  "VVVVVMMVVVMMMM" },
	{ "after vervolggesprek", WF_OPEN, { "hertoetsing", "voorgesprek",
	  "startgesprek", "leeropdracht-1", "leeropdracht-2",
	  "vervolggesprek", NULL },
	  "VVVVVMVMMVMMMM" },
	{ "after leeropdracht 3 and excuus, no oudergesprek", WF_OPEN, {
	  "hertoetsing", "voorgesprek", "startgesprek", "leeropdracht-1",
	  "leeropdracht-2", "vervolggesprek", "leeropdracht-3", "excuus", NULL },
	  "VVVVVMVVVVMMMM" },
	{ "ready for eindgesprek", WF_OPEN, { "hertoetsing", "voorgesprek",
	  "startgesprek", "leeropdracht-1", "leeropdracht-2",
	  "vervolggesprek", "leeropdracht-3", "oudergesprek", "excuus", NULL },
	  "VVVVVVVVVMMMMM" },
	{ "after eindgesprek, repeatables recorded", WF_OPEN, { "hertoetsing",
	  "voorgesprek", "startgesprek", "leeropdracht-1", "leeropdracht-2",
	  "vervolggesprek", "leeropdracht-3", "oudergesprek", "excuus",
	  "eindgesprek", "extra-gesprek", "doorverwijzing", "extra-gesprek",
	  NULL },
	  "VVVVVVVVVVMMMM" },
	{ "after school contact", WF_OPEN, { "hertoetsing", "school", NULL },
	  "VMVVVVVVVVMMVM" },
	{ "not assigned yet", WF_NIET_TOEGEWEZEN, { NULL },
	  "VVVVVVVVVVVVVV" },
	{ "retour after hertoetsing", WF_RETOUR, { "hertoetsing", NULL },
	  "VVVVVVVVVVVVVV" },
	{ "closed negatively", WF_AFGESLOTEN, { "hertoetsing", "voorgesprek",
	  "afsluiting", NULL },
	  "VVVVVVVVVVVVVV" },
};

static void
every_step_against_every_state(void **state)
{
	struct wf_gedaan done[16];
	char reden[WF_REDEN_MAX];
	size_t c, i, n;
	enum wf_oordeel o;

	(void)state;
	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		n = done_of(cases[c].done, done);
		assert_int_equal(strlen(cases[c].expect), WF_NSTAPPEN);
		for (i = 0; i < WF_NSTAPPEN; i++) {
			o = wf_mag(steps, WF_NSTAPPEN, done, n, cases[c].fase,
			    wf_stappen[i], NULL, NULL, reden, sizeof(reden));
			if ((o == WF_MAG) != (cases[c].expect[i] == 'M'))
				fail_msg("%s: %s gives %d (%s)", cases[c].label,
				    wf_stappen[i], o, reden);
			if (o == WF_VOLGORDE)
				assert_true(reden[0] != '\0');
			else
				assert_string_equal(reden, "");
		}
	}
}

static const char *
values(void *arg, const char *field)
{
	return strcmp(field, "uitkomst") == 0 ? arg : NULL;
}

static void
refusal_names_the_missing_steps_in_dutch(void **state)
{
	static const char *const after_start[] = { "hertoetsing",
	    "voorgesprek", "startgesprek", NULL };
	static const char *const after_vg[] = { "hertoetsing", "voorgesprek",
	    "startgesprek", "leeropdracht-1", "leeropdracht-2",
	    "vervolggesprek", NULL };
	struct wf_gedaan done[16];
	char reden[WF_REDEN_MAX];
	size_t n;

	(void)state;
	n = done_of(after_start, done);
	assert_int_equal(wf_mag(steps, WF_NSTAPPEN, done, n, WF_OPEN,
	    "vervolggesprek", NULL, NULL, reden, sizeof(reden)), WF_VOLGORDE);
	assert_string_equal(reden, "Eerst: leeropdracht-1 en leeropdracht-2.");
	assert_int_equal(wf_mag(steps, WF_NSTAPPEN, done, n, WF_OPEN,
	    "leeropdracht-3", NULL, NULL, reden, sizeof(reden)), WF_VOLGORDE);
	assert_string_equal(reden, "Eerst: vervolggesprek.");
	n = done_of(after_vg, done);
	assert_int_equal(wf_mag(steps, WF_NSTAPPEN, done, n, WF_OPEN,
	    "eindgesprek", NULL, NULL, reden, sizeof(reden)), WF_VOLGORDE);
	assert_string_equal(reden, "Eerst: leeropdracht-3, oudergesprek en excuus.");
	assert_int_equal(wf_mag(steps, WF_NSTAPPEN, done, 0, WF_OPEN,
	    "voorgesprek", NULL, NULL, reden, sizeof(reden)), WF_VOLGORDE);
	assert_string_equal(reden, "Eerst: hertoetsing.");
	assert_int_equal(wf_mag(steps, WF_NSTAPPEN, done, n, WF_OPEN,
	    "startgesprek", NULL, NULL, reden, sizeof(reden)), WF_VOLGORDE);
	assert_string_equal(reden, "Deze stap is al vastgelegd.");
}

static void
positive_closure_needs_eindgesprek_negative_does_not(void **state)
{
	static const char *const before[] = { "hertoetsing", "voorgesprek", NULL };
	static const char *const after[] = { "hertoetsing", "voorgesprek",
	    "startgesprek", "leeropdracht-1", "leeropdracht-2",
	    "vervolggesprek", "leeropdracht-3", "oudergesprek", "excuus",
	    "eindgesprek", NULL };
	struct wf_gedaan done[16];
	char reden[WF_REDEN_MAX];
	size_t n;

	(void)state;
	n = done_of(before, done);
	assert_int_equal(wf_mag(steps, WF_NSTAPPEN, done, n, WF_OPEN,
	    "afsluiting", values, "positief", reden, sizeof(reden)), WF_VOLGORDE);
	assert_string_equal(reden, "Eerst: eindgesprek.");
	assert_int_equal(wf_mag(steps, WF_NSTAPPEN, done, n, WF_OPEN,
	    "afsluiting", values, "negatief", reden, sizeof(reden)), WF_MAG);
	assert_int_equal(wf_mag(steps, WF_NSTAPPEN, done, 0, WF_OPEN,
	    "afsluiting", values, "negatief", reden, sizeof(reden)), WF_VOLGORDE);
	assert_string_equal(reden, "Eerst: hertoetsing.");
	n = done_of(after, done);
	assert_int_equal(wf_mag(steps, WF_NSTAPPEN, done, n, WF_OPEN,
	    "afsluiting", values, "positief", reden, sizeof(reden)), WF_MAG);
}

static void
unknown_step_is_onbekend(void **state)
{
	char reden[WF_REDEN_MAX];

	(void)state;
	assert_int_equal(wf_mag(steps, WF_NSTAPPEN, NULL, 0, WF_OPEN,
	    "leeropdracht-4", NULL, NULL, reden, sizeof(reden)), WF_ONBEKEND);
	assert_int_equal(wf_mag(steps, WF_NSTAPPEN, NULL, 0, WF_OPEN,
	    "", NULL, NULL, reden, sizeof(reden)), WF_ONBEKEND);
}

static void
order_and_repeatables_come_from_the_definitions(void **state)
{
	(void)state;
	assert_string_equal(steps[6].naam, "vervolggesprek");
	assert_int_equal(steps[6].nneeds, 2);
	assert_string_equal(steps[6].needs[0].stap, "leeropdracht-1");
	assert_string_equal(steps[6].needs[1].stap, "leeropdracht-2");
	assert_true(steps[10].herhaalbaar);	/* extra-gesprek */
	assert_true(steps[11].herhaalbaar);	/* doorverwijzing */
	assert_false(steps[12].herhaalbaar);	/* school */
	assert_int_equal(steps[0].nneeds, 0);	/* hertoetsing first */
	assert_string_equal(steps[13].needs[1].veld, "uitkomst");
	assert_string_equal(steps[13].needs[1].waarde, "positief");
}

static void
task_list_gives_state_date_count_and_reason(void **state)
{
	struct wf_gedaan done[] = {
		{ "hertoetsing", "2026-01-05" },
		{ "extra-gesprek", "2026-01-06" },
		{ "extra-gesprek", "2026-01-09" },
	};
	struct wf_taak t[WF_NSTAPPEN];

	(void)state;
	wf_taken(steps, WF_NSTAPPEN, done, 3, WF_OPEN, t);
	assert_int_equal(t[0].staat, WF_AFGEROND);
	assert_string_equal(t[0].datum, "2026-01-05");
	assert_int_equal(t[1].staat, WF_KAN_STARTEN);
	assert_null(t[1].datum);
	assert_int_equal(t[2].staat, WF_NOG_NIET);
	assert_string_equal(t[2].reden, "Eerst: voorgesprek.");
	assert_int_equal(t[10].staat, WF_KAN_STARTEN);
	assert_int_equal(t[10].keer, 2);
	assert_string_equal(t[10].datum, "2026-01-09");
	assert_int_equal(t[13].staat, WF_KAN_STARTEN);
	assert_string_equal(t[13].reden, "Bij uitkomst positief eerst: eindgesprek.");
	assert_string_equal(wf_staten[t[2].staat], "nog-niet");

	wf_taken(steps, WF_NSTAPPEN, done, 1, WF_RETOUR, t);
	assert_int_equal(t[0].staat, WF_AFGEROND);
	assert_int_equal(t[1].staat, WF_NOG_NIET);
	assert_non_null(strstr(t[1].reden, "teruggestuurd naar het OM"));

	wf_taken(steps, WF_NSTAPPEN, NULL, 0, WF_NIET_TOEGEWEZEN, t);
	assert_int_equal(t[0].staat, WF_NOG_NIET);
	assert_non_null(strstr(t[0].reden, "toewijzing"));
}

static void
status_words_map_to_fases(void **state)
{
	(void)state;
	assert_int_equal(wf_fase("aangemeld"), WF_NIET_TOEGEWEZEN);
	assert_int_equal(wf_fase("toegewezen"), WF_OPEN);
	assert_int_equal(wf_fase("in-behandeling"), WF_OPEN);
	assert_int_equal(wf_fase("retour"), WF_RETOUR);
	assert_int_equal(wf_fase("afgerond-positief"), WF_AFGESLOTEN);
	assert_int_equal(wf_fase("afgerond-negatief"), WF_AFGESLOTEN);
	assert_int_equal(wf_fase("iets"), WF_AFGESLOTEN);
	assert_int_equal(wf_fase(NULL), WF_AFGESLOTEN);
}

/* The next step along the main line for a list of recorded steps, in an open zaak. */
static const char *
volgende_na(const char *const *names)
{
	struct wf_gedaan done[WF_NSTAPPEN * 2];
	struct wf_taak t[WF_NSTAPPEN];
	size_t n = done_of(names, done);

	wf_taken(steps, WF_NSTAPPEN, done, n, WF_OPEN, t);
	return wf_volgende(steps, WF_NSTAPPEN, t);
}

static void
next_step_follows_the_main_line_and_skips_optional_steps(void **state)
{
	static const char *const niets[] = { NULL };
	static const char *const na_hertoetsing[] = { "hertoetsing", NULL };
	static const char *const met_extra[] = { "hertoetsing", "extra-gesprek",
	    "school", "doorverwijzing", NULL };
	static const char *const na_start[] = { "hertoetsing", "voorgesprek",
	    "startgesprek", NULL };
	static const char *const na_lo1[] = { "hertoetsing", "voorgesprek",
	    "startgesprek", "leeropdracht-1", NULL };
	static const char *const na_eind[] = { "hertoetsing", "voorgesprek",
	    "startgesprek", "leeropdracht-1", "leeropdracht-2", "oudergesprek",
	    "vervolggesprek", "leeropdracht-3", "excuus", "eindgesprek", NULL };
	struct wf_taak t[WF_NSTAPPEN];

	(void)state;
	assert_string_equal(volgende_na(niets), "hertoetsing");
	assert_string_equal(volgende_na(na_hertoetsing), "voorgesprek");
	assert_string_equal(volgende_na(met_extra), "voorgesprek");
	assert_string_equal(volgende_na(na_start), "leeropdracht-1");
	assert_string_equal(volgende_na(na_lo1), "leeropdracht-2");
	/* Not school, extra-gesprek or doorverwijzing, which come later in the list. */
	assert_string_equal(volgende_na(na_eind), "afsluiting");

	/* Closed or back at the OM: nothing is next. */
	wf_taken(steps, WF_NSTAPPEN, NULL, 0, WF_AFGESLOTEN, t);
	assert_null(wf_volgende(steps, WF_NSTAPPEN, t));
	wf_taken(steps, WF_NSTAPPEN, NULL, 0, WF_NIET_TOEGEWEZEN, t);
	assert_null(wf_volgende(steps, WF_NSTAPPEN, t));
	assert_null(wf_volgende(steps, 0, t));
}

static void
days_running_count_calendar_days_across_months_and_leap_years(void **state)
{
	(void)state;
	assert_int_equal(wf_dagen("2026-03-14", "2026-03-14"), 0);
	assert_int_equal(wf_dagen("2026-03-14", "2026-03-15"), 1);
	assert_int_equal(wf_dagen("2026-01-31", "2026-03-01"), 29);
	assert_int_equal(wf_dagen("2028-02-28", "2028-03-01"), 2);	/* leap year */
	assert_int_equal(wf_dagen("2100-02-28", "2100-03-01"), 1);	/* no leap year */
	assert_int_equal(wf_dagen("2025-12-31", "2026-01-01"), 1);
	assert_int_equal(wf_dagen("1969-12-31", "1970-01-01"), 1);
	assert_int_equal(wf_dagen("2026-01-01", "2027-01-01"), 365);
	assert_int_equal(wf_dagen("2026-03-15", "2026-03-14"), -1);	/* before */
	assert_int_equal(wf_dagen(NULL, "2026-03-14"), -1);
	assert_int_equal(wf_dagen("2026-3-14", "2026-03-14"), -1);
	assert_int_equal(wf_dagen("2026-13-01", "2026-03-14"), -1);
	assert_int_equal(wf_dagen("2026-03-14x", "2026-03-14"), -1);
	assert_int_equal(wf_dagen("", ""), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_step_against_every_state),
		cmocka_unit_test(refusal_names_the_missing_steps_in_dutch),
		cmocka_unit_test(positive_closure_needs_eindgesprek_negative_does_not),
		cmocka_unit_test(unknown_step_is_onbekend),
		cmocka_unit_test(order_and_repeatables_come_from_the_definitions),
		cmocka_unit_test(task_list_gives_state_date_count_and_reason),
		cmocka_unit_test(status_words_map_to_fases),
		cmocka_unit_test(next_step_follows_the_main_line_and_skips_optional_steps),
		cmocka_unit_test(days_running_count_calendar_days_across_months_and_leap_years),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
