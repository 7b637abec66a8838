/* SPDX-License-Identifier: MIT */
/* mp.h: the interpreter's internal types, shared by the library's files */
#ifndef MP_H
#define MP_H

#include <stddef.h>

#include "minipy.h"

enum { V_NIL, V_INT, V_OBJ };
enum { O_STR, O_LIST };
#define MP_NGEN 3        /* generations, as in CPython */
#define MP_STACK 65536   /* value stack slots: locals and temporaries */
#define MP_DEPTH 1000    /* nested calls */

struct obj {
	struct obj *next; /* in its generation's list */
	unsigned char type, gen, mark;
};

typedef struct {
	int t;
	union {
		long i;
		struct obj *o;
	} u;
} value;

struct str {
	struct obj h;
	size_t len;
	char s[];
};

struct list {
	struct obj h;
	size_t len, cap;
	value *items;
};

/* two-character operators; the others are their character */
enum { MP_EQ = 256, MP_NE, MP_LE, MP_GE };

/* syntax tree: expressions N_*, statements S_* */
enum {
	N_INT, N_STR, N_LOCAL, N_GLOBAL, N_CALL, N_LIST, N_BIN, N_NEG,
	S_EXPR, S_SETLOCAL, S_SETGLOBAL, S_IF, S_WHILE, S_RETURN, S_PRINT, S_IMPORT
};

struct node {
	int kind, line, op; /* op: a binary operator token */
	long ival;          /* integer literal, local slot */
	char *name;         /* string literal, global, callee or module name */
	struct node *a, *b; /* operands; a = value of assignments, conditions */
	struct node **v;    /* arguments, list items, print items, then-body */
	int n;
	struct node **w; /* else-body */
	int m;
	struct func *fn; /* callee, once resolved */
};

struct func {
	char *name;
	int line, endline, nparams, nlocals;
	char **locals; /* parameters first */
	struct node **body;
	int nbody;
	struct module *mod;
};

struct module {
	char *name, *filename;
	struct func **funcs;
	int nfuncs;
	struct node **body;
	int nbody, endline;
	char **gnames; /* globals: roots for the collector */
	value *gvals;
	int nglobals, gcap;
	struct module *next;
};

struct minipy {
	value *stack; /* roots for the collector */
	size_t sp;
	int depth;
	struct module *modules;
	struct obj *gens[MP_NGEN];
	size_t counts[MP_NGEN];   /* objects per generation */
	unsigned collections[2]; /* of generations 0 and 1 since an older one */
	char err[512];
};

/* parse.c */
/* parses SRC (the text of FILENAME) into MOD; -1 with vm->err set on error */
int mp_parse(minipy *vm, struct module *mod, const char *src);
/* frees what mp_parse built */
void mp_module_free(struct module *mod);

/* gc.c */
/* a new string object (may collect first), or NULL when out of memory */
struct str *mp_newstr(minipy *vm, const char *s, size_t len);
/* a new empty list object (may collect first), or NULL */
struct list *mp_newlist(minipy *vm, size_t cap);
/* collects generations 0..gen; returns the number of objects freed */
long mp_collect(minipy *vm, int gen);
/* frees every object */
void mp_freeall(minipy *vm);

/* eval.c */
/* sets vm->err to "FILE:LINE: error: ..." and returns -1 */
int mp_error(minipy *vm, const char *file, int line, const char *fmt, ...)
#if defined __GNUC__
	__attribute__((format(printf, 4, 5)))
#endif
	;
/* strdup that reports failure through vm->err */
char *mp_strdup(minipy *vm, const char *s, size_t len);

#endif
