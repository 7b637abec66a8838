/* SPDX-License-Identifier: MIT */
/* fuzz_notes.c: libFuzzer harness for the ELF note reader (bytes in, listing out) */
#define _GNU_SOURCE /* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "argspec.h"
#include "elfnotes.h"
#include "elfpeek.h"
#include "util.h"

/*
 * The bytes become a file (one memfd, rewritten for each input: the reader
 * opens paths, so it is read as /proc/self/fd/N), which is opened as
 * `sdtkit list` does and read whole: every module, every site, every
 * argument parsed, each field read and formatted the way the table and
 * json listings show it. The sites are then read a second time after
 * sdtrewind. Invariants: errors name something and say why, a module
 * yields exactly the sites it counted, the indices run from 0, arguments
 * that do not parse have a reason; where the header-only look (elfpeek)
 * answers, the full reader takes the file as one image without sites and
 * says the same of it. Any violation aborts.
 */

enum { ARGSMAX = 64 }; /* as list.c */

static void
check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_notes: invariant violated: %s\n", what);
		abort();
	}
}

/* the path of a file holding the input, or NULL */
static const char *
input(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	size_t off = 0;

	if (fd < 0) {
		fd = memfd_create("fuzz_notes", MFD_CLOEXEC);
		if (fd < 0) {
			perror("fuzz_notes: memfd_create");
			abort();
		}
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) < 0)
		return NULL;
	while (off < size) {
		ssize_t n = pwrite(fd, data + off, size - off, (off_t)off);

		if (n <= 0)
			return NULL;
		off += (size_t)n;
	}
	return path;
}

static void
fmtstr(struct buf *b, const char *k, const char *s)
{
	bufprintf(b, ",\"%s\":", k);
	if (s)
		bufprintf(b, "\"%s\"(%zu)", s, strlen(s));
	else
		bufputs(b, "null");
}

static void
fmtargs(struct buf *b, const struct sdtmodule *m, const struct sdtsite *s)
{
	const struct sdtmodinfo *mi = sdtinfo(m);
	struct sitearg args[ARGSMAX];
	size_t n = sdtsiteargs(m, s, args, ARGSMAX), i;

	if (n > ARGSMAX)
		n = ARGSMAX;
	for (i = 0; i < n; i++) {
		const struct sitearg *a = &args[i];
		const struct argop *o = &a->op;

		check(a->speclen > 0 && a->spec >= s->args &&
		      a->spec + a->speclen <= s->args + strlen(s->args), "spec outside the argument string");
		bufprintf(b, "{\"spec\":\"%.*s\"", (int)a->speclen, a->spec);
		if (a->size)
			bufprintf(b, ",%d,%d,%d", a->size, a->issigned, a->isfloat);
		if (!a->hasop) {
			struct sitearg again;
			char err[256] = "";

			if (argsyntaxname(mi->machine)) {
				check(argparse(mi->machine, a->spec, a->speclen, &again, err, sizeof(err)) < 0,
				      "an argument parses the second time only");
				check(err[0] != '\0', "an argument fails without a reason");
			}
			bufprintf(b, ",null,\"%s\"}", err);
			continue;
		}
		check(o->kind == ARG_REG || o->kind == ARG_MEM || o->kind == ARG_IMM, "bad operand kind");
		check(memchr(o->reg, '\0', sizeof(o->reg)) && memchr(o->base, '\0', sizeof(o->base)) &&
		      memchr(o->index, '\0', sizeof(o->index)) &&
		      memchr(o->symbol, '\0', sizeof(o->symbol)) &&
		      memchr(o->segment, '\0', sizeof(o->segment)), "unterminated operand string");
		bufprintf(b, ",{%d,\"%s\",\"%s\",\"%s\",%d,%lld,%lld,\"%s\",\"%s\"}}", (int)o->kind,
		          o->reg, o->base, o->index, o->scale, (long long)o->offset, (long long)o->imm,
		          o->symbol, o->segment);
	}
}

/* the sites of m, formatted into b; returns how many */
static size_t
sites(struct buf *b, struct sdtmodule *m)
{
	const struct sdtmodinfo *mi = sdtinfo(m);
	struct sdtsite s;
	size_t n = 0;

	while (sdtnextsite(m, &s)) {
		check(s.index == n, "site indices out of order");
		check(s.provider && s.name && s.args && s.notesection, "site without its strings");
		bufprintf(b, "%5zu %10s %17s %33s %s\n", s.index, s.provider, mi->name,
		          s.function ? s.function : "-", s.name);
		fmtstr(b, "pc_section", s.pcsection);
		fmtstr(b, "semaphore_section", s.semsection);
		fmtstr(b, "semaphore_symbol", s.semsymbol);
		fmtstr(b, "arguments", s.args);
		fmtstr(b, "note_section", s.notesection);
		bufprintf(b, ",0x%llx,0x%llx,0x%llx,0x%llx,0x%llx,%u,%zu,%d,0x%llx,%llu\n",
		          (unsigned long long)s.pc, (unsigned long long)s.base,
		          (unsigned long long)s.semaphore, (unsigned long long)s.notepc,
		          (unsigned long long)s.notesem, (unsigned)s.descsz, s.notescn, s.pcexec,
		          (unsigned long long)s.semflags, (unsigned long long)s.semalign);
		fmtargs(b, m, &s);
		n++;
	}
	return n;
}

static void
module(struct buf *b, struct sdtmodule *m)
{
	const struct sdtmodinfo *mi = sdtinfo(m);
	const char *mach = sdtmachinename(mi->machine);

	check(mi->path && mi->name, "module without a name");
	fmtstr(b, "file", mi->path);
	fmtstr(b, "module", mi->name);
	fmtstr(b, "member", mi->member);
	fmtstr(b, "machine", mach);
	fmtstr(b, "syntax", argsyntaxname(mi->machine));
	bufprintf(b, "%d,%ld,%d,%d,%d,%d,%d,%d,0x%llx,0x%llx\n", mi->thin, mi->pid, mi->machine,
	          mi->elfclass, mi->byteorder, mi->type, (int)mi->model, mi->hasbase,
	          (unsigned long long)mi->baseaddr, (unsigned long long)mi->bias);
	check(sites(b, m) == mi->nsites, "a module yields other than the sites it counted");
	sdtrewind(m);
	check(sites(b, m) == mi->nsites, "a rewound module yields other than its sites");
}

static void
checkerr(const struct sdterr *err)
{
	check(err->name[0] != '\0', "error without a name");
	check(err->reason[0] != '\0', "error without a reason");
}

/* what elfpeek answered (pi), against the first module the full reader gave (m, rc) */
static void
peeksame(const struct sdtmodinfo *pi, const struct sdtmodule *m, int rc)
{
	const struct sdtmodinfo *mi;

	check(rc > 0 && m, "elfpeek takes a file the full reader refuses");
	mi = sdtinfo(m);
	check(!mi->member && mi->nsites == 0, "elfpeek takes an archive or a file with sites");
	check(pi->machine == mi->machine && pi->elfclass == mi->elfclass &&
	      pi->byteorder == mi->byteorder && pi->type == mi->type && pi->osabi == mi->osabi &&
	      pi->flags == mi->flags && pi->model == mi->model && pi->hasbase == mi->hasbase &&
	      pi->baseaddr == mi->baseaddr && pi->interp == mi->interp && pi->pie == mi->pie,
	      "elfpeek and the full reader say different things of a file");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = input(data, size);
	struct sdtreader *r;
	struct sdtmodule *m;
	struct sdterr err;
	struct buf b = {0};
	struct sdtmodinfo pi;
	int rc, peeked, first = 1;

	if (!path)
		return 0;
	peeked = elfpeek(path, &pi) == 0;
	if (sdtopen(&r, path, &err) < 0) {
		check(!peeked, "elfpeek takes a file the full reader cannot open");
		checkerr(&err);
		return 0;
	}
	while ((rc = sdtnextmodule(r, &m, &err)) != 0) {
		if (first && peeked)
			peeksame(&pi, m, rc);
		first = 0;
		if (rc < 0) {
			checkerr(&err);
			continue;
		}
		module(&b, m);
	}
	check(!first || !peeked, "elfpeek takes a file in which the full reader finds nothing");
	sdtclose(r);
	buffree(&b);
	return 0;
}
