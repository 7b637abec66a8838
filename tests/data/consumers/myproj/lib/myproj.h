/* myproj.h: the library of the build-system test consumer */
#ifndef MYPROJ_H
#define MYPROJ_H

/* runs function name: fires myproj:function__entry and myproj:tick */
int myproj_run(const char *name);

#endif
