#!/bin/sh
# SPDX-License-Identifier: MIT
# demo.sh: install the sdtkit just built into a private prefix, build minipy
# against it with CMake (libminipy shared), show the probes of the program and
# of libminipy.so, and trace a sample script's calls with call_stack.bt
# (trace.sh: as root, bpftrace is installed where it is missing).
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
sh "$src/trace.sh" "$out/minipy"
