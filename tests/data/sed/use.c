/* use.c: every probe of edits.d, with const and non-const pointers, as
 * GLib passes 'const gchar *' to a 'char *' argument; P_ is the macro
 * prefix (EDITS_ unless a sed renamed it) */
#include EDITS_HEADER

struct edits_obj {
	int x;
};

#define CAT(a, b) CAT_(a, b)
#define CAT_(a, b) a##b

int use(const char *name, char *mut, const void *data, char **argv, const struct edits_obj *o);

int
use(const char *name, char *mut, const void *data, char **argv, const struct edits_obj *o)
{
	unsigned char bytes[4] = {0};
	void *raw = mut;

	if (CAT(P_, TEXT_ENABLED)())
		CAT(P_, TEXT)(name, name, mut);
	CAT(P_, BLOB)(raw, data, 4UL);
	CAT(P_, BLOB)(data, raw, sizeof(bytes));
	CAT(P_, VEC)(argv, 1);
	CAT(P_, OBJ)(o, bytes);
	CAT(P_, NONE)();
	return o->x;
}
