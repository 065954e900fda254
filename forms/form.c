/* form.c: loads the form definitions (forms/NAME.xml) and validates requests against them. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "form.h"
#include "http.h"
#include "xml.h"

#define FORM_MSG_MAX	512	/* bytes of one error sentence */
#define FORM_NUM_DIGITS	9	/* more digits than this is out of any range we declare */

enum form_type {
	FT_TEXT,
	FT_TEXTAREA,
	FT_DATE,
	FT_NUMBER,
	FT_CHOICE,
	FT_CHOICES,
	FT_HIDDEN,
	FT_SUBMIT,
	FT__MAX
};

static const char *const form_types[FT__MAX] = {
	"text", "textarea", "date", "number", "choice", "choices", "hidden",
	"submit"
};

enum cond_kind {
	COND_EQUALS,		/* <required-when field value> */
	COND_AGE_UNDER		/* <required-when-age-under years birth on> */
};

struct form_cond {
	enum cond_kind	 kind;
	size_t		 a;		/* field index: field, or birth */
	size_t		 b;		/* field index: on */
	const char	*value;
	int		 years;
};

/* Every pointer points into the definition's document, which the form owns. */
struct form_field {
	const char		*name;
	enum form_type		 type;
	const char		*label;
	const char		*required_msg;
	int			 required;
	int			 not_future;
	size_t			 not_after;	/* field index, or SIZE_MAX */
	size_t			 not_before;
	long			 min, max;
	int			 has_min, has_max;
	int			 werkgebieden;
	const char		**choices;
	size_t			 nchoices;
	struct form_cond	*conds;
	size_t			 nconds;
};

struct form {
	xmlDocPtr		 doc;
	const char		*name;
	struct form_field	*fields;
	size_t			 nfields;
};

struct form_set {
	struct form		*forms;
	size_t			 nforms;
};

struct ymd {
	int	y, m, d;
};

/* Per-request state of one field while validating. */
struct fstate {
	const char	*v;		/* first submitted value, or NULL */
	int		 date_ok;
	struct ymd	 date;
};

/* ---------------------------------------------------------------- loading */

static void
seterr(char *err, size_t errsz, const char *path, long line, const char *fmt, ...)
{
	char	 msg[512];
	va_list	 ap;
	size_t	 n;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* libxml2 messages end with a newline; one line reads better in a log. */
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (err != NULL && errsz > 0)
		snprintf(err, errsz, "%s:%ld: %s", path, line, msg);
}

/* The first schema error, kept for the message; later ones only repeat it. */
struct rng_err {
	int	 set;
	long	 line;
	char	 msg[400];
};

static void
rng_error(void *arg, xmlErrorPtr e)
{
	struct rng_err *re = arg;

	if (re->set || e == NULL)
		return;
	re->set = 1;
	re->line = e->line;
	snprintf(re->msg, sizeof(re->msg), "%s", e->message ? e->message : "invalid");
}

static int
is_date_field(const struct form *f, size_t i)
{
	return i < f->nfields && f->fields[i].type == FT_DATE;
}

static size_t
field_index(const struct form *f, const char *name)
{
	size_t i;

	if (name == NULL)
		return SIZE_MAX;
	for (i = 0; i < f->nfields; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return i;
	return SIZE_MAX;
}

static int
ja(xmlNodePtr n, const char *attr)
{
	const char *v = xml_attr(n, attr);

	return v != NULL && strcmp(v, "ja") == 0;
}

static size_t
count_fields(xmlNodePtr root)
{
	xmlNodePtr	 n, c;
	size_t		 k = 0;

	for (n = root->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(n->name, BAD_CAST "field"))
			k++;
		else if (xmlStrEqual(n->name, BAD_CAST "section"))
			for (c = n->children; c != NULL; c = c->next)
				if (c->type == XML_ELEMENT_NODE &&
				    xmlStrEqual(c->name, BAD_CAST "field"))
					k++;
	}
	return k;
}

/* First pass over one <field>: everything that does not refer to other fields. */
static int
field_parse(struct form_field *ff, xmlNodePtr n, const char *path,
    char *err, size_t errsz)
{
	xmlNodePtr	 c;
	const char	*s;
	size_t		 k;
	int		 t;

	ff->name = xml_attr(n, "name");
	s = xml_attr(n, "type");
	for (t = 0; t < FT__MAX; t++)
		if (s != NULL && strcmp(s, form_types[t]) == 0)
			break;
	if (ff->name == NULL || t == FT__MAX) {
		seterr(err, errsz, path, xmlGetLineNo(n), "field without name or type");
		return -1;
	}
	ff->type = (enum form_type)t;
	ff->label = xml_child_text(n, "label");
	ff->required_msg = xml_attr(n, "required-message");
	ff->required = ja(n, "required");
	ff->not_future = ja(n, "not-future");
	ff->werkgebieden = xml_attr(n, "choices") != NULL;
	ff->not_after = ff->not_before = SIZE_MAX;
	if ((s = xml_attr(n, "min")) != NULL) {
		ff->min = strtol(s, NULL, 10);
		ff->has_min = 1;
	}
	if ((s = xml_attr(n, "max")) != NULL) {
		ff->max = strtol(s, NULL, 10);
		ff->has_max = 1;
	}
	if (ff->has_min && ff->has_max && ff->min > ff->max) {
		seterr(err, errsz, path, xmlGetLineNo(n),
		    "field %s: min is larger than max", ff->name);
		return -1;
	}
	if (ff->label == NULL && ff->type != FT_HIDDEN && ff->type != FT_SUBMIT) {
		seterr(err, errsz, path, xmlGetLineNo(n),
		    "field %s: a visible field needs a <label>", ff->name);
		return -1;
	}
	if (ff->label == NULL)
		ff->label = ff->name;

	for (c = n->children, k = 0; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(c->name, BAD_CAST "choice"))
			k++;
	if (k > 0 && ff->type != FT_CHOICE && ff->type != FT_CHOICES &&
	    ff->type != FT_SUBMIT) {
		seterr(err, errsz, path, xmlGetLineNo(n),
		    "field %s: <choice> on a field of type %s", ff->name, form_types[t]);
		return -1;
	}
	if (ff->werkgebieden && (k > 0 ||
	    (ff->type != FT_CHOICE && ff->type != FT_CHOICES))) {
		seterr(err, errsz, path, xmlGetLineNo(n), "field %s: choices="
		    "\"werkgebieden\" needs type choice or choices and no <choice>",
		    ff->name);
		return -1;
	}
	if (k == 0 && !ff->werkgebieden && (ff->type == FT_CHOICE ||
	    ff->type == FT_CHOICES || ff->type == FT_SUBMIT)) {
		seterr(err, errsz, path, xmlGetLineNo(n),
		    "field %s: type %s needs <choice> elements", ff->name,
		    form_types[t]);
		return -1;
	}
	if (k > 0) {
		ff->choices = calloc(k, sizeof(*ff->choices));
		if (ff->choices == NULL) {
			seterr(err, errsz, path, 0, "out of memory");
			return -1;
		}
		for (c = n->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    xmlStrEqual(c->name, BAD_CAST "choice"))
				ff->choices[ff->nchoices++] = xml_attr(c, "value");
	}
	return 0;
}

/* Second pass: references to other fields, which must all be known first. */
static int
field_link(struct form *f, struct form_field *ff, xmlNodePtr n,
    const char *path, char *err, size_t errsz)
{
	xmlNodePtr		 c;
	struct form_cond	*fc;
	const char		*s;
	size_t			 k;

	if ((s = xml_attr(n, "not-after")) != NULL &&
	    !is_date_field(f, ff->not_after = field_index(f, s)))
		goto bad;
	if ((s = xml_attr(n, "not-before")) != NULL &&
	    !is_date_field(f, ff->not_before = field_index(f, s)))
		goto bad;
	if ((ff->not_future || ff->not_after != SIZE_MAX ||
	    ff->not_before != SIZE_MAX) && ff->type != FT_DATE) {
		seterr(err, errsz, path, xmlGetLineNo(n),
		    "field %s: date rules on a field of type %s", ff->name,
		    form_types[ff->type]);
		return -1;
	}

	for (c = n->children, k = 0; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrncmp(c->name, BAD_CAST "required-when", 13) == 0)
			k++;
	if (k == 0)
		return 0;
	if ((ff->conds = calloc(k, sizeof(*ff->conds))) == NULL) {
		seterr(err, errsz, path, 0, "out of memory");
		return -1;
	}
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		fc = &ff->conds[ff->nconds];
		if (xmlStrEqual(c->name, BAD_CAST "required-when")) {
			fc->kind = COND_EQUALS;
			fc->a = field_index(f, xml_attr(c, "field"));
			fc->value = xml_attr(c, "value");
			if (fc->a == SIZE_MAX) {
				s = xml_attr(c, "field");
				n = c;
				goto bad;
			}
		} else if (xmlStrEqual(c->name, BAD_CAST "required-when-age-under")) {
			fc->kind = COND_AGE_UNDER;
			fc->years = atoi(xml_attr(c, "years"));
			fc->a = field_index(f, s = xml_attr(c, "birth"));
			fc->b = field_index(f, xml_attr(c, "on"));
			n = c;
			if (!is_date_field(f, fc->a))
				goto bad;
			s = xml_attr(c, "on");
			if (!is_date_field(f, fc->b))
				goto bad;
		} else
			continue;
		ff->nconds++;
	}
	return 0;
bad:
	seterr(err, errsz, path, xmlGetLineNo(n),
	    "field %s: refers to \"%s\", which is not a %sfield of this form",
	    ff->name, s, xmlStrEqual(n->name, BAD_CAST "required-when") ?
	    "" : "date ");
	return -1;
}

static void
form_clear(struct form *f)
{
	size_t i;

	for (i = 0; i < f->nfields; i++) {
		free(f->fields[i].choices);
		free(f->fields[i].conds);
	}
	free(f->fields);
	xmlFreeDoc(f->doc);
	memset(f, 0, sizeof(*f));
}

/* Walk fields in document order (sections flattened) and apply pass to each. */
static int
form_walk(struct form *f, int link, const char *path, char *err, size_t errsz)
{
	xmlNodePtr	 root, n, c, next;
	size_t		 i = 0;
	int		 in_section;

	root = xmlDocGetRootElement(f->doc);
	for (n = root->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		in_section = xmlStrEqual(n->name, BAD_CAST "section");
		if (!in_section && !xmlStrEqual(n->name, BAD_CAST "field"))
			continue;
		c = in_section ? n->children : n;
		for (; c != NULL; c = next) {
			next = in_section ? c->next : NULL;
			if (c->type != XML_ELEMENT_NODE ||
			    !xmlStrEqual(c->name, BAD_CAST "field"))
				continue;
			if (link) {
				if (field_link(f, &f->fields[i], c, path, err, errsz) == -1)
					return -1;
			} else {
				if (field_parse(&f->fields[i], c, path, err, errsz) == -1)
					return -1;
				if (field_index(f, f->fields[i].name) != SIZE_MAX) {
					seterr(err, errsz, path, xmlGetLineNo(c),
					    "field %s: defined twice", f->fields[i].name);
					f->nfields++;
					return -1;
				}
				f->nfields++;
			}
			i++;
		}
	}
	return 0;
}

static int
form_load_one(struct form *f, const char *path, xmlRelaxNGPtr schema,
    char *err, size_t errsz)
{
	xmlRelaxNGValidCtxtPtr	 vctx = NULL;
	struct rng_err		 re;
	const xmlError		*pe;
	xmlNodePtr		 root;
	size_t			 n;
	int			 rc;

	memset(&re, 0, sizeof(re));
	xmlResetLastError();
	if ((f->doc = xml_read_file_safe(path)) == NULL) {
		pe = xmlGetLastError();
		if (pe != NULL && pe->code != XML_ERR_OK)
			seterr(err, errsz, path, pe->line, "%s", pe->message ?
			    pe->message : "not well-formed");
		else
			seterr(err, errsz, path, 1,
			    "cannot read, not well-formed, or declares a DTD");
		return -1;
	}
	if ((vctx = xmlRelaxNGNewValidCtxt(schema)) == NULL) {
		seterr(err, errsz, path, 0, "out of memory");
		return -1;
	}
	xmlRelaxNGSetValidStructuredErrors(vctx, rng_error, &re);
	rc = xmlRelaxNGValidateDoc(vctx, f->doc);
	xmlRelaxNGFreeValidCtxt(vctx);
	if (rc != 0) {
		seterr(err, errsz, path, re.set ? re.line : 1, "%s",
		    re.set ? re.msg : "does not match forms/form.rng");
		return -1;
	}

	root = xmlDocGetRootElement(f->doc);
	f->name = xml_attr(root, "name");
	n = count_fields(root);
	if ((f->fields = calloc(n, sizeof(*f->fields))) == NULL) {
		seterr(err, errsz, path, 0, "out of memory");
		return -1;
	}
	if (form_walk(f, 0, path, err, errsz) == -1 ||
	    form_walk(f, 1, path, err, errsz) == -1)
		return -1;
	return 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
form_set_load(const char *dir, struct form_set **out, char *err, size_t errsz)
{
	struct form_set		*set = NULL;
	xmlDocPtr		 sdoc = NULL;
	xmlRelaxNGParserCtxtPtr	 pctx = NULL;
	xmlRelaxNGPtr		 schema = NULL;
	DIR			*d = NULL;
	struct dirent		*de;
	char			 path[4096], **names = NULL, **tmp;
	size_t			 nnames = 0, i, j, len;
	int			 rc = -1;

	*out = NULL;
	if (err != NULL && errsz > 0)
		err[0] = '\0';
	snprintf(path, sizeof(path), "%s/form.rng", dir);
	/* Parse the schema with the hardened parser, not libxml2's own loader. */
	if ((sdoc = xml_read_file_safe(path)) == NULL) {
		seterr(err, errsz, path, 1, "cannot read the schema");
		goto fail;
	}
	if ((pctx = xmlRelaxNGNewDocParserCtxt(sdoc)) == NULL ||
	    (schema = xmlRelaxNGParse(pctx)) == NULL) {
		seterr(err, errsz, path, 1, "not a valid RELAX NG schema");
		goto fail;
	}

	if ((d = opendir(dir)) == NULL) {
		seterr(err, errsz, dir, 0, "%s", strerror(errno));
		goto fail;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 5 || de->d_name[0] == '.' ||
		    strcmp(de->d_name + len - 4, ".xml") != 0)
			continue;
		if ((tmp = reallocarray(names, nnames + 1, sizeof(*names))) == NULL)
			goto oom;
		names = tmp;
		if ((names[nnames] = strdup(de->d_name)) == NULL)
			goto oom;
		nnames++;
	}
	/* Sorted, so a broken set always reports the same file first. */
	qsort(names, nnames, sizeof(*names), name_cmp);

	if ((set = calloc(1, sizeof(*set))) == NULL ||
	    (nnames > 0 && (set->forms = calloc(nnames, sizeof(*set->forms))) == NULL))
		goto oom;
	for (i = 0; i < nnames; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (form_load_one(&set->forms[i], path, schema, err, errsz) == -1) {
			set->nforms = i + 1;
			goto fail;
		}
		set->nforms = i + 1;
		for (j = 0; j < i; j++)
			if (strcmp(set->forms[j].name, set->forms[i].name) == 0) {
				seterr(err, errsz, path, xmlGetLineNo(
				    xmlDocGetRootElement(set->forms[i].doc)),
				    "form name \"%s\" is used twice",
				    set->forms[i].name);
				goto fail;
			}
	}
	*out = set;
	set = NULL;
	rc = 0;
	goto fail;
oom:
	seterr(err, errsz, dir, 0, "out of memory");
fail:
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	if (d != NULL)
		closedir(d);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pctx);
	xmlFreeDoc(sdoc);
	form_set_free(set);
	return rc;
}

void
form_set_free(struct form_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->nforms; i++)
		form_clear(&set->forms[i]);
	free(set->forms);
	free(set);
}

const struct form *
form_get(const struct form_set *set, const char *name)
{
	size_t i;

	if (set == NULL || name == NULL)
		return NULL;
	for (i = 0; i < set->nforms; i++)
		if (strcmp(set->forms[i].name, name) == 0)
			return &set->forms[i];
	return NULL;
}

xmlNodePtr
form_definition(const struct form *f)
{
	return f == NULL ? NULL : xmlDocGetRootElement(f->doc);
}

const char *
form_needs(const struct form *f, size_t i, const char **field, const char **value)
{
	xmlNodePtr n;

	*field = *value = NULL;
	if (f == NULL)
		return NULL;
	for (n = xmlDocGetRootElement(f->doc)->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    !xmlStrEqual(n->name, BAD_CAST "needs"))
			continue;
		if (i-- == 0) {
			*field = xml_attr(n, "field");
			*value = xml_attr(n, "value");
			return xml_attr(n, "step");
		}
	}
	return NULL;
}

int
form_repeatable(const struct form *f)
{
	return f != NULL && ja(xmlDocGetRootElement(f->doc), "herhaalbaar");
}

/* ------------------------------------------------------------- validating */

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static int
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* 0: ok; 1: not of the form YYYY-MM-DD; 2: that day does not exist. */
static int
date_parse(const char *s, struct ymd *out)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !digits(s, 4) || !digits(s + 5, 2) || !digits(s + 8, 2))
		return 1;
	out->y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	out->m = (s[5] - '0') * 10 + (s[6] - '0');
	out->d = (s[8] - '0') * 10 + (s[9] - '0');
	if (out->y < 1 || out->m < 1 || out->m > 12 || out->d < 1 ||
	    out->d > days_in_month(out->y, out->m))
		return 2;
	return 0;
}

static int
date_cmp(const struct ymd *a, const struct ymd *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	return a->d < b->d ? -1 : a->d > b->d;
}

/* Whole years from birth to on; a 29 February birthday is 1 March in other years. */
static int
age_on(const struct ymd *birth, const struct ymd *on)
{
	int	 age = on->y - birth->y;
	int	 bm = birth->m, bd = birth->d;

	if (bm == 2 && bd == 29 && !is_leap(on->y)) {
		bm = 3;
		bd = 1;
	}
	if (on->m < bm || (on->m == bm && on->d < bd))
		age--;
	return age;
}

/* UTF-8 characters; CR LF (what browsers send for a line break) counts as one. */
static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) == 0x80)
			continue;
		if (s[0] == '\r' && s[1] == '\n')
			continue;
		n++;
	}
	return n;
}

static int
blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

static int
choice_ok(const struct form_field *ff, const struct form_ctx *ctx, const char *v)
{
	size_t i;

	if (ff->werkgebieden) {
		for (i = 0; ctx != NULL && i < ctx->nwerkgebieden; i++)
			if (strcmp(ctx->werkgebieden[i], v) == 0)
				return 1;
		return 0;
	}
	for (i = 0; i < ff->nchoices; i++)
		if (strcmp(ff->choices[i], v) == 0)
			return 1;
	return 0;
}

/* The label as a word inside a sentence: "Datum beslissing" -> "datum beslissing". */
static void
label_inside(char *buf, size_t sz, const char *label)
{
	snprintf(buf, sz, "%s", label);
	/* Only lower a capital that starts a word, not an abbreviation like "SKN". */
	if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
		buf[0] = (char)(buf[0] - 'A' + 'a');
}

static void
msg_required(char *msg, const struct form_field *ff)
{
	char lab[256];

	if (ff->required_msg != NULL) {
		snprintf(msg, FORM_MSG_MAX, "%s", ff->required_msg);
		return;
	}
	label_inside(lab, sizeof(lab), ff->label);
	if (ff->type == FT_CHOICE || ff->type == FT_CHOICES || ff->type == FT_SUBMIT)
		snprintf(msg, FORM_MSG_MAX, "Maak een keuze bij %s", lab);
	else
		snprintf(msg, FORM_MSG_MAX, "Vul %s in", lab);
}

static int
cond_holds(const struct form *f, const struct form_cond *c,
    const struct fstate *st, const struct http_params *p)
{
	const struct fstate	*b, *on;
	size_t			 i;

	if (c->kind == COND_EQUALS) {
		/* A repeated field (choices) counts when any of its values matches. */
		for (i = 0; p != NULL && i < p->n; i++)
			if (strcmp(p->v[i].name, f->fields[c->a].name) == 0 &&
			    strcmp(p->v[i].value, c->value) == 0)
				return 1;
		return 0;
	}
	b = &st[c->a];
	on = &st[c->b];
	/* Without both dates the age is unknown; their own errors say so. */
	if (!b->date_ok || !on->date_ok)
		return 0;
	return age_on(&b->date, &on->date) < c->years;
}

/* The error sentence for field i into msg, or 0 when the value is fine. */
static int
field_check(const struct form *f, size_t i, const struct fstate *st,
    const struct http_params *p, const struct form_ctx *ctx, char *msg)
{
	const struct form_field	*ff = &f->fields[i];
	const struct fstate	*s = &st[i];
	char			 other[256];
	size_t			 j, k, len;
	long			 v, min;
	int			 required, present = 0, rc;

	if (ff->type == FT_CHOICES) {
		for (j = 0; p != NULL && j < p->n; j++)
			if (strcmp(p->v[j].name, ff->name) == 0 &&
			    !blank(p->v[j].value))
				present = 1;
	} else
		present = !blank(s->v);

	if (!present) {
		required = ff->required;
		for (k = 0; !required && k < ff->nconds; k++)
			required = cond_holds(f, &ff->conds[k], st, p);
		if (!required)
			return 0;
		msg_required(msg, ff);
		return 1;
	}

	switch (ff->type) {
	case FT_TEXT:
	case FT_TEXTAREA:
	case FT_HIDDEN:
		len = utf8_chars(s->v);
		if (ff->has_max && len > (size_t)ff->max) {
			snprintf(msg, FORM_MSG_MAX, "%s mag niet langer zijn dan "
			    "%ld tekens", ff->label, ff->max);
			return 1;
		}
		if (ff->has_min && len < (size_t)ff->min) {
			snprintf(msg, FORM_MSG_MAX, "%s moet minstens %ld tekens "
			    "lang zijn", ff->label, ff->min);
			return 1;
		}
		return 0;
	case FT_DATE:
		if (!s->date_ok) {
			struct ymd tmp;

			rc = date_parse(s->v, &tmp);
			if (rc == 1)
				snprintf(msg, FORM_MSG_MAX, "%s moet een datum "
				    "zijn zoals 2024-03-31 (jaar-maand-dag)",
				    ff->label);
			else
				snprintf(msg, FORM_MSG_MAX, "%s moet een "
				    "bestaande datum zijn", ff->label);
			return 1;
		}
		if (ff->not_future && ctx != NULL && ctx->today != NULL &&
		    strcmp(s->v, ctx->today) > 0) {
			snprintf(msg, FORM_MSG_MAX, "%s mag niet in de toekomst "
			    "liggen", ff->label);
			return 1;
		}
		if (ff->not_after != SIZE_MAX && st[ff->not_after].date_ok &&
		    date_cmp(&s->date, &st[ff->not_after].date) > 0) {
			label_inside(other, sizeof(other),
			    f->fields[ff->not_after].label);
			snprintf(msg, FORM_MSG_MAX, "%s mag niet na de %s liggen",
			    ff->label, other);
			return 1;
		}
		if (ff->not_before != SIZE_MAX && st[ff->not_before].date_ok &&
		    date_cmp(&s->date, &st[ff->not_before].date) < 0) {
			label_inside(other, sizeof(other),
			    f->fields[ff->not_before].label);
			snprintf(msg, FORM_MSG_MAX, "%s mag niet voor de %s liggen",
			    ff->label, other);
			return 1;
		}
		return 0;
	case FT_NUMBER:
		min = ff->has_min ? ff->min : 0;
		len = strlen(s->v);
		v = -1;
		if (len > 0 && len <= FORM_NUM_DIGITS && digits(s->v, len))
			v = strtol(s->v, NULL, 10);
		if (v < min || (ff->has_max && v > ff->max)) {
			if (ff->has_max)
				snprintf(msg, FORM_MSG_MAX, "%s moet een heel getal "
				    "zijn van %ld tot en met %ld", ff->label, min,
				    ff->max);
			else
				snprintf(msg, FORM_MSG_MAX, "%s moet een heel getal "
				    "zijn van %ld of meer", ff->label, min);
			return 1;
		}
		return 0;
	case FT_CHOICE:
	case FT_SUBMIT:
		if (!choice_ok(ff, ctx, s->v)) {
			msg_required(msg, ff);
			return 1;
		}
		return 0;
	case FT_CHOICES:
		for (j = 0; p != NULL && j < p->n; j++)
			if (strcmp(p->v[j].name, ff->name) == 0 &&
			    !choice_ok(ff, ctx, p->v[j].value)) {
				msg_required(msg, ff);
				return 1;
			}
		return 0;
	case FT__MAX:
		break;
	}
	return 0;
}

/* 1 when an earlier parameter has the same name and value (a repeated check box). */
static int
seen_before(const struct http_params *p, size_t j)
{
	size_t i;

	for (i = 0; i < j; i++)
		if (strcmp(p->v[i].name, p->v[j].name) == 0 &&
		    strcmp(p->v[i].value, p->v[j].value) == 0)
			return 1;
	return 0;
}

static xmlNodePtr
add_waarde(xmlNodePtr root, const char *name, const char *value)
{
	xmlNodePtr n;

	if ((n = xml_add_text(root, "waarde", value)) == NULL)
		return NULL;
	if (xmlNewProp(n, BAD_CAST "naam", BAD_CAST name) == NULL)
		return NULL;
	return n;
}

/* The result document; with errors when validate is set. */
static xmlDocPtr
form_result(const struct form *f, const struct http_params *p,
    const struct form_ctx *ctx, int validate, int *nerrors)
{
	xmlDocPtr	 doc = NULL;
	xmlNodePtr	 root;
	struct fstate	*st = NULL;
	char		 msg[FORM_MSG_MAX];
	size_t		 i, j;
	int		 nerr = 0;

	if (nerrors != NULL)
		*nerrors = 0;
	if (f == NULL)
		return NULL;
	if (f->nfields > 0 && (st = calloc(f->nfields, sizeof(*st))) == NULL)
		goto fail;
	for (i = 0; i < f->nfields; i++) {
		st[i].v = p != NULL ? http_param_get(p, f->fields[i].name) : NULL;
		if (f->fields[i].type == FT_DATE && st[i].v != NULL)
			st[i].date_ok = date_parse(st[i].v, &st[i].date) == 0;
	}

	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL ||
	    (root = xmlNewDocNode(doc, NULL, BAD_CAST "formulier", NULL)) == NULL)
		goto fail;
	xmlDocSetRootElement(doc, root);
	if (xmlNewProp(root, BAD_CAST "naam", BAD_CAST f->name) == NULL)
		goto fail;

	/* Values first, in definition order, exactly as typed (also the wrong ones). */
	for (i = 0; i < f->nfields; i++) {
		if (f->fields[i].type != FT_CHOICES) {
			if (st[i].v != NULL && st[i].v[0] != '\0' &&
			    add_waarde(root, f->fields[i].name, st[i].v) == NULL)
				goto fail;
			continue;
		}
		for (j = 0; p != NULL && j < p->n; j++)
			if (strcmp(p->v[j].name, f->fields[i].name) == 0 &&
			    p->v[j].value[0] != '\0' && !seen_before(p, j) &&
			    add_waarde(root, p->v[j].name, p->v[j].value) == NULL)
				goto fail;
	}

	for (i = 0; validate && i < f->nfields; i++) {
		if (!field_check(f, i, st, p, ctx, msg))
			continue;
		if (form_add_error(doc, f->fields[i].name, msg) == -1)
			goto fail;
		nerr++;
	}
	free(st);
	if (nerrors != NULL)
		*nerrors = nerr;
	return doc;
fail:
	free(st);
	xmlFreeDoc(doc);
	return NULL;
}

xmlDocPtr
form_validate(const struct form *f, const struct http_params *p,
    const struct form_ctx *ctx, int *nerrors)
{
	return form_result(f, p, ctx, 1, nerrors);
}

xmlDocPtr
form_fill(const struct form *f, const struct http_params *prefill,
    const struct form_ctx *ctx)
{
	return form_result(f, prefill, ctx, 0, NULL);
}

const char *
form_value(xmlDocPtr result, const char *name)
{
	xmlNodePtr	 n;
	const char	*naam;

	if (result == NULL || name == NULL)
		return NULL;
	for (n = xmlDocGetRootElement(result)->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    !xmlStrEqual(n->name, BAD_CAST "waarde"))
			continue;
		naam = xml_attr(n, "naam");
		if (naam != NULL && strcmp(naam, name) == 0) {
			if (n->children != NULL && n->children->type == XML_TEXT_NODE)
				return (const char *)n->children->content;
			return "";
		}
	}
	return NULL;
}

int
form_add_error(xmlDocPtr result, const char *field, const char *msg)
{
	xmlNodePtr root, n;

	if (result == NULL || field == NULL || msg == NULL ||
	    (root = xmlDocGetRootElement(result)) == NULL)
		return -1;
	if ((n = xml_add_text(root, "fout", msg)) == NULL)
		return -1;
	if (xmlNewProp(n, BAD_CAST "veld", BAD_CAST field) == NULL)
		return -1;
	return 0;
}
