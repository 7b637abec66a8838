/* cpp.c: running the C preprocessor on a provider file, without a shell */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cpp.h"

void
cppadd(struct cppopts *o, const char *flag, const char *value)
{
	o->argv = xreallocarray(o->argv, o->argc + 1, sizeof(o->argv[0]));
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

int
runcpp(const char *path, const struct cppopts *o, struct buf *out)
{
	const char *cpp = getenv("CPP");
	char **words, **argv;
	int n, fds[2], status, rc = -1;
	size_t i, argc = 0;
	pid_t pid;
	ssize_t r;

	if (!cpp || !*cpp)
		cpp = "cpp";
	n = splitwords(cpp, &words);
	if (n <= 0) {
		warn("cannot split CPP '%s' into words", cpp);
		return -1;
	}
	argv = xreallocarray(NULL, (size_t)n + o->argc + 4, sizeof(*argv));
	for (i = 0; i < (size_t)n; i++)
		argv[argc++] = words[i];
	argv[argc++] = "-x";
	argv[argc++] = "c";
	for (i = 0; i < o->argc; i++)
		argv[argc++] = o->argv[i];
	argv[argc++] = (char *)path;
	argv[argc] = NULL;
	if (pipe(fds) < 0) {
		warn("pipe:");
		goto out;
	}
	pid = fork();
	if (pid < 0) {
		warn("fork:");
		close(fds[0]);
		close(fds[1]);
		goto out;
	}
	if (pid == 0) {
		close(fds[0]);
		if (dup2(fds[1], 1) < 0)
			_exit(127);
		close(fds[1]);
		execvp(argv[0], argv);
		warn("cannot run preprocessor '%s':", argv[0]);
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		bufgrow(out, 65536);
		r = read(fds[0], out->s + out->len, out->cap - out->len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		out->len += (size_t)r;
		out->s[out->len] = '\0';
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			warn("waitpid:");
			goto out;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		/* the child has said why */
	} else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
		warn("preprocessor '%s' failed with exit status %d", argv[0], WEXITSTATUS(status));
	} else if (WIFSIGNALED(status)) {
		warn("preprocessor '%s' killed by signal %d", argv[0], WTERMSIG(status));
	} else if (r < 0) {
		warn("cannot read the preprocessor's output:");
	} else {
		rc = 0;
	}
out:
	for (i = 0; i < (size_t)n; i++)
		free(words[i]);
	free(words);
	free(argv);
	return rc;
}
