# SPDX-License-Identifier: MIT
# tracers_bpftrace.sh: the bpftrace script `sdtkit bpftrace` writes for demo
# runs unchanged under the installed bpftrace (0.17 on Debian 12) and prints
# each event once, its arguments decoded by declared type: text, negative
# and unsigned 64-bit integers, a typedef'd unsigned, an address in hex; the
# probe with a double is attached without it, and the script itself causes
# no error. bcc's note parser (which bpftrace 0.17 reads notes with) prints
# a "Parse error" for the double's site whichever probe is attached: only
# for that site, and not at all once the header passes floats as their bits
# timeout: 300
. "$TESTDIR/lib.sh"
. "$TESTDATA/tracers/common.sh"
why=$(bpftrace_usable) || skip "$why"

# run DIR: bpftrace DIR/demo.bt -c DIR/demo into DIR/out and DIR/err; its events checked
run() {
	"$SDTKIT" bpftrace -o "$1/demo.bt" "$D/demo.d" --binary "$1/demo" || fail "sdtkit bpftrace failed"
	bounded 120 bpftrace "$1/demo.bt" -c "$1/demo" >"$1/out" 2>"$1/err" ||
		fail "bpftrace failed: $(cat "$1/out" "$1/err")"
	grep -qx "Tracing the probes of $(readlink -f "$1/demo"). Hit Ctrl-C to end." "$1/out" ||
		fail "no banner from BEGIN: $(cat "$1/out")"
	# one process: one pid on every event
	[ "$(awk '$1 ~ /^[0-9]+$/ && NF >= 2 { print $1 }' "$1/out" | sort -u | wc -l)" = 1 ] ||
		fail "the events name more than one pid: $(cat "$1/out")"
	# what bpftrace says of the script itself: no error but the harmless ones
	if grep -v -e RLIMIT_MEMLOCK -e 'failed to detach probe' -e 'uprobe_events' "$1/err" |
		grep -E 'ERROR|couldn.t get argument|deref ident|Assertion'; then
		fail "bpftrace reports errors of the script: $(cat "$1/err")"
	fi
}

step "bpftrace demo.bt -c demo"
build_demo "$T/native"
run "$T/native"
got=$(bt_events "$T/native/out")
[ "$got" = "$DEMO_EVENTS" ] || fail "the events differ:
$(diff <(printf '%s\n' "$DEMO_EVENTS") <(printf '%s\n' "$got"))"
# the Parse errors bcc prints name the double's operand, and nothing else
grep -A1 -x 'Parse error:' "$T/native/err" | grep -v -x -e 'Parse error:' -e '--' | sort -u >"$T/native/parsed"
[ -s "$T/native/parsed" ] || echo "no Parse error from this bpftrace: bcc reads 8f@ here"
! grep -v -E '^ +8f@' "$T/native/parsed" || fail "Parse errors about other operands: $(cat "$T/native/err")"

step "with --floats=bits: no Parse error, the double's bits"
build_demo "$T/bits" --floats=bits
run "$T/bits"
! grep -q 'Parse error' "$T/bits/err" || fail "bpftrace printed a Parse error: $(cat "$T/bits/err")"
# 0.5 is 0x3fe0000000000000
[ "$(bt_events "$T/bits/out")" = "$(printf '%s\n' "$DEMO_EVENTS" | sed 's/^ratio$/ratio r=0x3fe0000000000000/')" ] ||
	fail "the events differ: $(bt_events "$T/bits/out")"
pass
