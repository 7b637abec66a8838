/* SPDX-License-Identifier: MIT */
/* diff.h: the 'diff' command: two versions of a probe interface, compared */
#ifndef SDTKIT_DIFF_H
#define SDTKIT_DIFF_H

/* sdtkit diff [--format=text|json] [-C ...] OLD NEW (or OLD... -- NEW...); exit status */
int cmd_diff(int argc, char **argv);

#endif
