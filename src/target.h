/* SPDX-License-Identifier: MIT */
/* target.h: the ELF target a semaphore object is written for */
#ifndef SDTKIT_TARGET_H
#define SDTKIT_TARGET_H

struct target {
	const char *name;   /* canonical name: "x86_64", "aarch64", ... */
	unsigned machine;   /* e_machine */
	unsigned char class;  /* ELFCLASS32 or ELFCLASS64 */
	unsigned char data;   /* ELFDATA2LSB or ELFDATA2MSB */
	unsigned char osabi;  /* e_ident[EI_OSABI] */
	unsigned flags;     /* e_flags */
	unsigned long pagesize; /* the largest page its Linux kernels map: .probes is aligned to it */
};

/* look up a target by name (with common aliases); returns 0, or -1 if unknown */
int targetbyname(const char *name, struct target *t);
/* the target this program was built for */
void targethost(struct target *t);
/*
 * Read the target of a relocatable or other ELF file, or of an LLVM
 * bitcode object (its triple). Returns 0; 1 when the file is bitcode whose
 * triple cannot be read: t is the host's, and err holds a warning; or -1
 * with a message (naming the file) in err.
 */
int targetfromfile(const char *path, struct target *t, char *err, size_t errlen);
/* 1 if a and b can be linked together (same machine, class, data and ABI flags) */
int targetsame(const struct target *a, const struct target *b);
/* comma-separated list of the known target names, for messages */
const char *targetnames(void);

#endif
