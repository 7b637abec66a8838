/* SPDX-License-Identifier: MIT */
/* parse.h: the DTrace provider file parser */
#ifndef SDTKIT_PARSE_H
#define SDTKIT_PARSE_H

#include <stddef.h>

#include "model.h"

enum severity { SEV_WARNING, SEV_ERROR };

/* receives each diagnostic; pos->file may be the name given to parse() */
typedef void diagfn(void *ctx, enum severity sev, const struct pos *pos, const char *msg);

/* flags of parse() */
enum {
	/*
	 * src is preprocessor output: '# N "file" FLAGS' lines move the reported
	 * position, and text from system headers (flag 3) is read leniently: its
	 * typedefs are taken, everything else that is not D (function
	 * declarations and definitions, extern, attributes, asm labels) skipped.
	 * Without it, '#' lines other than '#pragma' are ignored.
	 */
	PARSE_CPP = 1,
	/*
	 * The dtrace(1) personality: D program clauses ('BEGIN { ... }',
	 * 'syscall::read:entry /pid == 1/ { ... }') are skipped, and a file that
	 * declares no provider is a warning, not an error (an empty model).
	 */
	PARSE_PROGRAMS = 2,
};

/*
 * Parse len bytes of src, named file in diagnostics, into m, as flags
 * (PARSE_*) say. Returns 0, or -1 after reporting one error through diag
 * (m is then freed).
 */
int parse(const char *file, const char *src, size_t len, int flags, struct model *m,
          diagfn *diag, void *ctx);

/* the last typedef of name (len bytes) in m, or NULL */
const struct typedefn *modeltypedef(const struct model *m, const char *name, size_t len);

/* the macro stem of a probe: "PYTHON_FUNCTION_ENTRY" (malloc'ed) */
char *macroname(const char *prefix, const char *provider, const char *probe);

#endif
