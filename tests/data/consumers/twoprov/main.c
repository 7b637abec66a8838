#include <stdio.h>

#include "app_probes.h"
#include "version.h"

void net_send(unsigned int conn, const char *what);

int
main(int argc, char **argv)
{
	(void)argv;
	APP_START(argc);
	net_send(7, "hello");
	printf("twoprov %s\n", VERSION);
	return 0;
}
