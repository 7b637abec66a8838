/* parse.h: the DTrace provider file parser */
#ifndef SDTKIT_PARSE_H
#define SDTKIT_PARSE_H

#include <stddef.h>

#include "model.h"

enum severity { SEV_WARNING, SEV_ERROR };

/* receives each diagnostic; pos->file may be the name given to parse() */
typedef void diagfn(void *ctx, enum severity sev, const struct pos *pos, const char *msg);

/*
 * Parse len bytes of src, named file in diagnostics, into m. With
 * linemarkers set, '# N "file"' lines (preprocessor output) move the
 * reported position; otherwise '#' lines other than '#pragma' are ignored.
 * Returns 0, or -1 after reporting one error through diag (m is then freed).
 */
int parse(const char *file, const char *src, size_t len, int linemarkers, struct model *m,
          diagfn *diag, void *ctx);

/* the macro stem of a probe: "PYTHON_FUNCTION_ENTRY" (malloc'ed) */
char *macroname(const char *prefix, const char *provider, const char *probe);

#endif
