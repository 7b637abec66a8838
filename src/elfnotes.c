/* SPDX-License-Identifier: MIT */
/* elfnotes.c: reading SDT probe sites from ELF files, static archives and running processes */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfnotes.h"
#include "util.h"

/*
 * Every probe site written by <sys/sdt.h> leaves one ELF note in the
 * non-allocated section .note.stapsdt. The note's name is "stapsdt", its
 * type 3 (NT_STAPSDT), and its descriptor is three addresses (8 bytes each
 * in ELFCLASS64 files, 4 in ELFCLASS32 ones, in the file's byte order)
 * followed by three NUL-terminated strings:
 *
 *   pc         the address of the probe's nop
 *   base       the address of _.stapsdt.base (a byte in section .stapsdt.base)
 *   semaphore  the address of the probe's unsigned short semaphore, or 0
 *   provider\0 name\0 arguments\0
 *
 * What readelf -n shows for one of Debian's libpython3.11.so.1.0:
 *
 *   Displaying notes found in: .note.stapsdt
 *     Owner                Data size 	Description
 *     stapsdt              0x0000003a	NT_STAPSDT (SystemTap probe descriptors)
 *       Provider: python
 *       Name: line
 *       Location: 0x000000000010f3a3, Base: 0x0000000000592ba8, Semaphore: 0x0000000000760c6c
 *       Arguments: 8@%r14 8@%rax -4@%edx
 *
 * with, among its sections,
 *
 *   [15] .stapsdt.base     PROGBITS        0000000000592ba8 592ba8 000001 00   A  0   0  1
 *   [26] .probes           PROGBITS        0000000000760c60 75fc60 000018 00  WA  0   0  2
 *   [28] .note.stapsdt     NOTE            0000000000000000 75fc78 000290 00      0   0  4
 *
 * The base field exists because the note is not allocated: a tool that
 * moves the loaded sections after the link (prelink) does not update the
 * notes, but does move .stapsdt.base. So when base is non-zero, readers
 * add sh_addr(.stapsdt.base) - base to pc and to the semaphore.
 *
 * In a relocatable object (.o) the three addresses are 0 in the note and
 * relocations in .rela.note.stapsdt (.rel.note.stapsdt on REL machines
 * such as i386 and arm) say what they are: pc is a section symbol (or a
 * function) plus an addend, the semaphore an undefined symbol. We apply
 * them as readelf does (symbol value + addend), which gives the offset of
 * the probe in its section, and look the containing function up there.
 *
 * In a process, the run-time address of a site is its file address plus
 * the load bias of the mapping, found from /proc/PID/maps and the PT_LOAD
 * program headers.
 *
 * The argument string is parsed by argspec.c. Everything here is read
 * from a private read-only mapping of the file, checked before it is
 * used: sizes from the file are never trusted, strings are found with
 * memchr inside the descriptor.
 */

static const char NOTE_SECTION[] = ".note.stapsdt";
static const char NOTE_NAME[] = "stapsdt"; /* with its NUL: namesz 8 */
static const char BASE_SECTION[] = ".stapsdt.base";
static const char ELF_MAGIC[] = "\177ELF";
static const char AR_MAGIC[] = "!<arch>\n";
static const char AR_THIN_MAGIC[] = "!<thin>\n";
static const char AR_FMAG[] = "`\n";
static const char PROC_MAPS[] = "/proc/%ld/maps";
static const char PROC_MAP_FILES[] = "/proc/%ld/map_files/%llx-%llx";
static const char DELETED[] = " (deleted)";

enum {
	NT_STAPSDT = 3,
	NOTE_HDRLEN = 12,  /* namesz, descsz, type: 4 bytes each */
	NOTE_ALIGN = 4,    /* .note.stapsdt is .balign 4 (8 only if the section says so) */
	MAGICLEN = 4,
	AR_MAGICLEN = 8,
	AR_HDRLEN = 60,    /* struct ar_hdr */
	AR_NAMELEN = 16,
	AR_SIZEOFF = 48,
	AR_SIZELEN = 10,
	AR_FMAGOFF = 58,
	AR_BSDNAME = 3,    /* "#1/" + length: BSD long names follow the header */
	SECLOOKBACK = 8,   /* sections tried below an address before giving up */
	LINEARSITES = 16,  /* up to this many sites, symbols are scanned, not sorted */
};

/* a private mapping of a whole file */
struct map {
	unsigned char *p;
	size_t n;
};

/* a function or data symbol, keyed by (section in a .o, else 0; address) */
struct sym {
	uint64_t addr, size;
	size_t sec;
	int rank; /* global, weak, local: which name to show for aliases */
	const char *name;
};

/* an allocated section of a linked file, for address lookups */
struct asec {
	uint64_t addr, size, flags, align;
	const char *name;
};

/* a PT_LOAD segment */
struct seg {
	uint64_t vaddr, memsz, offset, filesz;
	uint32_t flags;
};

/* one .note.stapsdt section, with its relocations in a .o */
struct notesec {
	size_t scn;
	const char *name;
	const unsigned char *p;
	size_t size, align;
	Elf_Data *rel;    /* relocations or NULL */
	int rela;         /* SHT_RELA (else SHT_REL) */
	size_t nrel;
	size_t *order;    /* relocation indices by offset, when the section is not sorted */
	Elf_Data *syms;   /* the symbol table they refer to */
	Elf_Data *xndx;   /* its SHT_SYMTAB_SHNDX, or NULL */
	size_t strndx;    /* its string table */
	size_t nsyms;
};

struct sdtmodule {
	struct sdtmodinfo info;
	char *path, *member, *name;
	struct map own; /* the module's own mapping (thin archive members, processes) */
	Elf *elf;
	int rel;        /* ET_REL: addresses are section offsets */
	size_t shstrndx;
	struct notesec *ns;
	size_t nns;
	struct sym *funcs, *objs;
	size_t nfuncs, nobjs;
	int symsorted;  /* funcs and objs are sorted (else looked up by a linear scan) */
	struct asec *secs;
	size_t nsecs;
	struct seg *segs;
	size_t nsegs;
	int hasshdrs;
	/* iteration */
	size_t cur, off, next;
	size_t lastsec; /* section lookup cache */
};

enum rkind { RK_FILE, RK_ARCHIVE, RK_PID };

/* a file mapped by a process */
struct pmap {
	unsigned long long start, end, off, inode;
	unsigned devmajor, devminor;
	char *path;
	int first; /* the first mapping of its file */
};

struct sdtreader {
	enum rkind kind;
	char *path;
	struct map map;
	int done;
	struct sdtmodule *cur;
	/* archives */
	int thin;
	size_t aroff;
	const unsigned char *longnames;
	size_t longlen;
	/* processes */
	long pid;
	struct pmap *maps;
	size_t nmaps, mapi;
};

static void
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

static int
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

const char *
sdtmachinename(int em)
{
	static const struct {
		int em;
		const char *name;
	} names[] = {
		{EM_X86_64, "x86_64"}, {EM_386, "i386"}, {EM_AARCH64, "aarch64"}, {EM_ARM, "arm"},
		{EM_RISCV, "riscv"}, {EM_PPC64, "ppc64"}, {EM_PPC, "ppc"}, {EM_S390, "s390"},
		{EM_MIPS, "mips"}, {EM_SPARCV9, "sparcv9"}, {EM_LOONGARCH, "loongarch"},
		{EM_IA_64, "ia64"},
	};
	size_t i;

	for (i = 0; i < LEN(names); i++)
		if (names[i].em == em)
			return names[i].name;
	return NULL;
}

/* byte-order-aware reads from the file image */
static uint64_t
rdn(const unsigned char *p, size_t n, int msb)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v |= (uint64_t)p[msb ? i : n - 1 - i] << (8 * (n - 1 - i));
	return v;
}

static uint32_t
rd32(const struct sdtmodule *m, const unsigned char *p)
{
	return (uint32_t)rdn(p, 4, m->info.byteorder == ELFDATA2MSB);
}

static size_t
addrsize(const struct sdtmodule *m)
{
	return m->info.elfclass == ELFCLASS64 ? 8 : 4;
}

static uint64_t
rdaddr(const struct sdtmodule *m, const unsigned char *p)
{
	return rdn(p, addrsize(m), m->info.byteorder == ELFDATA2MSB);
}

/* why a file that is not a regular file cannot be read, or NULL */
static const char *
notregular(const struct stat *st)
{
	if (S_ISREG(st->st_mode))
		return NULL;
	return S_ISDIR(st->st_mode) ? "is a directory" : "not a regular file";
}

/* map a regular file privately; 0, or -1 with a reason */
static int
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

static void
unmap(struct map *mp)
{
	if (mp->p)
		munmap(mp->p, mp->n);
	mp->p = NULL;
	mp->n = 0;
}

/*
 * What libelf would read of the ELF header, checked first so that a
 * truncated or damaged file gets a precise reason.
 */
static int
elfcheck(const unsigned char *p, size_t n, char *reason, size_t len)
{
	int c64, msb;
	uint64_t shoff, phoff, shnum, phnum, shentsize, phentsize, ehsize;

	/* the callers saw the magic, or as much of it as the file holds */
	if (n < EI_NIDENT)
		return why(reason, len, "truncated ELF header (%zu bytes)", n);
	if (p[EI_CLASS] != ELFCLASS32 && p[EI_CLASS] != ELFCLASS64)
		return why(reason, len, "unknown ELF class %u", p[EI_CLASS]);
	if (p[EI_DATA] != ELFDATA2LSB && p[EI_DATA] != ELFDATA2MSB)
		return why(reason, len, "unknown ELF byte order %u", p[EI_DATA]);
	if (p[EI_VERSION] != EV_CURRENT)
		return why(reason, len, "unknown ELF version %u", p[EI_VERSION]);
	c64 = p[EI_CLASS] == ELFCLASS64;
	msb = p[EI_DATA] == ELFDATA2MSB;
	ehsize = c64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	if (n < ehsize)
		return why(reason, len, "truncated ELF header (%zu bytes)", n);
	if (c64) {
		phoff = rdn(p + offsetof(Elf64_Ehdr, e_phoff), 8, msb);
		shoff = rdn(p + offsetof(Elf64_Ehdr, e_shoff), 8, msb);
		phentsize = rdn(p + offsetof(Elf64_Ehdr, e_phentsize), 2, msb);
		phnum = rdn(p + offsetof(Elf64_Ehdr, e_phnum), 2, msb);
		shentsize = rdn(p + offsetof(Elf64_Ehdr, e_shentsize), 2, msb);
		shnum = rdn(p + offsetof(Elf64_Ehdr, e_shnum), 2, msb);
	} else {
		phoff = rdn(p + offsetof(Elf32_Ehdr, e_phoff), 4, msb);
		shoff = rdn(p + offsetof(Elf32_Ehdr, e_shoff), 4, msb);
		phentsize = rdn(p + offsetof(Elf32_Ehdr, e_phentsize), 2, msb);
		phnum = rdn(p + offsetof(Elf32_Ehdr, e_phnum), 2, msb);
		shentsize = rdn(p + offsetof(Elf32_Ehdr, e_shentsize), 2, msb);
		shnum = rdn(p + offsetof(Elf32_Ehdr, e_shnum), 2, msb);
	}
	if (shoff != 0) {
		if (shentsize != (c64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr)))
			return why(reason, len, "unexpected section header size %llu",
			           (unsigned long long)shentsize);
		if (shnum == 0 && shoff <= n && shentsize <= n - shoff) {
			/* the count is in the first header's sh_size */
			shnum = c64 ? rdn(p + shoff + offsetof(Elf64_Shdr, sh_size), 8, msb)
			            : rdn(p + shoff + offsetof(Elf32_Shdr, sh_size), 4, msb);
		}
		if (shnum == 0)
			shnum = 1;
		if (shoff > n || shnum > (n - shoff) / shentsize)
			return why(reason, len,
			           "section headers past the end of the file (offset 0x%llx, %llu "
			           "headers, file size 0x%zx)",
			           (unsigned long long)shoff, (unsigned long long)shnum, n);
	}
	if (phoff != 0 && phnum != 0 && phnum != PN_XNUM) {
		if (phentsize != (c64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)))
			return why(reason, len, "unexpected program header size %llu",
			           (unsigned long long)phentsize);
		if (phoff > n || phnum > (n - phoff) / phentsize)
			return why(reason, len,
			           "program headers past the end of the file (offset 0x%llx, file "
			           "size 0x%zx)",
			           (unsigned long long)phoff, n);
	}
	return 0;
}

/*
 * The bytes of section idx of m, checked against the image. The reason names
 * the section by its name, read only once the name table itself is checked.
 */
static int
scnbytes(const struct sdtmodule *m, const unsigned char *img, size_t n, size_t idx,
         const GElf_Shdr *sh, const unsigned char **p, char *reason, size_t len)
{
	char what[SDTREASONMAX / 2];
	const char *name;

	if (sh->sh_type == SHT_NOBITS) {
		*p = NULL;
		return 0;
	}
	if (sh->sh_offset <= n && sh->sh_size <= n - sh->sh_offset) {
		*p = img + sh->sh_offset;
		return 0;
	}
	if (idx == m->shstrndx)
		snprintf(what, sizeof(what), "section name table");
	else if ((name = elf_strptr(m->elf, m->shstrndx, sh->sh_name)) && *name)
		snprintf(what, sizeof(what), "section '%s'", name);
	else
		snprintf(what, sizeof(what), "section %zu", idx);
	return why(reason, len,
	           "%s runs past the end of the file (offset 0x%llx, size 0x%llx, file size 0x%zx)",
	           what, (unsigned long long)sh->sh_offset, (unsigned long long)sh->sh_size, n);
}

/* one note of a section */
struct rawnote {
	size_t off, next;
	uint32_t namesz, descsz, type;
	const unsigned char *name, *desc;
};

/* the note at off: 1, 0 at the end of the section, or -1 with a reason */
static int
notenext(const struct sdtmodule *m, const struct notesec *ns, size_t off, struct rawnote *nt,
         char *reason, size_t len)
{
	uint64_t left, namepad, descpad;

	if (off >= ns->size)
		return 0;
	left = ns->size - off;
	if (left < NOTE_HDRLEN)
		return why(reason, len, "section '%s': truncated note header at offset 0x%zx",
		           ns->name, off);
	nt->off = off;
	nt->namesz = rd32(m, ns->p + off);
	nt->descsz = rd32(m, ns->p + off + 4);
	nt->type = rd32(m, ns->p + off + 8);
	left -= NOTE_HDRLEN;
	namepad = ((uint64_t)nt->namesz + ns->align - 1) / ns->align * ns->align;
	descpad = ((uint64_t)nt->descsz + ns->align - 1) / ns->align * ns->align;
	if (namepad > left)
		return why(reason, len,
		           "section '%s': note at offset 0x%zx: name size 0x%x runs past the end of "
		           "the section",
		           ns->name, off, nt->namesz);
	left -= namepad;
	if (nt->descsz > left)
		return why(reason, len,
		           "section '%s': note at offset 0x%zx: descriptor size 0x%x runs past the "
		           "end of the section",
		           ns->name, off, nt->descsz);
	nt->name = ns->p + off + NOTE_HDRLEN;
	nt->desc = nt->name + namepad;
	/* the last note's padding may be missing */
	nt->next = ns->size - (size_t)(left - (descpad < left ? descpad : left));
	return 1;
}

static int
isstapsdt(const struct rawnote *nt)
{
	return nt->type == NT_STAPSDT && nt->namesz == sizeof(NOTE_NAME) &&
	       memcmp(nt->name, NOTE_NAME, sizeof(NOTE_NAME)) == 0;
}

/*
 * The three strings of a stapsdt descriptor; 0, or -1 with a reason. The
 * strings are NUL-terminated inside the descriptor or the note is bad.
 */
static int
notestrings(const struct sdtmodule *m, const struct rawnote *nt, const char *s[3], char *reason,
            size_t len)
{
	static const char *const what[] = {"provider", "probe name", "argument string"};
	size_t a = addrsize(m), i;
	const unsigned char *p, *end = nt->desc + nt->descsz;

	if (nt->descsz < 3 * a)
		return why(reason, len, "stapsdt note at offset 0x%zx: descriptor of %u bytes is too "
		           "small for three %zu-byte addresses", nt->off, nt->descsz, a);
	p = nt->desc + 3 * a;
	for (i = 0; i < 3; i++) {
		const unsigned char *z = p < end ? memchr(p, '\0', (size_t)(end - p)) : NULL;

		if (!z)
			return why(reason, len, "stapsdt note at offset 0x%zx: %s %s", nt->off,
			           p < end ? "unterminated" : "missing", what[i]);
		s[i] = (const char *)p;
		p = z + 1;
	}
	return 0;
}

static int
symcmp(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int
seccmp(const void *a, const void *b)
{
	const struct asec *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->size < y->size ? -1 : x->size > y->size;
}

/* the first symbol of the group with the greatest (sec, addr) <= the key, or NULL */
static const struct sym *
symfloor(const struct sym *v, size_t n, size_t sec, uint64_t addr)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].sec < sec || (v[mid].sec == sec && v[mid].addr <= addr))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || v[lo - 1].sec != sec)
		return NULL;
	while (lo > 1 && v[lo - 2].sec == sec && v[lo - 2].addr == v[lo - 1].addr)
		lo--;
	return &v[lo - 1];
}

/*
 * The symbol a sorted table's lookup would give, by one pass over an
 * unsorted one: among the symbols of section sec at the greatest address
 * <= addr (exactly addr if exact), the first in symcmp order that contains
 * addr (if contain) or whose name ends in suffix (if suffix and one does),
 * else the first. Cheaper than sorting when there are few sites to look up.
 */
static const struct sym *
symscan(const struct sym *v, size_t n, size_t sec, uint64_t addr, int exact, int contain,
        const char *suffix)
{
	const struct sym *best = NULL, *bestsuf = NULL;
	uint64_t floor = 0;
	size_t i, sl = suffix ? strlen(suffix) : 0;
	int found = 0;

	for (i = 0; i < n; i++) {
		const struct sym *s = &v[i];

		if (s->sec != sec || s->addr > addr || (exact && s->addr != addr) ||
		    (found && s->addr < floor))
			continue;
		if (!found || s->addr > floor) {
			/* a new group: what was best below it no longer counts */
			found = 1;
			floor = s->addr;
			best = bestsuf = NULL;
		}
		if (contain && !(addr - s->addr < s->size || (s->size == 0 && addr == s->addr)))
			continue;
		if (!best || symcmp(s, best) < 0)
			best = s;
		if (suffix) {
			size_t k = strlen(s->name);

			if (k >= sl && strcmp(s->name + k - sl, suffix) == 0 &&
			    (!bestsuf || symcmp(s, bestsuf) < 0))
				bestsuf = s;
		}
	}
	return bestsuf ? bestsuf : best;
}

/* the function containing (sec, addr) */
static const char *
funcat(const struct sdtmodule *m, size_t sec, uint64_t addr)
{
	const struct sym *s, *end;
	uint64_t start;

	if (!m->symsorted) {
		s = symscan(m->funcs, m->nfuncs, sec, addr, 0, 1, NULL);
		return s ? s->name : NULL;
	}
	s = symfloor(m->funcs, m->nfuncs, sec, addr);
	if (!s)
		return NULL;
	end = m->funcs + m->nfuncs; /* not before: funcs is NULL when there are none */
	for (start = s->addr; s < end && s->sec == sec && s->addr == start; s++)
		if (addr - start < s->size || (s->size == 0 && addr == start))
			return s->name;
	return NULL;
}

/* the data symbol at exactly (sec, addr), preferring a *_semaphore name */
static const char *
objat(const struct sdtmodule *m, size_t sec, uint64_t addr)
{
	static const char SUFFIX[] = "_semaphore";
	const struct sym *s, *end;
	const char *first;

	if (!m->symsorted) {
		s = symscan(m->objs, m->nobjs, sec, addr, 1, 0, SUFFIX);
		return s ? s->name : NULL;
	}
	s = symfloor(m->objs, m->nobjs, sec, addr);
	if (!s || s->addr != addr)
		return NULL;
	end = m->objs + m->nobjs; /* not before: objs is NULL when there are none */
	first = s->name;
	for (; s < end && s->sec == sec && s->addr == addr; s++) {
		size_t n = strlen(s->name);
		if (n >= sizeof(SUFFIX) - 1 && strcmp(s->name + n - (sizeof(SUFFIX) - 1), SUFFIX) == 0)
			return s->name;
	}
	return first;
}

/* the allocated section containing addr in a linked file */
static const struct asec *
secat(struct sdtmodule *m, uint64_t addr)
{
	size_t lo = 0, hi = m->nsecs, k;
	const struct asec *s;

	if (m->lastsec < m->nsecs) {
		s = &m->secs[m->lastsec];
		if (addr - s->addr < s->size)
			return s;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->secs[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* sections may overlap in odd files: look back a little for one that contains addr */
	for (k = lo; k > 0 && lo - k < SECLOOKBACK; k--) {
		s = &m->secs[k - 1];
		if (addr - s->addr < s->size) {
			m->lastsec = k - 1;
			return s;
		}
	}
	return NULL;
}

/* the symbol at index i of a note section's symbol table; 0, or -1 */
static int
getsym(const struct notesec *ns, size_t i, GElf_Sym *sym, size_t *sec)
{
	Elf32_Word x = 0;

	if (i >= ns->nsyms || !gelf_getsymshndx(ns->syms, ns->xndx, (int)i, sym, &x))
		return -1;
	*sec = sym->st_shndx == SHN_XINDEX ? x : sym->st_shndx;
	if (*sec == SHN_UNDEF || (*sec >= SHN_LORESERVE && sym->st_shndx != SHN_XINDEX))
		*sec = 0;
	return 0;
}

/* a relocation of ns by index in offset order */
static int
getrel(const struct notesec *ns, size_t k, GElf_Rela *r)
{
	size_t i = ns->order ? ns->order[k] : k;

	if (ns->rela)
		return gelf_getrela(ns->rel, (int)i, r) ? 0 : -1;
	{
		GElf_Rel rel;
		if (!gelf_getrel(ns->rel, (int)i, &rel))
			return -1;
		r->r_offset = rel.r_offset;
		r->r_info = rel.r_info;
		r->r_addend = 0;
	}
	return 0;
}

/*
 * A field of a .o's note at section offset off, holding v: relocated the
 * way readelf does it (symbol value + addend; REL keeps the addend in the
 * field). Sets the symbol's section and name when there is a relocation.
 */
static uint64_t
relocate(const struct sdtmodule *m, const struct notesec *ns, uint64_t off, uint64_t v,
         size_t *sec, const char **symname, int *found)
{
	size_t lo = 0, hi = ns->nrel;
	GElf_Rela r;
	GElf_Sym sym;

	*sec = 0;
	*symname = NULL;
	*found = 0;
	if (!ns->rel)
		return v;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (getrel(ns, mid, &r) < 0)
			return v;
		if (r.r_offset < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ns->nrel && getrel(ns, lo, &r) == 0 && r.r_offset == off; lo++) {
		/* type 0 is R_*_NONE on every machine */
		if (GELF_R_TYPE(r.r_info) == 0)
			continue;
		if (getsym(ns, GELF_R_SYM(r.r_info), &sym, sec) < 0)
			return v;
		*found = 1;
		if (GELF_ST_TYPE(sym.st_info) != STT_SECTION && sym.st_name)
			*symname = elf_strptr(m->elf, ns->strndx, sym.st_name);
		return sym.st_value + (uint64_t)r.r_addend + (ns->rela ? 0 : v);
	}
	return v;
}

/* relocations are almost always sorted by offset; index them when not */
static void
relindex(struct notesec *ns)
{
	GElf_Rela r;
	uint64_t prev = 0, *offs;
	size_t i, j, gap;

	for (i = 0; i < ns->nrel && getrel(ns, i, &r) == 0 && r.r_offset >= prev; i++)
		prev = r.r_offset;
	if (i == ns->nrel)
		return;
	offs = xreallocarray(NULL, ns->nrel, sizeof(*offs));
	for (i = 0; i < ns->nrel; i++)
		offs[i] = getrel(ns, i, &r) == 0 ? r.r_offset : 0;
	ns->order = xreallocarray(NULL, ns->nrel, sizeof(*ns->order));
	for (i = 0; i < ns->nrel; i++)
		ns->order[i] = i;
	for (gap = ns->nrel / 2; gap > 0; gap /= 2)
		for (i = gap; i < ns->nrel; i++) {
			size_t t = ns->order[i];

			for (j = i; j >= gap && offs[ns->order[j - gap]] > offs[t]; j -= gap)
				ns->order[j] = ns->order[j - gap];
			ns->order[j] = t;
		}
	free(offs);
}

/* add the function and data symbols of the symbol table scn */
static int
loadsyms(struct sdtmodule *m, Elf_Scn *scn, const GElf_Shdr *sh, Elf_Data *xndx, char *reason,
         size_t len)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	size_t n, i, ent = gelf_fsize(m->elf, ELF_T_SYM, 1, EV_CURRENT);
	size_t capf = 0, capo = 0;
	Elf_Scn *strscn = elf_getscn(m->elf, sh->sh_link);
	Elf_Data *sd = NULL;
	GElf_Shdr ssh;
	const char *strs = NULL;
	size_t nstrs = 0;

	if (!d)
		return why(reason, len, "cannot read the symbol table: %s", elf_errmsg(-1));
	/*
	 * Names straight from a string table that ends in a NUL (elf_strptr's
	 * checks, once for all); elf_strptr for any other.
	 */
	if (strscn && gelf_getshdr(strscn, &ssh) && ssh.sh_type == SHT_STRTAB)
		sd = elf_getdata(strscn, NULL);
	if (sd && sd->d_buf && sd->d_size > 0 && ((const char *)sd->d_buf)[sd->d_size - 1] == '\0' &&
	    elf_getdata(strscn, sd) == NULL) {
		strs = sd->d_buf;
		nstrs = sd->d_size;
	}
	n = ent ? d->d_size / ent : 0;
	for (i = 1; i < n; i++) {
		GElf_Sym sym;
		Elf32_Word x = 0;
		size_t sec;
		int type;
		const char *name;
		struct sym s;

		if (!gelf_getsymshndx(d, xndx, (int)i, &sym, &x))
			continue;
		sec = sym.st_shndx == SHN_XINDEX ? x : sym.st_shndx;
		if (sec == SHN_UNDEF || (sec >= SHN_LORESERVE && sym.st_shndx != SHN_XINDEX))
			continue;
		type = GELF_ST_TYPE(sym.st_info);
		if (type != STT_FUNC && type != STT_GNU_IFUNC && type != STT_OBJECT)
			continue;
		if (strs)
			name = sym.st_name < nstrs ? strs + sym.st_name : NULL;
		else
			name = elf_strptr(m->elf, sh->sh_link, sym.st_name);
		if (!name || !*name)
			continue;
		s.addr = sym.st_value;
		s.size = sym.st_size;
		s.sec = m->rel ? sec : 0;
		s.rank = GELF_ST_BIND(sym.st_info) == STB_GLOBAL ? 0 :
		         GELF_ST_BIND(sym.st_info) == STB_WEAK   ? 1 : 2;
		s.name = name;
		if (type == STT_OBJECT) {
			if (m->nobjs == capo)
				m->objs = xreallocarray(m->objs, capo = capo ? capo * 2 : 64, sizeof(s));
			m->objs[m->nobjs++] = s;
		} else {
			if (m->nfuncs == capf)
				m->funcs = xreallocarray(m->funcs, capf = capf ? capf * 2 : 64, sizeof(s));
			m->funcs[m->nfuncs++] = s;
		}
	}
	/* a few lookups scan; many are worth a sort and binary searches */
	m->symsorted = m->info.nsites > LINEARSITES;
	if (m->symsorted && m->nfuncs)
		qsort(m->funcs, m->nfuncs, sizeof(*m->funcs), symcmp);
	if (m->symsorted && m->nobjs)
		qsort(m->objs, m->nobjs, sizeof(*m->objs), symcmp);
	return 0;
}

static void
modfree(struct sdtmodule *m)
{
	size_t i;

	if (!m)
		return;
	if (m->elf)
		elf_end(m->elf);
	for (i = 0; i < m->nns; i++)
		free(m->ns[i].order);
	free(m->ns);
	free(m->funcs);
	free(m->objs);
	free(m->secs);
	free(m->segs);
	unmap(&m->own);
	free(m->path);
	free(m->member);
	free(m->name);
	free(m);
}

static struct sdtmodule *
modnew(const char *path, const char *member, const char *name)
{
	struct sdtmodule *m = xcalloc(1, sizeof(*m));

	m->path = xstrdup(path);
	m->member = member ? xstrdup(member) : NULL;
	m->name = xstrdup(name);
	m->info.path = m->path;
	m->info.member = m->member;
	m->info.name = m->name;
	return m;
}

/* find the extended section index table for symbol table index symscn */
static Elf_Data *
xndxfor(Elf *elf, size_t symscn)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(elf, scn)))
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB_SHNDX && sh.sh_link == symscn)
			return elf_getdata(scn, NULL);
	return NULL;
}

/*
 * Read an ELF image: its header, sections, notes (checked whole),
 * symbols and relocations. 0, or -1 with a reason.
 */
static int
modopen(struct sdtmodule *m, unsigned char *img, size_t n, char *reason, size_t len)
{
	GElf_Ehdr eh;
	Elf_Scn *scn = NULL, *symtab = NULL, *dynsym = NULL, *dynamic = NULL;
	size_t nscns = 0, nphdr = 0, i, capns = 0, capsec = 0;
	const unsigned char *bytes = NULL;

	if (elfcheck(img, n, reason, len) < 0)
		return -1;
	m->elf = elf_memory((char *)img, n);
	if (!m->elf || elf_kind(m->elf) != ELF_K_ELF || !gelf_getehdr(m->elf, &eh))
		return why(reason, len, "not a valid ELF file: %s", elf_errmsg(-1));
	m->info.machine = eh.e_machine;
	m->info.elfclass = eh.e_ident[EI_CLASS];
	m->info.byteorder = eh.e_ident[EI_DATA];
	m->info.type = eh.e_type;
	m->info.osabi = eh.e_ident[EI_OSABI];
	m->info.flags = eh.e_flags;
	m->info.model = m->info.elfclass == ELFCLASS64 ? SDT_LP64 : SDT_ILP32;
	m->rel = eh.e_type == ET_REL;
	if (elf_getshdrnum(m->elf, &nscns) < 0)
		return why(reason, len, "cannot read the section headers: %s", elf_errmsg(-1));
	m->hasshdrs = nscns > 1;
	if (nscns > 1) {
		GElf_Shdr sh;

		if (elf_getshdrstrndx(m->elf, &m->shstrndx) < 0)
			return why(reason, len, "no section name table: %s", elf_errmsg(-1));
		scn = elf_getscn(m->elf, m->shstrndx);
		if (!scn || !gelf_getshdr(scn, &sh))
			return why(reason, len, "bad section name table index %zu", m->shstrndx);
		if (scnbytes(m, img, n, m->shstrndx, &sh, &bytes, reason, len) < 0)
			return -1;
		if (sh.sh_type != SHT_STRTAB)
			return why(reason, len, "section name table (index %zu) is not a string table",
			           m->shstrndx);
		scn = NULL;
	}
	while ((scn = elf_nextscn(m->elf, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			return why(reason, len, "cannot read section header %zu: %s", elf_ndxscn(scn),
			           elf_errmsg(-1));
		name = elf_strptr(m->elf, m->shstrndx, sh.sh_name);
		if (!name)
			name = "";
		if (sh.sh_type == SHT_SYMTAB && !symtab)
			symtab = scn;
		else if (sh.sh_type == SHT_DYNSYM && !dynsym)
			dynsym = scn;
		else if (sh.sh_type == SHT_DYNAMIC && !dynamic && sh.sh_offset <= n &&
		         sh.sh_size <= n - sh.sh_offset)
			dynamic = scn;
		if (strcmp(name, BASE_SECTION) == 0) {
			m->info.hasbase = 1;
			m->info.baseaddr = sh.sh_addr;
		}
		if (!m->rel && (sh.sh_flags & SHF_ALLOC) && !(sh.sh_flags & SHF_TLS) && sh.sh_size) {
			if (m->nsecs == capsec)
				m->secs = xreallocarray(m->secs, capsec = capsec ? capsec * 2 : 32,
				                        sizeof(*m->secs));
			m->secs[m->nsecs++] = (struct asec){sh.sh_addr, sh.sh_size, sh.sh_flags,
			                                    sh.sh_addralign, name};
		}
		if (sh.sh_type == SHT_NOTE && strcmp(name, NOTE_SECTION) == 0) {
			struct notesec *ns;

			if (scnbytes(m, img, n, elf_ndxscn(scn), &sh, &bytes, reason, len) < 0)
				return -1;
			if (m->nns == capns)
				m->ns = xreallocarray(m->ns, capns = capns ? capns * 2 : 4, sizeof(*m->ns));
			ns = &m->ns[m->nns++];
			memset(ns, 0, sizeof(*ns));
			ns->scn = elf_ndxscn(scn);
			ns->name = name;
			ns->p = bytes;
			ns->size = (size_t)sh.sh_size;
			ns->align = sh.sh_addralign == 8 ? 8 : NOTE_ALIGN;
		}
	}
	if (m->nsecs)
		qsort(m->secs, m->nsecs, sizeof(*m->secs), seccmp);

	/* check every note now, so that iterating cannot fail */
	for (i = 0; i < m->nns; i++) {
		struct rawnote nt;
		size_t off = 0;
		int rc;

		while ((rc = notenext(m, &m->ns[i], off, &nt, reason, len)) > 0) {
			const char *s[3];

			if (isstapsdt(&nt)) {
				if (notestrings(m, &nt, s, reason, len) < 0) {
					char tmp[SDTREASONMAX];
					snprintf(tmp, sizeof(tmp), "section '%s': %s", m->ns[i].name, reason);
					snprintf(reason, len, "%s", tmp);
					return -1;
				}
				m->info.nsites++;
			}
			off = nt.next;
		}
		if (rc < 0)
			return -1;
	}
	if (m->info.nsites == 0)
		return 0;

	/* a position-independent program says so in DT_FLAGS_1 (static-pie has no interpreter) */
	if (dynamic) {
		Elf_Data *d = elf_getdata(dynamic, NULL);
		GElf_Dyn dyn;
		int k;

		for (k = 0; d && gelf_getdyn(d, k, &dyn); k++) {
			if (dyn.d_tag == DT_NULL)
				break;
			if (dyn.d_tag == DT_FLAGS_1 && (dyn.d_un.d_val & DF_1_PIE))
				m->info.pie = 1;
		}
	}

	/* what the sites need: symbols, program headers, relocations */
	scn = symtab ? symtab : dynsym;
	if (scn) {
		GElf_Shdr sh;

		if (gelf_getshdr(scn, &sh)) {
			Elf_Scn *str = elf_getscn(m->elf, sh.sh_link);
			GElf_Shdr ssh;

			if (scnbytes(m, img, n, elf_ndxscn(scn), &sh, &bytes, reason, len) < 0)
				return -1;
			if (!str || !gelf_getshdr(str, &ssh))
				return why(reason, len, "bad string table index %u for the symbol table",
				           (unsigned)sh.sh_link);
			if (scnbytes(m, img, n, sh.sh_link, &ssh, &bytes, reason, len) < 0)
				return -1;
			if (loadsyms(m, scn, &sh, xndxfor(m->elf, elf_ndxscn(scn)), reason, len) < 0)
				return -1;
		}
	}
	if (elf_getphdrnum(m->elf, &nphdr) < 0)
		nphdr = 0;
	for (i = 0; i < nphdr; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(m->elf, (int)i, &ph))
			continue;
		if (ph.p_type == PT_INTERP)
			m->info.interp = 1;
		if (ph.p_type != PT_LOAD)
			continue;
		m->segs = xreallocarray(m->segs, m->nsegs + 1, sizeof(*m->segs));
		m->segs[m->nsegs++] = (struct seg){ph.p_vaddr, ph.p_memsz, ph.p_offset, ph.p_filesz, ph.p_flags};
	}
	if (m->rel) {
		scn = NULL;
		while ((scn = elf_nextscn(m->elf, scn))) {
			GElf_Shdr sh, ssh;
			Elf_Scn *symscn;
			struct notesec *ns = NULL;
			size_t k, ent;

			if (!gelf_getshdr(scn, &sh) || (sh.sh_type != SHT_RELA && sh.sh_type != SHT_REL))
				continue;
			for (k = 0; k < m->nns; k++)
				if (m->ns[k].scn == sh.sh_info)
					ns = &m->ns[k];
			if (!ns || ns->rel)
				continue;
			symscn = elf_getscn(m->elf, sh.sh_link);
			if (!symscn || !gelf_getshdr(symscn, &ssh) || ssh.sh_type != SHT_SYMTAB)
				return why(reason, len, "relocations of '%s' refer to no symbol table",
				           ns->name);
			if (scnbytes(m, img, n, elf_ndxscn(scn), &sh, &bytes, reason, len) < 0 ||
			    scnbytes(m, img, n, sh.sh_link, &ssh, &bytes, reason, len) < 0)
				return -1;
			ns->rela = sh.sh_type == SHT_RELA;
			ns->rel = elf_getdata(scn, NULL);
			ns->syms = elf_getdata(symscn, NULL);
			if (!ns->rel || !ns->syms)
				return why(reason, len, "cannot read the relocations of '%s': %s", ns->name,
				           elf_errmsg(-1));
			ent = gelf_fsize(m->elf, ns->rela ? ELF_T_RELA : ELF_T_REL, 1, EV_CURRENT);
			ns->nrel = ent ? ns->rel->d_size / ent : 0;
			ent = gelf_fsize(m->elf, ELF_T_SYM, 1, EV_CURRENT);
			ns->nsyms = ent ? ns->syms->d_size / ent : 0;
			ns->xndx = xndxfor(m->elf, sh.sh_link);
			ns->strndx = ssh.sh_link;
			relindex(ns);
		}
	}
	return 0;
}

const struct sdtmodinfo *
sdtinfo(const struct sdtmodule *m)
{
	return &m->info;
}

void
sdtrewind(struct sdtmodule *m)
{
	m->cur = 0;
	m->off = 0;
	m->next = 0;
}

/* section name, flags and alignment of section index sec in a .o */
static const char *
relsection(const struct sdtmodule *m, size_t sec, uint64_t *flags, uint64_t *align)
{
	Elf_Scn *scn = sec ? elf_getscn(m->elf, sec) : NULL;
	GElf_Shdr sh;

	if (!scn || !gelf_getshdr(scn, &sh))
		return NULL;
	if (flags)
		*flags = sh.sh_flags;
	if (align)
		*align = sh.sh_addralign;
	return elf_strptr(m->elf, m->shstrndx, sh.sh_name);
}

static int
inexecseg(const struct sdtmodule *m, uint64_t addr)
{
	size_t i;

	for (i = 0; i < m->nsegs; i++)
		if ((m->segs[i].flags & PF_X) && addr - m->segs[i].vaddr < m->segs[i].memsz)
			return 1;
	return 0;
}

/*
 * A tracer arms a semaphore through the kernel (uprobe ref_ctr_offset),
 * which takes the semaphore's offset in the file and increments it in the
 * first writable mapping of that offset. When another writable segment maps
 * the same file page first (lld and mold pack segments into one page unless
 * told -z separate-loadable-segments), the increment lands in that copy and
 * the program never sees its semaphore set. The vaddr of that segment, or 0.
 */
static uint64_t
semshadow(const struct sdtmodule *m, uint64_t sem)
{
	const uint64_t pg = 4096; /* the smallest page: a larger one only widens the overlap */
	const struct seg *own = NULL;
	uint64_t off;
	size_t i;

	if (m->rel)
		return 0;
	for (i = 0; i < m->nsegs && !own; i++) {
		if (sem - m->segs[i].vaddr < m->segs[i].filesz)
			own = &m->segs[i];
	}
	if (!own || !(own->flags & PF_W))
		return 0; /* a read-only semaphore is wrong anyway, and said so */
	off = sem - own->vaddr + own->offset;
	for (i = 0; i < m->nsegs; i++) {
		const struct seg *g = &m->segs[i];
		uint64_t start = g->offset & ~(pg - 1);
		uint64_t len = ((g->vaddr + g->filesz + pg - 1) & ~(pg - 1)) - (g->vaddr & ~(pg - 1));

		if (!(g->flags & PF_W) || !g->filesz)
			continue;
		if (off >= start && off - start < len)
			return g == own ? 0 : g->vaddr;
	}
	return 0;
}

static void
fillsite(struct sdtmodule *m, const struct notesec *ns, const struct rawnote *nt,
         struct sdtsite *s)
{
	size_t a = addrsize(m), off = (size_t)(nt->desc - ns->p);
	const char *str[3];
	uint64_t pc = rdaddr(m, nt->desc), base = rdaddr(m, nt->desc + a);
	uint64_t sem = rdaddr(m, nt->desc + 2 * a);

	memset(s, 0, sizeof(*s));
	notestrings(m, nt, str, NULL, 0); /* checked by modopen */
	s->provider = str[0];
	s->name = str[1];
	s->args = str[2];
	s->descsz = nt->descsz;
	s->index = m->next++;
	s->notesection = ns->name;
	s->notescn = ns->scn;
	s->pcexec = -1;
	if (m->rel) {
		size_t pcsec, basesec, semsec;
		const char *pcsym, *basesym;
		uint64_t mask = a == 4 ? UINT32_MAX : UINT64_MAX;
		int found;

		pc = relocate(m, ns, off, pc, &pcsec, &pcsym, &found) & mask;
		base = relocate(m, ns, off + a, base, &basesec, &basesym, &found) & mask;
		sem = relocate(m, ns, off + 2 * a, sem, &semsec, &s->semsymbol, &found) & mask;
		s->notepc = s->pc = pc;
		s->base = base;
		s->notesem = s->semaphore = sem;
		if (pcsec) {
			uint64_t flags = 0;

			s->pcsection = relsection(m, pcsec, &flags, NULL);
			s->pcexec = (flags & SHF_EXECINSTR) != 0;
			s->function = funcat(m, pcsec, pc);
		}
		if (found && semsec) {
			s->semsection = relsection(m, semsec, &s->semflags, &s->semalign);
			if (!s->semsymbol)
				s->semsymbol = objat(m, semsec, sem);
		}
		return;
	}
	s->notepc = pc;
	s->base = base;
	s->notesem = sem;
	if (m->info.hasbase && base != 0) {
		/* prelinked: the note was left behind when the sections moved */
		pc += m->info.baseaddr - base;
		if (sem)
			sem += m->info.baseaddr - base;
	}
	s->function = funcat(m, 0, pc);
	{
		const struct asec *sec = secat(m, pc);

		if (sec) {
			s->pcsection = sec->name;
			s->pcexec = (sec->flags & SHF_EXECINSTR) != 0;
		} else if (m->nsegs) {
			s->pcexec = inexecseg(m, pc);
		} else if (m->hasshdrs) {
			s->pcexec = 0;
		}
	}
	if (sem) {
		const struct asec *sec = secat(m, sem);

		if (sec) {
			s->semsection = sec->name;
			s->semflags = sec->flags;
			s->semalign = sec->align;
		}
		s->semsymbol = objat(m, 0, sem);
		s->semshadow = semshadow(m, sem);
		sem += m->info.bias;
	}
	s->pc = pc + m->info.bias;
	s->semaphore = sem;
	if (addrsize(m) == 4) {
		/* 32-bit address arithmetic wraps as it does in the target */
		s->pc &= UINT32_MAX;
		s->semaphore &= UINT32_MAX;
	}
}

int
sdtnextsite(struct sdtmodule *m, struct sdtsite *s)
{
	while (m->cur < m->nns) {
		const struct notesec *ns = &m->ns[m->cur];
		struct rawnote nt;

		if (notenext(m, ns, m->off, &nt, NULL, 0) <= 0) {
			m->cur++;
			m->off = 0;
			continue;
		}
		m->off = nt.next;
		if (isstapsdt(&nt)) {
			fillsite(m, ns, &nt, s);
			return 1;
		}
	}
	return 0;
}

size_t
sdtsiteargs(const struct sdtmodule *m, const struct sdtsite *s, struct sitearg *out, size_t max)
{
	size_t n = argsplit(s->args, out, max), i;
	char err[SDTREASONMAX];

	for (i = 0; i < n && i < max; i++)
		argparse(m->info.machine, out[i].spec, out[i].speclen, &out[i], err, sizeof(err));
	return n;
}

/* --- plain files and archives --- */

static void
initelf(void)
{
	static int done;

	if (!done)
		elf_version(EV_CURRENT);
	done = 1;
}

/* open path, an ELF file or, if archives is set, an archive */
static int
openfile(struct sdtreader **rp, const char *path, int archives, struct sdterr *err)
{
	struct sdtreader *r;
	struct map mp = {0};
	char reason[SDTREASONMAX];

	initelf();
	if (mapfile(path, &mp, reason, sizeof(reason)) < 0) {
		seterr(err, path, "%s", reason);
		return -1;
	}
	r = xcalloc(1, sizeof(*r));
	r->path = xstrdup(path);
	r->map = mp;
	/* a file shorter than the ELF magic that starts it is a truncated ELF file */
	if (memcmp(mp.p, ELF_MAGIC, mp.n < MAGICLEN ? mp.n : MAGICLEN) == 0) {
		r->kind = RK_FILE;
	} else if (archives && mp.n >= AR_MAGICLEN &&
	           (memcmp(mp.p, AR_MAGIC, AR_MAGICLEN) == 0 ||
	            memcmp(mp.p, AR_THIN_MAGIC, AR_MAGICLEN) == 0)) {
		r->kind = RK_ARCHIVE;
		r->thin = memcmp(mp.p, AR_THIN_MAGIC, AR_MAGICLEN) == 0;
		r->aroff = AR_MAGICLEN;
	} else {
		seterr(err, path, archives ? "not an ELF file or archive" : "not an ELF file");
		sdtclose(r);
		return -1;
	}
	*rp = r;
	return 0;
}

int
sdtopen(struct sdtreader **rp, const char *path, struct sdterr *err)
{
	return openfile(rp, path, 1, err);
}

int
sdtreadelf(const char *path, struct sdtmodinfo *info, struct sdterr *err)
{
	struct sdtreader *r;
	struct sdtmodule *m;
	int rc;

	if (openfile(&r, path, 0, err) < 0)
		return -1;
	rc = sdtnextmodule(r, &m, err);
	if (rc > 0) {
		*info = m->info;
		info->path = info->member = info->name = NULL;
	}
	sdtclose(r);
	return rc > 0 ? 0 : -1;
}

/* a member's name from its header (and the long name table); NULL if special */
static char *
arname(struct sdtreader *r, const unsigned char *h, const unsigned char **data, uint64_t *size,
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
			r->longnames = *data;
			r->longlen = (size_t)*size;
			return NULL;
		}
		for (i = 1; i < n; i++) {
			if (h[i] < '0' || h[i] > '9' || off > SIZE_MAX / 10) {
				why(reason, len, "bad member name '%.*s'", (int)n, h);
				return (char *)-1;
			}
			off = off * 10 + (uint64_t)(h[i] - '0');
		}
		if (!r->longnames || off >= r->longlen) {
			why(reason, len, "member name '%.*s' is not in the long name table", (int)n, h);
			return (char *)-1;
		}
		e = memchr(r->longnames + off, '\n', r->longlen - (size_t)off);
		if (!e)
			e = r->longnames + r->longlen;
		n = (size_t)(e - (r->longnames + off));
		if (n > 0 && r->longnames[off + n - 1] == '/')
			n--;
		return xstrndup((const char *)r->longnames + off, n);
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

static int
arnext(struct sdtreader *r, struct sdtmodule **mp, struct sdterr *err)
{
	char reason[SDTREASONMAX];

	for (;;) {
		const unsigned char *h, *data;
		uint64_t size = 0;
		size_t off = r->aroff, i;
		char *name, *full;
		struct sdtmodule *m;
		unsigned char *img;
		size_t imgn;

		if (off >= r->map.n) {
			r->done = 1;
			return 0;
		}
		if (r->map.n - off < AR_HDRLEN) {
			seterr(err, r->path, "truncated archive member header at offset 0x%zx", off);
			r->done = 1;
			return -1;
		}
		h = r->map.p + off;
		if (memcmp(h + AR_FMAGOFF, AR_FMAG, 2) != 0) {
			seterr(err, r->path, "bad archive member header at offset 0x%zx", off);
			r->done = 1;
			return -1;
		}
		for (i = 0; i < AR_SIZELEN && h[AR_SIZEOFF + i] >= '0' && h[AR_SIZEOFF + i] <= '9'; i++)
			size = size * 10 + (uint64_t)(h[AR_SIZEOFF + i] - '0');
		if (i == 0 || (i < AR_SIZELEN && h[AR_SIZEOFF + i] != ' ')) {
			seterr(err, r->path, "bad archive member size '%.*s' at offset 0x%zx",
			       AR_SIZELEN, h + AR_SIZEOFF, off);
			r->done = 1;
			return -1;
		}
		data = h + AR_HDRLEN;
		off += AR_HDRLEN;
		/* a thin archive holds its symbol and name tables, not its members */
		if (!r->thin || arspecial(h)) {
			if (size > r->map.n - off) {
				seterr(err, r->path,
				       "archive member at offset 0x%zx: size %llu runs past the end of the "
				       "archive (%zu bytes left)",
				       off - AR_HDRLEN, (unsigned long long)size, r->map.n - off);
				r->done = 1;
				return -1;
			}
			off += (size_t)size;
			if ((off & 1) && off < r->map.n)
				off++; /* members are 2-aligned */
		}
		r->aroff = off;
		name = arname(r, h, &data, &size, reason, sizeof(reason));
		if (name == (char *)-1) {
			seterr(err, r->path, "%s", reason);
			r->done = 1;
			return -1;
		}
		if (!name)
			continue;
		full = xasprintf("%s(%s)", r->path, name);
		{
			char *disp = xasprintf("%s(%s)", basename_of(r->path), name);
			m = modnew(r->path, name, disp);
			free(disp);
		}
		m->info.thin = r->thin;
		if (r->thin) {
			/* member paths are relative to the archive's directory */
			const char *b = basename_of(r->path);
			char *p = name[0] == '/' ? xstrdup(name) :
			          xasprintf("%.*s%s", (int)(b - r->path), r->path, name);
			int rc = mapfile(p, &m->own, reason, sizeof(reason));

			free(p);
			if (rc < 0) {
				seterr(err, full, "%s", reason);
				goto bad;
			}
			img = m->own.p;
			imgn = m->own.n;
		} else {
			img = (unsigned char *)data;
			imgn = (size_t)size;
		}
		if (imgn < MAGICLEN || memcmp(img, ELF_MAGIC, MAGICLEN) != 0) {
			/* not an object (a Rust .rmeta, a text file): nothing to list */
			free(name);
			free(full);
			modfree(m);
			continue;
		}
		if (modopen(m, img, imgn, reason, sizeof(reason)) < 0) {
			seterr(err, full, "%s", reason);
			goto bad;
		}
		free(name);
		free(full);
		r->cur = m;
		*mp = m;
		return 1;
	bad:
		free(name);
		free(full);
		modfree(m);
		return -1;
	}
}

/* --- processes --- */

static int
readmaps(struct sdtreader *r, struct sdterr *err)
{
	char path[64], *line = NULL;
	size_t cap = 0, capmaps = 0, i;
	FILE *f;
	ssize_t n;

	snprintf(path, sizeof(path), PROC_MAPS, r->pid);
	f = fopen(path, "r");
	if (!f) {
		seterr(err, r->path, errno == ENOENT ? "no such process" : "cannot read '%s': %s", path,
		       strerror(errno));
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
		pm.first = 1;
		for (i = 0; i < r->nmaps; i++)
			if (r->maps[i].inode == pm.inode && r->maps[i].devmajor == pm.devmajor &&
			    r->maps[i].devminor == pm.devminor && strcmp(r->maps[i].path, pm.path) == 0) {
				pm.first = 0;
				break;
			}
		if (r->nmaps == capmaps)
			r->maps = xreallocarray(r->maps, capmaps = capmaps ? capmaps * 2 : 64,
			                        sizeof(*r->maps));
		r->maps[r->nmaps++] = pm;
	}
	free(line);
	if (ferror(f)) {
		seterr(err, r->path, "cannot read '%s': %s", path, strerror(errno));
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

int
sdtopenpid(struct sdtreader **rp, long pid, struct sdterr *err)
{
	struct sdtreader *r;

	initelf();
	r = xcalloc(1, sizeof(*r));
	r->kind = RK_PID;
	r->pid = pid;
	r->path = xasprintf("pid %ld", pid);
	if (pid <= 0) {
		seterr(err, r->path, "no such process");
		sdtclose(r);
		return -1;
	}
	if (readmaps(r, err) < 0) {
		sdtclose(r);
		return -1;
	}
	*rp = r;
	return 0;
}

/* the load bias of module m, from the mappings of file k */
static void
setbias(struct sdtreader *r, struct sdtmodule *m, const struct pmap *f)
{
	unsigned long long pg = (unsigned long long)sysconf(_SC_PAGESIZE);
	size_t i, j;

	for (i = 0; i < m->nsegs; i++) {
		const struct seg *s = &m->segs[i];

		for (j = 0; j < r->nmaps; j++) {
			const struct pmap *p = &r->maps[j];

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

static int
pidnext(struct sdtreader *r, struct sdtmodule **mp, struct sdterr *err)
{
	char reason[SDTREASONMAX];

	while (r->mapi < r->nmaps) {
		const struct pmap *f = &r->maps[r->mapi++];
		char mf[128], *path;
		size_t n;
		struct sdtmodule *m;

		if (!f->first)
			continue;
		path = xstrdup(f->path);
		n = strlen(path);
		if (n > sizeof(DELETED) - 1 && strcmp(path + n - (sizeof(DELETED) - 1), DELETED) == 0)
			path[n - (sizeof(DELETED) - 1)] = '\0';
		m = modnew(path, NULL, basename_of(path));
		m->info.pid = r->pid;
		/* the file the process maps, even if replaced or deleted since */
		snprintf(mf, sizeof(mf), PROC_MAP_FILES, r->pid, f->start, f->end);
		if (mapfile(mf, &m->own, reason, sizeof(reason)) < 0 &&
		    mapfile(path, &m->own, reason, sizeof(reason)) < 0) {
			seterr(err, path, "%s", reason);
			free(path);
			modfree(m);
			return -1;
		}
		if (m->own.n < MAGICLEN || memcmp(m->own.p, ELF_MAGIC, MAGICLEN) != 0) {
			/* locale archives, fonts, caches: not code */
			free(path);
			modfree(m);
			continue;
		}
		if (modopen(m, m->own.p, m->own.n, reason, sizeof(reason)) < 0) {
			seterr(err, path, "%s", reason);
			free(path);
			modfree(m);
			return -1;
		}
		free(path);
		setbias(r, m, f);
		r->cur = m;
		*mp = m;
		return 1;
	}
	return 0;
}

int
sdtnextmodule(struct sdtreader *r, struct sdtmodule **mp, struct sdterr *err)
{
	char reason[SDTREASONMAX];
	struct sdtmodule *m;

	modfree(r->cur);
	r->cur = NULL;
	switch (r->kind) {
	case RK_ARCHIVE:
		return r->done ? 0 : arnext(r, mp, err);
	case RK_PID:
		return pidnext(r, mp, err);
	case RK_FILE:
		break;
	}
	if (r->done)
		return 0;
	r->done = 1;
	m = modnew(r->path, NULL, basename_of(r->path));
	if (modopen(m, r->map.p, r->map.n, reason, sizeof(reason)) < 0) {
		seterr(err, r->path, "%s", reason);
		modfree(m);
		return -1;
	}
	r->cur = m;
	*mp = m;
	return 1;
}

void
sdtclose(struct sdtreader *r)
{
	size_t i;

	if (!r)
		return;
	modfree(r->cur);
	unmap(&r->map);
	for (i = 0; i < r->nmaps; i++)
		free(r->maps[i].path);
	free(r->maps);
	free(r->path);
	free(r);
}
