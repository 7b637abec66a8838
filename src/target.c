/* SPDX-License-Identifier: MIT */
/* target.c: the table of ELF targets, and reading the target of an ELF file */
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "bitcode.h"
#include "elfnotes.h"
#include "target.h"
#include "util.h"

/*
 * e_flags values the linkers compare. An object written for a target
 * carries them so that linking it with compiled code never fails with
 * an ABI mismatch ("can't link soft-float modules with double-float
 * modules", "uses VFP register arguments, ... does not").
 */
enum {
	ARM_FLOAT_MASK = EF_ARM_ABI_FLOAT_SOFT | EF_ARM_ABI_FLOAT_HARD,
	ARM_HARD = EF_ARM_EABI_VER5 | EF_ARM_ABI_FLOAT_HARD,
	ARM_SOFT = EF_ARM_EABI_VER5 | EF_ARM_ABI_FLOAT_SOFT,
	RISCV_ABI_MASK = EF_RISCV_FLOAT_ABI | EF_RISCV_RVE,
	RISCV_RVC_DOUBLE = EF_RISCV_RVC | EF_RISCV_FLOAT_ABI_DOUBLE,
	PPC64_ELFV1 = 1,
	PPC64_ELFV2 = 2,
};

/*
 * The largest page a target's Linux kernels map (4 KiB on x86, arm,
 * riscv and s390x; 4, 16 or 64 KiB on aarch64; 4 or 64 KiB on powerpc).
 * A tracer arms a semaphore through the kernel, in the first writable
 * mapping of its file page: lld and mold let two writable segments share
 * a file page, so .probes starts a page of its own, at a cost in file
 * size of up to one page per linked binary (a program or a shared library).
 */
enum {
	P4K = 4096,
	P64K = 65536,
};

enum {
	MAXALIASES = 4,
	NAMESLEN = 256, /* room for targetnames() */
	TRIPLEMAX = 128,
};

struct targetdef {
	struct target t;
	const char *aliases[MAXALIASES]; /* NULL-terminated unless full */
};

#define LSB ELFDATA2LSB
#define MSB ELFDATA2MSB
#define C32 ELFCLASS32
#define C64 ELFCLASS64

/* the first entry for a machine, class and byte order names the files that match none exactly */
static const struct targetdef targets[] = {
	{{"x86_64", EM_X86_64, C64, LSB, ELFOSABI_NONE, 0, P4K}, {"amd64", "x86-64"}},
	{{"i386", EM_386, C32, LSB, ELFOSABI_NONE, 0, P4K}, {"i686", "i586", "x86"}},
	{{"aarch64", EM_AARCH64, C64, LSB, ELFOSABI_NONE, 0, P64K}, {"arm64"}},
	{{"arm", EM_ARM, C32, LSB, ELFOSABI_NONE, ARM_HARD, P4K}, {"armhf", "armv7", "armv7l"}},
	{{"armel", EM_ARM, C32, LSB, ELFOSABI_NONE, ARM_SOFT, P4K}, {0}},
	{{"riscv64", EM_RISCV, C64, LSB, ELFOSABI_NONE, RISCV_RVC_DOUBLE, P4K}, {0}},
	{{"riscv32", EM_RISCV, C32, LSB, ELFOSABI_NONE, RISCV_RVC_DOUBLE, P4K}, {0}},
	{{"ppc64le", EM_PPC64, C64, LSB, ELFOSABI_NONE, PPC64_ELFV2, P64K}, {"powerpc64le", "ppc64el"}},
	{{"ppc64", EM_PPC64, C64, MSB, ELFOSABI_NONE, PPC64_ELFV1, P64K}, {"powerpc64"}},
	{{"ppc", EM_PPC, C32, MSB, ELFOSABI_NONE, 0, P64K}, {"powerpc"}},
	{{"s390x", EM_S390, C64, MSB, ELFOSABI_NONE, 0, P4K}, {0}},
};

static const char unknown[] = "unknown";

int
targetbyname(const char *name, struct target *t)
{
	size_t i, j;

	for (i = 0; i < LEN(targets); i++) {
		if (strcmp(name, targets[i].t.name) == 0)
			goto found;
		for (j = 0; j < MAXALIASES && targets[i].aliases[j]; j++) {
			if (strcmp(name, targets[i].aliases[j]) == 0)
				goto found;
		}
	}
	return -1;
found:
	*t = targets[i].t;
	return 0;
}

/* the only place that asks what the host is */
void
targethost(struct target *t)
{
	const char *name;

#if defined(__x86_64__) && !defined(__ILP32__)
	name = "x86_64";
#elif defined(__i386__)
	name = "i386";
#elif defined(__aarch64__) && !defined(__AARCH64EB__)
	name = "aarch64";
#elif defined(__arm__) && !defined(__ARMEB__) && defined(__ARM_PCS_VFP)
	name = "arm";
#elif defined(__arm__) && !defined(__ARMEB__)
	name = "armel";
#elif defined(__riscv) && __riscv_xlen == 64
	name = "riscv64";
#elif defined(__riscv) && __riscv_xlen == 32
	name = "riscv32";
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
	name = "ppc64le";
#elif defined(__powerpc64__)
	name = "ppc64";
#elif defined(__powerpc__)
	name = "ppc";
#elif defined(__s390x__)
	name = "s390x";
#else
	name = NULL;
#endif
	if (name && targetbyname(name, t) == 0) {
#if defined(__riscv)
		/* the float ABI and RVC of this very compiler, not the common default */
		t->flags = 0;
#if defined(__riscv_compressed)
		t->flags |= EF_RISCV_RVC;
#endif
#if defined(__riscv_float_abi_single)
		t->flags |= EF_RISCV_FLOAT_ABI_SINGLE;
#elif defined(__riscv_float_abi_double)
		t->flags |= EF_RISCV_FLOAT_ABI_DOUBLE;
#elif defined(__riscv_float_abi_quad)
		t->flags |= EF_RISCV_FLOAT_ABI_QUAD;
#endif
#if defined(__riscv_32e) || defined(__riscv_64e)
		t->flags |= EF_RISCV_RVE;
#endif
#elif defined(__powerpc64__) && defined(_CALL_ELF)
		t->flags = _CALL_ELF;
#endif
		return;
	}
	/* an unknown host: a target nothing links with, so --target is needed */
	t->name = unknown;
	t->machine = EM_NONE;
	t->class = sizeof(void *) == 8 ? ELFCLASS64 : ELFCLASS32;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	t->data = ELFDATA2MSB;
#else
	t->data = ELFDATA2LSB;
#endif
	t->osabi = ELFOSABI_NONE;
	t->flags = 0;
	t->pagesize = P64K;
}

/* the table's entry for a target read from a file, or NULL if none has its machine */
static const struct target *
targetentry(const struct target *t)
{
	const struct target *first = NULL;
	size_t i;

	for (i = 0; i < LEN(targets); i++) {
		const struct target *d = &targets[i].t;

		if (d->machine != t->machine || d->class != t->class || d->data != t->data)
			continue;
		if (targetsame(d, t))
			return d;
		if (!first)
			first = d;
	}
	return first;
}

/* name a target read from a file, and give it its page size, from the table */
static void
setname(struct target *t)
{
	const struct target *d = targetentry(t);

	t->name = d ? d->name : unknown;
	t->pagesize = d ? d->pagesize : P64K;
}

/*
 * LLVM target triples (arch-vendor-os-environment) and the targets they
 * name: the first entry whose arch the triple's starts with, and whose
 * environment (if given) the triple ends with
 */
static const struct {
	const char *arch, *env, *target;
	int exact; /* the arch is the triple's whole first field */
} triples[] = {
	{"x86_64", "gnux32", NULL, 1},
	{"x86_64", NULL, "x86_64", 1},
	{"amd64", NULL, "x86_64", 1},
	{"i386", NULL, "i386", 1},
	{"i486", NULL, "i386", 1},
	{"i586", NULL, "i386", 1},
	{"i686", NULL, "i386", 1},
	{"aarch64", NULL, "aarch64", 1},
	{"arm64", NULL, "aarch64", 1},
	{"armeb", NULL, NULL, 0},
	{"thumbeb", NULL, NULL, 0},
	{"arm", "hf", "arm", 0},
	{"thumb", "hf", "arm", 0},
	{"arm", NULL, "armel", 0},
	{"thumb", NULL, "armel", 0},
	{"riscv64", NULL, "riscv64", 1},
	{"riscv32", NULL, "riscv32", 1},
	{"powerpc64le", NULL, "ppc64le", 1},
	{"ppc64le", NULL, "ppc64le", 1},
	{"powerpc64", NULL, "ppc64", 1},
	{"ppc64", NULL, "ppc64", 1},
	{"powerpc", NULL, "ppc", 1},
	{"ppc", NULL, "ppc", 1},
	{"ppc32", NULL, "ppc", 1},
	{"s390x", NULL, "s390x", 1},
	{"systemz", NULL, "s390x", 1},
};

/* the target an LLVM triple names; -1 if none */
static int
targetfromtriple(const char *triple, struct target *t)
{
	size_t i, archlen = strcspn(triple, "-"), len = strlen(triple);

	for (i = 0; i < LEN(triples); i++) {
		size_t n = strlen(triples[i].arch);
		const char *env = triples[i].env;

		if (n > archlen || strncmp(triple, triples[i].arch, n) != 0)
			continue;
		if (triples[i].exact && n != archlen)
			continue;
		if (env && (archlen == len || strlen(env) > len ||
		            strcmp(triple + len - strlen(env), env) != 0))
			continue;
		return triples[i].target ? targetbyname(triples[i].target, t) : -1;
	}
	return -1;
}

/*
 * The target of a reference object that is LLVM bitcode (clang -flto):
 * 0, or 1 with a warning in err when its triple cannot be read and the
 * host's target is used, or -1 with an error in err, or 2 if the file is
 * not bitcode (nor readable)
 */
static int
frombitcode(const char *path, struct target *t, char *err, size_t errlen)
{
	char triple[TRIPLEMAX], why[SDTREASONMAX];
	struct buf b = {0};
	int rc = 2;

	if (strcmp(path, "-") == 0 || readfile(path, &b) < 0 ||
	    !bitcodeis((const unsigned char *)b.s, b.len))
		goto out;
	if (bitcodetriple((const unsigned char *)b.s, b.len, triple, sizeof(triple), why,
	                  sizeof(why)) < 0) {
		targethost(t);
		snprintf(err, errlen,
		         "'%s': LLVM bitcode whose target triple cannot be read (%s): "
		         "the object is for the host's target",
		         path, why);
		rc = 1;
	} else if (targetfromtriple(triple, t) < 0) {
		snprintf(err, errlen, "'%s': LLVM bitcode for '%s', a target sdtkit does not know (known: %s)",
		         path, triple, targetnames());
		rc = -1;
	} else {
		rc = 0;
	}
out:
	buffree(&b);
	return rc;
}

/*
 * The target of a reference object. The file is read whole, by the reader
 * list and check use: a file they would refuse is refused here, in the same
 * words, although only the ELF header says what the target is. An LLVM
 * bitcode object (clang -flto) is not ELF: its triple names the target.
 * A GCC -flto object is ELF (with .gnu.lto_* sections), read as any other.
 */
int
targetfromfile(const char *path, struct target *t, char *err, size_t errlen)
{
	struct sdtmodinfo mi;
	struct sdterr e;

	if (sdtreadelf(path, &mi, &e) < 0) {
		int rc = frombitcode(path, t, err, errlen);

		if (rc != 2)
			return rc;
		snprintf(err, errlen, "'%s': %s", e.name, e.reason);
		return -1;
	}
	t->machine = (unsigned)mi.machine;
	t->class = (unsigned char)mi.elfclass;
	t->data = (unsigned char)mi.byteorder;
	t->osabi = (unsigned char)mi.osabi;
	t->flags = mi.flags;
	setname(t);
	return 0;
}

int
targetsame(const struct target *a, const struct target *b)
{
	if (a->machine != b->machine || a->class != b->class || a->data != b->data)
		return 0;
	switch (a->machine) {
	case EM_RISCV:
		return (a->flags & RISCV_ABI_MASK) == (b->flags & RISCV_ABI_MASK);
	case EM_ARM:
		return EF_ARM_EABI_VERSION(a->flags) == EF_ARM_EABI_VERSION(b->flags) &&
		       (a->flags & ARM_FLOAT_MASK) == (b->flags & ARM_FLOAT_MASK);
	case EM_PPC64:
		/* 0 means an object that does not say, which links with either */
		if ((a->flags & EF_PPC64_ABI) && (b->flags & EF_PPC64_ABI))
			return (a->flags & EF_PPC64_ABI) == (b->flags & EF_PPC64_ABI);
		return 1;
	}
	return 1;
}

const char *
targetnames(void)
{
	static char names[NAMESLEN];
	size_t i, len;

	if (names[0])
		return names;
	for (i = 0, len = 0; i < LEN(targets); i++) {
		int r = snprintf(names + len, sizeof(names) - len, "%s%s", i ? ", " : "",
		                 targets[i].t.name);

		/* the table is fixed: NAMESLEN is simply kept large enough */
		if (r < 0 || (size_t)r >= sizeof(names) - len)
			break;
		len += (size_t)r;
	}
	return names;
}
