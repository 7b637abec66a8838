/* SPDX-License-Identifier: MIT */
/* parse.c: minipy's line-oriented lexer and recursive-descent parser */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp.h"

/*
 * A program is a sequence of statements, one per line:
 *
 *   import NAME                  def NAME(PARAM, ...) ... end
 *   if EXPR ... [else ...] end   while EXPR ... end
 *   return [EXPR]                print EXPR, ...
 *   NAME = EXPR                  EXPR
 *
 * Expressions: integers, "strings", [lists], NAME, NAME(ARGS) and
 * MODULE.NAME(ARGS) calls, unary -, * / %, + -, and one comparison
 * (== != < <= > >=). A name assigned in a function is local from its first
 * assignment on; other names are the module's globals.
 */

enum { T_EOF, T_NL, T_NAME, T_INT, T_STR, T_OP };

struct parser {
	minipy *vm;
	struct module *mod;
	struct func *fn; /* the function being parsed, or NULL */
	const char *p;
	int line;
	/* the current token */
	int tok, op, tokline;
	long ival;
	char text[256];
};

static int
perr(struct parser *ps, const char *msg)
{
	return mp_error(ps->vm, ps->mod->filename, ps->tokline, "%s", msg);
}

static int
lex(struct parser *ps)
{
	const char *p = ps->p;
	size_t n = 0;

	while (*p == ' ' || *p == '\t' || *p == '\r')
		p++;
	if (*p == '#')
		while (*p && *p != '\n')
			p++;
	ps->tokline = ps->line;
	if (!*p) {
		ps->tok = T_EOF;
	} else if (*p == '\n') {
		ps->tok = T_NL;
		ps->line++;
		p++;
	} else if (isdigit((unsigned char)*p)) {
		ps->tok = T_INT;
		ps->ival = strtol(p, (char **)&p, 10);
	} else if (isalpha((unsigned char)*p) || *p == '_') {
		ps->tok = T_NAME;
		while (isalnum((unsigned char)*p) || *p == '_' || *p == '.') {
			if (n + 1 >= sizeof(ps->text))
				return perr(ps, "name too long");
			ps->text[n++] = *p++;
		}
		ps->text[n] = '\0';
	} else if (*p == '"') {
		ps->tok = T_STR;
		for (p++; *p != '"'; p++) {
			char c = *p;
			if (!c || c == '\n')
				return perr(ps, "unterminated string");
			if (c == '\\') {
				c = *++p;
				c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
				if (!c)
					return perr(ps, "unterminated string");
			}
			if (n + 1 >= sizeof(ps->text))
				return perr(ps, "string too long");
			ps->text[n++] = c;
		}
		ps->text[n] = '\0';
		p++;
	} else {
		static const char two[][3] = {"==", "!=", "<=", ">="};
		int i;
		ps->tok = T_OP;
		ps->op = (unsigned char)*p++;
		for (i = 0; i < 4; i++)
			if (p[-1] == two[i][0] && *p == two[i][1]) {
				ps->op = MP_EQ + i;
				p++;
				break;
			}
		if (ps->op < MP_EQ && !strchr("()[],=<>+-*/%", ps->op))
			return perr(ps, "unexpected character");
	}
	ps->p = p;
	return 0;
}

static int
isop(struct parser *ps, int op)
{
	return ps->tok == T_OP && ps->op == op;
}

static int
iskw(struct parser *ps, const char *kw)
{
	return ps->tok == T_NAME && strcmp(ps->text, kw) == 0;
}

static int
expect(struct parser *ps, int op, const char *what)
{
	char msg[64];

	if (isop(ps, op))
		return lex(ps);
	snprintf(msg, sizeof(msg), "expected %s", what);
	return perr(ps, msg);
}

static int
endline(struct parser *ps)
{
	if (ps->tok == T_NL)
		return lex(ps);
	if (ps->tok == T_EOF)
		return 0;
	return perr(ps, "expected the end of the line");
}

static int
append(struct parser *ps, struct node ***v, int *n, struct node *x)
{
	struct node **nv = realloc(*v, (size_t)(*n + 1) * sizeof(**v));

	if (!nv)
		return mp_error(ps->vm, ps->mod->filename, ps->tokline, "out of memory");
	nv[(*n)++] = x;
	*v = nv;
	return 0;
}

static struct node *
newnode(struct parser *ps, int kind, int line)
{
	struct node *x = calloc(1, sizeof(*x));

	if (!x) {
		mp_error(ps->vm, ps->mod->filename, line, "out of memory");
		return NULL;
	}
	x->kind = kind;
	x->line = line;
	return x;
}

static int
localslot(struct func *fn, const char *name)
{
	int i;

	for (i = 0; fn && i < fn->nlocals; i++)
		if (strcmp(fn->locals[i], name) == 0)
			return i;
	return -1;
}

static int
addlocal(struct parser *ps, const char *name)
{
	struct func *fn = ps->fn;
	char **nl = realloc(fn->locals, (size_t)(fn->nlocals + 1) * sizeof(*nl));

	if (!nl)
		return perr(ps, "out of memory");
	fn->locals = nl;
	if (!(nl[fn->nlocals] = mp_strdup(ps->vm, name, strlen(name))))
		return -1;
	return fn->nlocals++;
}

static struct node *expr(struct parser *ps);

/* parses "(x, y, ...)" or "[x, y, ...]" into X's list */
static int
items(struct parser *ps, struct node *x, int close)
{
	struct node *e;

	if (lex(ps) < 0)
		return -1;
	while (!isop(ps, close)) {
		if (!(e = expr(ps)) || append(ps, &x->v, &x->n, e) < 0)
			return -1;
		if (!isop(ps, close) && expect(ps, ',', "',' or a closing bracket") < 0)
			return -1;
	}
	return lex(ps);
}

static struct node *
primary(struct parser *ps)
{
	struct node *x = NULL;
	int line = ps->tokline, slot;

	if (ps->tok == T_INT || ps->tok == T_STR) {
		if (!(x = newnode(ps, ps->tok == T_INT ? N_INT : N_STR, line)))
			return NULL;
		x->ival = ps->ival;
		if (ps->tok == T_STR && !(x->name = mp_strdup(ps->vm, ps->text, strlen(ps->text))))
			return NULL;
		return lex(ps) < 0 ? NULL : x;
	}
	if (isop(ps, '(')) {
		if (lex(ps) < 0 || !(x = expr(ps)) || expect(ps, ')', "')'") < 0)
			return NULL;
		return x;
	}
	if (isop(ps, '[')) {
		if (!(x = newnode(ps, N_LIST, line)) || items(ps, x, ']') < 0)
			return NULL;
		return x;
	}
	if (ps->tok != T_NAME) {
		perr(ps, "expected an expression");
		return NULL;
	}
	if (!(x = newnode(ps, N_GLOBAL, line)) ||
	    !(x->name = mp_strdup(ps->vm, ps->text, strlen(ps->text))) || lex(ps) < 0)
		return NULL;
	if (isop(ps, '(')) {
		x->kind = N_CALL;
		return items(ps, x, ')') < 0 ? NULL : x;
	}
	if (strchr(x->name, '.')) {
		perr(ps, "only functions are reached through a module name");
		return NULL;
	}
	if ((slot = localslot(ps->fn, x->name)) >= 0) {
		x->kind = N_LOCAL;
		x->ival = slot;
	}
	return x;
}

static struct node *
unary(struct parser *ps)
{
	struct node *x;
	int line = ps->tokline;

	if (!isop(ps, '-'))
		return primary(ps);
	if (lex(ps) < 0 || !(x = newnode(ps, N_NEG, line)) || !(x->a = unary(ps)))
		return NULL;
	return x;
}

/* a left-associative level of binary operators OPS over operands SUB */
static struct node *
binary(struct parser *ps, const int *ops, struct node *(*sub)(struct parser *), int once)
{
	struct node *x = sub(ps), *b;
	int i;

	while (x && ps->tok == T_OP) {
		for (i = 0; ops[i] && ops[i] != ps->op; i++)
			;
		if (!ops[i])
			break;
		if (!(b = newnode(ps, N_BIN, ps->tokline)))
			return NULL;
		b->op = ps->op;
		b->a = x;
		if (lex(ps) < 0 || !(b->b = sub(ps)))
			return NULL;
		x = b;
		if (once)
			break;
	}
	return x;
}

static struct node *
mul(struct parser *ps)
{
	static const int ops[] = {'*', '/', '%', 0};
	return binary(ps, ops, unary, 0);
}

static struct node *
add(struct parser *ps)
{
	static const int ops[] = {'+', '-', 0};
	return binary(ps, ops, mul, 0);
}

static struct node *
expr(struct parser *ps)
{
	static const int ops[] = {MP_EQ, MP_NE, '<', MP_LE, '>', MP_GE, 0};
	return binary(ps, ops, add, 1);
}

static int block(struct parser *ps, struct node ***v, int *n, int nested);

/* "if"/"while" EXPR NL BODY ["else" NL BODY] "end" */
static int
compound(struct parser *ps, struct node *x)
{
	int iswhile = x->kind == S_WHILE;

	if (lex(ps) < 0 || !(x->a = expr(ps)) || endline(ps) < 0 || block(ps, &x->v, &x->n, 1) < 0)
		return -1;
	if (iskw(ps, "else")) {
		if (iswhile)
			return perr(ps, "'else' without 'if'");
		if (lex(ps) < 0 || endline(ps) < 0 || block(ps, &x->w, &x->m, 1) < 0)
			return -1;
	}
	if (!iskw(ps, "end"))
		return perr(ps, "expected 'end'");
	return lex(ps) < 0 ? -1 : endline(ps);
}

static int
def(struct parser *ps)
{
	struct module *mod = ps->mod;
	struct func *fn, **nf;

	if (ps->fn)
		return perr(ps, "functions are defined at the top level only");
	if (!(fn = calloc(1, sizeof(*fn))) ||
	    !(nf = realloc(mod->funcs, (size_t)(mod->nfuncs + 1) * sizeof(*nf)))) {
		free(fn);
		return perr(ps, "out of memory");
	}
	mod->funcs = nf;
	nf[mod->nfuncs++] = fn;
	fn->mod = mod;
	fn->line = ps->tokline;
	if (lex(ps) < 0)
		return -1;
	if (ps->tok != T_NAME || strchr(ps->text, '.'))
		return perr(ps, "expected a function name");
	if (!(fn->name = mp_strdup(ps->vm, ps->text, strlen(ps->text))) || lex(ps) < 0 ||
	    expect(ps, '(', "'('") < 0)
		return -1;
	ps->fn = fn;
	while (!isop(ps, ')')) {
		if (ps->tok != T_NAME || localslot(fn, ps->text) >= 0)
			return perr(ps, "expected a new parameter name");
		if (addlocal(ps, ps->text) < 0 || lex(ps) < 0)
			return -1;
		fn->nparams++;
		if (!isop(ps, ')') && expect(ps, ',', "',' or ')'") < 0)
			return -1;
	}
	if (lex(ps) < 0 || endline(ps) < 0 || block(ps, &fn->body, &fn->nbody, 1) < 0)
		return -1;
	if (!iskw(ps, "end"))
		return perr(ps, "expected 'end'");
	fn->endline = ps->tokline;
	ps->fn = NULL;
	return lex(ps) < 0 ? -1 : endline(ps);
}

static struct node *
statement(struct parser *ps)
{
	struct node *x;
	int line = ps->tokline;

	if (iskw(ps, "if") || iskw(ps, "while")) {
		if (!(x = newnode(ps, iskw(ps, "if") ? S_IF : S_WHILE, line)))
			return NULL;
		return compound(ps, x) < 0 ? NULL : x;
	}
	if (iskw(ps, "return")) {
		if (!ps->fn) {
			perr(ps, "'return' outside a function");
			return NULL;
		}
		if (!(x = newnode(ps, S_RETURN, line)) || lex(ps) < 0)
			return NULL;
		if (ps->tok != T_NL && ps->tok != T_EOF && !(x->a = expr(ps)))
			return NULL;
		return endline(ps) < 0 ? NULL : x;
	}
	if (iskw(ps, "print")) {
		if (!(x = newnode(ps, S_PRINT, line)) || lex(ps) < 0)
			return NULL;
		while (ps->tok != T_NL && ps->tok != T_EOF) {
			struct node *e = expr(ps);
			if (!e || append(ps, &x->v, &x->n, e) < 0)
				return NULL;
			if (ps->tok != T_NL && ps->tok != T_EOF && expect(ps, ',', "','") < 0)
				return NULL;
		}
		return endline(ps) < 0 ? NULL : x;
	}
	if (iskw(ps, "import")) {
		if (!(x = newnode(ps, S_IMPORT, line)) || lex(ps) < 0)
			return NULL;
		if (ps->tok != T_NAME || strchr(ps->text, '.')) {
			perr(ps, "expected a module name");
			return NULL;
		}
		if (!(x->name = mp_strdup(ps->vm, ps->text, strlen(ps->text))) || lex(ps) < 0)
			return NULL;
		return endline(ps) < 0 ? NULL : x;
	}
	if (ps->tok == T_NAME) {
		/* NAME '=' is an assignment: look one token ahead */
		struct parser save = *ps;
		char name[sizeof(ps->text)];
		int slot = -1;

		memcpy(name, ps->text, sizeof(name));
		if (lex(ps) < 0)
			return NULL;
		if (isop(ps, '=')) {
			if (strchr(name, '.')) {
				perr(ps, "cannot assign to a module's name");
				return NULL;
			}
			if (!(x = newnode(ps, S_SETGLOBAL, line)) || lex(ps) < 0 || !(x->a = expr(ps)))
				return NULL;
			if (ps->fn && (slot = localslot(ps->fn, name)) < 0 && (slot = addlocal(ps, name)) < 0)
				return NULL;
			if (slot >= 0) {
				x->kind = S_SETLOCAL;
				x->ival = slot;
			} else if (!(x->name = mp_strdup(ps->vm, name, strlen(name)))) {
				return NULL;
			}
			return endline(ps) < 0 ? NULL : x;
		}
		*ps = save;
	}
	if (!(x = newnode(ps, S_EXPR, line)) || !(x->a = expr(ps)))
		return NULL;
	return endline(ps) < 0 ? NULL : x;
}

/* statements up to 'end' or 'else' (NESTED) or the end of the file */
static int
block(struct parser *ps, struct node ***v, int *n, int nested)
{
	struct node *x;

	for (;;) {
		if (ps->tok == T_NL) {
			if (lex(ps) < 0)
				return -1;
			continue;
		}
		if (ps->tok == T_EOF)
			return nested ? perr(ps, "expected 'end' before the end of the file") : 0;
		if (iskw(ps, "end") || iskw(ps, "else"))
			return nested ? 0 : perr(ps, "unexpected 'end' or 'else'");
		if (iskw(ps, "def")) {
			if (def(ps) < 0)
				return -1;
			continue;
		}
		if (!(x = statement(ps)) || append(ps, v, n, x) < 0)
			return -1;
	}
}

int
mp_parse(minipy *vm, struct module *mod, const char *src)
{
	struct parser ps;

	memset(&ps, 0, sizeof(ps));
	ps.vm = vm;
	ps.mod = mod;
	ps.p = src;
	ps.line = 1;
	if (lex(&ps) < 0 || block(&ps, &mod->body, &mod->nbody, 0) < 0)
		return -1;
	/* the last line: that of the end of the file unless it ends a line */
	mod->endline = ps.line - (ps.line > 1 && ps.p[-1] == '\n');
	return 0;
}

static void
freenodes(struct node **v, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		struct node *x = v[i];
		if (!x)
			continue;
		free(x->name);
		freenodes(&x->a, 1);
		freenodes(&x->b, 1);
		freenodes(x->v, x->n);
		freenodes(x->w, x->m);
		free(x->v);
		free(x->w);
		free(x);
	}
}

void
mp_module_free(struct module *mod)
{
	int i, j;

	for (i = 0; i < mod->nfuncs; i++) {
		struct func *fn = mod->funcs[i];
		free(fn->name);
		for (j = 0; j < fn->nlocals; j++)
			free(fn->locals[j]);
		free(fn->locals);
		freenodes(fn->body, fn->nbody);
		free(fn->body);
		free(fn);
	}
	for (i = 0; i < mod->nglobals; i++)
		free(mod->gnames[i]);
	freenodes(mod->body, mod->nbody);
	free(mod->body);
	free(mod->funcs);
	free(mod->gnames);
	free(mod->gvals);
	free(mod->name);
	free(mod->filename);
	free(mod);
}
