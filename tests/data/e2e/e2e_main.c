/* e2e_main.c: fires the e2e probes so readelf, gdb and bpftrace can check them
 *
 *   e2e-prog                 fire every probe once and exit
 *   e2e-prog -s FILE [-n N]  fire every 10 ms while FILE exists (at most 20 s,
 *                            then exit 3); with -n, exit N rounds after
 *                            E2E_TWELVE_ENABLED() was first seen true
 *
 * Each change of E2E_TWELVE_ENABLED() is printed ("e2e: twelve enabled" /
 * "e2e: twelve disabled", the first state included), so a test sees a tracer
 * arm and disarm the semaphore.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "e2e_probes.h"

int
main(int argc, char **argv)
{
	const char *stop = NULL;
	long after = -1;
	int state = -1, opt;

	while ((opt = getopt(argc, argv, "s:n:")) != -1) {
		switch (opt) {
		case 's': stop = optarg; break;
		case 'n': after = atol(optarg); break;
		default: return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!stop) {
		e2e_fire();
		return 0;
	}
	for (int i = 0; i < 2000; i++) {
		int on = e2e_twelve_enabled();
		if (on != state) {
			printf("e2e: twelve %s\n", on ? "enabled" : "disabled");
			state = on;
		}
		e2e_fire();
		if (after >= 0 && on && after-- == 0)
			return 0;
		if (access(stop, F_OK) != 0)
			return 0;
		nanosleep(&(struct timespec){0, 10000000}, NULL);
	}
	fprintf(stderr, "e2e: timed out\n");
	return 3;
}
