/* clang -flto=thin inlines work() into main(): its own copy is dead */
#include "sites.h"
int work(int x);
int work(int x)
{
	HIT(x);
	return x * 3 + 1;
}
