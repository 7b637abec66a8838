/* SPDX-License-Identifier: MIT */
/* elfbase.c: the probe reader's layer 1 of 5, the base: errors, mapping, ELF headers, sections */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfbase.h"

/*
 * What the reader's other files need, using none of them: reasons and
 * errors, files read through a private mapping, the ELF header read and
 * checked without libelf (so that a truncated or damaged file gets a
 * precise reason, and elfpeek.c can read one with pread), and a section's
 * bytes checked against the image before anyone reads them.
 */

const char ELF_MAGIC[] = "\177ELF";
const char NOTE_SECTION[] = ".note.stapsdt";
const char BASE_SECTION[] = ".stapsdt.base";

void
seterr(struct sdterr *err, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	snprintf(err->name, sizeof(err->name), "%s", name);
	va_start(ap, fmt);
	vsnprintf(err->reason, sizeof(err->reason), fmt, ap);
	va_end(ap);
}

int
why(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (buf && len) {
		va_start(ap, fmt);
		vsnprintf(buf, len, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* why a file that is not a regular file cannot be read, or NULL */
static const char *
notregular(const struct stat *st)
{
	if (S_ISREG(st->st_mode))
		return NULL;
	return S_ISDIR(st->st_mode) ? "is a directory" : "not a regular file";
}

int
mapfile(const char *path, struct map *mp, char *reason, size_t len)
{
	struct stat st;
	const char *bad;
	void *p;
	int fd;

	/* refuse devices before opening them: opening one can have effects */
	if (stat(path, &st) < 0)
		return why(reason, len, "%s", strerror(errno));
	if ((bad = notregular(&st)))
		return why(reason, len, "%s", bad);
	/* O_NONBLOCK: should the file be swapped for a FIFO meanwhile, do not wait for a writer */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return why(reason, len, "%s", strerror(errno));
	if (fstat(fd, &st) < 0) {
		why(reason, len, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	if ((bad = notregular(&st))) {
		close(fd);
		return why(reason, len, "%s", bad);
	}
	if (st.st_size == 0) {
		close(fd);
		return why(reason, len, "empty file");
	}
	if ((uintmax_t)st.st_size > SIZE_MAX) {
		close(fd);
		return why(reason, len, "file too large");
	}
	/* writable and private: libelf may convert in place; the file never changes */
	p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return why(reason, len, "cannot map: %s", strerror(errno));
	mp->p = p;
	mp->n = (size_t)st.st_size;
	return 0;
}

void
unmap(struct map *mp)
{
	if (mp->p)
		munmap(mp->p, mp->n);
	mp->p = NULL;
	mp->n = 0;
}

void
initelf(void)
{
	static int done;

	if (!done)
		elf_version(EV_CURRENT);
	done = 1;
}

/* a field of the ELF header by its offset in either class */
#define EHFIELD(h, p, f) \
	rdn((p) + ((h)->c64 ? offsetof(Elf64_Ehdr, f) : offsetof(Elf32_Ehdr, f)), \
	    (h)->c64 ? sizeof(((Elf64_Ehdr *)0)->f) : sizeof(((Elf32_Ehdr *)0)->f), (h)->msb)

/*
 * What libelf would read of the ELF header, checked first so that a
 * truncated or damaged file gets a precise reason.
 */
int
ehdrread(const unsigned char *p, size_t avail, size_t n, struct ehdr *h, char *reason,
         size_t len)
{
	size_t ehsize;

	/* the callers saw the magic, or as much of it as the file holds */
	if (n < EI_NIDENT || avail < EI_NIDENT)
		return why(reason, len, "truncated ELF header (%zu bytes)", n);
	if (p[EI_CLASS] != ELFCLASS32 && p[EI_CLASS] != ELFCLASS64)
		return why(reason, len, "unknown ELF class %u", p[EI_CLASS]);
	if (p[EI_DATA] != ELFDATA2LSB && p[EI_DATA] != ELFDATA2MSB)
		return why(reason, len, "unknown ELF byte order %u", p[EI_DATA]);
	if (p[EI_VERSION] != EV_CURRENT)
		return why(reason, len, "unknown ELF version %u", p[EI_VERSION]);
	h->c64 = p[EI_CLASS] == ELFCLASS64;
	h->msb = p[EI_DATA] == ELFDATA2MSB;
	ehsize = h->c64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	if (n < ehsize || avail < ehsize)
		return why(reason, len, "truncated ELF header (%zu bytes)", n);
	h->osabi = p[EI_OSABI];
	h->type = (unsigned)EHFIELD(h, p, e_type);
	h->machine = (unsigned)EHFIELD(h, p, e_machine);
	h->flags = (unsigned)EHFIELD(h, p, e_flags);
	h->phoff = EHFIELD(h, p, e_phoff);
	h->shoff = EHFIELD(h, p, e_shoff);
	h->phentsize = EHFIELD(h, p, e_phentsize);
	h->phnum = EHFIELD(h, p, e_phnum);
	h->shentsize = EHFIELD(h, p, e_shentsize);
	h->shnum = EHFIELD(h, p, e_shnum);
	h->shstrndx = EHFIELD(h, p, e_shstrndx);
	return 0;
}

int
ehdrcheck(const struct ehdr *h, size_t n, char *reason, size_t len)
{
	uint64_t shnum = h->shnum;

	if (h->shoff != 0) {
		if (h->shentsize != (h->c64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr)))
			return why(reason, len, "unexpected section header size %llu",
			           (unsigned long long)h->shentsize);
		if (shnum == 0)
			shnum = 1;
		if (h->shoff > n || shnum > (n - h->shoff) / h->shentsize)
			return why(reason, len,
			           "section headers past the end of the file (offset 0x%llx, %llu "
			           "headers, file size 0x%zx)",
			           (unsigned long long)h->shoff, (unsigned long long)shnum, n);
	}
	if (h->phoff != 0 && h->phnum != 0 && h->phnum != PN_XNUM) {
		if (h->phentsize != (h->c64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)))
			return why(reason, len, "unexpected program header size %llu",
			           (unsigned long long)h->phentsize);
		if (h->phoff > n || h->phnum > (n - h->phoff) / h->phentsize)
			return why(reason, len,
			           "program headers past the end of the file (offset 0x%llx, file "
			           "size 0x%zx)",
			           (unsigned long long)h->phoff, n);
	}
	return 0;
}

/* the ELF header of a whole image, with the section count of extended numbering */
int
elfcheck(const unsigned char *p, size_t n, char *reason, size_t len)
{
	struct ehdr h;

	if (ehdrread(p, n, n, &h, reason, len) < 0)
		return -1;
	if (h.shoff != 0 && h.shnum == 0 &&
	    h.shentsize == (h.c64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr)) && h.shoff <= n &&
	    h.shentsize <= n - h.shoff) {
		/* the count is in the first header's sh_size */
		h.shnum = h.c64 ? rdn(p + h.shoff + offsetof(Elf64_Shdr, sh_size), 8, h.msb)
		                : rdn(p + h.shoff + offsetof(Elf32_Shdr, sh_size), 4, h.msb);
	}
	return ehdrcheck(&h, n, reason, len);
}

/*
 * The bytes of section idx of v, checked against the image. The reason names
 * the section by its name, read only once the name table itself is checked.
 */
int
scnbytes(const struct elfview *v, size_t idx, const GElf_Shdr *sh, const unsigned char **p,
         char *reason, size_t len)
{
	char what[SDTREASONMAX / 2];
	const char *name;
	size_t n = v->n;

	if (sh->sh_type == SHT_NOBITS) {
		*p = NULL;
		return 0;
	}
	if (sh->sh_offset <= n && sh->sh_size <= n - sh->sh_offset) {
		*p = v->p + sh->sh_offset;
		return 0;
	}
	if (idx == v->shstrndx)
		snprintf(what, sizeof(what), "section name table");
	else if ((name = elf_strptr(v->elf, v->shstrndx, sh->sh_name)) && *name)
		snprintf(what, sizeof(what), "section '%s'", name);
	else
		snprintf(what, sizeof(what), "section %zu", idx);
	return why(reason, len,
	           "%s runs past the end of the file (offset 0x%llx, size 0x%llx, file size 0x%zx)",
	           what, (unsigned long long)sh->sh_offset, (unsigned long long)sh->sh_size, n);
}

