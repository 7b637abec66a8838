/* SPDX-License-Identifier: MIT */
/* util.c: diagnostics, checked allocation, growable buffers and safe output files */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

const char *argv0 = "sdtkit";

static void
vwarnkind(const char *kind, const char *fmt, va_list ap)
{
	size_t n;

	fprintf(stderr, "%s: %s: ", argv0, kind);
	vfprintf(stderr, fmt, ap);
	n = strlen(fmt);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(errno));
	fputc('\n', stderr);
}

void
warn(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	errno = e;
	vwarnkind("error", fmt, ap);
	va_end(ap);
}

void
warnx(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	errno = e;
	vwarnkind("warning", fmt, ap);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	errno = e;
	vwarnkind("error", fmt, ap);
	va_end(ap);
	outcleanup();
	exit(1);
}

const char *
optvalue(int argc, char **argv, int *i, const char *name, int *missing)
{
	const char *a = argv[*i];
	size_t n = strlen(name);

	if (strncmp(a, name, n) != 0)
		return NULL;
	if (name[1] == '-' && a[n] == '=')
		return a + n + 1;
	if (name[1] != '-' && a[n] != '\0')
		return a + n;
	if (a[n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}

int
usageerror(const char *usage, const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: error: ", argv0);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fputs(usage, stderr);
	return 2;
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		fatal("malloc:");
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (!p)
		fatal("calloc:");
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t sz)
{
	if (sz && n > (size_t)-1 / sz) {
		errno = ENOMEM;
		fatal("reallocarray:");
	}
	p = realloc(p, (n * sz) != 0 ? n * sz : 1);
	if (!p)
		fatal("realloc:");
	return p;
}

void *
xgrowarray(void *p, size_t n, size_t sz)
{
	/* the capacity is n rounded up to a power of two: full only when n is one */
	if (n & (n - 1))
		return p;
	return xreallocarray(p, n ? 2 * n : 1, sz);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	bufvprintf(&b, fmt, ap); /* which always allocates */
	va_end(ap);
	return b.s;
}

/* bytes a buffer with a sink holds before passing them on */
enum { SINK_CHUNK = 65536 };

void
bufflush(struct buf *b)
{
	if (!b->sink || b->len == 0)
		return;
	if (!b->sinkerr && b->sink(b->sinkarg, b->s, b->len) < 0)
		b->sinkerr = 1;
	b->len = 0;
	b->s[0] = '\0';
}

void
bufgrow(struct buf *b, size_t n)
{
	size_t cap;

	if (b->s && n < b->cap - b->len)
		return;
	if (b->sink && b->len > 0) {
		bufflush(b);
		if (n < b->cap)
			return;
	}
	if (n > (size_t)-1 / 2 - b->len)
		fatal("buffer too large");
	cap = b->cap ? b->cap : b->sink ? SINK_CHUNK : 64;
	while (cap < b->len + n + 1)
		cap *= 2;
	b->s = xreallocarray(b->s, cap, 1);
	b->cap = cap;
	b->s[b->len] = '\0';
}

void
bufadd(struct buf *b, const char *s, size_t n)
{
	if (!b->s || n >= b->cap - b->len)
		bufgrow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
bufputs(struct buf *b, const char *s)
{
	bufadd(b, s, strlen(s));
}

void
bufputc(struct buf *b, int c)
{
	if (!b->s || b->cap - b->len < 2)
		bufgrow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

static void
bufnum(struct buf *b, unsigned long long v, int neg)
{
	char d[24];
	size_t i = sizeof(d);

	do
		d[--i] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	if (neg)
		d[--i] = '-';
	bufadd(b, d + i, sizeof(d) - i);
}

void
bufvprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	/* format into the spare room; only a result that does not fit is formatted twice */
	bufgrow(b, 128);
	va_copy(again, ap);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	if (n < 0)
		fatal("vsnprintf:");
	if ((size_t)n >= b->cap - b->len) {
		bufgrow(b, (size_t)n);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, again);
	}
	va_end(again);
	b->len += (size_t)n;
}

void
bufprintf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	const char *p;

	va_start(ap, fmt);
	/* the generators' hot path: plain strings and numbers are formatted here, in one pass */
	for (;;) {
		if (!(p = strchr(fmt, '%')))
			p = fmt + strlen(fmt);
		bufadd(b, fmt, (size_t)(p - fmt));
		if (!*p)
			break;
		fmt = p + 2;
		if (p[1] == 's') {
			bufputs(b, va_arg(ap, const char *));
		} else if (p[1] == 'd') {
			int v = va_arg(ap, int);
			bufnum(b, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, v < 0);
		} else if (p[1] == 'u') {
			bufnum(b, va_arg(ap, unsigned), 0);
		} else if (p[1] == 'z' && p[2] == 'u') {
			bufnum(b, va_arg(ap, size_t), 0);
			fmt++;
		} else if (p[1] == 'c') {
			bufputc(b, va_arg(ap, int));
		} else if (p[1] == '%') {
			bufputc(b, '%');
		} else {
			/* anything else: stdio formats the rest, from this conversion on */
			bufvprintf(b, p, ap);
			break;
		}
	}
	va_end(ap);
}

void
buffree(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

int
readfd(int fd, struct buf *b)
{
	ssize_t n;

	for (;;) {
		bufgrow(b, 65536);
		n = read(fd, b->s + b->len, b->cap - b->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			return 0;
		b->len += (size_t)n;
		b->s[b->len] = '\0';
	}
}

int
readfile(const char *path, struct buf *b)
{
	struct stat st;
	int fd;

	if (strcmp(path, "-") == 0) {
		fd = 0;
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
		if (fd < 0)
			return -1;
		if (fstat(fd, &st) < 0)
			goto err;
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			goto err;
		}
		if (!S_ISREG(st.st_mode)) {
			errno = EINVAL;
			goto err;
		}
	}
	if (readfd(fd, b) < 0)
		goto err;
	if (fd != 0)
		close(fd);
	return 0;
err:
	if (fd != 0) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return -1;
}

const char *
basename_of(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* temporaries still open, removed by outcleanup() */
static struct outfile *live[16];

static void
track(struct outfile *o, int on)
{
	size_t i;

	for (i = 0; i < LEN(live); i++) {
		if (on && !live[i]) {
			live[i] = o;
			return;
		}
		if (!on && live[i] == o) {
			live[i] = NULL;
			return;
		}
	}
}

void
outcleanup(void)
{
	size_t i;

	for (i = 0; i < LEN(live); i++) {
		if (live[i] && live[i]->tmp)
			unlink(live[i]->tmp);
	}
}

int
outopen(struct outfile *o, const char *path)
{
	const char *base;
	size_t dirlen;
	struct stat st;
	char *real = NULL;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		o->tmp = NULL;
		o->fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
		if (o->fd < 0) {
			warn("cannot open '%s':", path);
			return -1;
		}
		o->path = xstrdup(path);
		return 0;
	}
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		real = realpath(path, NULL);
	o->path = real ? real : xstrdup(path);
	base = basename_of(o->path);
	dirlen = (size_t)(base - o->path);
	o->tmp = xasprintf("%.*s.%s.XXXXXX", (int)dirlen, o->path, base);
	o->fd = mkstemp(o->tmp);
	if (o->fd < 0) {
		warn("cannot create '%s':", path);
		free(o->tmp);
		free(o->path);
		o->tmp = o->path = NULL;
		return -1;
	}
	track(o, 1);
	return 0;
}

int
outwrite(struct outfile *o, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len > 0) {
		n = write(o->fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			warn("cannot write '%s':", o->path);
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
outcommit(struct outfile *o)
{
	mode_t mask = umask(0);
	int fd = o->fd;

	umask(mask);
	o->fd = -1;
	if (!o->tmp) {
		free(o->path);
		o->path = NULL;
		if (close(fd) < 0) {
			warn("cannot write:");
			return -1;
		}
		return 0;
	}
	if (fchmod(fd, 0666 & ~mask) < 0) {
		warn("cannot set the mode of '%s':", o->path);
		close(fd);
		return -1;
	}
	if (close(fd) < 0) {
		warn("cannot write '%s':", o->path);
		return -1;
	}
	if (rename(o->tmp, o->path) < 0) {
		warn("cannot rename to '%s':", o->path);
		return -1;
	}
	track(o, 0);
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	return 0;
}

void
outabort(struct outfile *o)
{
	if (o->fd >= 0)
		close(o->fd);
	o->fd = -1;
	if (o->tmp)
		unlink(o->tmp);
	track(o, 0);
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
}

int
writeout(const char *path, const char *data, size_t len)
{
	struct outfile o;

	if (outopen(&o, path) < 0)
		return -1;
	if (outwrite(&o, data, len) < 0 || outcommit(&o) < 0) {
		outabort(&o);
		return -1;
	}
	return 0;
}
