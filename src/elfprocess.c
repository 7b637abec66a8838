/* SPDX-License-Identifier: MIT */
/* elfprocess.c: the probe reader's layer 4 of 5: the ELF files a running process maps */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "elfprocess.h"
#include "util.h"

/*
 * In a process, the run-time address of a site is its file address plus
 * the load bias of the mapping, found from /proc/PID/maps and the PT_LOAD
 * program headers. Each file is read through /proc/PID/map_files, which
 * opens the very file mapped even if it was replaced or deleted since.
 */

static const char PROC_MAPS[] = "/proc/%ld/maps";
static const char PROC_MAP_FILES[] = "/proc/%ld/map_files/%llx-%llx";
static const char DELETED[] = " (deleted)";

/* is pm the same file as one of the first n mappings of pr? */
static int
mappedbefore(const struct process *pr, size_t n, const struct pmap *pm)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (pr->maps[i].inode == pm->inode && pr->maps[i].devmajor == pm->devmajor &&
		    pr->maps[i].devminor == pm->devminor && strcmp(pr->maps[i].path, pm->path) == 0)
			return 1;
	return 0;
}

/* the mappings of files, in the order of /proc/PID/maps; 0, or -1 with err set */
static int
readmaps(struct process *pr, struct sdterr *err)
{
	char path[64], *line = NULL;
	size_t cap = 0, capmaps = 0;
	FILE *f;
	ssize_t n;

	snprintf(path, sizeof(path), PROC_MAPS, pr->pid);
	f = fopen(path, "r");
	if (!f) {
		seterr(err, pr->name, errno == ENOENT ? "no such process" : "cannot read '%s': %s",
		       path, strerror(errno));
		return -1;
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		struct pmap pm = {0};
		char perms[8];
		int pos = 0;
		char *p;

		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (sscanf(line, "%llx-%llx %7s %llx %x:%x %llu %n", &pm.start, &pm.end, perms, &pm.off,
		           &pm.devmajor, &pm.devminor, &pm.inode, &pos) < 7 || pos == 0)
			continue;
		p = line + pos;
		if (pm.inode == 0 || *p != '/')
			continue;
		pm.path = xstrdup(p);
		pm.first = !mappedbefore(pr, pr->nmaps, &pm);
		if (pr->nmaps == capmaps)
			pr->maps = xreallocarray(pr->maps, capmaps = capmaps ? capmaps * 2 : 64,
			                         sizeof(*pr->maps));
		pr->maps[pr->nmaps++] = pm;
	}
	free(line);
	if (ferror(f)) {
		seterr(err, pr->name, "cannot read '%s': %s", path, strerror(errno));
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

int
pidopen(struct process *pr, long pid, const char *name, struct sdterr *err)
{
	memset(pr, 0, sizeof(*pr));
	pr->pid = pid;
	pr->name = name;
	if (pid <= 0) {
		seterr(err, name, "no such process");
		return -1;
	}
	return readmaps(pr, err);
}

/* the load bias of module m, from the mappings of file f */
static void
setbias(struct process *pr, struct sdtmodule *m, const struct pmap *f)
{
	unsigned long long pg = (unsigned long long)sysconf(_SC_PAGESIZE);
	size_t i, j;

	for (i = 0; i < m->nsegs; i++) {
		const struct seg *s = &m->segs[i];

		for (j = 0; j < pr->nmaps; j++) {
			const struct pmap *p = &pr->maps[j];

			if (p->inode != f->inode || p->devmajor != f->devmajor ||
			    p->devminor != f->devminor || strcmp(p->path, f->path) != 0)
				continue;
			if (p->off == (s->offset & ~(pg - 1))) {
				m->info.bias = p->start + (s->offset - p->off) - s->vaddr;
				return;
			}
		}
	}
}

/*
 * Open the file of mapping f as a module: 1 with *mp set, 0 when it is not
 * an ELF file (not code), -1 with err set.
 */
static int
pidmodule(struct process *pr, const struct pmap *f, struct sdtmodule **mp, struct sdterr *err)
{
	char reason[SDTREASONMAX], mf[128];
	char *path = xstrdup(f->path);
	size_t n = strlen(path);
	struct sdtmodule *m;
	int rc = -1;

	if (n > sizeof(DELETED) - 1 && strcmp(path + n - (sizeof(DELETED) - 1), DELETED) == 0)
		path[n - (sizeof(DELETED) - 1)] = '\0';
	m = modnew(path, NULL, basename_of(path));
	m->info.pid = pr->pid;
	/* the file the process maps, even if replaced or deleted since */
	snprintf(mf, sizeof(mf), PROC_MAP_FILES, pr->pid, f->start, f->end);
	if (mapfile(mf, &m->own, reason, sizeof(reason)) < 0 &&
	    mapfile(path, &m->own, reason, sizeof(reason)) < 0) {
		seterr(err, path, "%s", reason);
		goto out;
	}
	if (m->own.n < MAGICLEN || memcmp(m->own.p, ELF_MAGIC, MAGICLEN) != 0) {
		/* locale archives, fonts, caches: not code */
		rc = 0;
		goto out;
	}
	if (modopen(m, m->own.p, m->own.n, reason, sizeof(reason)) < 0) {
		seterr(err, path, "%s", reason);
		goto out;
	}
	setbias(pr, m, f);
	*mp = m;
	m = NULL;
	rc = 1;
out:
	free(path);
	modfree(m);
	return rc;
}

int
pidnext(struct process *pr, struct sdtmodule **mp, struct sdterr *err)
{
	while (pr->mapi < pr->nmaps) {
		const struct pmap *f = &pr->maps[pr->mapi++];
		int rc;

		if (!f->first)
			continue;
		rc = pidmodule(pr, f, mp, err);
		if (rc != 0)
			return rc;
	}
	return 0;
}

void
pidclose(struct process *pr)
{
	size_t i;

	for (i = 0; i < pr->nmaps; i++)
		free(pr->maps[i].path);
	free(pr->maps);
	pr->maps = NULL;
	pr->nmaps = pr->mapi = 0;
}
