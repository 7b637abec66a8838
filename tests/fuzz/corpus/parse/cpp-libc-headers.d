#include <sys/types.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>
#include <stdint.h>

typedef const uint8_t *string_t;

provider app {
	probe open(const char *path, struct stat *st, pid_t pid);
	probe read(FILE *f, size_t n, off_t at, string_t data);
};
