/* SPDX-License-Identifier: MIT */
/* object.c: write the semaphore object, an ELF relocatable that holds data only */
#define _POSIX_C_SOURCE 200809L /* pwrite */
#include <elf.h>
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "object.h"
#include "util.h"

/*
 * The object, as readelf -SW shows it for x86_64:
 *
 *   [ 0]                    NULL
 *   [ 1] .probes            PROGBITS  WA  align 4096  2 bytes per semaphore (a page)
 *   [ 2] .note.GNU-stack    PROGBITS      align 1  empty: no executable stack
 *   [ 3] .note.gnu.property NOTE      A   align 8  x86_64 and aarch64 only
 *   [ 4] .symtab            SYMTAB        link .strtab, info = first global
 *   [ 5] .strtab            STRTAB
 *   [ 6] .shstrtab          STRTAB
 *
 * and the symbols: the null symbol, the STT_FILE, the STT_SECTION of
 * .probes, then one global STT_OBJECT of size 2 per semaphore, in model
 * order. Being data only, the object trivially has the AND-features
 * (IBT and SHSTK, BTI and PAC) a linker keeps only when every input
 * claims them: the property note says so, lest the link drop them.
 *
 * libelf lays the file out and converts headers and symbols to the
 * target's byte order; the note is ELF_T_BYTE, built here in that order.
 * .probes asks for a page so that, once linked, no other writable segment
 * maps its file page (see target.c); in the object itself it follows the
 * headers with no padding: only its section header names the page.
 */

#define SEC_PROBES ".probes"
#define SEC_GNUSTACK ".note.GNU-stack"
#define SEC_PROPERTY ".note.gnu.property"
#define SEC_SYMTAB ".symtab"
#define SEC_STRTAB ".strtab"
#define SEC_SHSTRTAB ".shstrtab"
#define SEM_SUFFIX "_semaphore"
#define NOTE_GNU "GNU" /* the owner of NT_GNU_PROPERTY_TYPE_0 notes */

enum {
	SEM_SIZE = 2,         /* sizeof(unsigned short) */
	SEM_ALIGN = 2,
	NLOCALSYMS = 3,       /* null, STT_FILE, STT_SECTION of .probes */
	PROPERTY_SIZE = 4,    /* pr_datasz of a FEATURE_1_AND property */
	NOTE_MAXSIZE = 64,    /* room for the one note, either class */
};

/* the feature property each machine gets, if any */
struct feature {
	unsigned machine;
	unsigned long type;
	unsigned long value;
};

static const struct feature features[] = {
	{EM_X86_64, GNU_PROPERTY_X86_FEATURE_1_AND,
	 GNU_PROPERTY_X86_FEATURE_1_IBT | GNU_PROPERTY_X86_FEATURE_1_SHSTK},
	{EM_AARCH64, GNU_PROPERTY_AARCH64_FEATURE_1_AND,
	 GNU_PROPERTY_AARCH64_FEATURE_1_BTI | GNU_PROPERTY_AARCH64_FEATURE_1_PAC},
};

static int
elferr(char *err, size_t errlen)
{
	snprintf(err, errlen, "libelf: %s", elf_errmsg(-1));
	return -1;
}

static size_t
alignup(size_t n, size_t a)
{
	return (n + a - 1) / a * a;
}

/* store v in the n bytes at p, in byte order data */
static void
putword(unsigned char *p, unsigned long long v, size_t n, unsigned char data)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char b = (unsigned char)(v >> (8 * i) & 0xff);

		if (data == ELFDATA2MSB)
			p[n - 1 - i] = b;
		else
			p[i] = b;
	}
}

static void
put32(unsigned char *p, unsigned long v, unsigned char data)
{
	putword(p, v, 4, data);
}

static const struct feature *
featurefor(unsigned machine)
{
	size_t i;

	for (i = 0; i < LEN(features); i++) {
		if (features[i].machine == machine)
			return &features[i];
	}
	return NULL;
}

/*
 * Build the NT_GNU_PROPERTY_TYPE_0 note into p (NOTE_MAXSIZE bytes) in the
 * target's byte order; returns its size. Property data is padded to 8
 * bytes in ELFCLASS64 and 4 in ELFCLASS32, like the note itself.
 */
static size_t
notebuild(unsigned char *p, const struct feature *f, const struct target *t, size_t align)
{
	size_t namesz = sizeof(NOTE_GNU), descsz, off;

	descsz = alignup(2 * 4 + PROPERTY_SIZE, align);
	memset(p, 0, NOTE_MAXSIZE);
	put32(p, namesz, t->data);
	put32(p + 4, descsz, t->data);
	put32(p + 8, NT_GNU_PROPERTY_TYPE_0, t->data);
	off = 12;
	memcpy(p + off, NOTE_GNU, namesz);
	off += alignup(namesz, 4);
	put32(p + off, f->type, t->data);
	put32(p + off + 4, PROPERTY_SIZE, t->data);
	put32(p + off + 8, f->value, t->data);
	return off + descsz;
}

/* add a section with one data block (none if buf is NULL and size 0); NULL on error */
static Elf_Scn *
addscn(Elf *elf, size_t name, GElf_Word type, GElf_Xword flags, size_t align,
       void *buf, size_t size, Elf_Type dtype)
{
	GElf_Shdr shdr;
	Elf_Scn *scn;
	Elf_Data *d;

	if (!(scn = elf_newscn(elf)))
		return NULL;
	if (buf || size) {
		if (!(d = elf_newdata(scn)))
			return NULL;
		d->d_buf = buf;
		d->d_size = size;
		d->d_type = dtype;
		d->d_align = align;
		d->d_off = 0;
		d->d_version = EV_CURRENT;
	}
	if (!gelf_getshdr(scn, &shdr))
		return NULL;
	shdr.sh_name = name;
	shdr.sh_type = type;
	shdr.sh_flags = flags;
	shdr.sh_addralign = align;
	shdr.sh_size = size;
	if (!gelf_update_shdr(scn, &shdr))
		return NULL;
	return scn;
}

static int
setlink(Elf_Scn *scn, size_t link, size_t info, size_t entsize)
{
	GElf_Shdr shdr;

	if (!gelf_getshdr(scn, &shdr))
		return -1;
	shdr.sh_link = link;
	shdr.sh_info = info;
	shdr.sh_entsize = entsize;
	return gelf_update_shdr(scn, &shdr) ? 0 : -1;
}

/*
 * Give section ndx of the file written to fd the alignment align, in place.
 * libelf lays a file out by its sections' alignments, and would put a
 * page of padding in front of .probes; so the file is laid out and written
 * for the semaphores' own alignment, and only the header is changed.
 */
static int
setalign(int fd, const GElf_Ehdr *eh, size_t ndx, size_t align, char *err, size_t errlen)
{
	unsigned char word[8];
	int c64 = eh->e_ident[EI_CLASS] == ELFCLASS64;
	size_t n = c64 ? sizeof(Elf64_Xword) : sizeof(Elf32_Word);
	off_t at = (off_t)(eh->e_shoff + ndx * eh->e_shentsize) +
	           (off_t)(c64 ? offsetof(Elf64_Shdr, sh_addralign) : offsetof(Elf32_Shdr, sh_addralign));

	putword(word, align, n, eh->e_ident[EI_DATA]);
	if (pwrite(fd, word, n, at) != (ssize_t)n) {
		snprintf(err, errlen, "cannot write: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* add a name to a string table; returns its offset */
static size_t
stradd(struct buf *b, const char *s)
{
	size_t off = b->len;

	bufputs(b, s);
	bufputc(b, '\0');
	return off;
}

static int
libelfready(void)
{
	static int ready;

	if (!ready && elf_version(EV_CURRENT) != EV_NONE)
		ready = 1;
	return ready;
}

int
objectwrite(int fd, const struct model *m, const struct target *t, enum semvis vis,
            const char *srcname, char *err, size_t errlen)
{
	struct {
		size_t probes, gnustack, property, symtab, strtab, shstrtab;
	} name;
	unsigned char note[NOTE_MAXSIZE];
	struct buf shstr = {0}, str = {0};
	const struct feature *feat;
	Elf_Scn *probes, *symtab, *strtab, *shstrtab;
	Elf_Data *symdata;
	GElf_Ehdr ehdr;
	GElf_Sym sym;
	size_t i, j, nsem, nsyms, symsize, wordalign, probesalign, probesndx, strndx, *semname = NULL;
	unsigned char *semdata = NULL, *symbuf = NULL;
	Elf *elf = NULL;
	int ret = -1;

	if (!libelfready()) {
		snprintf(err, errlen, "libelf: %s", elf_errmsg(-1));
		return -1;
	}
	if (t->class != ELFCLASS32 && t->class != ELFCLASS64) {
		snprintf(err, errlen, "target '%s': unknown ELF class %u", t->name, t->class);
		return -1;
	}
	if (t->data != ELFDATA2LSB && t->data != ELFDATA2MSB) {
		snprintf(err, errlen, "target '%s': unknown ELF byte order %u", t->name, t->data);
		return -1;
	}

	nsem = 0;
	if (vis != SEM_NONE) {
		for (i = 0; i < m->nproviders; i++)
			nsem += m->providers[i].nprobes;
	}
	wordalign = t->class == ELFCLASS64 ? 8 : 4;
	symsize = t->class == ELFCLASS64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym);
	nsyms = NLOCALSYMS + nsem;
	feat = featurefor(t->machine);
	/* a page of its own (see target.c); nothing to align without semaphores */
	probesalign = nsem && t->pagesize > SEM_ALIGN ? t->pagesize : SEM_ALIGN;

	/* string tables first: the buffers move while they grow */
	bufputc(&shstr, '\0');
	name.probes = stradd(&shstr, SEC_PROBES);
	name.gnustack = stradd(&shstr, SEC_GNUSTACK);
	name.property = feat ? stradd(&shstr, SEC_PROPERTY) : 0;
	name.symtab = stradd(&shstr, SEC_SYMTAB);
	name.strtab = stradd(&shstr, SEC_STRTAB);
	name.shstrtab = stradd(&shstr, SEC_SHSTRTAB);

	bufputc(&str, '\0');
	stradd(&str, srcname);
	semname = xreallocarray(NULL, nsem ? nsem : 1, sizeof(*semname));
	if (nsem) {
		size_t k = 0;

		for (i = 0; i < m->nproviders; i++) {
			const struct provider *p = &m->providers[i];

			for (j = 0; j < p->nprobes; j++) {
				semname[k++] = str.len;
				bufprintf(&str, "%s_%s" SEM_SUFFIX, p->name, p->probes[j].name);
				bufputc(&str, '\0');
			}
		}
		semdata = xcalloc(nsem, SEM_SIZE);
	}
	symbuf = xcalloc(nsyms, symsize);

	if (!(elf = elf_begin(fd, ELF_C_WRITE, NULL)))
		goto elferror;
	if (!gelf_newehdr(elf, t->class))
		goto elferror;
	if (!gelf_getehdr(elf, &ehdr))
		goto elferror;
	ehdr.e_ident[EI_DATA] = t->data;
	ehdr.e_ident[EI_OSABI] = t->osabi;
	ehdr.e_ident[EI_ABIVERSION] = 0;
	ehdr.e_type = ET_REL;
	ehdr.e_machine = t->machine;
	ehdr.e_version = EV_CURRENT;
	ehdr.e_flags = t->flags;

	probes = addscn(elf, name.probes, SHT_PROGBITS, SHF_WRITE | SHF_ALLOC, SEM_ALIGN,
	                semdata, nsem * SEM_SIZE, ELF_T_BYTE);
	if (!probes || !addscn(elf, name.gnustack, SHT_PROGBITS, 0, 1, NULL, 0, ELF_T_BYTE))
		goto elferror;
	if (feat) {
		size_t n = notebuild(note, feat, t, wordalign);

		if (!addscn(elf, name.property, SHT_NOTE, SHF_ALLOC, wordalign, note, n, ELF_T_BYTE))
			goto elferror;
	}
	symtab = addscn(elf, name.symtab, SHT_SYMTAB, 0, wordalign, symbuf, nsyms * symsize,
	                ELF_T_SYM);
	strtab = addscn(elf, name.strtab, SHT_STRTAB, 0, 1, str.s, str.len, ELF_T_BYTE);
	shstrtab = addscn(elf, name.shstrtab, SHT_STRTAB, 0, 1, shstr.s, shstr.len, ELF_T_BYTE);
	if (!symtab || !strtab || !shstrtab)
		goto elferror;
	probesndx = elf_ndxscn(probes);
	strndx = elf_ndxscn(strtab);
	if (setlink(symtab, strndx, NLOCALSYMS, gelf_fsize(elf, ELF_T_SYM, 1, EV_CURRENT)) < 0)
		goto elferror;
	ehdr.e_shstrndx = elf_ndxscn(shstrtab);
	if (!gelf_update_ehdr(elf, &ehdr))
		goto elferror;

	if (!(symdata = elf_getdata(symtab, NULL)))
		goto elferror;
	memset(&sym, 0, sizeof(sym));
	sym.st_name = 1; /* srcname, first in .strtab */
	sym.st_info = GELF_ST_INFO(STB_LOCAL, STT_FILE);
	sym.st_shndx = SHN_ABS;
	if (!gelf_update_sym(symdata, 1, &sym))
		goto elferror;
	memset(&sym, 0, sizeof(sym));
	sym.st_info = GELF_ST_INFO(STB_LOCAL, STT_SECTION);
	sym.st_shndx = probesndx;
	if (!gelf_update_sym(symdata, 2, &sym))
		goto elferror;
	for (i = 0; i < nsem; i++) {
		memset(&sym, 0, sizeof(sym));
		sym.st_name = semname[i];
		sym.st_value = i * SEM_SIZE;
		sym.st_size = SEM_SIZE;
		sym.st_info = GELF_ST_INFO(STB_GLOBAL, STT_OBJECT);
		sym.st_other = vis == SEM_DEFAULT ? STV_DEFAULT : STV_HIDDEN;
		sym.st_shndx = probesndx;
		if (!gelf_update_sym(symdata, NLOCALSYMS + i, &sym))
			goto elferror;
	}

	if (elf_update(elf, ELF_C_WRITE) < 0 || !gelf_getehdr(elf, &ehdr))
		goto elferror;
	if (probesalign != SEM_ALIGN && setalign(fd, &ehdr, probesndx, probesalign, err, errlen) < 0)
		goto out;
	ret = 0;
	goto out;

elferror:
	elferr(err, errlen);
out:
	if (elf)
		elf_end(elf);
	free(symbuf);
	free(semdata);
	free(semname);
	buffree(&str);
	buffree(&shstr);
	return ret;
}
