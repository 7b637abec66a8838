/* SPDX-License-Identifier: MIT */
/* elfprocess.h: the probe reader's layer 4 of 5: the ELF files a running process maps */
#ifndef SDTKIT_ELFPROCESS_H
#define SDTKIT_ELFPROCESS_H

#include <stddef.h>

#include "elfimage.h"
#include "elfnotes.h"

/* a file mapped by a process */
struct pmap {
	unsigned long long start, end, off, inode;
	unsigned devmajor, devminor;
	char *path;
	int first; /* the first mapping of its file */
};

/* a process being read */
struct process {
	long pid;
	const char *name; /* "pid N", for errors */
	struct pmap *maps;
	size_t nmaps, mapi;
};

/* Start reading process pid (shown as name in errors). 0, or -1 with err set. */
int pidopen(struct process *p, long pid, const char *name, struct sdterr *err);
/*
 * The next ELF file p maps as a module (as sdtnextmodule): 1 with *mp set,
 * 0 at the end, -1 with err set; after -1, the next file follows.
 */
int pidnext(struct process *p, struct sdtmodule **mp, struct sdterr *err);
/* release what p holds */
void pidclose(struct process *p);

#endif
