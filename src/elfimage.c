/* SPDX-License-Identifier: MIT */
/* elfimage.c: the probe reader's layer 3 of 5: one ELF image (a module), its notes and sites */
#include <gelf.h>
#include <libelf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elfimage.h"
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
 * relocations say what they are (elfsyms.c). In a process, the run-time
 * address of a site is its file address plus the load bias of the mapping
 * (elfprocess.c). The argument string is parsed by argspec.c.
 *
 * An image is checked before it is used: sizes from the file are never
 * trusted, strings are found with memchr inside the descriptor, and every
 * note is checked when the image is opened, so that iterating cannot fail.
 */

static const char NOTE_NAME[] = "stapsdt"; /* with its NUL: namesz 8 */

enum {
	NT_STAPSDT = 3,
	NOTE_HDRLEN = 12,  /* namesz, descsz, type: 4 bytes each */
	NOTE_ALIGN = 4,    /* .note.stapsdt is .balign 4 (8 only if the section says so) */
};

/* the sections modopen keeps for later steps */
struct keyscns {
	Elf_Scn *symtab, *dynsym, *dynamic;
};

/* one note of a section */
struct rawnote {
	size_t off, next;
	uint32_t namesz, descsz, type;
	const unsigned char *name, *desc;
};

/* byte-order-aware reads from the image */
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

void
modfree(struct sdtmodule *m)
{
	size_t i;

	if (!m)
		return;
	if (m->view.elf)
		elf_end(m->view.elf);
	for (i = 0; i < m->nns; i++)
		freenoterel(&m->ns[i].rels);
	free(m->ns);
	freesymtab(&m->syms);
	free(m->segs);
	unmap(&m->own);
	free(m->path);
	free(m->member);
	free(m->name);
	free(m);
}

struct sdtmodule *
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

/* libelf's view of the image and what its ELF header says; 0, or -1 with a reason */
static int
modheader(struct sdtmodule *m, unsigned char *img, size_t n, char *reason, size_t len)
{
	GElf_Ehdr eh;

	m->view.elf = elf_memory((char *)img, n);
	if (!m->view.elf || elf_kind(m->view.elf) != ELF_K_ELF ||
	    !gelf_getehdr(m->view.elf, &eh))
		return why(reason, len, "not a valid ELF file: %s", elf_errmsg(-1));
	m->info.machine = eh.e_machine;
	m->info.elfclass = eh.e_ident[EI_CLASS];
	m->info.byteorder = eh.e_ident[EI_DATA];
	m->info.type = eh.e_type;
	m->info.osabi = eh.e_ident[EI_OSABI];
	m->info.flags = eh.e_flags;
	m->info.model = m->info.elfclass == ELFCLASS64 ? SDT_LP64 : SDT_ILP32;
	m->rel = eh.e_type == ET_REL;
	return 0;
}

/* the section name table, which every later reason may quote; 0, or -1 with a reason */
static int
modshstrtab(struct sdtmodule *m, char *reason, size_t len)
{
	const unsigned char *bytes;
	Elf_Scn *scn;
	GElf_Shdr sh;

	if (elf_getshdrstrndx(m->view.elf, &m->view.shstrndx) < 0)
		return why(reason, len, "no section name table: %s", elf_errmsg(-1));
	scn = elf_getscn(m->view.elf, m->view.shstrndx);
	if (!scn || !gelf_getshdr(scn, &sh))
		return why(reason, len, "bad section name table index %zu", m->view.shstrndx);
	if (scnbytes(&m->view, m->view.shstrndx, &sh, &bytes, reason, len) < 0)
		return -1;
	if (sh.sh_type != SHT_STRTAB)
		return why(reason, len, "section name table (index %zu) is not a string table",
		           m->view.shstrndx);
	return 0;
}

/* keep a .note.stapsdt section; 0, or -1 with a reason */
static int
addnotesec(struct sdtmodule *m, size_t idx, const GElf_Shdr *sh, const char *name, size_t *cap,
           char *reason, size_t len)
{
	const unsigned char *bytes;
	struct notesec *ns;

	if (scnbytes(&m->view, idx, sh, &bytes, reason, len) < 0)
		return -1;
	if (m->nns == *cap)
		m->ns = xreallocarray(m->ns, *cap = *cap ? *cap * 2 : 4, sizeof(*m->ns));
	ns = &m->ns[m->nns++];
	memset(ns, 0, sizeof(*ns));
	ns->scn = idx;
	ns->name = name;
	ns->p = bytes;
	ns->size = (size_t)sh->sh_size;
	ns->align = sh->sh_addralign == 8 ? 8 : NOTE_ALIGN;
	return 0;
}

/*
 * Go through the section headers: the symbol tables and dynamic section
 * into k, .stapsdt.base, the allocated sections and the note sections into
 * m. 0, or -1 with a reason.
 */
static int
modsections(struct sdtmodule *m, struct keyscns *k, char *reason, size_t len)
{
	Elf_Scn *scn = NULL;
	size_t capns = 0, n = m->view.n;

	while ((scn = elf_nextscn(m->view.elf, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			return why(reason, len, "cannot read section header %zu: %s", elf_ndxscn(scn),
			           elf_errmsg(-1));
		name = elf_strptr(m->view.elf, m->view.shstrndx, sh.sh_name);
		if (!name)
			name = "";
		if (sh.sh_type == SHT_SYMTAB && !k->symtab)
			k->symtab = scn;
		else if (sh.sh_type == SHT_DYNSYM && !k->dynsym)
			k->dynsym = scn;
		else if (sh.sh_type == SHT_DYNAMIC && !k->dynamic && sh.sh_offset <= n &&
		         sh.sh_size <= n - sh.sh_offset)
			k->dynamic = scn;
		if (strcmp(name, BASE_SECTION) == 0) {
			m->info.hasbase = 1;
			m->info.baseaddr = sh.sh_addr;
		}
		if (!m->rel && (sh.sh_flags & SHF_ALLOC) && !(sh.sh_flags & SHF_TLS) && sh.sh_size)
			addsec(&m->syms, &sh, name);
		if (sh.sh_type == SHT_NOTE && strcmp(name, NOTE_SECTION) == 0 &&
		    addnotesec(m, elf_ndxscn(scn), &sh, name, &capns, reason, len) < 0)
			return -1;
	}
	sortsecs(&m->syms);
	return 0;
}

/* check every note of ns and count its sites; 0, or -1 with a reason */
static int
checknotes(struct sdtmodule *m, const struct notesec *ns, char *reason, size_t len)
{
	struct rawnote nt;
	size_t off = 0;
	int rc;

	while ((rc = notenext(m, ns, off, &nt, reason, len)) > 0) {
		const char *s[3];

		if (isstapsdt(&nt)) {
			if (notestrings(m, &nt, s, reason, len) < 0) {
				char tmp[SDTREASONMAX];
				snprintf(tmp, sizeof(tmp), "section '%s': %s", ns->name, reason);
				snprintf(reason, len, "%s", tmp);
				return -1;
			}
			m->info.nsites++;
		}
		off = nt.next;
	}
	return rc < 0 ? -1 : 0;
}

/* a position-independent program says so in DT_FLAGS_1 (static-pie has no interpreter) */
static void
modpie(struct sdtmodule *m, Elf_Scn *dynamic)
{
	Elf_Data *d = dynamic ? elf_getdata(dynamic, NULL) : NULL;
	GElf_Dyn dyn;
	int k;

	for (k = 0; d && gelf_getdyn(d, k, &dyn); k++) {
		if (dyn.d_tag == DT_NULL)
			break;
		if (dyn.d_tag == DT_FLAGS_1 && (dyn.d_un.d_val & DF_1_PIE))
			m->info.pie = 1;
	}
}

/* the loadable segments, for the load bias and the semaphores' pages; and PT_INTERP */
static void
modsegments(struct sdtmodule *m)
{
	size_t nphdr = 0, i;

	if (elf_getphdrnum(m->view.elf, &nphdr) < 0)
		nphdr = 0;
	for (i = 0; i < nphdr; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(m->view.elf, (int)i, &ph))
			continue;
		if (ph.p_type == PT_INTERP)
			m->info.interp = 1;
		if (ph.p_type != PT_LOAD)
			continue;
		m->segs = xreallocarray(m->segs, m->nsegs + 1, sizeof(*m->segs));
		m->segs[m->nsegs++] = (struct seg){ph.p_vaddr, ph.p_memsz, ph.p_offset, ph.p_filesz, ph.p_flags};
	}
}

/* the first relocation section of each note section counts; 0, or -1 with a reason */
static int
modrelocs(struct sdtmodule *m, char *reason, size_t len)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(m->view.elf, scn))) {
		GElf_Shdr sh;
		struct notesec *ns = NULL;
		size_t k;

		if (!gelf_getshdr(scn, &sh) || (sh.sh_type != SHT_RELA && sh.sh_type != SHT_REL))
			continue;
		for (k = 0; k < m->nns; k++)
			if (m->ns[k].scn == sh.sh_info)
				ns = &m->ns[k];
		if (!ns || ns->rels.data)
			continue;
		if (noterelocs(&m->view, &ns->rels, ns->name, scn, &sh, reason, len) < 0)
			return -1;
	}
	return 0;
}

int
modopen(struct sdtmodule *m, unsigned char *img, size_t n, char *reason, size_t len)
{
	struct keyscns k = {0};
	size_t nscns = 0, i;

	m->view.p = img;
	m->view.n = n;
	if (elfcheck(img, n, reason, len) < 0 || modheader(m, img, n, reason, len) < 0)
		return -1;
	if (elf_getshdrnum(m->view.elf, &nscns) < 0)
		return why(reason, len, "cannot read the section headers: %s", elf_errmsg(-1));
	m->hasshdrs = nscns > 1;
	if (nscns > 1 && modshstrtab(m, reason, len) < 0)
		return -1;
	if (modsections(m, &k, reason, len) < 0)
		return -1;
	/* check every note now, so that iterating cannot fail */
	for (i = 0; i < m->nns; i++)
		if (checknotes(m, &m->ns[i], reason, len) < 0)
			return -1;
	if (m->info.nsites == 0)
		return 0;
	/* what the sites need: symbols, program headers, relocations */
	modpie(m, k.dynamic);
	if (loadsymtab(&m->view, &m->syms, k.symtab ? k.symtab : k.dynsym, m->rel, m->info.nsites,
	                reason, len) < 0)
		return -1;
	modsegments(m);
	return m->rel ? modrelocs(m, reason, len) : 0;
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

/* the addresses of a .o's site s (note fields pc, base, sem at offset off of ns), relocated */
static void
relsite(struct sdtmodule *m, const struct notesec *ns, size_t off, uint64_t pc, uint64_t base,
        uint64_t sem, struct sdtsite *s)
{
	size_t a = addrsize(m), pcsec, basesec, semsec;
	const char *pcsym, *basesym;
	uint64_t mask = a == 4 ? UINT32_MAX : UINT64_MAX;
	const struct elfview *v = &m->view;
	const struct noterel *r = &ns->rels;
	int found;

	pc = relocate(v, r, off, pc, &pcsec, &pcsym, &found) & mask;
	base = relocate(v, r, off + a, base, &basesec, &basesym, &found) & mask;
	sem = relocate(v, r, off + 2 * a, sem, &semsec, &s->semsymbol, &found) & mask;
	s->notepc = s->pc = pc;
	s->base = base;
	s->notesem = s->semaphore = sem;
	if (pcsec) {
		uint64_t flags = 0;

		s->pcsection = relsection(v, pcsec, &flags, NULL);
		s->pcexec = (flags & SHF_EXECINSTR) != 0;
		s->function = funcat(&m->syms, pcsec, pc);
	}
	if (found && semsec) {
		s->semsection = relsection(v, semsec, &s->semflags, &s->semalign);
		if (!s->semsymbol)
			s->semsymbol = objat(&m->syms, semsec, sem);
	}
}

/* the addresses of a linked file's site s, adjusted by .stapsdt.base and the bias */
static void
linksite(struct sdtmodule *m, uint64_t pc, uint64_t base, uint64_t sem, struct sdtsite *s)
{
	const struct asec *sec;

	s->notepc = pc;
	s->base = base;
	s->notesem = sem;
	if (m->info.hasbase && base != 0) {
		/* prelinked: the note was left behind when the sections moved */
		pc += m->info.baseaddr - base;
		if (sem)
			sem += m->info.baseaddr - base;
	}
	s->function = funcat(&m->syms, 0, pc);
	if ((sec = secat(&m->syms, pc))) {
		s->pcsection = sec->name;
		s->pcexec = (sec->flags & SHF_EXECINSTR) != 0;
	} else if (m->nsegs) {
		s->pcexec = inexecseg(m, pc);
	} else if (m->hasshdrs) {
		s->pcexec = 0;
	}
	if (sem) {
		if ((sec = secat(&m->syms, sem))) {
			s->semsection = sec->name;
			s->semflags = sec->flags;
			s->semalign = sec->align;
		}
		s->semsymbol = objat(&m->syms, 0, sem);
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
	if (m->rel)
		relsite(m, ns, off, pc, base, sem, s);
	else
		linksite(m, pc, base, sem, s);
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
