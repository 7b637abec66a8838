/* SPDX-License-Identifier: MIT */
/* object.h: the semaphore object, an ELF relocatable written with libelf */
#ifndef SDTKIT_OBJECT_H
#define SDTKIT_OBJECT_H

#include <stddef.h>

#include "model.h"
#include "target.h"

enum semvis {
	SEM_HIDDEN,  /* one semaphore per shared object (the default) */
	SEM_DEFAULT, /* default visibility: shared across objects by the dynamic linker */
	SEM_NONE,    /* no semaphores at all */
};

/*
 * Write to fd a relocatable object for target t that defines, for each
 * probe of m, 'unsigned short <provider>_<probe>_semaphore' (zero, 2-byte
 * aligned, in .probes, which asks the linker for a page of its own,
 * t->pagesize), plus an empty .note.GNU-stack and, on x86-64 and aarch64,
 * a .note.gnu.property claiming IBT/SHSTK or BTI/PAC. srcname
 * names the STT_FILE symbol. Output depends only on the arguments.
 * Returns 0, or -1 with a message in err.
 */
int objectwrite(int fd, const struct model *m, const struct target *t, enum semvis vis,
                const char *srcname, char *err, size_t errlen);

#endif
