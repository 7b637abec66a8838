/* chklib.c: more probes of check.d, for the library half of the shared layout */
#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>
#include "chk.h"

static struct item it = {3};

void lib_work(int n);

void
lib_work(int n)
{
	size_t sz = (size_t)n * 8;
	ssize_t ssz = -(ssize_t)n;
	int64_t i64 = (int64_t)n << 40;
	uint32_t u32 = (uint32_t)n;
	off_t off = (off_t)n * 4096;
	item_t id = (item_t)it.id;
	enum mode mode = n > 2 ? MODE_B : MODE_A;

	CHK_SIZES(sz, ssz, i64, u32, off);
	CHK_ITEM(&it, id, mode, "item");
}
