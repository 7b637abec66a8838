/* SPDX-License-Identifier: MIT */
/* doc.h: a reference of the probes of a provider file, in markdown or as a man page */
#ifndef SDTKIT_DOC_H
#define SDTKIT_DOC_H

#include "model.h"
#include "util.h"

/* append to out the reference of m (source: the .d file's name); man: groff -man, else markdown */
void probedoc(const struct model *m, const char *source, int man, struct buf *out);

/* append to b argument a as the .d declares it: "const char *filename" */
void probeargdecl(struct buf *b, const struct arg *a);
/* append to b the parameters of p as the .d declares them: "const char *filename, int lineno" */
void probeparams(struct buf *b, const struct probe *p);

/* append to b the probe name as DTrace tools show it: "function__entry" as "function-entry" */
void dtracename(struct buf *b, const char *name);

#endif
