/* SPDX-License-Identifier: MIT */
/* elfpeek.h: the probe reader's layer 4 of 5: a file without probes, from its headers alone */
#ifndef SDTKIT_ELFPEEK_H
#define SDTKIT_ELFPEEK_H

#include "elfnotes.h"

/*
 * Fill info for the ELF file at path from its headers when it has no
 * probes and is sound as far as the full reader would look (it would then
 * say the same); -1 when the full reader must read it.
 */
int elfpeek(const char *path, struct sdtmodinfo *info);

#endif
