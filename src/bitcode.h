/* SPDX-License-Identifier: MIT */
/* bitcode.h: the target triple of an LLVM bitcode file (a clang -flto object) */
#ifndef SDTKIT_BITCODE_H
#define SDTKIT_BITCODE_H

#include <stddef.h>

/* 1 if the n bytes at p start LLVM bitcode, raw or in a bitcode wrapper */
int bitcodeis(const unsigned char *p, size_t n);
/*
 * Read the target triple of the first module of the bitcode at p (n bytes)
 * into triple (len bytes, NUL-terminated). Reads nothing past p + n.
 * Returns 0, or -1 with the reason (lowercase) in why.
 */
int bitcodetriple(const unsigned char *p, size_t n, char *triple, size_t len, char *why,
                  size_t whylen);

#endif
