/* dead() is called by nothing: --gc-sections would discard it */
#include "sites.h"
int dead(int x);
int live(int x);
__attribute__((noinline, visibility("hidden"))) int dead(int x)
{
	HIT(x);
	NONE();
	return x * 3 + 1;
}
__attribute__((noinline)) int live(int x)
{
	HIT(x);
	MANY(x);
	return x * 5 + 2;
}
