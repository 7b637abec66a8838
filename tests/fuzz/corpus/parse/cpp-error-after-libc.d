#include <stdlib.h>
#include <unistd.h>

provider app {
	probe start(int);
	probe stop(int x y);
};
