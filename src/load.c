/* SPDX-License-Identifier: MIT */
/* load.c: reading a provider file into the model, through the preprocessor when asked */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "load.h"
#include "util.h"

void
printdiag(void *ctx, enum severity sev, const struct pos *pos, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "%s:%u:%u: %s: %s\n", pos->file, pos->line, pos->col,
	        sev == SEV_ERROR ? "error" : "warning", msg);
}

int
loadmodel(const char *path, const struct loadopts *o, struct model *m, diagfn *diag, void *ctx)
{
	struct buf src = {0};
	int rc;

	if (o->cpp) {
		struct stat st;

		/* the preprocessor's own message for a missing file is not ours to rely on */
		if (stat(path, &st) < 0 || (S_ISDIR(st.st_mode) && (errno = EISDIR))) {
			warn("cannot read '%s':", path);
			return -1;
		}
		if (runcpp(path, &o->cppopts, &src) < 0) {
			buffree(&src);
			return -1;
		}
	} else if (readfile(path, &src) < 0) {
		warn("cannot read '%s':", path);
		buffree(&src);
		return -1;
	}
	rc = parse(path, src.s ? src.s : "", src.len, o->flags | (o->cpp ? PARSE_CPP : 0), m, diag,
	           ctx);
	buffree(&src);
	return rc;
}

int
loadoption(struct loadopts *o, int argc, char **argv, int *i, const char **opt)
{
	static const char *const names[] = {"-I", "-D", "-U"};
	const char *v;
	size_t k;
	int missing = 0;

	if (strcmp(argv[*i], "-C") == 0) {
		o->cpp = 1;
		return 1;
	}
	for (k = 0; k < LEN(names); k++) {
		v = optvalue(argc, argv, i, names[k], &missing);
		if (missing) {
			*opt = names[k];
			return -1;
		}
		if (v) {
			cppadd(&o->cppopts, names[k], v);
			return 1;
		}
	}
	return 0;
}

void
loadfree(struct loadopts *o)
{
	cppfree(&o->cppopts);
}
