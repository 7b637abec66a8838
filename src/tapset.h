/* SPDX-License-Identifier: MIT */
/* tapset.h: a SystemTap tapset: one probe alias per probe of a provider file */
#ifndef SDTKIT_TAPSET_H
#define SDTKIT_TAPSET_H

#include "bpftrace.h"

/*
 * Append to out the tapset for the probes of m that the binaries of f
 * carry. Returns 0, or -1 when they carry none of them.
 */
int tapset(const struct model *m, const struct tracerfile *f, struct buf *out);

#endif
