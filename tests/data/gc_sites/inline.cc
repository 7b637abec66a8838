// an inline function (a COMDAT group) called only from a function nothing calls
#include "sites.h"
inline int twice(int x)
{
	HIT(x);
	return x * 2;
}
__attribute__((noinline)) int unused(int x)
{
	return twice(x) + 1;
}
__attribute__((noinline)) int used(int x)
{
	HIT(x);
	return x + 1;
}
int main(int argc, char **)
{
	return used(argc) == 0;
}
