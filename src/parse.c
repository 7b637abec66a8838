/* SPDX-License-Identifier: MIT */
/* parse.c: the DTrace provider file parser (lexer, declarations, model building) */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "util.h"

/* deepest declarator nesting accepted: 'int (*(*(*x)))' and the like */
#define MAXNEST 64

enum toktype { T_EOF, T_IDENT, T_NUMBER, T_STRING, T_PUNCT };

/* words an argument declaration gives meaning to, classified once per token by the lexer */
enum { KW_QUALIFIER = 1, KW_BASIC = 2, KW_STDTYPE = 4 };
struct keyword {
	const char *name;
	size_t len;
	int kind;
	const char *header; /* KW_STDTYPE: the standard header that names it */
};
#define KW(name, kind, header) {name, sizeof(name) - 1, kind, header}
static const struct keyword keywords[] = {
	KW("const", KW_QUALIFIER, NULL), KW("volatile", KW_QUALIFIER, NULL),
	KW("restrict", KW_QUALIFIER, NULL), KW("__restrict", KW_QUALIFIER, NULL),
	KW("_Atomic", KW_QUALIFIER, NULL),
	KW("void", KW_BASIC, NULL), KW("char", KW_BASIC, NULL), KW("short", KW_BASIC, NULL),
	KW("int", KW_BASIC, NULL), KW("long", KW_BASIC, NULL), KW("float", KW_BASIC, NULL),
	KW("double", KW_BASIC, NULL), KW("signed", KW_BASIC, NULL), KW("unsigned", KW_BASIC, NULL),
	KW("_Bool", KW_BASIC, NULL), KW("__int128", KW_BASIC, NULL),
	/* types the header can name by including a standard header */
	KW("int8_t", KW_STDTYPE, "stdint.h"), KW("int16_t", KW_STDTYPE, "stdint.h"),
	KW("int32_t", KW_STDTYPE, "stdint.h"), KW("int64_t", KW_STDTYPE, "stdint.h"),
	KW("uint8_t", KW_STDTYPE, "stdint.h"), KW("uint16_t", KW_STDTYPE, "stdint.h"),
	KW("uint32_t", KW_STDTYPE, "stdint.h"), KW("uint64_t", KW_STDTYPE, "stdint.h"),
	KW("intptr_t", KW_STDTYPE, "stdint.h"), KW("uintptr_t", KW_STDTYPE, "stdint.h"),
	KW("intmax_t", KW_STDTYPE, "stdint.h"), KW("uintmax_t", KW_STDTYPE, "stdint.h"),
	KW("size_t", KW_STDTYPE, "stddef.h"), KW("ptrdiff_t", KW_STDTYPE, "stddef.h"),
	KW("ssize_t", KW_STDTYPE, "sys/types.h"), KW("off_t", KW_STDTYPE, "sys/types.h"),
	KW("pid_t", KW_STDTYPE, "sys/types.h"), KW("uid_t", KW_STDTYPE, "sys/types.h"),
	KW("gid_t", KW_STDTYPE, "sys/types.h"), KW("bool", KW_STDTYPE, "stdbool.h"),
};
#undef KW
_Static_assert(sizeof(keywords) / sizeof(keywords[0]) < 255, "keyword() indexes keywords in a byte");

/* the entry of the word s (n bytes) in keywords, or NULL */
static const struct keyword *
keyword(const char *s, size_t n)
{
	/* by first byte: 1 + the first entry, then 1 + the next entry with that byte (0 ends) */
	static unsigned char first[256], then[LEN(keywords)];
	size_t i;

	if (!first[(unsigned char)keywords[0].name[0]]) {
		for (i = LEN(keywords); i-- > 0;) {
			then[i] = first[(unsigned char)keywords[i].name[0]];
			first[(unsigned char)keywords[i].name[0]] = (unsigned char)(i + 1);
		}
	}
	if (n == 0)
		return NULL;
	for (i = first[(unsigned char)s[0]]; i > 0; i = then[i - 1]) {
		if (keywords[i - 1].len == n && memcmp(keywords[i - 1].name, s, n) == 0)
			return &keywords[i - 1];
	}
	return NULL;
}

struct token {
	enum toktype type;
	const char *s; /* into the source */
	size_t len;
	struct pos pos;
	const struct keyword *kw; /* an identifier's entry in keywords, or NULL */
	const char *doc;  /* the last documentation comment (slash, two stars) before it, or NULL */
	size_t doclen;
};

struct parser {
	const char *src, *end, *p;
	const char *file; /* current file name (owned by the model) */
	unsigned line, col;
	int flags;       /* PARSE_* */
	int sysheader;   /* the last line marker has flag 3: text from a system header */
	int lenient;     /* any printable byte is a token (D clause bodies, system headers) */
	int bol; /* only blanks since the start of the line */
	struct token tok; /* current token */
	struct model *m;
	diagfn *diag;
	void *ctx;
	int failed;
	int depth;
	const char *doc; /* a documentation comment not yet given to a token */
	size_t doclen;
};

static void
perr(struct parser *ps, const struct pos *pos, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (ps->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ps->failed = 1;
	ps->diag(ps->ctx, SEV_ERROR, pos, msg);
}

static void
pwarn(struct parser *ps, const struct pos *pos, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ps->diag(ps->ctx, SEV_WARNING, pos, msg);
}

static const char *
internfile(struct model *m, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < m->nfiles; i++) {
		if (strlen(m->files[i]) == n && memcmp(m->files[i], s, n) == 0)
			return m->files[i];
	}
	m->files = xgrowarray(m->files, m->nfiles, sizeof(m->files[0]));
	m->files[m->nfiles] = xstrndup(s, n);
	return m->files[m->nfiles++];
}

static struct pos
here(const struct parser *ps)
{
	struct pos pos = {ps->file, ps->line, ps->col};

	return pos;
}

/* "L:C", or "FILE:L:C" when the first declaration is in another file than the second */
static const char *
where(const struct pos *first, const struct pos *second, char *buf, size_t n)
{
	if (first->file != second->file)
		snprintf(buf, n, "%s:%u:%u", first->file, first->line, first->col);
	else
		snprintf(buf, n, "%u:%u", first->line, first->col);
	return buf;
}

static void
advance(struct parser *ps, size_t n)
{
	while (n-- > 0) {
		if (*ps->p == '\n') {
			ps->line++;
			ps->col = 1;
			ps->bol = 1;
		} else {
			ps->col++;
		}
		ps->p++;
	}
}

static int
isident(int c, int first)
{
	/* ASCII only, as isalpha in the C locale, without a call per byte */
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
	       (!first && c >= '0' && c <= '9');
}

static int
hascontrol(const char *s, size_t n)
{
	while (n-- > 0) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
		s++;
	}
	return 0;
}

/* a '# N "file"' line marker, as cpp writes them; returns 1 if one was taken */
static int
linemarker(struct parser *ps, const char *s, const char *eol)
{
	unsigned long n = 0;
	const char *q;

	while (s < eol && (*s == ' ' || *s == '\t'))
		s++;
	if (eol - s > 4 && memcmp(s, "line", 4) == 0 && (s[4] == ' ' || s[4] == '\t'))
		for (s += 4; s < eol && (*s == ' ' || *s == '\t'); s++)
			;
	if (s >= eol || !isdigit((unsigned char)*s))
		return 0;
	while (s < eol && isdigit((unsigned char)*s)) {
		if (n < 100000000)
			n = n * 10 + (unsigned long)(*s - '0');
		s++;
	}
	while (s < eol && (*s == ' ' || *s == '\t'))
		s++;
	ps->sysheader = 0;
	if (s < eol && *s == '"') {
		q = memchr(s + 1, '"', (size_t)(eol - s - 1));
		/* a name cpp would never write (a control byte, say a spliced newline) is not taken */
		if (q && !hascontrol(s + 1, (size_t)(q - s - 1)))
			ps->file = internfile(ps->m, s + 1, (size_t)(q - s - 1));
		/* then flags: 1 entering a file, 2 leaving one, 3 a system header, 4 extern "C" */
		for (s = q ? q + 1 : eol; s < eol; s++) {
			if (*s == '3' && (s[-1] == ' ' || s[-1] == '\t') && (s + 1 == eol || s[1] == ' ' ||
			    s[1] == '\t' || s[1] == '\r'))
				ps->sysheader = 1;
		}
	}
	/* the marker names the number of the line that follows it */
	ps->line = (unsigned)(n > 0 ? n - 1 : 0);
	return 1;
}

/* skip blanks, comments and '#' lines; 0, or -1 after an error */
static int
skipspace(struct parser *ps)
{
	for (;;) {
		const char *p = ps->p;

		if (p >= ps->end)
			return 0;
		if (*p == '\n' || *p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v') {
			advance(ps, 1);
		} else if (*p == '/' && p + 1 < ps->end && p[1] == '*') {
			struct pos start = here(ps);
			const char *q;

			for (q = p + 2; q + 1 < ps->end; q++) {
				if (q[0] == '*' && q[1] == '/')
					break;
			}
			if (q + 1 >= ps->end) {
				perr(ps, &start, "unterminated comment");
				return -1;
			}
			/* a comment opened with two stars documents what follows it */
			if (p + 2 < ps->end && p[2] == '*' && q > p + 2) {
				ps->doc = p;
				ps->doclen = (size_t)(q + 2 - p);
			}
			advance(ps, (size_t)(q + 2 - p));
		} else if (*p == '/' && p + 1 < ps->end && p[1] == '/') {
			while (ps->p < ps->end && *ps->p != '\n')
				advance(ps, 1);
		} else if (*p == '#' && ps->bol) {
			const char *eol = memchr(p, '\n', (size_t)(ps->end - p));

			if (!eol)
				eol = ps->end;
			/* a directive ends at a newline not escaped by a backslash */
			while (eol < ps->end && eol > p && eol[-1 - (eol[-1] == '\r')] == '\\') {
				const char *next = memchr(eol + 1, '\n', (size_t)(ps->end - eol - 1));
				eol = next ? next : ps->end;
			}
			if ((ps->flags & PARSE_CPP) && linemarker(ps, p + 1, eol)) {
				/* the marker numbers the line after it, however many it spans */
				unsigned line = ps->line;

				advance(ps, (size_t)(eol - p));
				ps->line = line;
				continue;
			}
			/* '#pragma D ...', '#define', '# file: ...': not part of the model */
			advance(ps, (size_t)(eol - p));
		} else {
			return 0;
		}
	}
}

static const char *
tokdesc(const struct token *t, char *buf, size_t n)
{
	size_t len = 0;

	if (t->type == T_EOF)
		return "end of file";
	/* a string can hold a line splice or control bytes: show no more than its first line */
	while (len < t->len && len < 40 && !iscntrl((unsigned char)t->s[len]))
		len++;
	snprintf(buf, n, "'%.*s%s'", (int)len, t->s, len < t->len ? "..." : "");
	return buf;
}

/* read the next token into ps->tok; -1 after an error */
static int
next(struct parser *ps)
{
	struct token *t = &ps->tok;
	const char *p;
	unsigned char c;

	if (skipspace(ps) < 0)
		return -1;
	t->pos = here(ps);
	p = t->s = ps->p;
	t->kw = NULL;
	t->doc = ps->doc;
	t->doclen = ps->doclen;
	ps->doc = NULL;
	if (p >= ps->end) {
		t->type = T_EOF;
		t->len = 0;
		t->s = "";
		return 0;
	}
	ps->bol = 0;
	c = (unsigned char)*p;
	if (isident(c, 1)) {
		while (p < ps->end && isident((unsigned char)*p, 0))
			p++;
		t->type = T_IDENT;
		t->kw = keyword(t->s, (size_t)(p - t->s));
	} else if (isdigit(c)) {
		while (p < ps->end && (isalnum((unsigned char)*p) || *p == '_' || *p == '.'))
			p++;
		t->type = T_NUMBER;
	} else if (c == '"' || c == '\'') {
		for (p++; p < ps->end && *p != (char)c && *p != '\n'; p++) {
			if (*p == '\\' && p + 1 < ps->end)
				p++;
		}
		if (p >= ps->end || *p != (char)c) {
			perr(ps, &t->pos, c == '"' ? "unterminated string" : "unterminated character constant");
			return -1;
		}
		p++;
		t->type = T_STRING;
	} else if (strchr("{}()[];,*:=+-/%<>&|^!~?.", c) && c != '\0') {
		p++;
		t->type = T_PUNCT;
	} else if ((ps->lenient || ps->sysheader) && c > 0x20 && c < 0x7f) {
		/* '@', '`', '#', '\\' in a D clause's body or a system header: only skipped */
		p++;
		t->type = T_PUNCT;
	} else {
		if (c == 0)
			perr(ps, &t->pos, "unexpected NUL byte");
		else if (c >= 0x80 || !isprint(c))
			perr(ps, &t->pos, "unexpected byte 0x%02x", c);
		else
			perr(ps, &t->pos, "unexpected '%c'", c);
		return -1;
	}
	t->len = (size_t)(p - t->s);
	if (t->type == T_STRING) {
		advance(ps, t->len); /* a backslash may splice a newline in */
	} else {
		/* no other token holds a newline: only the column moves */
		ps->col += (unsigned)t->len;
		ps->p = p;
	}
	return 0;
}

/* the token after the current one, without consuming it or reporting errors */
static struct token
peek(const struct parser *ps)
{
	struct parser la = *ps;

	la.failed = 1; /* an error is reported when the parser really gets there */
	if (next(&la) < 0) {
		la.tok.type = T_EOF;
		la.tok.s = "";
		la.tok.len = 0;
	}
	return la.tok;
}

static int
is(const struct token *t, const char *s)
{
	/* the first byte rules most tokens out before any length is taken */
	return t->type != T_EOF && t->type != T_STRING && t->len > 0 && t->s[0] == s[0] &&
	       strnlen(s, t->len + 1) == t->len && memcmp(t->s, s, t->len) == 0;
}

static int
expect(struct parser *ps, const char *s, const char *what)
{
	char buf[64];

	if (!is(&ps->tok, s)) {
		perr(ps, &ps->tok.pos, "expected '%s' %s, found %s", s, what,
		     tokdesc(&ps->tok, buf, sizeof(buf)));
		return -1;
	}
	return next(ps);
}

/* skip a declaration outside providers (typedef, struct, inline, ...) to its ';' */
static int
skipdecl(struct parser *ps)
{
	struct pos start = ps->tok.pos;
	unsigned long depth = 0;

	for (;;) {
		if (ps->tok.type == T_EOF) {
			perr(ps, &start, "declaration does not end with ';'");
			return -1;
		}
		if (is(&ps->tok, "{") || is(&ps->tok, "(") || is(&ps->tok, "["))
			depth++;
		else if (is(&ps->tok, "}") || is(&ps->tok, ")") || is(&ps->tok, "]")) {
			if (depth == 0) {
				char buf[64];
				perr(ps, &ps->tok.pos, "unexpected %s", tokdesc(&ps->tok, buf, sizeof(buf)));
				return -1;
			}
			depth--;
		} else if (is(&ps->tok, ";") && depth == 0)
			return next(ps);
		if (next(ps) < 0)
			return -1;
	}
}

/* ---- argument declarations ---- */

/* whether t is a word of kind (KW_QUALIFIER, KW_BASIC or KW_STDTYPE) */
static int
iskind(const struct token *t, int kind)
{
	return t->kw && (t->kw->kind & kind);
}

/* the standard header that names type t, or NULL */
static const char *
stdheader(const struct token *t)
{
	return iskind(t, KW_STDTYPE) ? t->kw->header : NULL;
}

/* the copy of s in the sorted list, added if it is not there yet */
static char *
addsorted(char ***list, size_t *n, const char *s)
{
	size_t lo = 0, hi = *n, mid;

	while (lo < hi) {
		int c;

		mid = lo + (hi - lo) / 2;
		c = strcmp((*list)[mid], s);
		if (c == 0)
			return (*list)[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*list = xgrowarray(*list, *n, sizeof(**list));
	memmove(*list + lo + 1, *list + lo, (*n - lo) * sizeof(**list));
	(*list)[lo] = xstrdup(s);
	(*n)++;
	return (*list)[lo];
}

static void
freelist(char **list, size_t n)
{
	while (n > 0)
		free(list[--n]);
	free(list);
}

/* the collected pieces of one argument declaration */
struct decl {
	struct buf text;    /* the type, canonically spaced, without the name */
	int prevword;       /* the last token written was a word */
	struct token name;  /* name.len == 0 if unnamed */
	size_t nameoff;     /* where in text the name is (or would be, if unnamed) */
	int hasnameoff;
	int hastype;        /* a type specifier was seen */
	int isvoid;         /* the specifier is 'void' */
	int derived;        /* pointer, array or function declarator present */
	int tagged;         /* struct or union */
	int isenum;
	int user;           /* a name the header cannot declare (typedef, array size) */
	int isstring;
	struct buf tag;     /* "struct foo" of a tagged specifier */
	char **tags;        /* tags the header must forward-declare ("struct foo") */
	size_t ntags;
	char **hdrs;        /* standard headers naming the types used */
	size_t nhdrs;
};

static void
declfree(struct decl *d)
{
	buffree(&d->text);
	buffree(&d->tag);
	freelist(d->tags, d->ntags);
	freelist(d->hdrs, d->nhdrs);
}

static void
emit(struct decl *d, const struct token *t)
{
	int word = t->type == T_IDENT || t->type == T_NUMBER;

	if (d->text.len > 0) {
		if ((d->prevword && (word || is(t, "*") || is(t, "(") || is(t, "["))) ||
		    d->text.s[d->text.len - 1] == ',')
			bufputc(&d->text, ' ');
	}
	bufadd(&d->text, t->s, t->len);
	d->prevword = word;
}

/* '(' starts a nested declarator, not a parameter list, if a pointer or another '(' follows */
static int
nestedopen(const struct parser *ps)
{
	struct token t = peek(ps);

	return is(&t, "*") || is(&t, "(") || is(&t, "[") || is(&t, "^");
}

/* 'struct foo' (the keyword is the current token): copies it and notes the tag */
static int
tagref(struct parser *ps, struct decl *d, struct buf *tag)
{
	char buf[64];
	struct token kw = ps->tok;

	emit(d, &kw);
	bufadd(tag, kw.s, kw.len);
	if (next(ps) < 0)
		return -1;
	if (ps->tok.type != T_IDENT) {
		perr(ps, &ps->tok.pos, "expected a tag name after '%.*s', found %s", (int)kw.len,
		     kw.s, tokdesc(&ps->tok, buf, sizeof(buf)));
		return -1;
	}
	emit(d, &ps->tok);
	bufputc(tag, ' ');
	bufadd(tag, ps->tok.s, ps->tok.len);
	return 0;
}

/*
 * A parameter list inside a function declarator, '(' already copied: copied
 * as text, noting the tags, standard types and typedef names it uses so the
 * header can declare or include them (a 'struct foo' first seen inside a
 * prototype would be a different type from the caller's).
 */
static int
paramtext(struct parser *ps, struct decl *d)
{
	int sawtype[MAXNEST + 2] = {0}; /* per nesting level: the parameter has a type */
	unsigned long depth = 0;
	char buf[64];

	for (;;) {
		struct token *t = &ps->tok;

		if (t->type == T_EOF) {
			perr(ps, &t->pos, "expected ')' before end of file");
			return -1;
		}
		if (is(t, "(")) {
			if (++depth > MAXNEST) {
				perr(ps, &t->pos, "parameter list nested too deeply");
				return -1;
			}
			/* a grouping keeps the parameter's type; a parameter list starts anew */
			sawtype[depth] = nestedopen(ps) ? sawtype[depth - 1] : 0;
		} else if (is(t, ")")) {
			if (depth == 0)
				break;
			depth--;
		} else if (is(t, ",")) {
			sawtype[depth] = 0;
		} else if (is(t, "struct") || is(t, "union") || is(t, "enum")) {
			struct buf tag = {0};
			int isenum = is(t, "enum");

			if (tagref(ps, d, &tag) < 0) {
				buffree(&tag);
				return -1;
			}
			if (isenum)
				d->user = 1;
			else
				addsorted(&d->tags, &d->ntags, tag.s);
			buffree(&tag);
			sawtype[depth] = 1;
			if (next(ps) < 0)
				return -1;
			continue;
		} else if (t->type == T_IDENT) {
			const char *hdr = stdheader(t);

			if (iskind(t, KW_QUALIFIER)) {
			} else if (iskind(t, KW_BASIC)) {
				sawtype[depth] = 1;
			} else if (hdr && !sawtype[depth]) {
				addsorted(&d->hdrs, &d->nhdrs, hdr);
				sawtype[depth] = 1;
			} else if (!sawtype[depth]) {
				d->user = 1; /* a typedef name */
				sawtype[depth] = 1;
			} /* else the parameter's name */
		} else if (t->type != T_NUMBER && !is(t, "*") && !is(t, "[") && !is(t, "]") &&
		           !is(t, ".")) {
			/* anything else could end the header's comments or declarations */
			perr(ps, &t->pos, "unexpected %s in a parameter list", tokdesc(t, buf, sizeof(buf)));
			return -1;
		}
		emit(d, t);
		if (next(ps) < 0)
			return -1;
	}
	emit(d, &ps->tok);
	return next(ps);
}

/* suffixes: '[N]' and '(params)' */
static int
suffixes(struct parser *ps, struct decl *d)
{
	char buf[64];

	for (;;) {
		if (is(&ps->tok, "[")) {
			d->derived = 1;
			emit(d, &ps->tok);
			if (next(ps) < 0)
				return -1;
			if (ps->tok.type == T_NUMBER || ps->tok.type == T_IDENT) {
				/* a name here is a macro or enumerator the includer defines */
				if (ps->tok.type == T_IDENT)
					d->user = 1;
				emit(d, &ps->tok);
				if (next(ps) < 0)
					return -1;
			}
			if (!is(&ps->tok, "]")) {
				perr(ps, &ps->tok.pos, "expected ']', found %s",
				     tokdesc(&ps->tok, buf, sizeof(buf)));
				return -1;
			}
			emit(d, &ps->tok);
			if (next(ps) < 0)
				return -1;
		} else if (is(&ps->tok, "(")) {
			d->derived = 1;
			emit(d, &ps->tok);
			if (next(ps) < 0 || paramtext(ps, d) < 0)
				return -1;
		} else {
			return 0;
		}
	}
}

/* pointer part, then a name or a parenthesised declarator, then suffixes */
static int
declarator(struct parser *ps, struct decl *d)
{
	char buf[64];

	if (++ps->depth > MAXNEST) {
		perr(ps, &ps->tok.pos, "declarator nested too deeply");
		return -1;
	}
	while (is(&ps->tok, "*") || iskind(&ps->tok, KW_QUALIFIER)) {
		if (is(&ps->tok, "*"))
			d->derived = 1;
		emit(d, &ps->tok);
		if (next(ps) < 0)
			return -1;
	}
	if (ps->tok.type == T_IDENT && !iskind(&ps->tok, KW_BASIC)) {
		if (d->name.len) {
			perr(ps, &ps->tok.pos, "unexpected %s in argument declaration",
			     tokdesc(&ps->tok, buf, sizeof(buf)));
			return -1;
		}
		d->name = ps->tok;
		if (!d->hasnameoff)
			d->nameoff = d->text.len, d->hasnameoff = 1;
		if (next(ps) < 0)
			return -1;
	} else if (is(&ps->tok, "(") && nestedopen(ps)) {
		emit(d, &ps->tok);
		if (next(ps) < 0 || declarator(ps, d) < 0)
			return -1;
		if (!is(&ps->tok, ")")) {
			perr(ps, &ps->tok.pos, "expected ')' in declarator, found %s",
			     tokdesc(&ps->tok, buf, sizeof(buf)));
			return -1;
		}
		emit(d, &ps->tok);
		if (next(ps) < 0)
			return -1;
	} else if (!d->hasnameoff) {
		/* an abstract declarator: the name would stand here */
		d->nameoff = d->text.len, d->hasnameoff = 1;
	}
	ps->depth--;
	return suffixes(ps, d);
}

/* the specifiers of a declaration: qualifiers and one type */
static int
specifiers(struct parser *ps, struct decl *d)
{
	char buf[64];

	for (;;) {
		struct token *t = &ps->tok;

		if (iskind(t, KW_QUALIFIER)) {
			emit(d, t);
		} else if (iskind(t, KW_BASIC)) {
			emit(d, t);
			d->hastype = 1;
			if (is(t, "void"))
				d->isvoid = 1;
		} else if (is(t, "struct") || is(t, "union") || is(t, "enum")) {
			int isenum = is(t, "enum");

			if (d->hastype)
				break;
			if (tagref(ps, d, &d->tag) < 0)
				return -1;
			d->hastype = 1;
			if (isenum)
				d->isenum = 1;
			else
				d->tagged = 1;
		} else if (is(t, "string") && !d->hastype) {
			/* D's string type: a pointer to a NUL-terminated char array */
			static const struct token cc = {T_IDENT, "const char", 10, {0}, NULL, NULL, 0};
			static const struct token star = {T_PUNCT, "*", 1, {0}, NULL, NULL, 0};

			emit(d, &cc);
			emit(d, &star);
			d->hastype = 1;
			d->isstring = 1;
			d->derived = 1;
		} else if (t->type == T_IDENT && !d->hastype) {
			const char *hdr = stdheader(t);

			emit(d, t);
			d->hastype = 1;
			if (hdr)
				addsorted(&d->hdrs, &d->nhdrs, hdr);
			else
				d->user = 1;
		} else {
			break;
		}
		if (next(ps) < 0)
			return -1;
	}
	if (!d->hastype) {
		perr(ps, &ps->tok.pos, "expected an argument type, found %s",
		     tokdesc(&ps->tok, buf, sizeof(buf)));
		return -1;
	}
	return 0;
}

/* one argument: specifiers then a declarator, up to ',' or ')' */
static int
argdecl(struct parser *ps, struct decl *d)
{
	if (specifiers(ps, d) < 0)
		return -1;
	return declarator(ps, d);
}

/* how the header can name the type of d (not a struct or union by value) */
static enum typeclass
declclass(const struct decl *d)
{
	if (d->tagged && !d->derived)
		return TC_BYVALUE;
	if (d->user || d->isenum)
		return TC_USER;
	if (d->tagged)
		return TC_TAGGED;
	if (d->nhdrs > 0)
		return TC_STDTYPE;
	return TC_BUILTIN;
}

/* record argument d (starting at start) as the next argument of probe p */
static void
addarg(struct parser *ps, const struct provider *pv, struct probe *p, struct decl *d,
       const struct pos *start)
{
	struct arg *a;
	size_t i;

	if (!p->args) /* room for all; arglist gives back what is not used */
		p->args = xreallocarray(NULL, SDT_MAXARGS, sizeof(p->args[0]));
	a = &p->args[p->nargs++];
	memset(a, 0, sizeof(*a));
	a->type = addsorted(&ps->m->types, &ps->m->ntypes, d->text.s ? d->text.s : "");
	a->nameoff = d->hasnameoff ? d->nameoff : strlen(a->type);
	a->name = d->name.len ? xstrndup(d->name.s, d->name.len) : NULL;
	a->pos = *start;
	a->isstring = d->isstring;
	if (d->isvoid && !d->derived) {
		perr(ps, start, "argument %zu of probe '%s:%s' has type '%s'", p->nargs, pv->name,
		     p->name, a->type);
		return;
	}
	if (d->tagged && !d->derived) {
		a->cls = TC_BYVALUE;
		pwarn(ps, start, "argument %zu of probe '%s:%s' is '%s' passed by value, "
		      "which a probe site cannot carry", p->nargs, pv->name, p->name, d->tag.s);
		return;
	}
	if (d->tagged)
		addsorted(&d->tags, &d->ntags, d->tag.s);
	a->cls = declclass(d);
	for (i = 0; i < d->ntags; i++)
		addsorted(&ps->m->tags, &ps->m->ntags, d->tags[i]);
	for (i = 0; i < d->nhdrs; i++)
		addsorted(&ps->m->stdheaders, &ps->m->nstdheaders, d->hdrs[i]);
}

/* '(' args ')': fills p->args, or checks only when p is NULL (a translated list) */
static int
arglist(struct parser *ps, const struct provider *pv, struct probe *p, const char *what)
{
	struct pos open = ps->tok.pos;
	char buf[64];
	size_t n = 0;

	if (!is(&ps->tok, "(")) {
		perr(ps, &ps->tok.pos, "expected '(' to open the %s, found %s", what,
		     tokdesc(&ps->tok, buf, sizeof(buf)));
		return -1;
	}
	if (next(ps) < 0)
		return -1;
	if (is(&ps->tok, ")"))
		return next(ps);
	if (is(&ps->tok, "void")) {
		/* '(void)': no arguments */
		struct token t = peek(ps);

		if (is(&t, ")")) {
			if (next(ps) < 0)
				return -1;
			return next(ps);
		}
	}
	for (;;) {
		struct decl d = {0};
		struct pos start = ps->tok.pos;

		if (argdecl(ps, &d) < 0) {
			declfree(&d);
			return -1;
		}
		n++;
		if (p && n > SDT_MAXARGS) {
			perr(ps, &start, "probe '%s:%s' has more than %d arguments", pv->name, p->name,
			     SDT_MAXARGS);
			declfree(&d);
			return -1;
		}
		if (p)
			addarg(ps, pv, p, &d, &start);
		declfree(&d);
		if (ps->failed)
			return -1;
		if (is(&ps->tok, ",")) {
			if (next(ps) < 0)
				return -1;
			continue;
		}
		if (is(&ps->tok, ")")) {
			if (p)
				p->args = xreallocarray(p->args, p->nargs, sizeof(p->args[0]));
			return next(ps);
		}
		if (ps->tok.type == T_EOF) {
			char at[512];

			perr(ps, &ps->tok.pos, "expected ')' to close the %s opened at %s, found %s",
			     what, where(&open, &ps->tok.pos, at, sizeof(at)),
			     tokdesc(&ps->tok, buf, sizeof(buf)));
			return -1;
		}
		perr(ps, &ps->tok.pos, "expected ',' or ')' in the %s, found %s", what,
		     tokdesc(&ps->tok, buf, sizeof(buf)));
		return -1;
	}
}

/*
 * The text of a documentation comment: without its opening and closing
 * marks, without the ' * ' that starts its lines, blank lines at either end
 * dropped
 */
static char *
doctext(const char *s, size_t n)
{
	struct buf b = {0};
	const char *end = s + n - 2, *line;

	for (s += 3; s < end; s = line + 1) {
		const char *e;
		size_t len;

		line = memchr(s, '\n', (size_t)(end - s));
		if (!line)
			line = end;
		while (s < line && (*s == ' ' || *s == '\t'))
			s++;
		if (s < line && *s == '*') {
			s++;
			if (s < line && *s == ' ')
				s++;
		}
		for (e = line; e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'); e--)
			;
		len = (size_t)(e - s);
		if (len == 0 && b.len == 0)
			continue; /* blank lines before the text */
		bufadd(&b, s, len);
		bufputc(&b, '\n');
	}
	while (b.len > 0 && b.s[b.len - 1] == '\n')
		b.s[--b.len] = '\0';
	if (b.len == 0) {
		buffree(&b);
		return NULL;
	}
	return b.s;
}

static int
probedecl(struct parser *ps, struct provider *pv)
{
	struct probe *p;
	char buf[64];
	const char *doc = ps->tok.doc; /* before 'probe' */
	size_t doclen = ps->tok.doclen;

	if (next(ps) < 0) /* 'probe' */
		return -1;
	if (ps->tok.type != T_IDENT) {
		perr(ps, &ps->tok.pos, "expected a probe name, found %s",
		     tokdesc(&ps->tok, buf, sizeof(buf)));
		return -1;
	}
	pv->probes = xgrowarray(pv->probes, pv->nprobes, sizeof(pv->probes[0]));
	p = &pv->probes[pv->nprobes++];
	memset(p, 0, sizeof(*p));
	p->name = xstrndup(ps->tok.s, ps->tok.len);
	p->pos = ps->tok.pos;
	if (doc)
		p->doc = doctext(doc, doclen);
	if (next(ps) < 0)
		return -1;
	if (is(&ps->tok, ";") || is(&ps->tok, "}")) {
		/* 'probe name;': no argument list at all */
	} else if (arglist(ps, pv, p, "argument list") < 0) {
		return -1;
	}
	if (is(&ps->tok, ":")) {
		/* translated arguments: only the native list above reaches the site */
		if (next(ps) < 0 || arglist(ps, pv, NULL, "translated argument list") < 0)
			return -1;
	}
	if (!is(&ps->tok, ";")) {
		perr(ps, &ps->tok.pos, "expected ';' after probe '%s:%s', found %s", pv->name,
		     p->name, tokdesc(&ps->tok, buf, sizeof(buf)));
		return -1;
	}
	return next(ps);
}

static int
providerdecl(struct parser *ps)
{
	struct provider *pv;
	struct pos open;
	char buf[512];
	struct model *m = ps->m;
	const char *doc = ps->tok.doc; /* before 'provider' */
	size_t doclen = ps->tok.doclen;

	if (next(ps) < 0) /* 'provider' */
		return -1;
	if (ps->tok.type != T_IDENT) {
		perr(ps, &ps->tok.pos, "expected a provider name, found %s",
		     tokdesc(&ps->tok, buf, sizeof(buf)));
		return -1;
	}
	m->providers = xgrowarray(m->providers, m->nproviders, sizeof(m->providers[0]));
	pv = &m->providers[m->nproviders++];
	memset(pv, 0, sizeof(*pv));
	pv->name = xstrndup(ps->tok.s, ps->tok.len);
	pv->pos = ps->tok.pos;
	pv->doc = doc ? doctext(doc, doclen) : NULL;
	if (next(ps) < 0)
		return -1;
	open = ps->tok.pos;
	if (expect(ps, "{", "after the provider name") < 0)
		return -1;
	for (;;) {
		if (is(&ps->tok, "probe")) {
			if (probedecl(ps, pv) < 0)
				return -1;
		} else if (is(&ps->tok, "}")) {
			break;
		} else if (is(&ps->tok, ";")) {
			if (next(ps) < 0)
				return -1;
		} else if (ps->tok.type == T_EOF) {
			perr(ps, &ps->tok.pos, "expected '}' to close provider '%s' opened at %s, "
			     "found end of file", pv->name, where(&open, &ps->tok.pos, buf, sizeof(buf)));
			return -1;
		} else {
			perr(ps, &ps->tok.pos, "expected 'probe' or '}' in provider '%s', found %s",
			     pv->name, tokdesc(&ps->tok, buf, sizeof(buf)));
			return -1;
		}
	}
	if (pv->nprobes == 0) {
		perr(ps, &pv->pos, "provider '%s' declares no probes", pv->name);
		return -1;
	}
	if (next(ps) < 0)
		return -1;
	if (is(&ps->tok, ";"))
		return next(ps);
	return 0;
}

/* ---- what else a provider file may hold ---- */

/* skip a balanced '(...)', '[...]' or '{...}' group, the current token its opening */
static int
skipgroup(struct parser *ps)
{
	struct token open = ps->tok;
	unsigned long depth = 0;

	do {
		if (ps->tok.type == T_EOF) {
			perr(ps, &open.pos, "'%c' is not closed before the end of the file", open.s[0]);
			return -1;
		}
		if (is(&ps->tok, "(") || is(&ps->tok, "[") || is(&ps->tok, "{"))
			depth++;
		else if (is(&ps->tok, ")") || is(&ps->tok, "]") || is(&ps->tok, "}"))
			depth--;
		if (next(ps) < 0)
			return -1;
	} while (depth > 0);
	return 0;
}

/* GNU decorations after a declarator: __attribute__((...)), __asm__("name") */
static int
decorations(struct parser *ps)
{
	while (is(&ps->tok, "__attribute__") || is(&ps->tok, "__asm__") || is(&ps->tok, "asm") ||
	       is(&ps->tok, "__asm")) {
		if (next(ps) < 0 || !is(&ps->tok, "(") || skipgroup(ps) < 0)
			return -1;
	}
	return 0;
}

/* record the typedef d declares */
static void
addtypedef(struct parser *ps, struct decl *d, const struct pos *pos)
{
	struct model *m = ps->m;
	struct typedefn *t;

	m->typedefs = xgrowarray(m->typedefs, m->ntypedefs, sizeof(m->typedefs[0]));
	t = &m->typedefs[m->ntypedefs++];
	t->name = xstrndup(d->name.s, d->name.len);
	t->type = addsorted(&m->types, &m->ntypes, d->text.s ? d->text.s : "");
	t->nameoff = d->hasnameoff ? d->nameoff : strlen(t->type);
	t->cls = declclass(d);
	t->sysheader = ps->sysheader;
	t->pos = *pos;
}

/*
 * 'typedef SPECIFIERS DECLARATOR, ...;' read on a silent copy of the parser:
 * 1 and the names recorded if it is one the parser can read (a struct,
 * union or enum body is skipped: the name stands for it by value), else 0
 * with nothing consumed or recorded
 */
static int
typedefdecl(struct parser *ps)
{
	struct parser la = *ps, after;
	struct decl spec = {0};
	size_t n0 = ps->m->ntypedefs;
	int ok = 0;

	la.failed = 1; /* nothing is reported: the caller skips what this cannot read */
	if (next(&la) < 0)
		goto out;
	if (is(&la.tok, "struct") || is(&la.tok, "union") || is(&la.tok, "enum")) {
		/* a body: 'struct {' or 'struct tag {' */
		struct token kw = la.tok, tag = {0};

		after = la;
		if (next(&after) < 0)
			goto out;
		if (after.tok.type == T_IDENT) {
			tag = after.tok;
			if (next(&after) < 0)
				goto out;
		}
		if (is(&after.tok, "{")) {
			emit(&spec, &kw);
			if (tag.len)
				emit(&spec, &tag);
			spec.hastype = 1;
			if (is(&kw, "enum"))
				spec.isenum = 1;
			else if (tag.len)
				spec.tagged = 1;
			else
				spec.user = 1; /* a struct without a tag: no other declaration names it */
			la = after;
			la.lenient = 1;
			if (skipgroup(&la) < 0)
				goto out;
			la.lenient = ps->lenient;
			while (iskind(&la.tok, KW_QUALIFIER)) {
				emit(&spec, &la.tok);
				if (next(&la) < 0)
					goto out;
			}
		}
	}
	if (!spec.hastype && specifiers(&la, &spec) < 0)
		goto out;
	for (;;) {
		struct decl d = {0};

		bufputs(&d.text, spec.text.s ? spec.text.s : "");
		d.prevword = spec.prevword;
		d.hastype = 1;
		d.isvoid = spec.isvoid;
		d.tagged = spec.tagged;
		d.isenum = spec.isenum;
		d.user = spec.user;
		if (spec.nhdrs)
			addsorted(&d.hdrs, &d.nhdrs, spec.hdrs[0]);
		if (declarator(&la, &d) < 0 || !d.name.len || decorations(&la) < 0) {
			declfree(&d);
			goto out;
		}
		addtypedef(&la, &d, &d.name.pos);
		declfree(&d);
		if (!is(&la.tok, ","))
			break;
		if (next(&la) < 0)
			goto out;
	}
	if (!is(&la.tok, ";") || next(&la) < 0)
		goto out;
	la.failed = ps->failed;
	*ps = la;
	ok = 1;
out:
	declfree(&spec);
	while (!ok && ps->m->ntypedefs > n0)
		free(ps->m->typedefs[--ps->m->ntypedefs].name);
	return ok;
}

/*
 * A declaration of a system header that is not D (a function declared or
 * defined, an extern variable, a struct, a static assertion): skipped up
 * to its ';', or to the '}' closing a function's body
 */
static int
skipsysdecl(struct parser *ps)
{
	unsigned long depth = 0;
	int prevclose = 0; /* the last token was ')' */

	for (;;) {
		struct token *t = &ps->tok;

		if (t->type == T_EOF)
			return 0;
		if (depth == 0 && is(t, "{") && prevclose) {
			/* a function's body */
			return skipgroup(ps);
		}
		if (is(t, "(") || is(t, "[") || is(t, "{")) {
			depth++;
		} else if (is(t, ")") || is(t, "]") || is(t, "}")) {
			if (depth == 0)
				return next(ps); /* unbalanced: taken as the end */
			depth--;
		} else if (is(t, ";") && depth == 0) {
			return next(ps);
		}
		prevclose = is(t, ")");
		if (next(ps) < 0)
			return -1;
	}
}

/* one top-level declaration of a system header: typedefs are taken, the rest skipped */
static int
sysdecl(struct parser *ps)
{
	while (is(&ps->tok, "__extension__")) {
		if (next(ps) < 0)
			return -1;
	}
	if (is(&ps->tok, "typedef") && typedefdecl(ps))
		return 0;
	return skipsysdecl(ps);
}

/* a token that can be part of a D probe description ('syscall::read:entry', 'pid$target:::*') */
static int
descpart(const struct token *t)
{
	return t->type == T_IDENT || t->type == T_NUMBER ||
	       (t->type == T_PUNCT && strchr(":*?-[]!.", t->s[0]));
}

/*
 * A D program clause, which only the dtrace personality takes (configure
 * scripts probe the tool with 'BEGIN{}'): probe descriptions, each one word
 * with no blank inside, separated by ','; an optional predicate '/.../';
 * a body in braces. Skipped on a copy of the parser: 1 if it was one,
 * else 0 and nothing consumed.
 */
static int
clause(struct parser *ps)
{
	struct parser la = *ps;
	unsigned long depth = 0;

	la.failed = 1;
	la.lenient = 1;
	for (;;) {
		const char *end = NULL;

		while (descpart(&la.tok) && (!end || la.tok.s == end)) {
			end = la.tok.s + la.tok.len;
			if (next(&la) < 0)
				return 0;
		}
		if (!end)
			return 0;
		if (!is(&la.tok, ","))
			break;
		if (next(&la) < 0)
			return 0;
	}
	if (is(&la.tok, "/")) {
		/* the predicate: no braces inside */
		while (!is(&la.tok, "{")) {
			if (la.tok.type == T_EOF || is(&la.tok, "}") || next(&la) < 0)
				return 0;
		}
	}
	if (!is(&la.tok, "{"))
		return 0;
	do {
		if (la.tok.type == T_EOF)
			return 0;
		if (is(&la.tok, "{"))
			depth++;
		else if (is(&la.tok, "}"))
			depth--;
		if (next(&la) < 0)
			return 0;
	} while (depth > 0);
	la.failed = ps->failed;
	la.lenient = ps->lenient;
	*ps = la;
	return 1;
}


/* ---- typedef names, followed for the header ---- */

const struct typedefn *
modeltypedef(const struct model *m, const char *name, size_t len)
{
	size_t i = m->ntypedefs;

	while (i-- > 0) {
		if (strlen(m->typedefs[i].name) == len && memcmp(m->typedefs[i].name, name, len) == 0)
			return &m->typedefs[i];
	}
	return NULL;
}

/* how deep typedefs of typedefs are followed */
enum { TYPEDEFDEPTH = 16 };

/*
 * the one word of type that is not a qualifier ('Oid' in 'const Oid *'), its
 * length in *wlen; NULL if type has another number of them, or anything but
 * words, blanks and '*' (arrays and functions of typedef names are left as
 * they are)
 */
static const char *
soleword(const char *type, size_t *wlen)
{
	const char *s = type, *word = NULL;
	size_t nwords = 0;

	while (*s) {
		if (isident((unsigned char)*s, 1)) {
			const char *w = s;
			const struct keyword *k;

			while (isident((unsigned char)*s, 0))
				s++;
			k = keyword(w, (size_t)(s - w));
			if (!k || k->kind != KW_QUALIFIER) {
				nwords++;
				word = w;
				*wlen = (size_t)(s - w);
			}
		} else if (*s == ' ' || *s == '*') {
			s++;
		} else {
			return NULL;
		}
	}
	return nwords == 1 ? word : NULL;
}

/*
 * the typedef that type's one word names (*word and *wlen set), or NULL:
 * none, another number of words, no typedefs at all, or deeper than
 * TYPEDEFDEPTH
 */
static const struct typedefn *
soletypedef(const struct model *m, const char *type, int depth, const char **word, size_t *wlen)
{
	if (m->ntypedefs == 0 || depth > TYPEDEFDEPTH || !(*word = soleword(type, wlen)))
		return NULL;
	return modeltypedef(m, *word, *wlen);
}

/*
 * type (its name at nameoff) with the typedef name it uses followed to what
 * it stands for, where that is a type the header names itself: a typedef of
 * a type without a declarator ('typedef unsigned int Oid') is replaced
 * where it is used, qualified or pointed to ('const Oid *'); a typedef of a
 * pointer, array or function only where it is the whole type. 1 and *out
 * (malloc'ed), *outoff, *outcls set, or 0.
 */
static int
resolvetype(const struct model *m, const char *type, size_t nameoff, int depth, char **out,
            size_t *outoff, enum typeclass *outcls)
{
	const char *word, *ttype;
	const struct typedefn *t;
	size_t wlen = 0, toff;
	enum typeclass tcls;
	char *inner = NULL;
	int ok = 1;

	if (!(t = soletypedef(m, type, depth, &word, &wlen)))
		return 0;
	ttype = t->type;
	toff = t->nameoff;
	tcls = t->cls;
	if (tcls == TC_USER) {
		if (!resolvetype(m, t->type, t->nameoff, depth + 1, &inner, &toff, &tcls))
			return 0;
		ttype = inner;
	}
	if (tcls == TC_USER || (tcls == TC_BYVALUE && !strchr(type, '*'))) {
		ok = 0; /* a struct or union by value, which no site carries */
	} else if (!strpbrk(ttype, "*([")) {
		*out = xasprintf("%.*s%s%s", (int)(word - type), type, ttype, word + wlen);
		*outoff = nameoff >= (size_t)(word - type) + wlen ? nameoff + strlen(ttype) - wlen : nameoff;
		*outcls = tcls == TC_BYVALUE ? TC_TAGGED : tcls; /* 'conn_t *': a struct pointer */
	} else if (wlen == strlen(type)) {
		*out = xstrdup(ttype);
		*outoff = toff;
		*outcls = tcls;
	} else if (word == type && strcmp(word + wlen, " *") == 0 && ttype[toff + strspn(ttype + toff, " ")] == '(') {
		/* a pointer to a function type: 'handler_t *' is 'int (*)(int)' */
		*out = xasprintf("%.*s (*)%s", (int)toff, ttype, ttype + toff + strspn(ttype + toff, " "));
		*outoff = toff + 3;
		*outcls = tcls;
	} else {
		ok = 0;
	}
	free(inner);
	return ok;
}

/* the standard headers and the struct and union tags a resolved type needs, into the model */
static void
typeneeds(struct model *m, const char *type)
{
	const char *s = type, *tagkw = NULL;
	size_t tagkwlen = 0;

	while (*s) {
		const char *w = s;
		const struct keyword *k;
		size_t n;

		if (!isident((unsigned char)*s, 1)) {
			s++;
			continue;
		}
		while (isident((unsigned char)*s, 0))
			s++;
		n = (size_t)(s - w);
		if (tagkw) {
			char *tag = xasprintf("%.*s %.*s", (int)tagkwlen, tagkw, (int)n, w);

			addsorted(&m->tags, &m->ntags, tag);
			free(tag);
			tagkw = NULL;
		} else if ((n == 6 && memcmp(w, "struct", 6) == 0) || (n == 5 && memcmp(w, "union", 5) == 0)) {
			tagkw = w;
			tagkwlen = n;
		} else if ((k = keyword(w, n)) && k->kind == KW_STDTYPE) {
			addsorted(&m->stdheaders, &m->nstdheaders, k->header);
		}
	}
}

/*
 * whether type, a typedef name (with qualifiers) the header cannot name, is
 * a pointer by its typedefs: 'conn_p' after 'typedef conn_t *conn_p;'
 */
static int
typedefpointer(const struct model *m, const char *type, int depth)
{
	const char *word;
	const struct typedefn *t;
	size_t wlen = 0;

	if (strpbrk(type, "*(["))
		return 1;
	if (!(t = soletypedef(m, type, depth, &word, &wlen)))
		return 0;
	return typedefpointer(m, t->type, depth + 1);
}

/* each argument's ctype: its type with the typedef names the header can follow followed */
static void
resolveargs(struct model *m)
{
	size_t i, j, k;

	for (i = 0; i < m->nproviders; i++) {
		for (j = 0; j < m->providers[i].nprobes; j++) {
			struct probe *p = &m->providers[i].probes[j];

			for (k = 0; k < p->nargs; k++) {
				struct arg *a = &p->args[k];
				char *out = NULL;

				a->ctype = a->type;
				a->cnameoff = a->nameoff;
				a->ccls = a->cls;
				if (a->cls == TC_USER && resolvetype(m, a->type, a->nameoff, 0, &out, &a->cnameoff, &a->ccls)) {
					a->ctype = addsorted(&m->types, &m->ntypes, out);
					typeneeds(m, a->ctype);
				}
				a->cpointer = a->isstring || typedefpointer(m, a->ctype, 0);
				free(out);
			}
		}
	}
}

char *
macroname(const char *prefix, const char *provider, const char *probe)
{
	struct buf b = {0};
	const char *s;

	if (prefix) {
		bufputs(&b, prefix);
	} else {
		for (s = provider; *s; s++)
			bufputc(&b, toupper((unsigned char)*s));
		bufputc(&b, '_');
	}
	for (s = probe; *s; s++) {
		if (s[0] == '_' && s[1] == '_')
			s++;
		bufputc(&b, toupper((unsigned char)*s));
	}
	return b.s;
}

struct named {
	const char *name; /* ":provider:probe", "#MACRO" or "$semaphore" */
	size_t off;       /* where the name starts in the arena, while the arena grows */
	size_t order;     /* declaration order */
	const struct provider *pv;
	const struct probe *p;
};

static int
namecmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	/* later declarations after earlier ones, so the later one is reported */
	return x->order < y->order ? -1 : x->order > y->order;
}

/* the next entry of v: the five strings one after the other, NUL-terminated in the arena */
static void
addname(struct named *v, size_t *n, struct buf *arena, const struct provider *pv,
        const struct probe *p, const char *const s[5])
{
	size_t i;

	v[*n] = (struct named){NULL, arena->len, *n, pv, p};
	for (i = 0; i < 5; i++)
		bufputs(arena, s[i]);
	bufadd(arena, "", 1);
	(*n)++;
}

/* duplicate probes and colliding macro or semaphore names */
static int
checknames(struct parser *ps)
{
	struct model *m = ps->m;
	struct named *v;
	struct buf arena = {0};
	size_t i, j, n = 0, k, best = 0, total = 0;
	int rc = 0;

	for (i = 0; i < m->nproviders; i++)
		total += m->providers[i].nprobes;
	v = xreallocarray(NULL, 4 * total, sizeof(*v));
	for (i = 0; i < m->nproviders; i++) {
		for (j = 0; j < m->providers[i].nprobes; j++) {
			const struct provider *pv = &m->providers[i];
			const struct probe *p = &pv->probes[j];
			char *stem = macroname(NULL, pv->name, p->name);

			addname(v, &n, &arena, pv, p, (const char *const[5]){":", pv->name, ":", p->name, ""});
			addname(v, &n, &arena, pv, p, (const char *const[5]){"#", stem, "", "", ""});
			addname(v, &n, &arena, pv, p, (const char *const[5]){"#", stem, "_ENABLED", "", ""});
			addname(v, &n, &arena, pv, p,
			        (const char *const[5]){"$", pv->name, "_", p->name, "_semaphore"});
			free(stem);
		}
	}
	for (k = 0; k < n; k++)
		v[k].name = arena.s + v[k].off;
	if (n > 1)
		qsort(v, n, sizeof(*v), namecmp);
	/* of all clashes, report the one whose later declaration comes first in the source */
	for (k = 1; k < n; k++) {
		const struct named *a = &v[k - 1], *b = &v[k];

		if (strcmp(a->name, b->name) != 0)
			continue;
		if (a->name[0] != ':' && strcmp(a->pv->name, b->pv->name) == 0 &&
		    strcmp(a->p->name, b->p->name) == 0)
			continue; /* the same probe twice: reported as such */
		if (!rc || b->order < v[best].order)
			best = k;
		rc = -1;
	}
	if (rc) {
		const struct named *a = &v[best - 1], *b = &v[best];
		char buf[512];

		if (a->name[0] == ':')
			perr(ps, &b->p->pos, "probe '%s:%s' declared twice (first at %s)", b->pv->name,
			     b->p->name, where(&a->p->pos, &b->p->pos, buf, sizeof(buf)));
		else
			perr(ps, &b->p->pos, "probe '%s:%s' and probe '%s:%s' both define %s '%s'",
			     b->pv->name, b->p->name, a->pv->name, a->p->name,
			     a->name[0] == '#' ? "macro" : "semaphore", b->name + 1);
	}
	buffree(&arena);
	free(v);
	return rc;
}

int
parse(const char *file, const char *src, size_t len, int flags, struct model *m,
      diagfn *diag, void *ctx)
{
	struct parser ps = {0};
	struct pos firstclause = {0}, clausepos;
	int sawclause = 0;
	char buf[64];

	memset(m, 0, sizeof(*m));
	ps.src = ps.p = src;
	ps.end = src + len;
	ps.m = m;
	ps.file = internfile(m, file, strlen(file));
	ps.line = ps.col = 1;
	ps.bol = 1;
	ps.flags = flags;
	ps.diag = diag;
	ps.ctx = ctx;
	if (next(&ps) < 0)
		goto fail;
	while (ps.tok.type != T_EOF) {
		if (ps.sysheader) {
			if (sysdecl(&ps) < 0)
				goto fail;
		} else if (is(&ps.tok, "provider")) {
			if (providerdecl(&ps) < 0)
				goto fail;
		} else if (is(&ps.tok, ";")) {
			if (next(&ps) < 0)
				goto fail;
		} else if (is(&ps.tok, "typedef")) {
			if (!typedefdecl(&ps) && skipdecl(&ps) < 0)
				goto fail;
		} else if (is(&ps.tok, "struct") || is(&ps.tok, "union") || is(&ps.tok, "enum") ||
		           is(&ps.tok, "inline") || is(&ps.tok, "translator")) {
			if (skipdecl(&ps) < 0)
				goto fail;
		} else if ((flags & PARSE_PROGRAMS) && (clausepos = ps.tok.pos, clause(&ps))) {
			if (!sawclause)
				firstclause = clausepos;
			sawclause = 1;
		} else {
			perr(&ps, &ps.tok.pos, "expected 'provider' or a declaration, found %s",
			     tokdesc(&ps.tok, buf, sizeof(buf)));
			goto fail;
		}
	}
	if (m->nproviders == 0 && (flags & PARSE_PROGRAMS)) {
		struct pos at = sawclause ? firstclause : ps.tok.pos;

		pwarn(&ps, &at, "no provider declared%s: the output has no probes",
		      sawclause ? " (D program clauses are ignored)" : "");
		return 0;
	}
	if (m->nproviders == 0) {
		perr(&ps, &ps.tok.pos, "no provider declared");
		goto fail;
	}
	if (checknames(&ps) < 0)
		goto fail;
	resolveargs(m);
	return 0;
fail:
	modelfree(m);
	return -1;
}

void
modelfree(struct model *m)
{
	size_t i, j, k;

	for (i = 0; i < m->nproviders; i++) {
		struct provider *pv = &m->providers[i];

		for (j = 0; j < pv->nprobes; j++) {
			for (k = 0; k < pv->probes[j].nargs; k++) {
				free(pv->probes[j].args[k].name);
			}
			free(pv->probes[j].args);
			free(pv->probes[j].name);
			free(pv->probes[j].doc);
		}
		free(pv->probes);
		free(pv->name);
		free(pv->doc);
	}
	free(m->providers);
	for (i = 0; i < m->ntypedefs; i++)
		free(m->typedefs[i].name);
	free(m->typedefs);
	for (i = 0; i < m->ntags; i++)
		free(m->tags[i]);
	free(m->tags);
	for (i = 0; i < m->nstdheaders; i++)
		free(m->stdheaders[i]);
	free(m->stdheaders);
	for (i = 0; i < m->nfiles; i++)
		free(m->files[i]);
	free(m->files);
	for (i = 0; i < m->ntypes; i++)
		free(m->types[i]);
	free(m->types);
	memset(m, 0, sizeof(*m));
}
