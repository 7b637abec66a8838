provider f {
	probe m(float ratio, double mean, const double d, long double ld, float *p, int n);
};
