/* form.h: form definitions (forms/NAME.xml) and the one generic validator. */
#ifndef HALT_FORM_H
#define HALT_FORM_H

#include <stddef.h>
#include <libxml/tree.h>

struct http_params;
struct form_set;
struct form;

/* What validation needs from outside the request. */
struct form_ctx {
	const char		*today;		/* YYYY-MM-DD, for "not in the future" */
	const char *const	*werkgebieden;	/* choices for choices="werkgebieden" */
	size_t			 nwerkgebieden;
};

/*
 * Load every dir/NAME.xml, each checked against the RELAX NG schema
 * dir/form.rng (which documents the definition format). On failure
 * returns -1 with a clear English message in err naming the file and the
 * line ("forms/x.xml:12: element field: ...").
 * The set is read-only afterwards and safe to share between threads.
 */
int		 form_set_load(const char *dir, struct form_set **, char *err, size_t errsz);
void		 form_set_free(struct form_set *);

/* The definition called name (the file's <form name=...>), or NULL. */
const struct form *form_get(const struct form_set *, const char *name);

/* The parsed definition's root element; read-only, valid while the set lives. */
xmlNodePtr	 form_definition(const struct form *);

/*
 * For a step form: the i-th <needs> of the definition (0-based), the step
 * that must be recorded first, or NULL after the last. *field and *value
 * are set when the need holds only when that submitted field has that
 * value, else NULL. Points into the definition, valid while the set lives.
 */
const char	*form_needs(const struct form *, size_t i, const char **field,
		    const char **value);

/* 1 when the definition says herhaalbaar="ja" (a step recorded more than once). */
int		 form_repeatable(const struct form *);

/*
 * Validate the request's values against the form. Returns a new document
 * (caller frees) <formulier naam="..."> with one <waarde naam="x">typed
 * value</waarde> per submitted field of the form (values as typed, also the
 * invalid ones, so nothing is lost; empty values and unknown names are
 * left out; a repeated choice gives one waarde per distinct value) and one
 * <fout veld="x">Dutch sentence</fout> per error, in field order. *nerrors
 * is the number of fout elements. NULL when out of memory.
 * A handler may set attribute actie on the root to override the form's
 * action URL for this page (e.g. "/overleg/ID/antwoord"); xslt/form.xsl
 * posts there instead of the definition's actie.
 */
xmlDocPtr	 form_validate(const struct form *, const struct http_params *,
		    const struct form_ctx *, int *nerrors);

/* The same document shape without errors, for a blank or prefilled form (GET). */
xmlDocPtr	 form_fill(const struct form *, const struct http_params *prefill,
		    const struct form_ctx *);

/* The first value of name in a result document, or NULL; points into the tree. */
const char	*form_value(xmlDocPtr result, const char *name);

/* Add an error found by the rules behind the form (e.g. a duplicate referral). */
int		 form_add_error(xmlDocPtr result, const char *field, const char *msg);

#endif
