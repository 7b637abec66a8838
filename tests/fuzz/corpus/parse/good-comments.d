/*
 * provider fake { probe no(); };   (inside a comment: not a provider)
 */
// provider fake2 { probe no(); };
provider /* name */ c // the provider
{
	probe a(int /* count */, char * // a pointer
		name);
	probe b(void /* nothing */);
	probe c( /* */ ) ; // empty
	/* probe d(); */
};
/* trailing */
