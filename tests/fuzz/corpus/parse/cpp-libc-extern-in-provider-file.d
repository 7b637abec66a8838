#include <stdlib.h>
extern int helper(int);
provider app {
	probe start(int);
};
