/* xml.h: the one hardened way to parse XML, and small helpers on libxml2 trees. */
#ifndef HALT_XML_H
#define HALT_XML_H

#include <stddef.h>
#include <libxml/tree.h>

/*
 * Parse buf with XML_PARSE_NONET | XML_PARSE_NONBLANKS-free defaults: no
 * network, no entity substitution, no DTD loading or validation, no
 * XInclude; errors are not printed. NULL when the bytes are not
 * well-formed. Caller frees with xmlFreeDoc().
 */
xmlDocPtr	 xml_parse_safe(const char *buf, size_t len);

/* Same, reading a file (form definitions, stylesheets' input at startup). */
xmlDocPtr	 xml_read_file_safe(const char *path);

/* Text of the first child element called name of parent ("" when it has no single text child), or NULL; points into the tree, valid while it lives. */
const char	*xml_child_text(xmlNodePtr parent, const char *name);

/* New child element with escaped text content (text may be NULL). */
xmlNodePtr	 xml_add_text(xmlNodePtr parent, const char *name, const char *text);

/* Attribute value as a pointer into the tree, or NULL; valid while the tree lives. */
const char	*xml_attr(xmlNodePtr, const char *name);

/* Silence libxml2's generic error output for the whole process (called once at startup). */
void		 xml_init(void);

#endif
