#!/bin/sh
# SPDX-License-Identifier: MIT
# demo.sh: install the sdtkit just built into a private prefix, build minipy
# against it with CMake (libminipy shared), show the probes of the program and
# of libminipy.so, and trace a sample script's calls with call_stack.bt.
# usage: demo.sh BUILD_DIR   (sdtkit's CMake build directory)
set -eu
build=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")" && pwd)
out=$build/demo
prefix=$out/prefix
sdtkit=$prefix/bin/sdtkit

run() { printf '$ %s\n' "$*"; "$@"; }

rm -rf "$out"
mkdir -p "$out"
cmake --install "$build" --prefix "$prefix" >/dev/null
echo "== minipy, built with CMake and sdtkit_add_probes(), libminipy shared"
run cmake -S "$src" -B "$out/minipy" -G Ninja -DBUILD_SHARED_LIBS=ON -DSDTKIT_DTRACE=ON \
	-DCMAKE_PREFIX_PATH="$prefix" >"$out/configure.log" || { cat "$out/configure.log"; exit 1; }
run cmake --build "$out/minipy" >"$out/build.log" || { cat "$out/build.log"; exit 1; }
cd "$out/minipy"
echo
echo "== the program carries no probes: in the shared layout they live in the library"
run "$sdtkit" list minipy >list.txt
if [ -s list.txt ]; then cat list.txt; else echo "(no probes)"; fi
echo
run "$sdtkit" list libminipy.so
echo
echo "== the library agrees with its provider file"
run "$sdtkit" check "$src/minipy.d" minipy libminipy.so && echo "check: clean"
echo
echo "== a sample script"
cp "$src"/samples/*.mpy .
run ./minipy start.mpy
echo
why=
if [ "$(id -u)" != 0 ]; then
	why="bpftrace needs root"
elif ! command -v bpftrace >/dev/null 2>&1; then
	why="bpftrace is not installed"
elif ! timeout 20 bpftrace -e 'BEGIN { exit(); }' >/dev/null 2>&1; then
	why="the kernel refuses bpftrace here"
fi
if [ -n "$why" ]; then
	echo "== skipping the call-stack trace: $why"
	echo "   (as root: bpftrace $src/call_stack.bt $out/minipy/libminipy.so, then run ./minipy start.mpy)"
	exit 0
fi
echo "== the DTrace guide's call_stack.d, for bpftrace: calls inside start(), by depth"
lib=$(readlink -f libminipy.so)
printf '$ bpftrace %s %s &   # attach by the library path\n$ ./minipy start.mpy\n' \
	"$src/call_stack.bt" "$lib"
bpftrace "$src/call_stack.bt" "$lib" >trace.txt 2>trace.err &
bt=$!
# wait until the probes are attached, then run the script
i=0
while ! grep -q Tracing trace.txt 2>/dev/null && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
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
