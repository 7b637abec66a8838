/* SPDX-License-Identifier: MIT */
/* cpp.h: running the C preprocessor on a provider file */
#ifndef SDTKIT_CPP_H
#define SDTKIT_CPP_H

#include "util.h"

/* -I, -D and -U options collected for the preprocessor, in order */
struct cppopts {
	char **argv;
	size_t argc;
};

/* add one option ("-I", "dir" becomes "-Idir") */
void cppadd(struct cppopts *o, const char *flag, const char *value);
void cppfree(struct cppopts *o);

/*
 * Run $CPP (default "cpp", split into words like a shell would, no shell
 * run) with "-x c", the options and path; its standard output goes to out.
 * Returns 0, or -1 after a diagnostic.
 */
int runcpp(const char *path, const struct cppopts *o, struct buf *out);

/* split s into words with shell-like quoting; returns the count, -1 if a quote is open */
int splitwords(const char *s, char ***words);

#endif
