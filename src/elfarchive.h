/* SPDX-License-Identifier: MIT */
/* elfarchive.h: the probe reader's layer 4 of 5: the ELF members of a static archive */
#ifndef SDTKIT_ELFARCHIVE_H
#define SDTKIT_ELFARCHIVE_H

#include <stddef.h>

#include "elfimage.h"
#include "elfnotes.h"

/* a static archive being read */
struct archive {
	const char *path; /* the archive, for the members' names and errors */
	unsigned char *p; /* its mapping (private and writable: libelf may convert in place) */
	size_t n;
	int thin;         /* "!<thin>": the members' data is in files of their own */
	int done;         /* the end, or an error in the archive itself, was reached */
	size_t off;       /* the next member header */
	const unsigned char *longnames; /* the long name table ("//"), once seen */
	size_t longlen;
};

/*
 * Start reading the n bytes at p, the file path, as an archive: 0, or -1
 * when they are not one (a regular or thin archive's magic).
 */
int aropen(struct archive *a, const char *path, unsigned char *p, size_t n);
/*
 * The next ELF member of a as a module (as sdtnextmodule): 1 with *mp set,
 * 0 at the end, -1 with err set; after -1 for a member, the next one follows.
 */
int arnext(struct archive *a, struct sdtmodule **mp, struct sdterr *err);

#endif
