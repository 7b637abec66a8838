provider p {
#ifdef EXTRA
	probe a(int, EXTRA);
#endif
#ifdef TRACE_GC
	probe gc();
#endif
};
