/* SPDX-License-Identifier: MIT */
/* gc.c: minipy's heap objects and its generational mark-and-sweep collector */
#include <stdlib.h>
#include <string.h>

#include "mp.h"
#include "minipy_probes.h"

/*
 * As in CPython, objects are born in generation 0; a collection of
 * generation G frees the unreachable objects of generations 0..G and moves
 * the survivors one generation up. Generation 0 is collected once it holds
 * THRESHOLD0 objects, generation 1 every 10th time, generation 2 every 10th
 * collection of generation 1. Objects of generations older than G count as
 * roots (they may point at younger ones), with the value stack (locals and
 * temporaries) and the modules' globals.
 */
#define THRESHOLD0 700
#define THRESHOLD12 10

struct marker {
	struct obj **v;
	size_t n, cap;
	int failed;
};

static void
push(struct marker *mk, value v)
{
	struct obj *o = v.t == V_OBJ ? v.u.o : NULL;

	if (!o || o->mark)
		return;
	o->mark = 1;
	if (o->type != O_LIST)
		return;
	if (mk->n == mk->cap) {
		size_t cap = mk->cap ? 2 * mk->cap : 256;
		struct obj **nv = realloc(mk->v, cap * sizeof(*nv));
		if (!nv) {
			/* cannot trace further: keep everything rather than free live objects */
			mk->failed = 1;
			return;
		}
		mk->v = nv;
		mk->cap = cap;
	}
	mk->v[mk->n++] = o;
}

static void
trace(struct marker *mk)
{
	while (mk->n > 0) {
		struct list *l = (struct list *)mk->v[--mk->n];
		size_t i;
		for (i = 0; i < l->len; i++)
			push(mk, l->items[i]);
	}
}

static void
freeobj(struct obj *o)
{
	if (o->type == O_LIST)
		free(((struct list *)o)->items);
	free(o);
}

long
mp_collect(minipy *vm, int gen)
{
	struct marker mk = {NULL, 0, 0, 0};
	struct module *m;
	struct obj *o, *next, *keep = NULL;
	int g, up = gen + 1 < MP_NGEN ? gen + 1 : gen;
	long collected = 0;
	size_t i;

	MINIPY_GC_START(gen);
	for (i = 0; i < vm->sp; i++)
		push(&mk, vm->stack[i]);
	for (m = vm->modules; m; m = m->next)
		for (i = 0; i < (size_t)m->nglobals; i++)
			push(&mk, m->gvals[i]);
	for (g = gen + 1; g < MP_NGEN; g++)
		for (o = vm->gens[g]; o; o = o->next) {
			o->mark = 0;
			push(&mk, (value){V_OBJ, {.o = o}});
		}
	trace(&mk);
	free(mk.v);

	for (g = 0; g <= gen; g++) {
		for (o = vm->gens[g]; o; o = next) {
			next = o->next;
			if (o->mark || mk.failed) {
				o->next = keep;
				keep = o;
			} else {
				freeobj(o);
				collected++;
			}
		}
		vm->gens[g] = NULL;
		vm->counts[g] = 0;
	}
	/* survivors move up a generation */
	for (o = keep; o; o = next) {
		next = o->next;
		o->gen = (unsigned char)up;
		o->next = vm->gens[up];
		vm->gens[up] = o;
		vm->counts[up]++;
	}
	for (g = 0; g < MP_NGEN; g++)
		for (o = vm->gens[g]; o; o = o->next)
			o->mark = 0;

	if (gen < 2)
		vm->collections[gen]++;
	for (g = 0; g < gen && g < 2; g++)
		vm->collections[g] = 0;
	MINIPY_GC_DONE(collected);
	return collected;
}

static void *
alloc(minipy *vm, size_t size, int type)
{
	struct obj *o;

	if (vm->counts[0] >= THRESHOLD0) {
		int gen = 0;
		if (vm->collections[0] >= THRESHOLD12)
			gen = vm->collections[1] >= THRESHOLD12 ? 2 : 1;
		mp_collect(vm, gen);
	}
	if (!(o = calloc(1, size)))
		return NULL;
	o->type = (unsigned char)type;
	o->next = vm->gens[0];
	vm->gens[0] = o;
	vm->counts[0]++;
	return o;
}

struct str *
mp_newstr(minipy *vm, const char *s, size_t len)
{
	struct str *x = alloc(vm, sizeof(*x) + len + 1, O_STR);

	if (!x)
		return NULL;
	x->len = len;
	memcpy(x->s, s, len);
	x->s[len] = '\0';
	return x;
}

struct list *
mp_newlist(minipy *vm, size_t cap)
{
	struct list *x = alloc(vm, sizeof(*x), O_LIST);

	if (!x)
		return NULL;
	if (cap && !(x->items = malloc(cap * sizeof(value))))
		return NULL; /* freed by the next collection */
	x->cap = cap;
	return x;
}

void
mp_freeall(minipy *vm)
{
	struct obj *o, *next;
	int g;

	for (g = 0; g < MP_NGEN; g++) {
		for (o = vm->gens[g]; o; o = next) {
			next = o->next;
			freeobj(o);
		}
		vm->gens[g] = NULL;
		vm->counts[g] = 0;
	}
}
