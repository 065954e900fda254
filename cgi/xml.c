/* xml.c: hardened XML parsing and tree helpers shared by every module. */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "xml.h"

/*
 * Deliberately without the options that substitute entities, load or
 * apply a DTD, or lift the size limits: a record or form is small and
 * never needs a DTD.
 */
#define XML_SAFE_OPTIONS	(XML_PARSE_NONET | XML_PARSE_NOERROR | \
				 XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)

static void
xml_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

void
xml_init(void)
{
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, xml_quiet);
}

static xmlDocPtr
xml_reject_dtd(xmlDocPtr doc)
{
	/* A document that declares a DTD is refused outright: we never need one. */
	if (doc != NULL && doc->intSubset != NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

xmlDocPtr
xml_parse_safe(const char *buf, size_t len)
{
	if (buf == NULL || len > 0x7fffffff)
		return NULL;
	return xml_reject_dtd(xmlReadMemory(buf, (int)len, NULL, "UTF-8",
	    XML_SAFE_OPTIONS));
}

xmlDocPtr
xml_read_file_safe(const char *path)
{
	return xml_reject_dtd(xmlReadFile(path, "UTF-8", XML_SAFE_OPTIONS));
}

const char *
xml_child_text(xmlNodePtr parent, const char *name)
{
	xmlNodePtr n;

	if (parent == NULL)
		return NULL;
	for (n = parent->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)n->name, name) != 0)
			continue;
		if (n->children != NULL && n->children->type == XML_TEXT_NODE &&
		    n->children->next == NULL)
			return (const char *)n->children->content;
		return "";
	}
	return NULL;
}

xmlNodePtr
xml_add_text(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n;

	/* xmlNewTextChild escapes; xmlNewChild would take text as markup. */
	n = xmlNewTextChild(parent, NULL, (const xmlChar *)name,
	    (const xmlChar *)text);
	return n;
}

const char *
xml_attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a;

	if (n == NULL)
		return NULL;
	a = xmlHasProp(n, (const xmlChar *)name);
	if (a == NULL || a->children == NULL)
		return a == NULL ? NULL : "";
	return (const char *)a->children->content;
}
