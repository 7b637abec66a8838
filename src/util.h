/* SPDX-License-Identifier: MIT */
/* util.h: diagnostics, checked allocation, growable buffers and safe output files */
#ifndef SDTKIT_UTIL_H
#define SDTKIT_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* program name used as the prefix of driver diagnostics */
extern const char *argv0;

/* print "argv0: error: msg" to stderr; a format ending in ':' appends strerror(errno) */
void warn(const char *fmt, ...);
/* the same, as "argv0: warning: msg" */
void warnx(const char *fmt, ...);
/* warn, then exit(1) */
_Noreturn void fatal(const char *fmt, ...);

/* allocators that never return NULL (they exit on failure) */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t sz);
void *xreallocarray(void *p, size_t n, size_t sz);
/* p, an array of n elements grown only by this call, with room for one more (doubling) */
void *xgrowarray(void *p, size_t n, size_t sz);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* malloc'ed printf */
char *xasprintf(const char *fmt, ...);

/*
 * a growable byte buffer, always NUL-terminated. With a sink, it is an
 * output stream instead: whenever it would grow past 64 KiB, its contents go
 * to sink(sinkarg, s, len) and it starts over; bufflush passes on the rest.
 * A failing sink (returning -1) sets sinkerr and later output is dropped.
 */
struct buf {
	char *s;
	size_t len, cap;
	int (*sink)(void *arg, const char *s, size_t len);
	void *sinkarg;
	int sinkerr;
};
void bufgrow(struct buf *b, size_t n);
void bufadd(struct buf *b, const char *s, size_t n);
void bufputs(struct buf *b, const char *s);
void bufputc(struct buf *b, int c);
void bufprintf(struct buf *b, const char *fmt, ...);
void bufvprintf(struct buf *b, const char *fmt, va_list ap);
/* pass a sink buffer's contents to its sink */
void bufflush(struct buf *b);
void buffree(struct buf *b);

/*
 * the value of option name at argv[*i]: "--name=V" or "--name V" for long
 * options, "-xV" or "-x V" for short ones (advancing *i past a separate
 * value); NULL if argv[*i] is not that option, or, setting *missing, if its
 * value is missing
 */
const char *optvalue(int argc, char **argv, int *i, const char *name, int *missing);
/* print "argv0: error: " fmt (one %s, for arg), then usage, to stderr; returns 2 */
int usageerror(const char *usage, const char *fmt, const char *arg);

/* append everything fd has to b, up to end of file; returns 0, or -1 with errno set */
int readfd(int fd, struct buf *b);
/* read a whole file (or "-" for stdin) into b; returns 0, or -1 with errno set */
int readfile(const char *path, struct buf *b);

/* the last path component, without allocation */
const char *basename_of(const char *path);

/*
 * An output file written safely: data goes to a temporary file in the
 * destination directory, which replaces the destination only on commit.
 */
struct outfile {
	char *path;
	char *tmp;   /* NULL when writing straight to a device or FIFO */
	int fd;
};
/*
 * create the temporary for path (beside the file a symbolic link names);
 * a device or FIFO such as /dev/null or /dev/stdout is written directly.
 * Returns 0, or -1 after a diagnostic.
 */
int outopen(struct outfile *o, const char *path);
/* write all of data; returns 0, or -1 after a diagnostic */
int outwrite(struct outfile *o, const void *data, size_t len);
/* fsync-free close, chmod to 0666 & ~umask and rename into place; -1 after a diagnostic */
int outcommit(struct outfile *o);
/* remove the temporary; safe to call after a failed commit */
void outabort(struct outfile *o);
/* write a whole buffer to path safely; returns 0, or -1 after a diagnostic */
int writeout(const char *path, const char *data, size_t len);
/* remove every temporary still open (called on fatal signals and exit) */
void outcleanup(void);

#endif
