/* ops.d: the probes of ops.c, as a provider file declares them */
struct pair { int a, b; };
struct big { long a, b, c; };

provider ops {
	probe freg(double d);
	probe ffreg(float f);
	probe fglob(double d);
	probe fconst(double d);
	probe pair(struct pair p);
	probe wide(long long w);
	probe big(struct big b);
	probe tls(long t);
	probe glob(long g);
	probe two(long s, double d);
	probe deref(long v);
};
