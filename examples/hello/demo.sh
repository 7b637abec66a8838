#!/bin/sh
# demo.sh: generate the probe header and semaphore object for hello.d, build
# the program with them and show the probes it carries.
# usage: demo.sh PATH/TO/sdtkit
set -eu
sdtkit=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$(dirname "$0")" && pwd)
out=${DEMO_DIR:-$(dirname "$sdtkit")/demo}
mkdir -p "$out"
cd "$out"

run() { printf '$ %s\n' "$*"; "$@"; }

run "$sdtkit" header -o hello_probes.h "$src/hello.d"
run cc -O2 -Wall -I. -c "$src/hello.c" -o hello.o
run "$sdtkit" object -o hello_probes.o "$src/hello.d" hello.o
run cc hello.o hello_probes.o -o hello
run ./hello world
echo
echo "The probes in $out/hello:"
run readelf -n hello | sed -n '/\.note\.stapsdt/,$p'
echo
prog='usdt:./hello:hello:greet { printf("probe hello:greet fired: who=%s count=%d\n", str(arg0), arg1); }'
if [ "$(id -u)" = 0 ] && command -v bpftrace >/dev/null 2>&1; then
	echo "Tracing it with bpftrace:"
	printf '$ bpftrace -e '\''%s'\'' -c '\''./hello you me'\''\n' "$prog"
	timeout 60 bpftrace -e "$prog" -c './hello you me' 2>&1 | grep -v -e '^WARNING' -e '^ERROR: Unknown error -1' -e 'uprobe_events' -e 'failed to detach' ||
		echo "(bpftrace could not attach here: the kernel refused it)"
else
	echo "To trace it, as root:"
	printf "  bpftrace -e '%s' -c '%s/hello you me'\n" "$prog" "$out"
fi
