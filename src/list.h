/* list.h: the 'list' command: the probe sites of ELF files, archives and processes */
#ifndef SDTKIT_LIST_H
#define SDTKIT_LIST_H

/* sdtkit list [--format=table|notes|json] [-P PROVIDER] [-p PID] [FILE...]; exit status */
int cmd_list(int argc, char **argv);

#endif
