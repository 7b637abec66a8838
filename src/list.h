/* SPDX-License-Identifier: MIT */
/* list.h: the 'list' command: the probe sites of ELF files, archives and processes */
#ifndef SDTKIT_LIST_H
#define SDTKIT_LIST_H

#include <stddef.h>

#include "elfnotes.h"

/* sdtkit list [--format=table|notes|json] [-P PROVIDER] [-p PID] [FILE...]; exit status */
int cmd_list(int argc, char **argv);

/* the probes already noted for their floating-point arguments */
struct floatnotes {
	char **seen; /* "module:provider:name" */
	size_t n;
};

/*
 * A warning on standard error, once per probe and module, when site s has a
 * floating-point argument, naming the readers that cannot read it
 */
void floatnote(struct floatnotes *f, const struct sdtmodule *m, const struct sdtsite *s,
               const char *module);
void floatnotesfree(struct floatnotes *f);

#endif
