/* mkbad.c: damage a good ELF file (any class and byte order) in one chosen way, for the
 * reader tests (tests/integration/list_malformed.sh, tests/elf/catalogue)
 *
 * usage: mkbad MODE IN OUT
 * The ELF header:
 *   class      an unknown ELF class (7)
 *   data       an unknown byte order (3)
 *   version    an unknown ELF version (2)
 *   shoff      section headers start at the end of the file
 *   shnum      65535 section headers, more than the file holds
 *   shentsize  a section header size of 32, the wrong size for either class
 *   shstrndx   the section name table index names no section
 *   xnum       e_shnum 0, so the count is section 0's sh_size: 0x7fffffff
 *   xstrndx    e_shstrndx SHN_XINDEX, so the index is section 0's sh_link: 0xfffff
 *   phoff      program headers start at the end of the file
 *   phentsize  a program header size of 20, the wrong size for either class
 * Sections:
 *   shstroff   the section name table starts past the end of the file
 *   shstrtype  the section name table is not a string table (SHT_PROGBITS)
 *   noteoff    .note.stapsdt starts past the end of the file
 *   notesize   .note.stapsdt is larger than the file
 *   symoff     the symbol table (.symtab, else .dynsym) starts past the end of the file
 *   symlink    the symbol table's string table index names no section
 *   relsym     the relocations of .note.stapsdt (a .o) name a symbol table that is not one
 * Notes (the first stapsdt note of .note.stapsdt):
 *   notehdr    .note.stapsdt cut to 8 bytes: a truncated note header
 *   descsz     the descriptor size overflows the section (0xfffffff0)
 *   namesz     the name size overflows the section (0x7ffffff0)
 *   small      the descriptor (8 bytes) is too small for its three addresses
 *   nostr      the descriptor holds the three addresses and nothing else
 *   nonul      the provider, name and arguments lose their NULs
 *   nonulname  the probe name and arguments lose their NULs
 *   nonulargs  the argument string loses its NUL
 * Other:
 *   base       .stapsdt.base moved by 0x10, as prelink would (a valid file)
 *   flipN      8 bytes changed at places chosen by seed N: in .note.stapsdt for odd
 *              N, anywhere for even N (may be harmless; must never crash a reader)
 *
 * The damage is done in place, by offsets read from the file itself: no libelf,
 * so that files libelf would refuse can be made. Exit status 2 when the input
 * lacks what the mode needs.
 */
#include <elf.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *img;
static size_t size;
static int c64, msb;

enum field {
	E_PHOFF, E_SHOFF, E_PHENTSIZE, E_PHNUM, E_SHENTSIZE, E_SHNUM, E_SHSTRNDX,
	S_NAME, S_TYPE, S_ADDR, S_OFFSET, S_SIZE, S_LINK, S_INFO,
};

/* where each field lies, in ELFCLASS32 and ELFCLASS64 headers */
#define F(t32, t64, f)                                                                     \
	{ offsetof(t32, f), sizeof(((t32 *)0)->f), offsetof(t64, f), sizeof(((t64 *)0)->f) }
static const struct {
	size_t off32, len32, off64, len64;
} fields[] = {
	[E_PHOFF] = F(Elf32_Ehdr, Elf64_Ehdr, e_phoff),
	[E_SHOFF] = F(Elf32_Ehdr, Elf64_Ehdr, e_shoff),
	[E_PHENTSIZE] = F(Elf32_Ehdr, Elf64_Ehdr, e_phentsize),
	[E_PHNUM] = F(Elf32_Ehdr, Elf64_Ehdr, e_phnum),
	[E_SHENTSIZE] = F(Elf32_Ehdr, Elf64_Ehdr, e_shentsize),
	[E_SHNUM] = F(Elf32_Ehdr, Elf64_Ehdr, e_shnum),
	[E_SHSTRNDX] = F(Elf32_Ehdr, Elf64_Ehdr, e_shstrndx),
	[S_NAME] = F(Elf32_Shdr, Elf64_Shdr, sh_name),
	[S_TYPE] = F(Elf32_Shdr, Elf64_Shdr, sh_type),
	[S_ADDR] = F(Elf32_Shdr, Elf64_Shdr, sh_addr),
	[S_OFFSET] = F(Elf32_Shdr, Elf64_Shdr, sh_offset),
	[S_SIZE] = F(Elf32_Shdr, Elf64_Shdr, sh_size),
	[S_LINK] = F(Elf32_Shdr, Elf64_Shdr, sh_link),
	[S_INFO] = F(Elf32_Shdr, Elf64_Shdr, sh_info),
};

static _Noreturn void
die(const char *msg)
{
	fprintf(stderr, "mkbad: %s\n", msg);
	exit(2);
}

/* n bytes at off, in the file's byte order */
static uint64_t
rd(size_t off, size_t n)
{
	uint64_t v = 0;
	size_t i;

	if (off > size || n > size - off)
		die("a field lies past the end of the input");
	for (i = 0; i < n; i++)
		v |= (uint64_t)img[off + (msb ? i : n - 1 - i)] << (8 * (n - 1 - i));
	return v;
}

static void
wr(size_t off, size_t n, uint64_t v)
{
	size_t i;

	if (off > size || n > size - off)
		die("a field lies past the end of the input");
	for (i = 0; i < n; i++)
		img[off + (msb ? n - 1 - i : i)] = (unsigned char)(v >> (8 * i));
}

/* field f of the header or section header at base */
static uint64_t
get(size_t base, enum field f)
{
	return c64 ? rd(base + fields[f].off64, fields[f].len64)
	           : rd(base + fields[f].off32, fields[f].len32);
}

static void
set(size_t base, enum field f, uint64_t v)
{
	if (c64)
		wr(base + fields[f].off64, fields[f].len64, v);
	else
		wr(base + fields[f].off32, fields[f].len32, v);
}

/* the offset of section header i */
static size_t
sh(size_t i)
{
	return (size_t)(get(0, E_SHOFF) + i * (c64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr)));
}

static size_t
nsections(void)
{
	return (size_t)get(0, E_SHNUM);
}

/* the section header of the section called name, or of the first of type type */
static size_t
section(const char *name, uint64_t type)
{
	size_t names = (size_t)get(sh((size_t)get(0, E_SHSTRNDX)), S_OFFSET), i;

	for (i = 1; i < nsections(); i++) {
		size_t n = names + (size_t)get(sh(i), S_NAME);

		if (name && n < size && strncmp((const char *)img + n, name, size - n) == 0)
			return sh(i);
		if (!name && get(sh(i), S_TYPE) == type)
			return sh(i);
	}
	die(name ? "section not found" : "no section of that type");
}

/* the symbol table: .symtab, else .dynsym */
static size_t
symtab(void)
{
	size_t i;

	for (i = 1; i < nsections(); i++)
		if (get(sh(i), S_TYPE) == SHT_SYMTAB)
			return sh(i);
	return section(NULL, SHT_DYNSYM);
}

/* the first stapsdt note's offset in the file */
static size_t
firstnote(void)
{
	return (size_t)get(section(".note.stapsdt", 0), S_OFFSET);
}

/* the first note's descriptor: its offset and size */
static size_t
firstdesc(size_t *descsz)
{
	size_t n = firstnote();

	*descsz = (size_t)rd(n + 4, 4);
	return n + 12 + (((size_t)rd(n, 4) + 3) & ~(size_t)3);
}

/* NUL bytes of the first descriptor after the addresses and skip strings become 'x' */
static void
unterminate(int skip)
{
	size_t descsz, d = firstdesc(&descsz), i;

	for (i = 3 * (c64 ? 8 : 4); i < descsz; i++) {
		if (img[d + i] != 0)
			continue;
		if (skip > 0)
			skip--;
		else
			img[d + i] = 'x';
	}
}

int
main(int argc, char **argv)
{
	FILE *f;
	const char *mode;
	long n;

	if (argc != 4)
		die("usage: mkbad MODE IN OUT");
	mode = argv[1];
	if (!(f = fopen(argv[2], "rb")) || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) <= 0)
		die("cannot read the input");
	size = (size_t)n;
	rewind(f);
	img = malloc(size);
	if (!img || fread(img, 1, size, f) != size)
		die("cannot read the input");
	fclose(f);
	if (size < EI_NIDENT || memcmp(img, ELFMAG, SELFMAG) != 0 ||
	    (img[EI_CLASS] != ELFCLASS32 && img[EI_CLASS] != ELFCLASS64) ||
	    (img[EI_DATA] != ELFDATA2LSB && img[EI_DATA] != ELFDATA2MSB))
		die("the input is not an ELF file");
	c64 = img[EI_CLASS] == ELFCLASS64;
	msb = img[EI_DATA] == ELFDATA2MSB;

	if (strcmp(mode, "class") == 0) {
		img[EI_CLASS] = 7;
	} else if (strcmp(mode, "data") == 0) {
		img[EI_DATA] = 3;
	} else if (strcmp(mode, "version") == 0) {
		img[EI_VERSION] = 2;
	} else if (strcmp(mode, "shoff") == 0) {
		set(0, E_SHOFF, size);
	} else if (strcmp(mode, "shnum") == 0) {
		set(0, E_SHNUM, 0xffff);
	} else if (strcmp(mode, "shentsize") == 0) {
		set(0, E_SHENTSIZE, 32);
	} else if (strcmp(mode, "shstrndx") == 0) {
		set(0, E_SHSTRNDX, get(0, E_SHNUM) + 100);
	} else if (strcmp(mode, "xnum") == 0) {
		set(sh(0), S_SIZE, 0x7fffffff);
		set(0, E_SHNUM, 0);
	} else if (strcmp(mode, "xstrndx") == 0) {
		set(sh(0), S_LINK, 0xfffff);
		set(0, E_SHSTRNDX, SHN_XINDEX);
	} else if (strcmp(mode, "phoff") == 0) {
		if (get(0, E_PHNUM) == 0)
			die("the input has no program headers");
		set(0, E_PHOFF, size);
	} else if (strcmp(mode, "phentsize") == 0) {
		if (get(0, E_PHNUM) == 0)
			die("the input has no program headers");
		set(0, E_PHENTSIZE, 20);
	} else if (strcmp(mode, "shstroff") == 0) {
		set(sh((size_t)get(0, E_SHSTRNDX)), S_OFFSET, size + 0x1000);
	} else if (strcmp(mode, "shstrtype") == 0) {
		set(sh((size_t)get(0, E_SHSTRNDX)), S_TYPE, SHT_PROGBITS);
	} else if (strcmp(mode, "noteoff") == 0) {
		set(section(".note.stapsdt", 0), S_OFFSET, size + 0x1000);
	} else if (strcmp(mode, "notesize") == 0) {
		set(section(".note.stapsdt", 0), S_SIZE, size * 2);
	} else if (strcmp(mode, "symoff") == 0) {
		set(symtab(), S_OFFSET, size + 0x1000);
	} else if (strcmp(mode, "symlink") == 0) {
		set(symtab(), S_LINK, nsections() + 100);
	} else if (strcmp(mode, "relsym") == 0) {
		size_t i, note = 0, rel = 0;

		for (i = 1; i < nsections(); i++)
			if (sh(i) == section(".note.stapsdt", 0))
				note = i;
		for (i = 1; i < nsections() && !rel; i++)
			if ((get(sh(i), S_TYPE) == SHT_RELA || get(sh(i), S_TYPE) == SHT_REL) &&
			    get(sh(i), S_INFO) == note)
				rel = sh(i);
		if (!rel)
			die("the notes have no relocations");
		set(rel, S_LINK, note);
	} else if (strcmp(mode, "notehdr") == 0) {
		set(section(".note.stapsdt", 0), S_SIZE, 8);
	} else if (strcmp(mode, "descsz") == 0) {
		wr(firstnote() + 4, 4, 0xfffffff0u);
	} else if (strcmp(mode, "namesz") == 0) {
		wr(firstnote(), 4, 0x7ffffff0u);
	} else if (strcmp(mode, "small") == 0) {
		wr(firstnote() + 4, 4, 8);
	} else if (strcmp(mode, "nostr") == 0) {
		wr(firstnote() + 4, 4, 3 * (c64 ? 8 : 4));
	} else if (strcmp(mode, "nonul") == 0) {
		unterminate(0);
	} else if (strcmp(mode, "nonulname") == 0) {
		unterminate(1);
	} else if (strcmp(mode, "nonulargs") == 0) {
		unterminate(2);
	} else if (strcmp(mode, "base") == 0) {
		size_t b = section(".stapsdt.base", 0);

		set(b, S_ADDR, get(b, S_ADDR) + 0x10);
	} else if (strncmp(mode, "flip", 4) == 0) {
		unsigned long x = strtoul(mode + 4, NULL, 10) * 2654435761u + 12345u;
		size_t off = 0, len = size;
		int i;

		if (strtoul(mode + 4, NULL, 10) & 1) {
			off = (size_t)get(section(".note.stapsdt", 0), S_OFFSET);
			len = (size_t)get(section(".note.stapsdt", 0), S_SIZE);
		}
		for (i = 0; i < 8; i++) {
			x = x * 6364136223846793005u + 1442695040888963407u;
			img[off + (size_t)((x >> 33) % (unsigned long)len)] = (unsigned char)(x >> 20);
		}
	} else {
		die("unknown mode");
	}
	if (!(f = fopen(argv[3], "wb")) || fwrite(img, 1, size, f) != size || fclose(f) != 0)
		die("cannot write the output");
	free(img);
	return 0;
}
