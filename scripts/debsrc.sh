#!/bin/sh
# SPDX-License-Identifier: MIT
# debsrc.sh: upstream sources of real projects from Debian's source packages,
# for the real-project tests (tests/real).
#
# usage: scripts/debsrc.sh setup
#          As root: add deb-src entries for the machine's own Debian suites
#          (those its deb entries name) and update the package lists, unless
#          source packages are known already. Otherwise says what is missing.
#        scripts/debsrc.sh fetch NAME DIR
#          Download source package NAME into the cache and unpack its upstream
#          tarball (the *.orig.tar.* inside, never Debian's patches) into DIR,
#          unless DIR holds it already. Prints "VERSION TARBALL". Tries the newest version
#          the archive lists first, then the next ones: a security update's
#          files are not always downloadable.
#
# The cache is $SDTKIT_SRC_CACHE, default ${XDG_CACHE_HOME:-$HOME/.cache}/sdtkit/debian-sources:
# outside any build tree, kept between runs. Exit status 0; 1 with a reason on
# stderr when the sources cannot be had; 2 on a usage error.
set -eu

cache=${SDTKIT_SRC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sdtkit/debian-sources}
list=/etc/apt/sources.list.d/sdtkit-deb-src.sources

# has_sources NAME: apt knows source package NAME
has_sources() {
	apt-cache showsrc "$1" 2>/dev/null | grep -q '^Package:'
}

# suites: "URI SUITES" of the machine's Debian deb entries, deb822 and one-line alike
suites() {
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && [ "$f" != "$list" ] || continue
		awk '
			function flush() { if (deb && uri ~ /debian/) print uri, suites; deb = 0; uri = ""; suites = "" }
			/^[ \t]*$/ { flush(); next }
			/^Types:/ { deb = ($0 ~ /[ \t]deb([ \t]|$)/) }
			/^URIs:/ { uri = $2 }
			/^Suites:/ { $1 = ""; sub(/^ /, ""); suites = $0 }
			END { flush() }' "$f"
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		awk '$1 == "deb" && $0 !~ /\[/ && $2 ~ /debian/ { print $2, $3 }' "$f"
	done
}

setup() {
	has_sources hello && return 0
	if [ "$(id -u)" != 0 ]; then
		echo "debsrc.sh: apt has no source packages; as root this adds deb-src entries to $list" >&2
		return 1
	fi
	tmp=$list.tmp
	: >"$tmp"
	suites | sort -u | while read -r uri s; do
		printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n' \
			"$uri" "$s" >>"$tmp"
	done
	if [ ! -s "$tmp" ]; then
		rm -f "$tmp"
		echo "debsrc.sh: the machine has no Debian deb entries to add deb-src entries for" >&2
		return 1
	fi
	mv "$tmp" "$list"
	echo "debsrc.sh: added deb-src entries ($list); updating the package lists"
	apt-get update -q >/dev/null 2>&1 || true
	has_sources hello || { echo "debsrc.sh: apt still has no source packages after the update" >&2; return 1; }
}

fetch() {
	name=$1 dir=$2
	has_sources "$name" || { echo "apt knows no source package '$name' (run scripts/debsrc.sh setup as root)" >&2; return 1; }
	mkdir -p "$cache"
	versions=$(apt-cache showsrc "$name" | awk '/^Version:/ { print $2 }' | sort -u -r -V)
	for v in $versions; do
		up=${v#*:}
		up=${up%-*}
		tarball=
		# a download of this very version completed once: its tarball is in the cache
		if [ ! -f "$cache/${name}_$v.fetched" ]; then
			if ! (cd "$cache" && apt-get source --download-only -q "$name=$v") >"$cache/$name.log" 2>&1; then
				echo "note: $name $v cannot be downloaded ($(grep -m1 '^E:' "$cache/$name.log" || echo failed)); trying the next version" >&2
				continue
			fi
			: >"$cache/${name}_$v.fetched"
		fi
		for t in "$cache/${name}_$up.orig.tar".*; do
			[ -f "$t" ] && tarball=$t && break
		done
		[ -n "$tarball" ] || { echo "note: $name $v has no upstream tarball; trying the next version" >&2; continue; }
		# the tree is unpacked once per tarball (builds are out of tree: it stays pristine)
		if [ "$(cat "$dir.unpacked" 2>/dev/null)" != "$tarball" ]; then
			rm -rf "$dir" "$dir.unpacked"
			mkdir -p "$dir"
			tar -xf "$tarball" -C "$dir" --strip-components=1 ||
				{ echo "cannot unpack $tarball" >&2; return 1; }
			echo "$tarball" >"$dir.unpacked"
		fi
		echo "$v $tarball"
		return 0
	done
	echo "no version of source package '$name' could be downloaded" >&2
	return 1
}

case ${1:-} in
setup) setup ;;
fetch) [ $# = 3 ] || { echo "usage: $0 fetch NAME DIR" >&2; exit 2; }; fetch "$2" "$3" ;;
*) echo "usage: $0 setup | fetch NAME DIR" >&2; exit 2 ;;
esac
