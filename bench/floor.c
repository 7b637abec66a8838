/* SPDX-License-Identifier: MIT */
/*
 * floor.c: the least that reading an object's target can cost, for bench/objects.sh: for
 * each file named, open, fstat, and pread its ELF header, its section headers and its
 * section name table (64-bit little-endian files only, unchecked), then close. What
 * sdtkit's personality does per object on top of this is its own cost.
 * usage: floor FILE...   exit status 1 on a file it cannot read that way
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	static unsigned char shdrs[1 << 16], names[1 << 16];
	int i;

	for (i = 1; i < argc; i++) {
		const Elf64_Shdr *sh;
		Elf64_Ehdr eh;
		struct stat st;
		size_t n;
		int fd = open(argv[i], O_RDONLY | O_CLOEXEC);

		if (fd < 0 || fstat(fd, &st) < 0 || pread(fd, &eh, sizeof(eh), 0) != sizeof(eh))
			goto bad;
		n = (size_t)eh.e_shnum * eh.e_shentsize;
		if (eh.e_shstrndx >= eh.e_shnum || n > sizeof(shdrs) ||
		    pread(fd, shdrs, n, (off_t)eh.e_shoff) != (ssize_t)n)
			goto bad;
		sh = (const Elf64_Shdr *)(const void *)shdrs + eh.e_shstrndx;
		if (sh->sh_size > sizeof(names) ||
		    pread(fd, names, sh->sh_size, (off_t)sh->sh_offset) != (ssize_t)sh->sh_size)
			goto bad;
		close(fd);
		continue;
bad:
		fprintf(stderr, "floor: cannot read '%s' as a 64-bit ELF file\n", argv[i]);
		return 1;
	}
	return 0;
}
