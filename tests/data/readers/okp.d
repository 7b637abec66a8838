/* okp.d: the probe of ops.c every tracer reads */
provider okp {
	probe ints(long a, long b);
};
