#!/bin/sh
# SPDX-License-Identifier: MIT
# deps.sh: make sure the Debian packages sdtkit's build, demo and tests use are installed.
# As root, installs what is missing; otherwise prints the command to run and fails.
# usage: scripts/deps.sh [build|check|trace|bench]   (default: check, which includes build;
# trace: what the demo's trace needs; bench: what `make bench` uses besides the build)
set -eu

build_pkgs="cmake ninja-build make gcc pkg-config libelf-dev zlib1g-dev systemtap-sdt-dev binutils"
check_pkgs="g++ clang libclang-rt-dev gdb bpftrace python3-pyparsing file
	gcc-aarch64-linux-gnu gcc-riscv64-linux-gnu gcc-arm-linux-gnueabihf gcc-powerpc64le-linux-gnu
	gcc-s390x-linux-gnu gcc-i686-linux-gnu libc6-dev-arm64-cross libc6-dev-riscv64-cross
	libc6-dev-armhf-cross libc6-dev-ppc64el-cross libc6-dev-s390x-cross libc6-dev-i386-cross
	autoconf automake libtool meson jq libpython3.11 time valgrind qemu-user groff-base
	libpcre2-dev libffi-dev lld mold systemtap linux-headers-$(dpkg --print-architecture)
	build-essential dpkg-dev debhelper lintian"

case "${1:-check}" in
build) want=$build_pkgs ;;
check) want="$build_pkgs $check_pkgs" ;;
trace) want="bpftrace" ;;
bench) want="$build_pkgs hyperfine gnuplot-nox jq time valgrind bpftrace" ;;
*) echo "usage: $0 [build|check|trace|bench]" >&2; exit 2 ;;
esac

# the real-project tests (tests/real) build from Debian's source packages
srcs() {
	[ "${1:-check}" = check ] || return 0
	if [ "$(id -u)" = 0 ]; then
		sh "$(dirname "$0")/debsrc.sh" setup || echo "note: no source packages: the real-project tests will skip"
	fi
}

missing=
for p in $want; do
	s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case $s in *" installed") ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && { srcs "${1:-check}"; exit 0; }

if [ "$(id -u)" != 0 ]; then
	echo "sdtkit needs these Debian packages:$missing" >&2
	echo "install them with:" >&2
	echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >/dev/null
srcs "${1:-check}"
