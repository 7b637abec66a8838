# SPDX-License-Identifier: MIT
# tracers_minipy.sh: sdtkit_add_tracers() in examples/minipy (CMake), static
# and shared: `cmake --install` puts minipy.stp in share/systemtap/tapset and
# minipy.bt (executable) in share/bpftrace/tools, both naming the installed
# file that holds the probes (the program; the library); with the probes off
# (on the library, or on the library the program links), neither. Then the installed script, run as installed, traces the installed
# minipy: every event of samples/start.mpy's calls and imports, decoded
# (strings, line numbers, the collector's counts), in both layouts.
# timeout: 900
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/cmake/common.sh"
cm_install

# layout NAME CMAKE-ARGS...: minipy configured, built and installed into $T/inst-NAME
layout() {
	local name=$1
	shift
	step "minipy ($name): configure, build, install"
	cm_configure "$MINIPY" "$T/$name" -DCMAKE_PREFIX_PATH="$PREFIX" -DCMAKE_INSTALL_PREFIX="$T/inst-$name" "$@"
	cm_build "$T/$name"
	cmake --install "$T/$name" >"$T/$name.install.log" 2>&1 ||
		fail "cmake --install $name failed: $(cat "$T/$name.install.log")"
}

# installed NAME FILE: inst-NAME has the tapset and the script, naming FILE
installed() {
	local i=$T/inst-$1
	[ -f "$i/share/systemtap/tapset/minipy.stp" ] || fail "$1: no share/systemtap/tapset/minipy.stp"
	[ -x "$i/share/bpftrace/tools/minipy.bt" ] || fail "$1: no executable share/bpftrace/tools/minipy.bt"
	grep -qxF "probe minipy.gc_start = process(\"$2\").mark(\"gc__start\")" "$i/share/systemtap/tapset/minipy.stp" ||
		fail "$1: the tapset does not name $2: $(grep '^probe' "$i/share/systemtap/tapset/minipy.stp")"
	grep -qxF "usdt:$2:minipy:gc__start" "$i/share/bpftrace/tools/minipy.bt" ||
		fail "$1: the script does not name $2: $(grep '^usdt' "$i/share/bpftrace/tools/minipy.bt")"
	[ "$(grep -c '^usdt:' "$i/share/bpftrace/tools/minipy.bt")" = 7 ] ||
		fail "$1: the script does not attach the 7 probes: $(grep '^usdt' "$i/share/bpftrace/tools/minipy.bt")"
}

layout static -DSDTKIT_DTRACE=ON
installed static "$T/inst-static/bin/minipy"
layout shared -DSDTKIT_DTRACE=ON -DBUILD_SHARED_LIBS=ON
lib=$(cd "$T/inst-shared" && ls lib*/libminipy.so.1.0) || fail "no installed libminipy.so.1.0"
installed shared "$T/inst-shared/$lib"
# off: on the library itself (shared), and on the program that links it (static)
layout off -DSDTKIT_DTRACE=OFF -DBUILD_SHARED_LIBS=ON
layout static-off -DSDTKIT_DTRACE=OFF
for t in off:libminipy static-off:minipy; do
	[ ! -e "$T/inst-${t%%:*}/share/systemtap" ] && [ ! -e "$T/inst-${t%%:*}/share/bpftrace" ] ||
		fail "${t%%:*}: tracer-side files installed without the probes"
	grep -q "sdtkit_add_tracers(${t#*:}): tracing is off" "$T/${t%%:*}.log" ||
		fail "${t%%:*}: sdtkit_add_tracers did not say tracing is off: $(cat "$T/${t%%:*}.log")"
done

why=$(bpftrace_usable) || skip "$why (the installed files were checked)"
# the events of samples/start.mpy but its lines and the collector's
want='function__entry filename=samples/start.mpy funcname=<module> lineno=1
function__entry filename=samples/start.mpy funcname=start lineno=33
import__find__load__start modulename=greet
import__find__load__done modulename=greet found=1
function__entry filename=samples/greet.mpy funcname=<module> lineno=1
function__return filename=samples/greet.mpy funcname=<module> lineno=4
function__entry filename=samples/greet.mpy funcname=hello lineno=2
function__return filename=samples/greet.mpy funcname=hello lineno=4
function__entry filename=samples/start.mpy funcname=sum_squares lineno=9
function__entry filename=samples/start.mpy funcname=square lineno=5
function__return filename=samples/start.mpy funcname=square lineno=6
function__entry filename=samples/start.mpy funcname=square lineno=5
function__return filename=samples/start.mpy funcname=square lineno=6
function__entry filename=samples/start.mpy funcname=square lineno=5
function__return filename=samples/start.mpy funcname=square lineno=6
function__return filename=samples/start.mpy funcname=sum_squares lineno=16
function__entry filename=samples/start.mpy funcname=make_garbage lineno=19
function__return filename=samples/start.mpy funcname=make_garbage lineno=30
function__return filename=samples/start.mpy funcname=start lineno=38
function__return filename=samples/start.mpy funcname=<module> lineno=40'

# traced NAME OUT: OUT has the expected events, line events for start.mpy,
# and the collector's: the last full collection freed 221 cells, as minipy says
traced() {
	local events got
	events=$(awk '$1 ~ /^[0-9]+$/ && NF >= 2 { sub(/^[0-9]+ +/, ""); print }' "$2")
	got=$(printf '%s\n' "$events" | grep -E '^(function__|import__)')
	[ "$got" = "$want" ] || fail "$1: the events differ:
$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$got"))"
	printf '%s\n' "$events" | grep -Eq '^line filename=samples/start\.mpy funcname=square lineno=6$' ||
		fail "$1: no line event for square's line 6: $(cat "$2")"
	printf '%s\n' "$events" | grep -E '^gc__' | tail -n 2 | tr '\n' ' ' |
		grep -Eqx 'gc__start generation=2 gc__done collected=221 ' ||
		fail "$1: the last collection is not generation 2 freeing 221: $(grep gc__ "$2")"
}

step "the installed script on the installed program (static): bpftrace -c"
(cd "$MINIPY" && bpftrace "$T/inst-static/share/bpftrace/tools/minipy.bt" \
	-c "$T/inst-static/bin/minipy samples/start.mpy") >"$T/static.out" 2>&1 ||
	fail "bpftrace -c failed: $(cat "$T/static.out")"
traced static "$T/static.out"

step "the installed script on the installed library (shared), then the program"
bg_start bpftrace "$T/shared.out" bpftrace "$T/inst-shared/share/bpftrace/tools/minipy.bt"
bt=$BG_PID
wait_until -l "$T/shared.out" 300 "bpftrace to attach to the installed libminipy" \
	eval '_alive $bt || fail "bpftrace exited: $(cat "$T/shared.out")"; grep -q "^Tracing the probes of" "$T/shared.out"'
(cd "$MINIPY" && LD_LIBRARY_PATH="$T/inst-shared/${lib%/*}" bounded 300 "$T/inst-shared/bin/minipy" samples/start.mpy) \
	>"$T/shared.run" 2>&1 || fail "the installed minipy failed: $(cat "$T/shared.run")"
sleep 1
step "stopping bpftrace (shared)"
bg_stop $bt 10 || true
traced shared "$T/shared.out"
pass
