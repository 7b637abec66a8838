# common.sh: helpers for tests/integration/tracers*.sh (sourced after lib.sh)

need gcc readelf
D=$TESTDATA/tracers

# build_demo DIR [HEADER-OPTION...]: DIR/demo, demo.c with the probes of demo.d (and
# its semaphores), the header made with the options given
build_demo() {
	mkdir -p "$1"
	"$SDTKIT" header "${@:2}" -o "$1/demo_probes.h" "$D/demo.d" || fail "sdtkit header demo.d failed"
	"$SDTKIT" object -o "$1/demo_semaphores.o" "$D/demo.d" || fail "sdtkit object demo.d failed"
	gcc -O2 -Wall -Wextra -Werror -I"$1" -o "$1/demo" "$D/demo.c" "$1/demo_semaphores.o" ||
		fail "building demo failed"
	"$1/demo" || fail "demo failed"
}

# build_other DIR: DIR/other, other.c with demo.d's probes (after build_demo DIR)
build_other() {
	gcc -O2 -Wall -Wextra -Werror -I"$1" -o "$1/other" "$D/other.c" "$1/demo_semaphores.o" ||
		fail "building other failed"
	"$1/other" || fail "other failed"
}

# DEMO_EVENTS: what the bpftrace script prints for demo (without the pid column)
DEMO_EVENTS='request__start path=/index.html id=-7 bytes=18446744073709551615 ctx=0x1234
widths a=-1 b=-2 c=-3 d=-4 e=255 flags=3735928559
unnamed arg0=5 arg1=text arg2=65535
ratio
many a1=1 a2=2 a3=3 a4=4 a5=5 a6=6
empty
reserved global=1 next=1 limit=limit'

# bt_events OUT: the events of a bpftrace script's output OUT: the pid column
# checked (digits) and dropped
bt_events() {
	awk '$1 ~ /^[0-9]+$/ && NF >= 2 { sub(/^[0-9]+ +/, ""); print }' "$1"
}
