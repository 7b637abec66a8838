/* SPDX-License-Identifier: MIT */
/* minipy.h: the public API of the minipy interpreter library */
#ifndef MINIPY_H
#define MINIPY_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct minipy minipy;

/* a fresh interpreter, or NULL when out of memory */
minipy *minipy_new(void);
/* runs the script PATH as module __main__; 0 on success, -1 on error */
int minipy_run_file(minipy *vm, const char *path);
/* the last error, "file:line: error: message" (empty when none) */
const char *minipy_error(const minipy *vm);
/* releases the interpreter and every object it holds */
void minipy_free(minipy *vm);
/* the library's version */
const char *minipy_version(void);

#ifdef __cplusplus
}
#endif

#endif
