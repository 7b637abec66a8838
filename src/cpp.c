/* SPDX-License-Identifier: MIT */
/* cpp.c: running the C preprocessor on a provider file, without a shell */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cpp.h"

void
cppadd(struct cppopts *o, const char *flag, const char *value)
{
	o->argv = xgrowarray(o->argv, o->argc, sizeof(o->argv[0]));
	o->argv[o->argc++] = xasprintf("%s%s", flag, value);
}

void
cppfree(struct cppopts *o)
{
	size_t i;

	for (i = 0; i < o->argc; i++)
		free(o->argv[i]);
	free(o->argv);
	o->argv = NULL;
	o->argc = 0;
}

int
splitwords(const char *s, char ***words)
{
	struct buf w = {0};
	char **v = NULL;
	int n = 0, inword = 0;
	char quote = 0;

	for (;; s++) {
		char c = *s;

		if (quote) {
			if (c == '\0')
				goto open;
			if (c == quote) {
				quote = 0;
			} else if (quote == '"' && c == '\\' && (s[1] == '"' || s[1] == '\\' || s[1] == '$')) {
				bufputc(&w, *++s);
			} else {
				bufputc(&w, c);
			}
			continue;
		}
		if (c == '\0' || c == ' ' || c == '\t' || c == '\n') {
			if (inword) {
				v = xreallocarray(v, (size_t)n + 2, sizeof(*v));
				v[n++] = xstrdup(w.s ? w.s : "");
				v[n] = NULL;
				w.len = 0;
				if (w.s)
					w.s[0] = '\0';
				inword = 0;
			}
			if (c == '\0')
				break;
			continue;
		}
		inword = 1;
		if (c == '\'' || c == '"') {
			quote = c;
		} else if (c == '\\' && s[1]) {
			bufputc(&w, *++s);
		} else {
			bufputc(&w, c);
		}
	}
	buffree(&w);
	*words = v;
	return n;
open:
	buffree(&w);
	while (n > 0)
		free(v[--n]);
	free(v);
	*words = NULL;
	return -1;
}

/* the length of the first "...: error: ..." or "...: fatal error: ..." line at *line, or 0 */
static int
firsterror(const char **line)
{
	const char *s = *line, *end;

	for (; *s; s = end + 1) {
		end = strchr(s, '\n');
		if (!end)
			end = s + strlen(s);
		if (memmem(s, (size_t)(end - s), ": error: ", 9) ||
		    memmem(s, (size_t)(end - s), ": fatal error: ", 15)) {
			*line = s;
			return (int)(end - s);
		}
		if (!*end)
			break;
	}
	return 0;
}

int
runcpp(const char *path, const struct cppopts *o, struct buf *out)
{
	const char *cpp = getenv("CPP");
	char **words, **argv;
	int nwords, fds[2], status, rc = -1, fd;
	size_t i, argc = 0;
	struct buf msgs = {0};
	const char *line;
	int len;
	FILE *errs;
	pid_t pid;
	int r;

	if (!cpp || !*cpp)
		cpp = "cpp";
	nwords = splitwords(cpp, &words);
	if (nwords <= 0) {
		warn("cannot split CPP '%s' into words", cpp);
		return -1;
	}
	argv = xreallocarray(NULL, (size_t)nwords + o->argc + 4, sizeof(*argv));
	for (i = 0; i < (size_t)nwords; i++)
		argv[argc++] = words[i];
	argv[argc++] = "-x";
	argv[argc++] = "c";
	for (i = 0; i < o->argc; i++)
		argv[argc++] = o->argv[i];
	argv[argc++] = (char *)path;
	argv[argc] = NULL;
	/* the input must be readable: cpp's own account of it would not be one line */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		warn("cannot read '%s':", path);
		goto out;
	}
	close(fd);
	/* cpp's messages are kept aside: on failure only its first error is shown */
	errs = tmpfile();
	if (!errs) {
		warn("cannot create a temporary file:");
		goto out;
	}
	if (pipe(fds) < 0) {
		warn("pipe:");
		fclose(errs);
		goto out;
	}
	pid = fork();
	if (pid < 0) {
		warn("fork:");
		close(fds[0]);
		close(fds[1]);
		fclose(errs);
		goto out;
	}
	if (pid == 0) {
		close(fds[0]);
		if (dup2(fds[1], 1) < 0 || dup2(fileno(errs), 2) < 0)
			_exit(127);
		close(fds[1]);
		execvp(argv[0], argv);
		dprintf(2, "\1cannot run preprocessor '%s': %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	r = readfd(fds[0], out);
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			warn("waitpid:");
			goto out;
		}
	}
	bufputs(&msgs, "");
	if (lseek(fileno(errs), 0, SEEK_SET) < 0 || readfd(fileno(errs), &msgs) < 0)
		msgs.len = 0, msgs.s[0] = '\0';
	fclose(errs);
	line = msgs.s;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && r == 0) {
		/* warnings of a successful run are the user's to see */
		if (msgs.len)
			fputs(msgs.s, stderr);
		rc = 0;
	} else if (msgs.len && msgs.s[0] == '\1') {
		fprintf(stderr, "%s: error: %.*s", argv0, (int)strcspn(msgs.s + 1, "\n") + 1, msgs.s + 1);
	} else if ((len = firsterror(&line)) > 0) {
		fprintf(stderr, "%.*s\n", len, line);
	} else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
		warn("preprocessor '%s' failed with exit status %d", argv[0], WEXITSTATUS(status));
	} else if (WIFSIGNALED(status)) {
		warn("preprocessor '%s' killed by signal %d", argv[0], WTERMSIG(status));
	} else {
		warn("cannot read the preprocessor's output:");
	}
out:
	buffree(&msgs);
	for (i = 0; i < (size_t)nwords; i++)
		free(words[i]);
	free(words);
	free(argv);
	return rc;
}
