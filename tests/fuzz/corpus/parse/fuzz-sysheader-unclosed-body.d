# 1 "/usr/include/x.h" 1 3 4
static int f(void) { return (1;
