/* chk.h: the types check.d names but does not define, then the generated header */
#ifndef CHK_H
#define CHK_H
struct item {
	int id;
};
typedef unsigned int item_t;
enum mode { MODE_A, MODE_B };
#include "check_probes.h"
#endif
