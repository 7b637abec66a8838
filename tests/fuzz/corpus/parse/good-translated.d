provider x {
	probe p(struct xreq *a, int b) : (xlated_t *a, int b, int c, int d);
	probe q(int b, char *s) : (string s, int b);
};
