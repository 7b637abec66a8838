/* net_types.h: a type probes/net.d takes from a header (under -C) */
typedef unsigned int conn_id_t;
