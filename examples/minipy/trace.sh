#!/bin/sh
# SPDX-License-Identifier: MIT
# trace.sh: the last step of the demo: minipy's calls inside start(), by
# depth, with call_stack.bt under bpftrace, for a minipy built shared in DIR
# (libminipy.so there). As root it installs bpftrace where it is missing
# (scripts/deps.sh trace) and mounts tracefs and debugfs where they are not;
# as another user it prints the commands that show the trace, run as root.
# usage: trace.sh DIR
set -eu
dir=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$src/../.." && pwd)
lib=$(readlink -f "$dir/libminipy.so")
[ -f "$dir/start.mpy" ] || cp "$src"/samples/*.mpy "$dir/"
# one line a root shell can run as it is: attach by the library's path, then run the script
cmd="cd $dir && { bpftrace $src/call_stack.bt $lib & sleep 5; ./minipy start.mpy >/dev/null; sleep 1; kill -INT \$!; wait; }"

if [ "$(id -u)" != 0 ]; then
	echo "== the call-stack trace needs root (bpftrace); as root, this shows it:"
	command -v bpftrace >/dev/null 2>&1 || echo "   sudo apt-get install -y bpftrace"
	echo "   sudo sh -c '$cmd'"
	exit 0
fi
if ! command -v bpftrace >/dev/null 2>&1; then
	echo "== installing bpftrace for the trace"
	sh "$top/scripts/deps.sh" trace || { echo "== no trace: bpftrace could not be installed"; exit 0; }
fi
# bpftrace attaches uprobes through tracefs (and older kernels debugfs)
[ -e /sys/kernel/tracing/uprobe_events ] || [ -e /sys/kernel/debug/tracing/uprobe_events ] ||
	mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null || true
if [ -d /sys/kernel/debug ] && ! grep -q ' /sys/kernel/debug debugfs ' /proc/mounts; then
	mount -t debugfs nodev /sys/kernel/debug 2>/dev/null || true
fi
if ! out=$(timeout 20 bpftrace -e 'BEGIN { printf("ok\n"); exit(); }' 2>&1) || [ "${out#*ok}" = "$out" ]; then
	echo "== no trace: the kernel refuses bpftrace here: $(printf '%s' "$out" | grep -v WARNING | head -n 2 | tr '\n' ' ')"
	exit 0
fi

echo "== the DTrace guide's call_stack.d, for bpftrace: calls inside start(), by depth"
printf '$ bpftrace %s %s &   # attach by the library path\n$ ./minipy start.mpy\n' "$src/call_stack.bt" "$lib"
cd "$dir"
bpftrace "$src/call_stack.bt" "$lib" >trace.txt 2>trace.err &
bt=$!
# wait until the probes are attached (at most 20 s), then run the script
i=0
while ! grep -q Tracing trace.txt 2>/dev/null && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
grep -q Tracing trace.txt || echo "== bpftrace has not attached after 20 s: $(cat trace.err)"
sleep 1
./minipy start.mpy >/dev/null
sleep 1
# stop bpftrace: SIGINT, and SIGKILL if it has not ended 10 s later
kill -INT $bt 2>/dev/null || true
i=0
while kill -0 $bt 2>/dev/null && ! grep -q ") Z " /proc/$bt/stat 2>/dev/null && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
kill -KILL $bt 2>/dev/null || true
wait $bt 2>/dev/null || true
grep -v -e '^$' -e '^@' trace.txt
