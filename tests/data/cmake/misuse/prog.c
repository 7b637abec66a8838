#include "p_probes.h"
int main(void) { P_TICK(1); return 0; }
