# SPDX-License-Identifier: MIT
# lib.sh: helpers shared by the integration scripts (sourced by bash)
#
# Every wait is bounded. ctest gives each script SDTKIT_TEST_TIMEOUT (its
# TIMEOUT, in seconds); the script's deadline comes a little before that, so
# the script, not ctest, reports a hang:
# - the tools a test drives (cmake, ctest, meson, ninja, make, gdb, bpftrace,
#   autoreconf, stap, qemu-*) are shell functions that run the real tool under
#   `timeout`, and `bounded` does the same for anything else (the example
#   programs, configure); a bound that passes prints the step, the command,
#   where the script ran it and the tail of its log, then fails the test;
# - a watchdog process stops the whole test at its deadline, whatever it was
#   doing, with the same report for every command still running;
# - bg_start/bg_stop run background processes (tracers, programs to trace):
#   bg_stop sends SIGINT, then SIGKILL after a bound, and the EXIT trap stops
#   whatever is still running, on every exit path.
# `step NAME` names what the test does next; reports quote it.
# (A bare `wait` would wait for the watchdog too: wait for named pids only.)
set -eu

: "${SDTKIT:?SDTKIT must name the sdtkit binary (run through ctest)}"
: "${SRCDIR:?}" "${TESTDATA:?}"

# the make that ran ctest (make check) is not the make of a test's builds:
# its level and jobserver would tell a project's make it is a sub-make
# (PostgreSQL then skips its generated headers)
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

# a private scratch directory, removed on success, kept on failure for a look
T=$(mktemp -d "${TMPDIR:-/tmp}/sdtkit-test.XXXXXX")
_keep=1
_test=$(basename "$0" .sh)
# the test's own standard error, for reports from inside redirected commands
exec 9>&2
# what the test itself writes to (not a log to quote in a report)
_own=" $(readlink /proc/$$/fd/1 2>/dev/null || true) $(readlink /proc/$$/fd/2 2>/dev/null || true) "
_timeout_cmd=$(command -v timeout) || { echo "FAIL: 'timeout' (coreutils) is not installed" >&2; exit 1; }

# the deadline, in seconds since the script started: a tenth of the ctest
# TIMEOUT (at least 5 s, at most 30 s) before it; SDTKIT_TEST_DEADLINE sets it
# directly (the tests of this library use it)
_limit=${SDTKIT_TEST_TIMEOUT:-600}
_margin=$((_limit / 10))
[ $_margin -lt 5 ] && _margin=5
[ $_margin -gt 30 ] && _margin=30
_deadline=${SDTKIT_TEST_DEADLINE:-$((_limit - _margin))}
[ "$_deadline" -ge 1 ] || _deadline=1
_step=
_bgpids=
_main=$$

# step NAME: the test now does NAME (quoted by every timeout report)
step() {
	_step=$*
	printf '%s\n' "$_step" >"$T/.step"
}

# fail MESSAGE...: report and exit 1
fail() {
	printf 'FAIL: %s\n' "$*" >&2
	[ -n "$_step" ] && printf '(in step: %s)\n' "$_step" >&2
	printf '(scratch directory kept: %s)\n' "$T" >&2
	exit 1
}

# skip REASON...: report and exit 77 (ctest: skipped)
skip() {
	printf 'SKIP: %s\n' "$*"
	_keep=0
	exit 77
}

# pass: the script's last word
pass() {
	_keep=0
	printf 'PASS\n'
	exit 0
}

# need CMD...: skip unless each command exists (a program on PATH, not a function)
need() {
	for c in "$@"; do
		type -P "$c" >/dev/null 2>&1 || skip "'$c' is not installed"
	done
}

# ---- processes and time bounds ----

# _alive PID: PID exists and has not exited (a zombie has)
_alive() {
	local s
	read -r s 2>/dev/null </proc/"$1"/stat || return 1
	s=${s##*) }
	[ "${s%% *}" != Z ]
}

# _tree PID [SKIP]: the pids of PID's descendants, parents before children,
# leaving out SKIP and its own descendants
_tree() {
	cat /proc/[0-9]*/stat 2>/dev/null | awk -v root="$1" -v skip="${2:-}" '
		{ s = $0; sub(/.*\) /, "", s); split(s, f, " "); parent[$1] = f[2] }
		END {
			n = 1; q[1] = root
			for (i = 1; i <= n; i++)
				for (p in parent)
					if (parent[p] == q[i] && p != skip) q[++n] = p
			for (i = 2; i <= n; i++) print q[i]
		}'
}

# _cmdline PID: PID's command line, or '?' once it is gone
_cmdline() {
	local c
	c=$(tr '\0' ' ' 2>/dev/null </proc/"$1"/cmdline) || c=
	printf '%s\n' "${c:-?}"
}

# _logs PID...: the regular files the processes write to (their fd 1 and 2), once each
_logs() {
	local p f l seen=
	for p in "$@"; do
		for f in 1 2; do
			l=$(readlink "/proc/$p/fd/$f" 2>/dev/null) || continue
			[ -f "$l" ] || continue
			case $_own in *" $l "*) continue ;; esac
			case " $seen " in *" $l "*) continue ;; esac
			seen="$seen $l"
			printf '%s\n' "$l"
		done
	done
}

# _where: the script lines (outside this file) that led to the current command
_where() {
	local i w=
	for ((i = 1; i < ${#BASH_SOURCE[@]}; i++)); do
		[ "${BASH_SOURCE[i]}" = "${BASH_SOURCE[0]}" ] && continue
		w="$w${w:+ < }${BASH_SOURCE[i]##*/}:${BASH_LINENO[i - 1]}"
	done
	printf '%s\n' "${w:-?}"
}

# _report WHAT PIDS LOGS: the timeout report on the test's standard error: what
# passed its bound, the step, each of PIDS still running, the tail of each of LOGS
_report() {
	local what=$1 pids=$2 logs=$3 p l
	{
		printf 'TIMEOUT: %s: %s\n' "$_test" "$what"
		[ -s "$T/.step" ] && printf '  in step: %s\n' "$(cat "$T/.step")"
		for p in $pids; do
			_alive "$p" && printf '  still running: [%s] %s\n' "$p" "$(_cmdline "$p")"
		done
		for l in $logs; do
			printf '  last lines of %s:\n' "$l"
			tail -n 20 "$l" | sed 's/^/  | /'
		done
		printf '(scratch directory kept: %s)\n' "$T"
	} >&9 2>/dev/null
}

# _kill SIGNAL PID...: send SIGNAL to each PID that is still there
_kill() {
	local sig=$1 p
	shift
	for p in "$@"; do
		_alive "$p" && kill -s "$sig" "$p" 2>/dev/null
	done
	return 0
}

# _reap SECS PID...: wait up to SECS for the processes to end; 0 if they all did
_reap() {
	local n=$(($1 * 10)) p live
	shift
	while :; do
		live=
		for p in "$@"; do _alive "$p" && live=1 && break; done
		[ -z "$live" ] && return 0
		[ $n -le 0 ] && return 1
		sleep 0.1
		n=$((n - 1))
	done
}

# _left: seconds left until the deadline, less 3 (so a bounded command's own
# report comes before the watchdog's), at least 1
_left() {
	local l=$((_deadline - SECONDS - 3))
	[ $l -lt 1 ] && l=1
	printf '%s\n' $l
}

# bounded [-s SIGNAL] [SECS] CMD...: run CMD under a time bound: SECS, or
# what is left before the deadline if that is less. CMD gets SIGNAL (default
# TERM) at the bound and SIGKILL 10 s later. Returns CMD's status; a command
# that passes its bound is reported (step, command, script line, log tail)
# and fails the test, even from a subshell.
bounded() {
	local sig=TERM secs left rc=0 start logs me=$BASHPID
	if [ "$1" = -s ]; then
		sig=$2
		shift 2
	fi
	left=$(_left)
	secs=$left
	case $1 in [0-9]*) secs=$1; shift ;; esac
	[ "$secs" -gt "$left" ] && secs=$left
	start=$SECONDS
	"$_timeout_cmd" -s "$sig" -k 10 "$secs" "$@" || rc=$?
	if { [ $rc = 124 ] || [ $rc = 137 ] || [ $rc = $((128 + $(kill -l "$sig"))) ]; } &&
		[ $((SECONDS - start)) -ge "$secs" ]; then
		logs=$(_logs "$me")
		_report "'$*' did not finish within $secs s (at $(_where))" "" "$logs"
		_keep=1
		[ "$BASHPID" = "$_main" ] && exit 1
		kill -USR1 "$_main" 2>/dev/null
		exit 1
	fi
	return $rc
}
trap 'exit 1' USR1

# the tools tests drive run bounded, as if each call were 'bounded TOOL ...'
for _t in cmake ctest meson ninja make gdb autoreconf stap; do
	type -P "$_t" >/dev/null 2>&1 && eval "$_t() { bounded $_t \"\$@\"; }"
done
for _t in qemu-aarch64 qemu-riscv64 qemu-arm qemu-ppc64le qemu-s390x qemu-i386; do
	type -P "$_t" >/dev/null 2>&1 && eval "$_t() { bounded $_t \"\$@\"; }"
done
# bpftrace ends cleanly (and detaches) on SIGINT
type -P bpftrace >/dev/null 2>&1 && bpftrace() { bounded -s INT bpftrace "$@"; }
unset _t

# bg_start NAME LOG CMD...: start CMD in the background, bounded by the
# deadline, its output in LOG; BG_PID is its pid. bg_stop or the exit trap
# stops it.
bg_start() {
	local name=$1 log=$2
	shift 2
	"$_timeout_cmd" -s INT -k 10 "$(_left)" "$@" >"$log" 2>&1 &
	BG_PID=$!
	_bgpids="$_bgpids $BG_PID"
	printf '%s\t%s\t%s\n' "$BG_PID" "$name" "$log" >>"$T/.bg"
}

# bg_child PID: the pid of the command bg_start started as PID (PID is the
# `timeout` that bounds it), for tools that take a pid (bpftrace -p, sdtkit list -p)
bg_child() {
	local c= bgp=$1
	wait_until 120 "the command of background process $1 to start" eval 'c=$(_tree "$bgp" | head -n 1); [ -n "$c" ]'
	printf '%s\n' "$c"
}

# _bgname PID: the NAME bg_start gave PID
_bgname() {
	awk -F '\t' -v p="$1" '$1 == p { print $2 }' "$T/.bg" 2>/dev/null
}

# _bgdone PID: PID is no longer ours to stop
_bgdone() {
	_bgpids=$(printf '%s\n' $_bgpids | grep -vx "$1" | tr '\n' ' ') || true
}

# bg_stop PID [SECS]: stop a background process: SIGINT, and SIGKILL (to it
# and everything it started) if it has not ended SECS (default 10) later;
# reaps it and returns its exit status
bg_stop() {
	local pid=$1 secs=${2:-10} rc=0 tree
	tree=$(_tree "$pid")
	_kill INT "$pid"
	if ! _reap "$secs" "$pid"; then
		printf "%s: '%s' [%s] did not stop on SIGINT within %s s%s: killing it\n" "$_test" \
			"$(_bgname "$pid")" "$pid" "$secs" "${_step:+ (step: $_step)}" >&9
		tree="$tree $(_tree "$pid")"
		# shellcheck disable=SC2086
		_kill KILL "$pid" $tree
		_reap 5 "$pid" || true
	fi
	# shellcheck disable=SC2086
	_kill KILL $tree
	_bgdone "$pid"
	wait "$pid" 2>/dev/null || rc=$?
	return $rc
}

# bg_wait PID [SECS]: wait up to SECS (default: until the deadline) for a
# background process to end by itself; returns its exit status. One that
# does not end is reported and stopped, and the test fails.
bg_wait() {
	local pid=$1 secs=${2:-$(_left)} rc=0 pids
	if ! _reap "$secs" "$pid"; then
		pids="$pid $(_tree "$pid")"
		# shellcheck disable=SC2086
		_report "'$(_bgname "$pid")' did not end within $secs s (at $(_where))" "$pids" "$(_logs $pids)"
		bg_stop "$pid" 5 || true
		_keep=1
		exit 1
	fi
	_bgdone "$pid"
	wait "$pid" 2>/dev/null || rc=$?
	return $rc
}

# wait_until [-l LOG] SECS WHAT CMD...: run CMD every 0.1 s until it succeeds;
# after SECS, fail saying what was awaited (and how LOG ends)
wait_until() {
	local log=
	if [ "$1" = -l ]; then
		log=$2
		shift 2
	fi
	local secs=$1 n=$(($1 * 10)) what=$2
	shift 2
	until "$@"; do
		[ $n -le 0 ] && fail "waited $secs s for $what, in vain${log:+; $log ends:
$(tail -n 20 "$log" 2>/dev/null)}"
		sleep 0.1
		n=$((n - 1))
	done
}

# the watchdog: at the deadline, report and stop the whole test
_watchdog() {
	local sp pids me=$BASHPID
	trap 'kill $sp 2>/dev/null; exit 0' TERM
	sleep "$_deadline" </dev/null >/dev/null 2>&1 &
	sp=$!
	wait $sp
	_alive "$_main" || exit 0
	pids=$(_tree "$_main" "$me")
	# shellcheck disable=SC2086
	_report "the test passed its deadline of $_deadline s (ctest TIMEOUT ${SDTKIT_TEST_TIMEOUT:-?} s)" "$pids" "$(_logs $pids)"
	kill -KILL "$_main" 2>/dev/null
	# shellcheck disable=SC2086
	_kill TERM $pids
	# shellcheck disable=SC2086
	_reap 5 $pids || _kill KILL $pids
	exit 0
}
_watchdog </dev/null >/dev/null &
_wdog=$!

# the exit trap: stop what is still running in the background, the watchdog,
# and remove the scratch directory unless it is kept
_cleanup() {
	local p
	for p in $_bgpids; do
		bg_stop "$p" 5 >/dev/null 2>&1 || true
	done
	kill "$_wdog" 2>/dev/null
	[ "$_keep" = 0 ] && rm -rf "$T"
	true
}
trap _cleanup EXIT

# drop_float_notes FILE: FILE less the warnings sdtkit list and check print for
# probes with floating-point arguments (gdb 13, bcc, libbpf and bpftrace 0.17
# cannot read them), for tests about something else
drop_float_notes() {
	grep -v "' has floating-point arguments, which gdb 13, bcc, libbpf and bpftrace 0.17 cannot read " \
		"$1" >"$1.kept" || true
	mv "$1.kept" "$1"
}

# sdt_include DIR: copy <sys/sdt.h> into DIR/sys for compilers that cannot see
# the host's multiarch include directory (cross compilers)
sdt_include() {
	mkdir -p "$1/sys"
	h=$(echo '#include <sys/sdt.h>' | cpp -H -o /dev/null 2>&1 | awk '/sdt.h$/ {print $2; exit}')
	[ -n "$h" ] || fail "cannot find <sys/sdt.h>"
	cp "$h" "$(dirname "$h")/sdt-config.h" "$1/sys/"
}

# tracefs_ready: make sure tracefs (and debugfs) are mounted, as bpftrace
# expects: without tracefs it cannot remove its uprobes on exit ('failed to
# detach probe'). As root an unmounted one is mounted; prints a note either way
tracefs_ready() {
	local dir=/sys/kernel/tracing
	if [ ! -e "$dir/uprobe_events" ] && [ ! -e /sys/kernel/debug/tracing/uprobe_events ]; then
		if [ "$(id -u)" = 0 ] && mount -t tracefs nodev "$dir" 2>"$T/mount.err"; then
			echo "note: tracefs was not mounted; mounted it on $dir" >&2
		else
			echo "note: tracefs is not mounted on $dir and cannot be mounted here" \
				"($(cat "$T/mount.err" 2>/dev/null || echo 'not root')): bpftrace may fail to detach its probes" >&2
		fi
	fi
	if [ -d /sys/kernel/debug ] && ! grep -q ' /sys/kernel/debug debugfs ' /proc/mounts; then
		if [ "$(id -u)" = 0 ] && mount -t debugfs nodev /sys/kernel/debug 2>/dev/null; then
			echo "note: debugfs was not mounted; mounted it on /sys/kernel/debug" >&2
		else
			echo "note: debugfs is not mounted on /sys/kernel/debug and cannot be mounted here" >&2
		fi
	fi
	return 0
}

# bpftrace_usable: 0 if this kernel lets bpftrace attach uprobes, else prints why
# (tracefs and debugfs are mounted first where they can be)
bpftrace_usable() {
	local out
	type -P bpftrace >/dev/null 2>&1 || { echo "bpftrace is not installed"; return 1; }
	[ "$(id -u)" = 0 ] || { echo "bpftrace needs root"; return 1; }
	tracefs_ready
	out=$("$_timeout_cmd" -s INT -k 5 120 bpftrace -e 'BEGIN { printf("ok\n"); exit(); }' 2>&1) || {
		echo "bpftrace cannot run here: $(printf '%s' "$out" | grep -v WARNING | head -n 2 | tr '\n' ' ')"
		return 1
	}
	case $out in *ok*) return 0 ;; esac
	echo "bpftrace cannot run here: $out"
	return 1
}

# expect_golden GOLDEN FILE: FILE equals $TESTDIR/golden/GOLDEN (a diff
# fails the test); with SDTKIT_UPDATE_GOLDEN=1, FILE becomes the golden file
expect_golden() {
	local g=$TESTDIR/golden/$1
	if [ "${SDTKIT_UPDATE_GOLDEN:-0}" = 1 ]; then
		mkdir -p "$(dirname "$g")" && cp "$2" "$g"
		echo "updated $g"
		return 0
	fi
	[ -f "$g" ] || fail "no golden file $g (SDTKIT_UPDATE_GOLDEN=1 writes it)"
	diff -u "$g" "$2" >"$T/golden.diff" || fail "$2 differs from golden/$1:
$(cat "$T/golden.diff")"
}

# stap_usable: 0 if SystemTap can elaborate scripts here (stap -p2: tapsets
# parsed, process().mark() probes resolved against real binaries), setting
# STAP_KERNEL to the kernel build tree it needs for that (the running
# kernel's, else an installed linux-headers package's: pass 2 only reads its
# configuration); else prints why (not in a subshell: it sets a variable)
stap_usable() {
	local d
	type -P stap >/dev/null 2>&1 || { echo "systemtap is not installed"; return 1; }
	STAP_KERNEL=
	for d in "/lib/modules/$(uname -r)/build" /lib/modules/*/build; do
		[ -f "$d/.config" ] && { STAP_KERNEL=$(readlink -f "$d"); break; }
	done
	[ -n "$STAP_KERNEL" ] || {
		echo "no kernel build tree for SystemTap (install linux-headers-$(dpkg --print-architecture 2>/dev/null || echo ARCH))"
		return 1
	}
	"$_timeout_cmd" -k 5 300 stap -r "$STAP_KERNEL" -p1 -e 'probe begin { exit() }' >/dev/null 2>&1 || {
		echo "stap -p1 fails here: $("$_timeout_cmd" 300 stap -r "$STAP_KERNEL" -p1 -e 'probe begin { exit() }' 2>&1 | head -n 2 | tr '\n' ' ')"
		return 1
	}
}

# sdt_notes FILE: one line per SystemTap SDT note of FILE, in note order:
# "PROVIDER NAME SEMAPHORE ARGS" (SEMAPHORE as readelf prints it, ARGS verbatim)
sdt_notes() {
	readelf -n "$1" | awk '
		/Provider: / { p = $NF }
		/^ *Name: / { n = $2 }
		/^ *Location: / { s = $NF }
		/^ *Arguments:/ {
			a = $0; sub(/^ *Arguments: */, "", a); sub(/ +$/, "", a)
			line = p " " n " " s " " a; sub(/ +$/, "", line); print line
		}'
}

# sym_value FILE SYMBOL: the value of SYMBOL in FILE's symbol table, as a
# decimal number (fails if the symbol is absent or defined twice)
sym_value() {
	_v=$(readelf -sW "$1" | awk -v s="$2" '$8 == s { print $2 }')
	[ -n "$_v" ] && [ "$(printf '%s\n' "$_v" | wc -l)" = 1 ] || return 1
	echo $((16#$_v))
}

# section_range FILE SECTION: "START END" (decimal, END exclusive) of SECTION
section_range() {
	_r=$(readelf -SW "$1" | sed 's/^ *\[ *[0-9]*\]//' | awk -v s="$2" '$1 == s { print $3, $5 }')
	[ -n "$_r" ] || return 1
	set -- $_r
	echo $((16#$1)) $((16#$1 + 16#$2))
}

# elf_ident FILE: the ELF header fields that tell a target apart
# (class, data, OS/ABI, machine, flags), one per line
elf_ident() {
	readelf -hW "$1" | grep -E '^ *(Class|Data|OS/ABI|Machine|Flags):' | sed 's/^ *//; s/  */ /g'
}

# e2e_build: build tests/data/e2e's program in the current directory, twice:
# e2e-exe (probes and the `sdtkit object` semaphore object linked into the
# executable) and e2e-shared + libe2e.so (probes and the `dtrace -G` object in
# the library). Also leaves e2e.h, probes.o, sem.o, probes-pic.o, sem-pic.o.
e2e_build() {
	_d=$TESTDATA/e2e
	_cf="-std=c11 -O2 -g -Wall -Wextra -Wpedantic -Werror"
	"$SDTKIT" header -o e2e.h "$_d/e2e.d" || fail "sdtkit header e2e.d"
	gcc $_cf -I. -c "$_d/e2e_probes.c" -o probes.o || fail "compile e2e_probes.c"
	gcc $_cf -c "$_d/e2e_main.c" -o main.o || fail "compile e2e_main.c"
	"$SDTKIT" object -o sem.o "$_d/e2e.d" probes.o || fail "sdtkit object"
	gcc main.o probes.o sem.o -o e2e-exe || fail "link e2e-exe"
	gcc $_cf -fPIC -I. -c "$_d/e2e_probes.c" -o probes-pic.o || fail "compile e2e_probes.c -fPIC"
	"$SDTKIT_DTRACE" -G -s "$_d/e2e.d" -o sem-pic.o probes-pic.o || fail "dtrace -G (pic)"
	gcc -shared -o libe2e.so probes-pic.o sem-pic.o || fail "link libe2e.so"
	gcc main.o -L. -le2e -Wl,-rpath,"$PWD" -o e2e-shared || fail "link e2e-shared"
}
