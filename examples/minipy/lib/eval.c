/* SPDX-License-Identifier: MIT */
/* eval.c: minipy's evaluator: statements, calls, imports and the public API */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp.h"
#include "minipy_probes.h"

#define MAIN_FUNC "<module>"

struct frame {
	struct module *mod;
	struct func *fn; /* NULL: the module's top-level code */
	size_t base;     /* locals are stack[base .. base + fn->nlocals) */
	int retline;
};

static int exec(minipy *vm, struct frame *fr, struct node **body, int n);
static int eval(minipy *vm, struct frame *fr, struct node *x);

int
mp_error(minipy *vm, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(vm->err, sizeof(vm->err), "%s:%d: error: ", file, line);

	va_start(ap, fmt);
	if (n > 0 && (size_t)n < sizeof(vm->err))
		vsnprintf(vm->err + n, sizeof(vm->err) - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

char *
mp_strdup(minipy *vm, const char *s, size_t len)
{
	char *d = malloc(len + 1);

	if (!d) {
		snprintf(vm->err, sizeof(vm->err), "out of memory");
		return NULL;
	}
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

static const char *
funcname(const struct frame *fr)
{
	return fr->fn ? fr->fn->name : MAIN_FUNC;
}

static int
push(minipy *vm, struct frame *fr, int line, value v)
{
	if (vm->sp == MP_STACK)
		return mp_error(vm, fr->mod->filename, line, "stack overflow");
	vm->stack[vm->sp++] = v;
	return 0;
}

static int
pushint(minipy *vm, struct frame *fr, int line, long i)
{
	return push(vm, fr, line, (value){V_INT, {.i = i}});
}

static int
pushobj(minipy *vm, struct frame *fr, int line, void *o)
{
	if (!o)
		return mp_error(vm, fr->mod->filename, line, "out of memory");
	return push(vm, fr, line, (value){V_OBJ, {.o = o}});
}

static struct str *
asstr(value v)
{
	return v.t == V_OBJ && v.u.o->type == O_STR ? (struct str *)v.u.o : NULL;
}

static struct list *
aslist(value v)
{
	return v.t == V_OBJ && v.u.o->type == O_LIST ? (struct list *)v.u.o : NULL;
}

static value *
global(struct module *mod, const char *name)
{
	int i;

	for (i = 0; i < mod->nglobals; i++)
		if (strcmp(mod->gnames[i], name) == 0)
			return &mod->gvals[i];
	return NULL;
}

static int
setglobal(minipy *vm, struct frame *fr, int line, const char *name, value v)
{
	struct module *mod = fr->mod;
	value *g = global(mod, name);

	if (g) {
		*g = v;
		return 0;
	}
	if (mod->nglobals == mod->gcap) {
		int cap = mod->gcap ? 2 * mod->gcap : 16;
		char **nn = realloc(mod->gnames, (size_t)cap * sizeof(*nn));
		value *nv;
		if (nn)
			mod->gnames = nn;
		nv = nn ? realloc(mod->gvals, (size_t)cap * sizeof(*nv)) : NULL;
		if (!nv)
			return mp_error(vm, mod->filename, line, "out of memory");
		mod->gvals = nv;
		mod->gcap = cap;
	}
	if (!(mod->gnames[mod->nglobals] = mp_strdup(vm, name, strlen(name))))
		return -1;
	mod->gvals[mod->nglobals++] = v;
	return 0;
}

static void
print(FILE *f, value v)
{
	struct list *l;
	size_t i;

	if (v.t == V_NIL)
		fputs("nil", f);
	else if (v.t == V_INT)
		fprintf(f, "%ld", v.u.i);
	else if (asstr(v))
		fputs(asstr(v)->s, f);
	else if ((l = aslist(v))) {
		fputc('[', f);
		for (i = 0; i < l->len; i++) {
			if (i)
				fputs(", ", f);
			print(f, l->items[i]);
		}
		fputc(']', f);
	}
}

static int
truth(value v)
{
	return v.t == V_INT ? v.u.i != 0 : v.t != V_NIL;
}

/* pops A and B, pushes A op B */
static int
binop(minipy *vm, struct frame *fr, struct node *x)
{
	value a = vm->stack[vm->sp - 2], b = vm->stack[vm->sp - 1];
	struct str *sa = asstr(a), *sb = asstr(b), *s;
	const char *file = fr->mod->filename;
	long r;

	if (sa && sb && x->op == '+') {
		/* A and B stay on the stack (rooted) while the result is allocated */
		if (!(s = mp_newstr(vm, sa->s, sa->len + sb->len)))
			return mp_error(vm, file, x->line, "out of memory");
		memcpy(s->s + sa->len, sb->s, sb->len + 1);
		vm->sp -= 2;
		return pushobj(vm, fr, x->line, s);
	}
	if (sa && sb && (x->op == MP_EQ || x->op == MP_NE)) {
		r = (sa->len == sb->len && memcmp(sa->s, sb->s, sa->len) == 0) == (x->op == MP_EQ);
	} else if (a.t != V_INT || b.t != V_INT) {
		return mp_error(vm, file, x->line, "unsupported operand types");
	} else {
		switch (x->op) {
		case '+': r = a.u.i + b.u.i; break;
		case '-': r = a.u.i - b.u.i; break;
		case '*': r = a.u.i * b.u.i; break;
		case '/':
		case '%':
			if (b.u.i == 0)
				return mp_error(vm, file, x->line, "division by zero");
			r = x->op == '/' ? a.u.i / b.u.i : a.u.i % b.u.i;
			break;
		case MP_EQ: r = a.u.i == b.u.i; break;
		case MP_NE: r = a.u.i != b.u.i; break;
		case '<': r = a.u.i < b.u.i; break;
		case MP_LE: r = a.u.i <= b.u.i; break;
		case '>': r = a.u.i > b.u.i; break;
		default: r = a.u.i >= b.u.i; break;
		}
	}
	vm->sp -= 2;
	return pushint(vm, fr, x->line, r);
}

/* builtins: the N arguments are on the stack; replaces them with the result */
static int
builtin(minipy *vm, struct frame *fr, struct node *x, int *done)
{
	const char *file = fr->mod->filename, *name = x->name;
	value *arg = &vm->stack[vm->sp - (size_t)x->n];
	struct list *l;
	value r = {V_NIL, {0}};

	*done = 1;
	if (strcmp(name, "collect") == 0 && x->n == 0) {
		r = (value){V_INT, {.i = mp_collect(vm, MP_NGEN - 1)}};
	} else if (strcmp(name, "len") == 0 && x->n == 1) {
		if (!asstr(arg[0]) && !aslist(arg[0]))
			return mp_error(vm, file, x->line, "len() of a value without length");
		r.t = V_INT;
		r.u.i = (long)(asstr(arg[0]) ? asstr(arg[0])->len : aslist(arg[0])->len);
	} else if (strcmp(name, "append") == 0 && x->n == 2) {
		if (!(l = aslist(arg[0])))
			return mp_error(vm, file, x->line, "append() to a value that is not a list");
		if (l->len == l->cap) {
			size_t cap = l->cap ? 2 * l->cap : 4;
			value *nv = realloc(l->items, cap * sizeof(*nv));
			if (!nv)
				return mp_error(vm, file, x->line, "out of memory");
			l->items = nv;
			l->cap = cap;
		}
		l->items[l->len++] = arg[1];
		r = arg[0];
	} else if (strcmp(name, "item") == 0 && x->n == 2) {
		if (!(l = aslist(arg[0])) || arg[1].t != V_INT || arg[1].u.i < 0 ||
		    (size_t)arg[1].u.i >= l->len)
			return mp_error(vm, file, x->line, "item() needs a list and an index in it");
		r = l->items[arg[1].u.i];
	} else {
		*done = 0;
		return 0;
	}
	vm->sp -= (size_t)x->n;
	return push(vm, fr, x->line, r);
}

static struct func *
resolve(minipy *vm, struct frame *fr, struct node *x)
{
	struct module *mod = fr->mod;
	const char *name = x->name, *dot = strchr(name, '.');
	int i;

	if (dot) {
		for (mod = vm->modules; mod; mod = mod->next)
			if (strlen(mod->name) == (size_t)(dot - name) &&
			    memcmp(mod->name, name, (size_t)(dot - name)) == 0)
				break;
		if (!mod) {
			mp_error(vm, fr->mod->filename, x->line, "module '%.*s' is not imported",
			         (int)(dot - name), name);
			return NULL;
		}
		name = dot + 1;
	}
	for (i = 0; i < mod->nfuncs; i++)
		if (strcmp(mod->funcs[i]->name, name) == 0)
			return mod->funcs[i];
	mp_error(vm, fr->mod->filename, x->line, "no function '%s'", x->name);
	return NULL;
}

/* runs FN with its arguments on the stack; replaces them with the result */
static int
call(minipy *vm, struct frame *caller, struct node *x, struct func *fn)
{
	struct frame fr = {fn->mod, fn, vm->sp - (size_t)x->n, fn->endline};
	value result = {V_NIL, {0}};
	int i, rc;

	if (x->n != fn->nparams)
		return mp_error(vm, caller->mod->filename, x->line, "%s() takes %d arguments, not %d",
		                fn->name, fn->nparams, x->n);
	if (vm->depth == MP_DEPTH)
		return mp_error(vm, caller->mod->filename, x->line, "calls nested too deeply");
	for (i = fn->nparams; i < fn->nlocals; i++)
		if (push(vm, caller, x->line, result) < 0)
			return -1;
	if (MINIPY_FUNCTION_ENTRY_ENABLED())
		MINIPY_FUNCTION_ENTRY(fn->mod->filename, fn->name, fn->line);
	vm->depth++;
	rc = exec(vm, &fr, fn->body, fn->nbody);
	vm->depth--;
	if (rc < 0)
		return -1;
	if (rc == 1)
		result = vm->stack[vm->sp - 1];
	if (MINIPY_FUNCTION_RETURN_ENABLED())
		MINIPY_FUNCTION_RETURN(fn->mod->filename, fn->name, fr.retline);
	vm->sp = fr.base;
	return push(vm, caller, x->line, result);
}

static int
eval(minipy *vm, struct frame *fr, struct node *x)
{
	const char *file = fr->mod->filename;
	struct list *l;
	value *g;
	int i, done;

	switch (x->kind) {
	case N_INT:
		return pushint(vm, fr, x->line, x->ival);
	case N_STR:
		return pushobj(vm, fr, x->line, mp_newstr(vm, x->name, strlen(x->name)));
	case N_LOCAL:
		return push(vm, fr, x->line, vm->stack[fr->base + (size_t)x->ival]);
	case N_GLOBAL:
		if (!(g = global(fr->mod, x->name)))
			return mp_error(vm, file, x->line, "name '%s' is not defined", x->name);
		return push(vm, fr, x->line, *g);
	case N_NEG:
		if (eval(vm, fr, x->a) < 0)
			return -1;
		if (vm->stack[vm->sp - 1].t != V_INT)
			return mp_error(vm, file, x->line, "unary '-' needs an integer");
		vm->stack[vm->sp - 1].u.i = -vm->stack[vm->sp - 1].u.i;
		return 0;
	case N_BIN:
		if (eval(vm, fr, x->a) < 0 || eval(vm, fr, x->b) < 0)
			return -1;
		return binop(vm, fr, x);
	case N_LIST:
		for (i = 0; i < x->n; i++)
			if (eval(vm, fr, x->v[i]) < 0)
				return -1;
		/* the items stay on the stack (rooted) while the list is allocated */
		if (!(l = mp_newlist(vm, (size_t)x->n)))
			return mp_error(vm, file, x->line, "out of memory");
		vm->sp -= (size_t)x->n;
		if (x->n)
			memcpy(l->items, &vm->stack[vm->sp], (size_t)x->n * sizeof(value));
		l->len = (size_t)x->n;
		return pushobj(vm, fr, x->line, l);
	case N_CALL:
		for (i = 0; i < x->n; i++)
			if (eval(vm, fr, x->v[i]) < 0)
				return -1;
		if (!x->fn) {
			if (builtin(vm, fr, x, &done) < 0 || done)
				return done ? 0 : -1;
			if (!(x->fn = resolve(vm, fr, x)))
				return -1;
		}
		return call(vm, fr, x, x->fn);
	}
	return mp_error(vm, file, x->line, "bad expression");
}

static int import(minipy *vm, struct frame *fr, struct node *x);

/* 0: done; 1: returned, the value on top of the stack; -1: error */
static int
exec(minipy *vm, struct frame *fr, struct node **body, int n)
{
	const char *file = fr->mod->filename;
	int i, rc;

	for (i = 0; i < n; i++) {
		struct node *x = body[i];
		if (MINIPY_LINE_ENABLED())
			MINIPY_LINE(file, funcname(fr), x->line);
		switch (x->kind) {
		case S_EXPR:
			if (eval(vm, fr, x->a) < 0)
				return -1;
			vm->sp--;
			break;
		case S_SETLOCAL:
			if (eval(vm, fr, x->a) < 0)
				return -1;
			vm->stack[fr->base + (size_t)x->ival] = vm->stack[--vm->sp];
			break;
		case S_SETGLOBAL:
			if (eval(vm, fr, x->a) < 0 ||
			    setglobal(vm, fr, x->line, x->name, vm->stack[vm->sp - 1]) < 0)
				return -1;
			vm->sp--;
			break;
		case S_IF:
			if (eval(vm, fr, x->a) < 0)
				return -1;
			vm->sp--;
			rc = truth(vm->stack[vm->sp]) ? exec(vm, fr, x->v, x->n)
			                               : exec(vm, fr, x->w, x->m);
			if (rc != 0)
				return rc;
			break;
		case S_WHILE:
			for (;;) {
				if (eval(vm, fr, x->a) < 0)
					return -1;
				if (!truth(vm->stack[--vm->sp]))
					break;
				if ((rc = exec(vm, fr, x->v, x->n)) != 0)
					return rc;
			}
			break;
		case S_RETURN:
			if (x->a ? eval(vm, fr, x->a) : push(vm, fr, x->line, (value){V_NIL, {0}}))
				return -1;
			fr->retline = x->line;
			return 1;
		case S_PRINT:
			/* as in Python, every item is evaluated before anything is printed */
			for (rc = 0; rc < x->n; rc++)
				if (eval(vm, fr, x->v[rc]) < 0)
					return -1;
			vm->sp -= (size_t)x->n;
			for (rc = 0; rc < x->n; rc++) {
				if (rc)
					putchar(' ');
				print(stdout, vm->stack[vm->sp + (size_t)rc]);
			}
			putchar('\n');
			break;
		case S_IMPORT:
			if (import(vm, fr, x) < 0)
				return -1;
			break;
		}
	}
	return 0;
}

static char *
readfile(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *nb;
	size_t len = 0, cap = 0, r;

	if (!f)
		return NULL;
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 8192;
			if (!(nb = realloc(buf, cap + 1))) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + len, 1, cap - len, f);
		len += r;
	} while (r > 0);
	if (ferror(f)) {
		free(buf);
		buf = NULL;
	} else {
		buf[len] = '\0';
	}
	fclose(f);
	return buf;
}

/* loads FILENAME as module NAME and runs its top-level code */
static int
load(minipy *vm, const char *name, const char *filename, char *src)
{
	struct module *mod = calloc(1, sizeof(*mod));
	struct frame fr;
	int rc;

	if (!mod || !(mod->name = mp_strdup(vm, name, strlen(name))) ||
	    !(mod->filename = mp_strdup(vm, filename, strlen(filename)))) {
		if (mod)
			free(mod->name);
		free(mod);
		snprintf(vm->err, sizeof(vm->err), "out of memory");
		return -1;
	}
	mod->next = vm->modules;
	vm->modules = mod;
	if (mp_parse(vm, mod, src) < 0)
		return -1;
	fr = (struct frame){mod, NULL, vm->sp, mod->endline};
	if (MINIPY_FUNCTION_ENTRY_ENABLED())
		MINIPY_FUNCTION_ENTRY(mod->filename, MAIN_FUNC, 1);
	rc = exec(vm, &fr, mod->body, mod->nbody);
	if (MINIPY_FUNCTION_RETURN_ENABLED())
		MINIPY_FUNCTION_RETURN(mod->filename, MAIN_FUNC, fr.retline);
	return rc;
}

/* "import NAME": NAME.mpy, next to the importing file */
static int
import(minipy *vm, struct frame *fr, struct node *x)
{
	const char *from = fr->mod->filename, *slash = strrchr(from, '/');
	struct module *m;
	char path[4096];
	char *src;
	int rc;

	for (m = vm->modules; m; m = m->next)
		if (strcmp(m->name, x->name) == 0)
			return 0;
	MINIPY_IMPORT_FIND_LOAD_START(x->name);
	snprintf(path, sizeof(path), "%.*s%s.mpy", slash ? (int)(slash - from + 1) : 0, from,
	         x->name);
	src = readfile(path);
	MINIPY_IMPORT_FIND_LOAD_DONE(x->name, src != NULL);
	if (!src)
		return mp_error(vm, from, x->line, "no module named '%s'", x->name);
	rc = load(vm, x->name, path, src);
	free(src);
	return rc;
}

minipy *
minipy_new(void)
{
	minipy *vm = calloc(1, sizeof(*vm));

	if (vm && !(vm->stack = malloc(MP_STACK * sizeof(value)))) {
		free(vm);
		vm = NULL;
	}
	return vm;
}

int
minipy_run_file(minipy *vm, const char *path)
{
	char *src = readfile(path);
	int rc;

	vm->err[0] = '\0';
	if (!src) {
		snprintf(vm->err, sizeof(vm->err), "cannot read '%s'", path);
		return -1;
	}
	rc = load(vm, "__main__", path, src);
	free(src);
	vm->sp = 0;
	return rc < 0 ? -1 : 0;
}

const char *
minipy_error(const minipy *vm)
{
	return vm->err;
}

void
minipy_free(minipy *vm)
{
	struct module *m, *next;

	if (!vm)
		return;
	mp_freeall(vm);
	for (m = vm->modules; m; m = next) {
		next = m->next;
		mp_module_free(m);
	}
	free(vm->stack);
	free(vm);
}

const char *
minipy_version(void)
{
	return "1.0";
}
