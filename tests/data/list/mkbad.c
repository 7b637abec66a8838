/* mkbad.c: damage a good 64-bit little-endian ELF file in one chosen way, for the list tests
 *
 * usage: mkbad MODE IN OUT
 *   shoff     section headers start past the end of the file
 *   shstrndx  the section name table index names no section
 *   class     an unknown ELF class
 *   noteoff   .note.stapsdt starts past the end of the file
 *   notesize  .note.stapsdt is larger than the file
 *   descsz    the first stapsdt note's descriptor size overflows the section
 *   namesz    the first stapsdt note's name size overflows the section
 *   small     the first stapsdt note's descriptor is too small for its addresses
 *   nonul     the first stapsdt note's strings lose their NULs
 *   base      .stapsdt.base moved by 0x10, as prelink would (a valid file)
 *   flipN     8 bytes changed at places chosen by seed N: in .note.stapsdt for odd
 *             N, anywhere for even N (may be harmless; must never crash a reader)
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *img;
static long size;

static void
die(const char *msg)
{
	fprintf(stderr, "mkbad: %s\n", msg);
	exit(2);
}

static Elf64_Ehdr *
eh(void)
{
	return (Elf64_Ehdr *)img;
}

static Elf64_Shdr *
sh(int i)
{
	return (Elf64_Shdr *)(img + eh()->e_shoff + (size_t)i * sizeof(Elf64_Shdr));
}

static Elf64_Shdr *
section(const char *name)
{
	const char *names = (const char *)img + sh(eh()->e_shstrndx)->sh_offset;
	int i;

	for (i = 1; i < eh()->e_shnum; i++)
		if (strcmp(names + sh(i)->sh_name, name) == 0)
			return sh(i);
	die("section not found");
	return NULL;
}

/* the first stapsdt note's header in .note.stapsdt */
static Elf64_Nhdr *
firstnote(void)
{
	Elf64_Shdr *s = section(".note.stapsdt");

	return (Elf64_Nhdr *)(img + s->sh_offset);
}

int
main(int argc, char **argv)
{
	FILE *f;
	const char *mode;

	if (argc != 4)
		die("usage: mkbad MODE IN OUT");
	mode = argv[1];
	if (!(f = fopen(argv[2], "rb")) || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) <= 0)
		die("cannot read the input");
	rewind(f);
	img = malloc((size_t)size);
	if (!img || fread(img, 1, (size_t)size, f) != (size_t)size)
		die("cannot read the input");
	fclose(f);
	if (memcmp(img, ELFMAG, SELFMAG) != 0 || img[EI_CLASS] != ELFCLASS64 ||
	    img[EI_DATA] != ELFDATA2LSB)
		die("the input is not a 64-bit little-endian ELF file");

	if (strcmp(mode, "shoff") == 0) {
		eh()->e_shoff = (Elf64_Off)size;
	} else if (strcmp(mode, "shstrndx") == 0) {
		eh()->e_shstrndx = (Elf64_Half)(eh()->e_shnum + 100);
	} else if (strcmp(mode, "class") == 0) {
		img[EI_CLASS] = 7;
	} else if (strcmp(mode, "noteoff") == 0) {
		section(".note.stapsdt")->sh_offset = (Elf64_Off)size + 0x1000;
	} else if (strcmp(mode, "notesize") == 0) {
		section(".note.stapsdt")->sh_size = (Elf64_Xword)size * 2;
	} else if (strcmp(mode, "descsz") == 0) {
		firstnote()->n_descsz = 0xfffffff0u;
	} else if (strcmp(mode, "namesz") == 0) {
		firstnote()->n_namesz = 0x7ffffff0u;
	} else if (strcmp(mode, "small") == 0) {
		firstnote()->n_descsz = 8;
	} else if (strcmp(mode, "nonul") == 0) {
		Elf64_Nhdr *n = firstnote();
		unsigned char *d = (unsigned char *)(n + 1) + ((n->n_namesz + 3) & ~3u);
		Elf64_Word i;

		for (i = 3 * 8; i < n->n_descsz; i++)
			if (d[i] == 0)
				d[i] = 'x';
	} else if (strcmp(mode, "base") == 0) {
		section(".stapsdt.base")->sh_addr += 0x10;
	} else if (strncmp(mode, "flip", 4) == 0) {
		unsigned long x = strtoul(mode + 4, NULL, 10) * 2654435761u + 12345u;
		long off = 0, len = size;
		int i;

		if (strtoul(mode + 4, NULL, 10) & 1) {
			off = (long)section(".note.stapsdt")->sh_offset;
			len = (long)section(".note.stapsdt")->sh_size;
		}
		for (i = 0; i < 8; i++) {
			x = x * 6364136223846793005u + 1442695040888963407u;
			img[off + (long)((x >> 33) % (unsigned long)len)] = (unsigned char)(x >> 20);
		}
	} else {
		die("unknown mode");
	}
	if (!(f = fopen(argv[3], "wb")) || fwrite(img, 1, (size_t)size, f) != (size_t)size ||
	    fclose(f) != 0)
		die("cannot write the output");
	free(img);
	return 0;
}
