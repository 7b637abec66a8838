# SPDX-License-Identifier: MIT
# tracers_bpftrace.sh: the bpftrace script `sdtkit bpftrace` writes for demo
# runs unchanged under the installed bpftrace (0.17 on Debian 12) and prints
# each event once, its arguments decoded by declared type: text, negative
# and unsigned 64-bit integers, a typedef'd unsigned, an address in hex
# timeout: 300
. "$TESTDIR/lib.sh"
. "$TESTDATA/tracers/common.sh"
why=$(bpftrace_usable) || skip "$why"
build_demo "$T"
cd "$T"
"$SDTKIT" bpftrace -o demo.bt "$D/demo.d" --binary demo || fail "sdtkit bpftrace failed"

step "bpftrace demo.bt -c demo"
bpftrace demo.bt -c "$T/demo" >out 2>&1 || fail "bpftrace failed: $(cat out)"
grep -qx "Tracing the probes of $(readlink -f demo). Hit Ctrl-C to end." out ||
	fail "no banner from BEGIN: $(cat out)"
got=$(bt_events out)
[ "$got" = "$DEMO_EVENTS" ] || fail "the events differ:
$(diff <(printf '%s\n' "$DEMO_EVENTS") <(printf '%s\n' "$got"))"
# one process: one pid on every event
[ "$(awk '$1 ~ /^[0-9]+$/ && NF >= 2 { print $1 }' out | sort -u | wc -l)" = 1 ] ||
	fail "the events name more than one pid: $(cat out)"
pass
