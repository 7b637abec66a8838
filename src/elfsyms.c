/* SPDX-License-Identifier: MIT */
/* elfsyms.c: the probe reader's layer 2 of 5: symbols, sections by address, relocations */
#include <gelf.h>
#include <libelf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elfsyms.h"
#include "util.h"

/*
 * A site is shown with the function that contains it and the symbol of its
 * semaphore. In a linked file they are found by address among the function
 * and data symbols of .symtab (or .dynsym when stripped) and the allocated
 * sections.
 *
 * In a relocatable object (.o) the three addresses are 0 in the note and
 * relocations in .rela.note.stapsdt (.rel.note.stapsdt on REL machines
 * such as i386 and arm) say what they are: pc is a section symbol (or a
 * function) plus an addend, the semaphore an undefined symbol. We apply
 * them as readelf does (symbol value + addend), which gives the offset of
 * the probe in its section, and look the containing function up there.
 */

enum {
	SECLOOKBACK = 8,   /* sections tried below an address before giving up */
	LINEARSITES = 16,  /* up to this many sites, symbols are scanned, not sorted */
};

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

void
addsec(struct symtab *t, const GElf_Shdr *sh, const char *name)
{
	if (t->nsecs == t->capsecs)
		t->secs = xreallocarray(t->secs, t->capsecs = t->capsecs ? t->capsecs * 2 : 32,
		                        sizeof(*t->secs));
	t->secs[t->nsecs++] = (struct asec){sh->sh_addr, sh->sh_size, sh->sh_flags,
	                                    sh->sh_addralign, name};
}

void
sortsecs(struct symtab *t)
{
	if (t->nsecs)
		qsort(t->secs, t->nsecs, sizeof(*t->secs), seccmp);
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

const char *
funcat(const struct symtab *t, size_t sec, uint64_t addr)
{
	const struct sym *s, *end;
	uint64_t start;

	if (!t->sorted) {
		s = symscan(t->funcs, t->nfuncs, sec, addr, 0, 1, NULL);
		return s ? s->name : NULL;
	}
	s = symfloor(t->funcs, t->nfuncs, sec, addr);
	if (!s)
		return NULL;
	end = t->funcs + t->nfuncs; /* not before: funcs is NULL when there are none */
	for (start = s->addr; s < end && s->sec == sec && s->addr == start; s++)
		if (addr - start < s->size || (s->size == 0 && addr == start))
			return s->name;
	return NULL;
}

const char *
objat(const struct symtab *t, size_t sec, uint64_t addr)
{
	static const char SUFFIX[] = "_semaphore";
	const struct sym *s, *end;
	const char *first;

	if (!t->sorted) {
		s = symscan(t->objs, t->nobjs, sec, addr, 1, 0, SUFFIX);
		return s ? s->name : NULL;
	}
	s = symfloor(t->objs, t->nobjs, sec, addr);
	if (!s || s->addr != addr)
		return NULL;
	end = t->objs + t->nobjs; /* not before: objs is NULL when there are none */
	first = s->name;
	for (; s < end && s->sec == sec && s->addr == addr; s++) {
		size_t n = strlen(s->name);
		if (n >= sizeof(SUFFIX) - 1 && strcmp(s->name + n - (sizeof(SUFFIX) - 1), SUFFIX) == 0)
			return s->name;
	}
	return first;
}

const struct asec *
secat(struct symtab *t, uint64_t addr)
{
	size_t lo = 0, hi = t->nsecs, k;
	const struct asec *s;

	if (t->lastsec < t->nsecs) {
		s = &t->secs[t->lastsec];
		if (addr - s->addr < s->size)
			return s;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->secs[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* sections may overlap in odd files: look back a little for one that contains addr */
	for (k = lo; k > 0 && lo - k < SECLOOKBACK; k--) {
		s = &t->secs[k - 1];
		if (addr - s->addr < s->size) {
			t->lastsec = k - 1;
			return s;
		}
	}
	return NULL;
}

const char *
relsection(const struct elfview *v, size_t sec, uint64_t *flags, uint64_t *align)
{
	Elf_Scn *scn = sec ? elf_getscn(v->elf, sec) : NULL;
	GElf_Shdr sh;

	if (!scn || !gelf_getshdr(scn, &sh))
		return NULL;
	if (flags)
		*flags = sh.sh_flags;
	if (align)
		*align = sh.sh_addralign;
	return elf_strptr(v->elf, v->shstrndx, sh.sh_name);
}

/* the symbol at index i of a note section's symbol table; 0, or -1 */
static int
getsym(const struct noterel *nr, size_t i, GElf_Sym *sym, size_t *sec)
{
	Elf32_Word x = 0;

	if (i >= nr->nsyms || !gelf_getsymshndx(nr->syms, nr->xndx, (int)i, sym, &x))
		return -1;
	*sec = sym->st_shndx == SHN_XINDEX ? x : sym->st_shndx;
	if (*sec == SHN_UNDEF || (*sec >= SHN_LORESERVE && sym->st_shndx != SHN_XINDEX))
		*sec = 0;
	return 0;
}

/* a relocation of nr by index in offset order */
static int
getrel(const struct noterel *nr, size_t k, GElf_Rela *r)
{
	size_t i = nr->order ? nr->order[k] : k;

	if (nr->rela)
		return gelf_getrela(nr->data, (int)i, r) ? 0 : -1;
	{
		GElf_Rel rel;
		if (!gelf_getrel(nr->data, (int)i, &rel))
			return -1;
		r->r_offset = rel.r_offset;
		r->r_info = rel.r_info;
		r->r_addend = 0;
	}
	return 0;
}

/* REL keeps the addend in the field */
uint64_t
relocate(const struct elfview *v, const struct noterel *nr, uint64_t off, uint64_t val,
         size_t *sec, const char **symname, int *found)
{
	size_t lo = 0, hi = nr->n;
	GElf_Rela r;
	GElf_Sym sym;

	*sec = 0;
	*symname = NULL;
	*found = 0;
	if (!nr->data)
		return val;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (getrel(nr, mid, &r) < 0)
			return val;
		if (r.r_offset < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < nr->n && getrel(nr, lo, &r) == 0 && r.r_offset == off; lo++) {
		/* type 0 is R_*_NONE on every machine */
		if (GELF_R_TYPE(r.r_info) == 0)
			continue;
		if (getsym(nr, GELF_R_SYM(r.r_info), &sym, sec) < 0)
			return val;
		*found = 1;
		if (GELF_ST_TYPE(sym.st_info) != STT_SECTION && sym.st_name)
			*symname = elf_strptr(v->elf, nr->strndx, sym.st_name);
		return sym.st_value + (uint64_t)r.r_addend + (nr->rela ? 0 : val);
	}
	return val;
}

/* relocations are almost always sorted by offset; index them when not */
static void
relindex(struct noterel *nr)
{
	GElf_Rela r;
	uint64_t prev = 0, *offs;
	size_t i, j, gap;

	for (i = 0; i < nr->n && getrel(nr, i, &r) == 0 && r.r_offset >= prev; i++)
		prev = r.r_offset;
	if (i == nr->n)
		return;
	offs = xreallocarray(NULL, nr->n, sizeof(*offs));
	for (i = 0; i < nr->n; i++)
		offs[i] = getrel(nr, i, &r) == 0 ? r.r_offset : 0;
	nr->order = xreallocarray(NULL, nr->n, sizeof(*nr->order));
	for (i = 0; i < nr->n; i++)
		nr->order[i] = i;
	for (gap = nr->n / 2; gap > 0; gap /= 2)
		for (i = gap; i < nr->n; i++) {
			size_t t = nr->order[i];

			for (j = i; j >= gap && offs[nr->order[j - gap]] > offs[t]; j -= gap)
				nr->order[j] = nr->order[j - gap];
			nr->order[j] = t;
		}
	free(offs);
}

/* add the function and data symbols of the symbol table scn */
static int
loadsyms(const struct elfview *v, struct symtab *t, Elf_Scn *scn, const GElf_Shdr *sh,
         Elf_Data *xndx, int rel, size_t lookups, char *reason, size_t len)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	size_t n, i, ent = gelf_fsize(v->elf, ELF_T_SYM, 1, EV_CURRENT);
	size_t capf = 0, capo = 0;
	Elf_Scn *strscn = elf_getscn(v->elf, sh->sh_link);
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
			name = elf_strptr(v->elf, sh->sh_link, sym.st_name);
		if (!name || !*name)
			continue;
		s.addr = sym.st_value;
		s.size = sym.st_size;
		s.sec = rel ? sec : 0;
		s.rank = GELF_ST_BIND(sym.st_info) == STB_GLOBAL ? 0 :
		         GELF_ST_BIND(sym.st_info) == STB_WEAK   ? 1 : 2;
		s.name = name;
		if (type == STT_OBJECT) {
			if (t->nobjs == capo)
				t->objs = xreallocarray(t->objs, capo = capo ? capo * 2 : 64, sizeof(s));
			t->objs[t->nobjs++] = s;
		} else {
			if (t->nfuncs == capf)
				t->funcs = xreallocarray(t->funcs, capf = capf ? capf * 2 : 64, sizeof(s));
			t->funcs[t->nfuncs++] = s;
		}
	}
	/* a few lookups scan; many are worth a sort and binary searches */
	t->sorted = lookups > LINEARSITES;
	if (t->sorted && t->nfuncs)
		qsort(t->funcs, t->nfuncs, sizeof(*t->funcs), symcmp);
	if (t->sorted && t->nobjs)
		qsort(t->objs, t->nobjs, sizeof(*t->objs), symcmp);
	return 0;
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

/* scn is .symtab, else .dynsym, else NULL (no symbols: no names) */
int
loadsymtab(const struct elfview *v, struct symtab *t, Elf_Scn *scn, int rel, size_t lookups,
           char *reason, size_t len)
{
	const unsigned char *bytes;
	Elf_Scn *str;
	GElf_Shdr sh, ssh;

	if (!scn || !gelf_getshdr(scn, &sh))
		return 0;
	str = elf_getscn(v->elf, sh.sh_link);
	if (scnbytes(v, elf_ndxscn(scn), &sh, &bytes, reason, len) < 0)
		return -1;
	if (!str || !gelf_getshdr(str, &ssh))
		return why(reason, len, "bad string table index %u for the symbol table",
		           (unsigned)sh.sh_link);
	if (scnbytes(v, sh.sh_link, &ssh, &bytes, reason, len) < 0)
		return -1;
	return loadsyms(v, t, scn, &sh, xndxfor(v->elf, elf_ndxscn(scn)), rel, lookups, reason, len);
}

/* relocations are read through libelf once their bytes and symbol table are checked */
int
noterelocs(const struct elfview *v, struct noterel *nr, const char *name, Elf_Scn *scn,
           const GElf_Shdr *sh, char *reason, size_t len)
{
	const unsigned char *bytes;
	Elf_Scn *symscn = elf_getscn(v->elf, sh->sh_link);
	GElf_Shdr ssh;
	size_t ent;

	if (!symscn || !gelf_getshdr(symscn, &ssh) || ssh.sh_type != SHT_SYMTAB)
		return why(reason, len, "relocations of '%s' refer to no symbol table", name);
	if (scnbytes(v, elf_ndxscn(scn), sh, &bytes, reason, len) < 0 ||
	    scnbytes(v, sh->sh_link, &ssh, &bytes, reason, len) < 0)
		return -1;
	nr->rela = sh->sh_type == SHT_RELA;
	nr->data = elf_getdata(scn, NULL);
	nr->syms = elf_getdata(symscn, NULL);
	if (!nr->data || !nr->syms)
		return why(reason, len, "cannot read the relocations of '%s': %s", name,
		           elf_errmsg(-1));
	ent = gelf_fsize(v->elf, nr->rela ? ELF_T_RELA : ELF_T_REL, 1, EV_CURRENT);
	nr->n = ent ? nr->data->d_size / ent : 0;
	ent = gelf_fsize(v->elf, ELF_T_SYM, 1, EV_CURRENT);
	nr->nsyms = ent ? nr->syms->d_size / ent : 0;
	nr->xndx = xndxfor(v->elf, sh->sh_link);
	nr->strndx = ssh.sh_link;
	relindex(nr);
	return 0;
}

void
freenoterel(struct noterel *nr)
{
	free(nr->order);
	nr->order = NULL;
}

void
freesymtab(struct symtab *t)
{
	free(t->funcs);
	free(t->objs);
	free(t->secs);
}
