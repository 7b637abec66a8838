#include "net_types.h"
provider net {
	probe send(conn_id_t conn, const char *what);
};
