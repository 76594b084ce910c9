#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
// libxml2's HTML parser, tree and XPath APIs (Debian's libxml2-dev; 2.9.14 on Debian 12).
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, whose headers clash with the ICU copy inside Foundation
// (two definitions of UErrorCode). Nothing here uses libxml2's ICU converters; without the
// flag, encoding.h only leaves out two pointer members at the end of xmlCharEncodingHandler,
// a struct we never touch.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>

// `xmlFree` is a macro over a per-thread function pointer in threaded builds; Swift does not
// import it.
static inline void clibxml2_free(void *pointer) { xmlFree(pointer); }

// Stops libxml2 from printing errors on stderr for the calling thread: the parser's own errors
// are already off (HTML_PARSE_NOERROR), this catches the generic ones (XPath compilation).
static void clibxml2_ignore_generic(void *context, const char *message, ...) { (void)context; (void)message; }
static inline void clibxml2_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, clibxml2_ignore_generic);
}
#endif
