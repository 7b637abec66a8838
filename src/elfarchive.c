/* SPDX-License-Identifier: MIT */
/* elfarchive.c: the probe reader's layer 4 of 5: the ELF members of static archives */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elfarchive.h"
#include "util.h"

/*
 * An archive is "!<arch>\n" (or "!<thin>\n") and then members, each a
 * 60-byte header (name, dates, ids, mode, a decimal size, "`\n") and its
 * data, 2-aligned. Special members hold the symbol table ("/", "/SYM64/")
 * and the long names ("//", referred to as "/OFFSET"); BSD archives put a
 * long name before the data ("#1/LENGTH"). A thin archive keeps its
 * special members but only names the others: their data is in files of
 * their own, relative to the archive's directory.
 */

static const char AR_MAGIC[] = "!<arch>\n";
static const char AR_THIN_MAGIC[] = "!<thin>\n";
static const char AR_FMAG[] = "`\n";

enum {
	AR_MAGICLEN = 8,
	AR_HDRLEN = 60,    /* struct ar_hdr */
	AR_NAMELEN = 16,
	AR_SIZEOFF = 48,
	AR_SIZELEN = 10,
	AR_FMAGOFF = 58,
	AR_BSDNAME = 3,    /* "#1/" + length: BSD long names follow the header */
};

/* a member's name from its header (and the long name table); NULL if special */
static char *
arname(struct archive *a, const unsigned char *h, const unsigned char **data, uint64_t *size,
       char *reason, size_t len)
{
	size_t n = AR_NAMELEN;

	while (n > 0 && h[n - 1] == ' ')
		n--;
	if (h[0] == '/') {
		uint64_t off = 0;
		size_t i;
		const unsigned char *e;

		if (n == 1 || (n == 7 && memcmp(h, "/SYM64/", 7) == 0))
			return NULL; /* symbol tables */
		if (n == 2 && h[1] == '/') {
			a->longnames = *data;
			a->longlen = (size_t)*size;
			return NULL;
		}
		for (i = 1; i < n; i++) {
			if (h[i] < '0' || h[i] > '9' || off > SIZE_MAX / 10) {
				why(reason, len, "bad member name '%.*s'", (int)n, h);
				return (char *)-1;
			}
			off = off * 10 + (uint64_t)(h[i] - '0');
		}
		if (!a->longnames || off >= a->longlen) {
			why(reason, len, "member name '%.*s' is not in the long name table", (int)n, h);
			return (char *)-1;
		}
		e = memchr(a->longnames + off, '\n', a->longlen - (size_t)off);
		if (!e)
			e = a->longnames + a->longlen;
		n = (size_t)(e - (a->longnames + off));
		if (n > 0 && a->longnames[off + n - 1] == '/')
			n--;
		return xstrndup((const char *)a->longnames + off, n);
	}
	if (n > AR_BSDNAME && memcmp(h, "#1/", AR_BSDNAME) == 0) {
		/* BSD: the name's length, the name starts the data */
		uint64_t l = 0;
		size_t i;

		for (i = AR_BSDNAME; i < n; i++) {
			if (h[i] < '0' || h[i] > '9' || l > SIZE_MAX / 10) {
				why(reason, len, "bad member name '%.*s'", (int)n, h);
				return (char *)-1;
			}
			l = l * 10 + (uint64_t)(h[i] - '0');
		}
		if (l > *size) {
			why(reason, len, "member name length %llu exceeds the member's size",
			    (unsigned long long)l);
			return (char *)-1;
		}
		*data += l;
		*size -= l;
		return xstrndup((const char *)*data - l, (size_t)l);
	}
	if (n > 0 && h[n - 1] == '/')
		n--;
	return xstrndup((const char *)h, n);
}

/* is the member header h the archive's symbol table or long name table? */
static int
arspecial(const unsigned char *h)
{
	static const char *const names[] = {"/ ", "// ", "/SYM64/ "};
	size_t i;

	for (i = 0; i < LEN(names); i++)
		if (memcmp(h, names[i], strlen(names[i])) == 0)
			return 1;
	return 0;
}

/*
 * The header of the member at a->off: its data and size, a->off moved
 * past it. 1, 0 at the end, or -1 with err set.
 */
static int
arheader(struct archive *a, const unsigned char **hp, const unsigned char **data,
         uint64_t *sizep, struct sdterr *err)
{
	const unsigned char *h;
	uint64_t size = 0;
	size_t off = a->off, i;

	if (off >= a->n)
		return 0;
	if (a->n - off < AR_HDRLEN) {
		seterr(err, a->path, "truncated archive member header at offset 0x%zx", off);
		return -1;
	}
	h = a->p + off;
	if (memcmp(h + AR_FMAGOFF, AR_FMAG, 2) != 0) {
		seterr(err, a->path, "bad archive member header at offset 0x%zx", off);
		return -1;
	}
	for (i = 0; i < AR_SIZELEN && h[AR_SIZEOFF + i] >= '0' && h[AR_SIZEOFF + i] <= '9'; i++)
		size = size * 10 + (uint64_t)(h[AR_SIZEOFF + i] - '0');
	if (i == 0 || (i < AR_SIZELEN && h[AR_SIZEOFF + i] != ' ')) {
		seterr(err, a->path, "bad archive member size '%.*s' at offset 0x%zx", AR_SIZELEN,
		       h + AR_SIZEOFF, off);
		return -1;
	}
	off += AR_HDRLEN;
	/* a thin archive holds its symbol and name tables, not its members */
	if (!a->thin || arspecial(h)) {
		if (size > a->n - off) {
			seterr(err, a->path,
			       "archive member at offset 0x%zx: size %llu runs past the end of the "
			       "archive (%zu bytes left)",
			       off - AR_HDRLEN, (unsigned long long)size, a->n - off);
			return -1;
		}
		off += (size_t)size;
		if ((off & 1) && off < a->n)
			off++; /* members are 2-aligned */
	}
	a->off = off;
	*hp = h;
	*data = h + AR_HDRLEN;
	*sizep = size;
	return 1;
}

/* map a thin archive's member, named relative to the archive's directory */
static int
mapthin(const struct archive *a, const char *name, struct map *mp, char *reason, size_t len)
{
	const char *b = basename_of(a->path);
	char *p = name[0] == '/' ? xstrdup(name) :
	          xasprintf("%.*s%s", (int)(b - a->path), a->path, name);
	int rc = mapfile(p, mp, reason, len);

	free(p);
	return rc;
}

/*
 * Open member name (data, size) as a module: 1 with *mp set, 0 when it is
 * not an ELF object (nothing to list), -1 with err set.
 */
static int
armember(struct archive *a, const char *name, const unsigned char *data, uint64_t size,
         struct sdtmodule **mp, struct sdterr *err)
{
	char reason[SDTREASONMAX];
	char *full = xasprintf("%s(%s)", a->path, name);
	char *disp = xasprintf("%s(%s)", basename_of(a->path), name);
	struct sdtmodule *m = modnew(a->path, name, disp);
	unsigned char *img;
	size_t imgn;
	int rc = -1;

	free(disp);
	m->info.thin = a->thin;
	if (a->thin) {
		if (mapthin(a, name, &m->own, reason, sizeof(reason)) < 0) {
			seterr(err, full, "%s", reason);
			goto out;
		}
		img = m->own.p;
		imgn = m->own.n;
	} else {
		/* the archive's mapping is private and writable: libelf may convert in place */
		img = (unsigned char *)data;
		imgn = (size_t)size;
	}
	if (imgn < MAGICLEN || memcmp(img, ELF_MAGIC, MAGICLEN) != 0) {
		/* not an object (a Rust .rmeta, a text file): nothing to list */
		rc = 0;
		goto out;
	}
	if (modopen(m, img, imgn, reason, sizeof(reason)) < 0) {
		seterr(err, full, "%s", reason);
		goto out;
	}
	*mp = m;
	m = NULL;
	rc = 1;
out:
	free(full);
	modfree(m);
	return rc;
}

int
aropen(struct archive *a, const char *path, unsigned char *p, size_t n)
{
	if (n < AR_MAGICLEN ||
	    (memcmp(p, AR_MAGIC, AR_MAGICLEN) != 0 && memcmp(p, AR_THIN_MAGIC, AR_MAGICLEN) != 0))
		return -1;
	memset(a, 0, sizeof(*a));
	a->path = path;
	a->p = p;
	a->n = n;
	a->thin = memcmp(p, AR_THIN_MAGIC, AR_MAGICLEN) == 0;
	a->off = AR_MAGICLEN;
	return 0;
}

int
arnext(struct archive *a, struct sdtmodule **mp, struct sdterr *err)
{
	char reason[SDTREASONMAX];

	if (a->done)
		return 0;
	for (;;) {
		const unsigned char *h, *data;
		uint64_t size;
		char *name;
		int rc = arheader(a, &h, &data, &size, err);

		if (rc <= 0) {
			a->done = 1;
			return rc;
		}
		name = arname(a, h, &data, &size, reason, sizeof(reason));
		if (name == (char *)-1) {
			seterr(err, a->path, "%s", reason);
			a->done = 1;
			return -1;
		}
		if (!name)
			continue;
		rc = armember(a, name, data, size, mp, err);
		free(name);
		if (rc != 0)
			return rc;
	}
}
