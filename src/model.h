/* SPDX-License-Identifier: MIT */
/* model.h: the in-memory model of a DTrace provider file */
#ifndef SDTKIT_MODEL_H
#define SDTKIT_MODEL_H

#include <stddef.h>

/* limit of <sys/sdt.h>: STAP_PROBE12 */
#define SDT_MAXARGS 12

struct pos {
	const char *file; /* owned by the model (model.files) */
	unsigned line, col; /* from 1 */
};

/* how the generated header can name an argument's type */
enum typeclass {
	TC_BUILTIN,  /* only C keywords: 'unsigned long', 'const char *', 'double' */
	TC_STDTYPE,  /* also a type from <stdint.h>, <stddef.h> or <sys/types.h> */
	TC_TAGGED,   /* a pointer to a struct or union, which the header forward-declares */
	TC_USER,     /* a typedef name or enum the includer must declare itself */
	TC_BYVALUE,  /* a struct or union by value: no probe site can carry it */
};

struct arg {
	const char *type; /* the declarator without its name, spaced canonically: "const char *";
	                     shared by equal types, owned by model.types */
	size_t nameoff;   /* where in type a name goes: 6 in "int (*)(int)" */
	char *name;   /* the argument's name, or NULL */
	enum typeclass cls;
	/* the type the header converts the argument to: type itself, or what the
	   typedef names in it stand for (when the .d, or a header it includes
	   under -C, defines them); ctype is owned by model.types */
	const char *ctype;
	size_t cnameoff;
	enum typeclass ccls;
	int cpointer; /* a pointer once the parameter adjustments apply and its typedef
	                 names are followed, even where ctype still names them ('conn_p'
	                 after 'typedef conn_t *conn_p;' with conn_t the includer's) */
	int isstring; /* the D 'string' type (spelled 'const char *' in C) */
	struct pos pos;
};

struct probe {
	char *name;         /* as written in the .d: "function__entry" */
	struct arg *args;   /* the native argument list: what the site carries */
	size_t nargs;
	struct pos pos;
	char *doc;          /* the documentation comment before it (without the comment's
	                       marks, lines joined by '\n'), or NULL */
};

struct provider {
	char *name;
	struct probe *probes;
	size_t nprobes;
	struct pos pos;
	char *doc;          /* the documentation comment before 'provider', or NULL */
};

/* a typedef of the provider file, or of a header it includes under -C */
struct typedefn {
	char *name;
	const char *type; /* as an argument's type (owned by model.types) */
	size_t nameoff;   /* where the name stands in type */
	enum typeclass cls;
	int sysheader;    /* declared in a system header */
	struct pos pos;
};

struct model {
	struct provider *providers;
	size_t nproviders;
	struct typedefn *typedefs; /* in declaration order; a name declared again counts last */
	size_t ntypedefs;
	char **tags;      /* "struct foo", "union bar": tagged types used through pointers */
	size_t ntags;
	char **stdheaders; /* "stdint.h", "stddef.h", "sys/types.h" as needed, sorted */
	size_t nstdheaders;
	char **files;     /* file names the positions point into */
	size_t nfiles;
	char **types;     /* the distinct argument types, sorted */
	size_t ntypes;
};

/* free everything the model owns */
void modelfree(struct model *m);

#endif
