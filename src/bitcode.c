/* SPDX-License-Identifier: MIT */
/* bitcode.c: the target triple of an LLVM bitcode file, read by a small bounded bitstream reader */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bitcode.h"

/*
 * An object compiled with clang -flto or -flto=thin is LLVM bitcode, not
 * ELF. Its target is the module's triple, as llvm-bcanalyzer -dump shows:
 *
 *   <IDENTIFICATION_BLOCK_ID NumWords=5 BlockCodeSize=5> ... </...>
 *   <MODULE_BLOCK NumWords=1680 BlockCodeSize=3>
 *     <VERSION op0=2/>
 *     <BLOCKINFO_BLOCK/>
 *     <TYPE_BLOCK_ID NumWords=26 BlockCodeSize=4> ... </...>
 *     <PARAMATTR_GROUP_BLOCK_ID ...> ... <PARAMATTR_BLOCK ...> ...
 *     <TRIPLE op0=120 op1=56 op2=54 op3=95 ... />        "x86_64-pc-linux-gnu"
 *
 * The file is the magic 'B' 'C' 0xC0 0xDE, then a stream of bits read from
 * each byte's least significant bit up. Each item starts with an abbreviation
 * id of the block's width (2 at the top level): 0 ends the block, 1 enters a
 * sub-block (vbr8 block id, vbr4 new width, align to 32 bits, a 32-bit
 * length in words: a block is skipped by its length), 2 defines an
 * abbreviation, 3 is an unabbreviated record (vbr6 code, vbr6 count, a
 * vbr6 per operand); larger ids are records in a defined abbreviation.
 * LLVM writes the triple as an unabbreviated record (code 2) in the module
 * block, after nothing but sub-blocks and the version record; an
 * abbreviated record before it ends the search (the triple is then said
 * to be unreadable, and the caller decides).
 *
 * A bitcode wrapper (magic 0x0B17C0DE, little-endian) holds the bitcode at
 * an offset and size given by its header: five 32-bit words.
 */

enum {
	TOP_WIDTH = 2,
	END_BLOCK = 0,
	ENTER_SUBBLOCK = 1,
	DEFINE_ABBREV = 2,
	UNABBREV_RECORD = 3,
	MODULE_BLOCK = 8,
	MODULE_CODE_TRIPLE = 2,
	ENC_FIXED = 1,
	ENC_VBR = 2,
	ENC_ARRAY = 3,
	ENC_CHAR6 = 4,
	ENC_BLOB = 5,
	WRAPPER_HEADER = 20,
	WRAPPER_OFFSET = 8,
	WRAPPER_SIZE = 12,
	MAXWIDTH = 32, /* of a fixed field or an abbreviation id */
};

static const unsigned char rawmagic[] = {'B', 'C', 0xC0, 0xDE};
static const unsigned char wrappermagic[] = {0xDE, 0xC0, 0x17, 0x0B};

/* a bit stream: every read is bounded by nbits; a read past it sets bad */
struct bits {
	const unsigned char *p;
	uint64_t nbits, pos;
	int bad;
};

static uint64_t
fixed(struct bits *b, unsigned width)
{
	uint64_t v = 0;
	unsigned i;

	if (width > 64 || b->bad || b->nbits - b->pos < width) {
		b->bad = 1;
		return 0;
	}
	for (i = 0; i < width; i++, b->pos++)
		v |= (uint64_t)(b->p[b->pos / 8] >> (b->pos % 8) & 1) << i;
	return v;
}

static uint64_t
vbr(struct bits *b, unsigned width)
{
	uint64_t v = 0, chunk, hi = (uint64_t)1 << (width - 1);
	unsigned shift = 0;

	do {
		chunk = fixed(b, width);
		if (shift >= 64) {
			b->bad = 1; /* longer than any 64-bit value */
			return 0;
		}
		v |= (chunk & (hi - 1)) << shift;
		shift += width - 1;
	} while ((chunk & hi) && !b->bad);
	return v;
}

static void
align32(struct bits *b)
{
	uint64_t to = (b->pos + 31) / 32 * 32;

	if (to > b->nbits)
		b->bad = 1;
	else
		b->pos = to;
}

/*
 * Read the header of a sub-block; returns its id, and in *end where its
 * length says it ends, which may lie past the end of a truncated file
 */
static uint64_t
subblock(struct bits *b, unsigned *width, uint64_t *end)
{
	uint64_t id = vbr(b, 8), w = vbr(b, 4), words;

	align32(b);
	words = fixed(b, 32);
	if (w < 1 || w > MAXWIDTH)
		b->bad = 1;
	*width = (unsigned)w;
	*end = b->bad ? b->pos : b->pos + words * 32;
	return id;
}

/* go on at bit end, the end of a block skipped */
static void
skipto(struct bits *b, uint64_t end)
{
	if (end > b->nbits)
		b->bad = 1; /* the block runs past the end: truncated */
	else
		b->pos = end;
}

/* skip an abbreviation definition (the triple never uses one) */
static void
skipabbrev(struct bits *b)
{
	uint64_t i, n = vbr(b, 5);

	for (i = 0; i < n && !b->bad; i++) {
		if (fixed(b, 1)) {
			vbr(b, 8); /* a literal */
			continue;
		}
		switch (fixed(b, 3)) {
		case ENC_FIXED:
		case ENC_VBR:
			if (vbr(b, 5) > 64)
				b->bad = 1;
			break;
		case ENC_ARRAY:
		case ENC_CHAR6:
		case ENC_BLOB:
			break;
		default:
			b->bad = 1;
		}
	}
}

static int
fail(char *why, size_t whylen, const char *reason)
{
	snprintf(why, whylen, "%s", reason);
	return -1;
}

/* in the module block: find the triple record */
static int
moduletriple(struct bits *b, unsigned width, uint64_t end, int cut, char *triple, size_t len,
             char *why, size_t whylen)
{
	while (!b->bad && b->pos < end) {
		uint64_t id = fixed(b, width), code, n, i, sub;
		unsigned w;

		switch (id) {
		case END_BLOCK:
			return fail(why, whylen, "the module has no target triple");
		case ENTER_SUBBLOCK:
			subblock(b, &w, &sub);
			skipto(b, sub);
			break;
		case DEFINE_ABBREV:
			skipabbrev(b);
			break;
		case UNABBREV_RECORD:
			code = vbr(b, 6);
			n = vbr(b, 6);
			if (code != MODULE_CODE_TRIPLE) {
				for (i = 0; i < n && !b->bad; i++)
					vbr(b, 6);
				break;
			}
			if (n == 0 || n >= len)
				return fail(why, whylen, n ? "the target triple is too long" :
				                             "the target triple is empty");
			for (i = 0; i < n && !b->bad; i++) {
				uint64_t c = vbr(b, 6);

				if (b->bad)
					break;
				if (c < 0x21 || c > 0x7e)
					return fail(why, whylen, "the target triple is not text");
				triple[i] = (char)c;
			}
			if (b->bad)
				break;
			triple[n] = '\0';
			return 0;
		default:
			return fail(why, whylen, "an abbreviated record comes before the target triple");
		}
	}
	return fail(why, whylen, b->bad || cut ? "the module block is truncated or malformed" :
	                                         "the module has no target triple");
}

int
bitcodeis(const unsigned char *p, size_t n)
{
	return n >= sizeof(rawmagic) &&
	       (memcmp(p, rawmagic, sizeof(rawmagic)) == 0 ||
	        memcmp(p, wrappermagic, sizeof(wrappermagic)) == 0);
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int
bitcodetriple(const unsigned char *p, size_t n, char *triple, size_t len, char *why,
              size_t whylen)
{
	struct bits b = {0};

	if (len == 0)
		return fail(why, whylen, "no room for the target triple");
	if (n >= sizeof(wrappermagic) && memcmp(p, wrappermagic, sizeof(wrappermagic)) == 0) {
		uint32_t off, size;

		if (n < WRAPPER_HEADER)
			return fail(why, whylen, "the bitcode wrapper is truncated");
		off = le32(p + WRAPPER_OFFSET);
		size = le32(p + WRAPPER_SIZE);
		if (off > n || size > n - off)
			return fail(why, whylen, "the bitcode wrapper points past the end of the file");
		p += off;
		n = size;
	}
	if (n < sizeof(rawmagic) || memcmp(p, rawmagic, sizeof(rawmagic)) != 0)
		return fail(why, whylen, "no bitcode magic");
	b.p = p;
	b.nbits = (uint64_t)n * 8;
	b.pos = sizeof(rawmagic) * 8;
	/* the top level: blocks only; the first module block holds the triple */
	while (!b.bad && b.nbits - b.pos >= 32) {
		uint64_t id = fixed(&b, TOP_WIDTH), end;
		unsigned width;

		if (id != ENTER_SUBBLOCK)
			return fail(why, whylen, "a record outside any block");
		if (subblock(&b, &width, &end) == MODULE_BLOCK && !b.bad) {
			/* a truncated module may still hold the triple */
			int cut = end > b.nbits;

			return moduletriple(&b, width, cut ? b.nbits : end, cut, triple, len, why, whylen);
		}
		skipto(&b, end);
	}
	return fail(why, whylen, b.bad ? "a block is truncated or malformed" : "no module block");
}
