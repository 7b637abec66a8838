/* SPDX-License-Identifier: MIT */
/* fuzz_bitcode.c: libFuzzer harness for the LLVM bitcode triple reader (bytes in, triple out) */
#define _POSIX_C_SOURCE 200809L /* strnlen */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bitcode.h"

/*
 * The bytes are a reference object of `sdtkit object` that is not ELF.
 * Invariants: the reader never reads outside the input (the input is
 * copied to a buffer of its exact size, so AddressSanitizer sees any read
 * past it); a triple read is a NUL-terminated string of printable ASCII
 * that fits its buffer, and comes only from bytes that start as bitcode;
 * a failure says why. Any violation aborts.
 */

enum { TRIPLEMAX = 128, WHYMAX = 256 };

static void
check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_bitcode: invariant violated: %s\n", what);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *copy = malloc(size ? size : 1);
	char triple[TRIPLEMAX], why[WHYMAX];
	size_t i, n;

	check(copy != NULL, "malloc");
	memcpy(copy, data, size);
	memset(triple, 'x', sizeof(triple));
	why[0] = '\0';
	if (bitcodetriple(copy, size, triple, sizeof(triple), why, sizeof(why)) == 0) {
		check(bitcodeis(copy, size), "a triple read from bytes that are not bitcode");
		n = strnlen(triple, sizeof(triple));
		check(n > 0 && n < sizeof(triple), "the triple is empty or not terminated");
		for (i = 0; i < n; i++)
			check(triple[i] > ' ' && triple[i] < 0x7f, "the triple is not printable text");
	} else {
		check(why[0] != '\0', "a failure without a reason");
	}
	/* a buffer too small for any triple */
	check(bitcodetriple(copy, size, triple, 1, why, sizeof(why)) < 0, "a triple in one byte");
	free(copy);
	return 0;
}
