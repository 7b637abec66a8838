/* stale.d: an older check.d, which a stale generated header still follows */
provider chk {
	probe value(int, unsigned short, double, float);
	probe done(int);
};
