#include "probes/net_probes.h"

void net_send(unsigned int conn, const char *what);

void
net_send(unsigned int conn, const char *what)
{
	NET_SEND(conn, what);
}
