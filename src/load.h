/* SPDX-License-Identifier: MIT */
/* load.h: reading a provider file into the model, through the preprocessor when asked */
#ifndef SDTKIT_LOAD_H
#define SDTKIT_LOAD_H

#include "cpp.h"
#include "model.h"
#include "parse.h"

/* how a command reads its provider file */
struct loadopts {
	int cpp;                /* -C: run the preprocessor first */
	struct cppopts cppopts; /* its -I, -D and -U options */
	int flags;              /* PARSE_* flags besides PARSE_CPP */
};

/* read and parse path into m; 0, or -1 after a diagnostic (through diag, or warn()) */
int loadmodel(const char *path, const struct loadopts *o, struct model *m, diagfn *diag, void *ctx);

/*
 * -C, -I DIR, -D NAME[=VAL] or -U NAME at argv[*i] (the value attached or
 * next): 1 if taken, 0 if argv[*i] is none of them, -1 if the value is
 * missing (*opt then names the option)
 */
int loadoption(struct loadopts *o, int argc, char **argv, int *i, const char **opt);

/* print a parser diagnostic as 'file:line:col: error: message' (a diagfn) */
void printdiag(void *ctx, enum severity sev, const struct pos *pos, const char *msg);

void loadfree(struct loadopts *o);

#endif
