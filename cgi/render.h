/* render.h: XML documents to HTML through the stylesheets in xslt/. */
#ifndef HALT_RENDER_H
#define HALT_RENDER_H

#include <libxml/tree.h>

struct render;

/*
 * The page model. Handlers build a content document whose root is what an
 * XML client gets (Accept: application/xml): <start>, <formulier>, <toets>,
 * <zaak>, <zaken>, <overleg>, <fout>, ... The app wraps it for HTML:
 *
 * <pagina status="422" pad="/verwijzingen" methode="POST">
 *   <gebruiker naam="officier" rol="officier" werkgebied="" getraind="nee"/>
 *   <csrf>token</csrf>                      every form posts it back as name="csrf"
 *   <contact naam="..." email="..." telefoon="..."/>   national contact (config)
 *   <definitie>...copy of forms/NAME.xml root...</definitie>  only for <formulier>
 *   <werkgebieden><werkgebied>Limburg</werkgebied>...</werkgebieden>  choices="werkgebieden"
 *   <formulier naam="verwijzing">            the content root, one of the above
 *     <waarde naam="gedrag">sexting</waarde> <fout veld="gedrag">Kies ...</fout>
 *   </formulier>
 * </pagina>
 *
 * <fout status="404"><titel>Pagina niet gevonden</titel><bericht>...</bericht></fout>
 * <start rol="officier"><taak href="/verwijzingen/nieuw" aantal="3">label</taak>...</start>
 */

/*
 * Parse dir/halt.xsl (which imports the others) once. Returns 0, or -1 with
 * a clear message in err. The handle is read-only afterwards and shared by
 * all threads: each render_html() call uses its own transform context.
 */
int	render_open(struct render **, const char *dir, char *err, size_t errsz);
void	render_close(struct render *);

/*
 * Apply the stylesheet to page (root <pagina>, see xslt/halt.xsl) with
 * security preferences that forbid reading and writing files, creating
 * directories and network access. *out is the HTML5 text (with doctype),
 * the caller frees it with xmlFree(). Returns 0 or -1.
 */
int	render_html(struct render *, xmlDocPtr page, xmlChar **out, int *len);

#endif
