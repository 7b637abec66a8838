/* SPDX-License-Identifier: MIT */
/* check.h: the 'check' command: a provider file against the probe sites of ELF files */
#ifndef SDTKIT_CHECK_H
#define SDTKIT_CHECK_H

/* sdtkit check PROVIDER.d FILE...; exit status (0 clean, 1 problems or errors, 2 usage) */
int cmd_check(int argc, char **argv);

#endif
