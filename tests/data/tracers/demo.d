/*
 * demo.d: every kind of argument the tracer-side files decode, and
 * documentation comments in every shape (tests/integration/tracers.sh,
 * tests/cases/doc-*.case)
 */
typedef unsigned int demo_flags_t;

/**
 * The demo provider: one probe per kind of argument.
 *
 * Each fires once from `demo.c`; markup such as <b>, *stars* and a|b is text.
 */
provider demo {
	/** a request starts: `path` is the text, `ctx` an address */
	probe request__start(const char *path, int id, unsigned long long bytes, void *ctx);
	/** integers of every width and signedness; `flags` is a typedef */
	probe widths(signed char a, short b, int c, long d, unsigned char e, demo_flags_t flags);
	probe unnamed(int, char *, unsigned short);
	/**
	 * a double: bpftrace 0.17 cannot read it
	 *
	 * - the note says 8f@
	 * - 'sdtkit header --floats=bits' passes its bits
	 */
	probe ratio(double r);
	/** seven arguments: bpftrace 0.17 reads six */
	probe many(int a1, int a2, int a3, int a4, int a5, int a6, int a7);
	probe empty();
	/** declared, but demo.c never places it */
	probe missing(int x);
	/** names SystemTap reserves: global, next, limit */
	probe reserved(int global, _Bool next, string limit);
};
