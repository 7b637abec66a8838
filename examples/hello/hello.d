/* hello.d: the provider of the demo program */
provider hello {
	/* a greeting is about to be printed: who, and how many so far */
	probe greet(const char *who, int count);
	/* the program is done */
	probe done();
};
