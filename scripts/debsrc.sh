#!/bin/sh
# SPDX-License-Identifier: MIT
# debsrc.sh: upstream sources of real projects from Debian's source packages,
# for the real-project tests (tests/real).
#
# usage: scripts/debsrc.sh setup [SUITE]
#          Make (or refresh, once a day) the private apt state of SUITE's
#          source packages. Needs no root: nothing of the machine's apt
#          configuration is changed.
#        scripts/debsrc.sh fetch NAME DIR [SUITE]
#          Download source package NAME of SUITE into the cache and unpack its
#          upstream tarball (the *.orig.tar.* inside, never Debian's patches)
#          into DIR, unless DIR holds it already. Prints "VERSION TARBALL".
#          Tries the newest version SUITE lists first, then the next ones: a
#          security update's files are not always downloadable.
#
# SUITE is a Debian release's code name (bookworm, trixie); the default is the
# machine's own (VERSION_CODENAME in /etc/os-release). Each suite has its own
# apt state in the cache (`apt-get -o Dir::Etc::SourceList=... -o
# Dir::State::Lists=... -o Dir::Cache=...`): deb-src entries for SUITE,
# SUITE-updates and SUITE-security on the mirrors the machine's own deb
# entries name, and nothing else, so the version a test builds is SUITE's
# whatever else the machine's apt sources list (a trixie deb-src entry there
# does not turn Debian 12's GLib 2.74 into 2.84).
#
# The cache is $SDTKIT_SRC_CACHE, default ${XDG_CACHE_HOME:-$HOME/.cache}/sdtkit/debian-sources:
# outside any build tree, kept between runs. Exit status 0; 1 with a reason on
# stderr when the sources cannot be had; 2 on a usage error.
set -eu

cache=${SDTKIT_SRC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sdtkit/debian-sources}

# mirrors: "URI SUITES" of the machine's Debian deb entries, deb822 and one-line alike
mirrors() {
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
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

# own_suite: the machine's Debian release
own_suite() {
	s=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
	[ -n "$s" ] || { echo "debsrc.sh: /etc/os-release names no Debian release: give SUITE" >&2; return 1; }
	echo "$s"
}

# state SUITE: the private apt state of SUITE's source packages, made or
# refreshed (once a day) under a lock; sets APT (the apt-get/apt-cache options)
state() {
	[ -n "$1" ] || return 1
	suite=$1 st=$cache/apt-$1
	APT="-o Dir::Etc::SourceList=$st/sources.sources -o Dir::Etc::SourceParts=- -o Dir::State::Lists=$st/lists -o Dir::Cache=$st/cache -o Dir::State::status=/dev/null"
	[ -n "$(find "$st/updated" -mmin -1440 2>/dev/null)" ] && return 0
	mkdir -p "$st/lists/partial" "$st/cache/archives/partial"
	main=$(mirrors | awk '$2 !~ /-security/ { print $1; exit }')
	security=$(mirrors | awk '$2 ~ /-security/ { print $1; exit }')
	[ -n "$main" ] || { echo "debsrc.sh: the machine's apt sources name no Debian mirror" >&2; return 1; }
	{
		printf 'Types: deb-src\nURIs: %s\nSuites: %s %s-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
			"$main" "$suite" "$suite"
		[ -z "$security" ] ||
			printf '\nTypes: deb-src\nURIs: %s\nSuites: %s-security\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
				"$security" "$suite"
	} >"$st/sources.sources"
	# shellcheck disable=SC2086
	flock "$st/lock" apt-get $APT update -q >"$st/update.log" 2>&1 ||
		{ echo "debsrc.sh: apt-get update of $suite's sources failed: $(grep -m3 -e '^E:' -e '^W:' "$st/update.log")" >&2; return 1; }
	# shellcheck disable=SC2086
	apt-cache $APT showsrc hello 2>/dev/null | grep -q '^Package:' ||
		{ echo "debsrc.sh: the mirror lists no source packages for $suite" >&2; return 1; }
	: >"$st/updated"
}

fetch() {
	name=$1 dir=$2
	state "$3" || return 1
	# shellcheck disable=SC2086
	versions=$(apt-cache $APT showsrc "$name" 2>/dev/null | awk '/^Version:/ { print $2 }' | sort -u -r -V)
	[ -n "$versions" ] || { echo "$3 has no source package '$name'" >&2; return 1; }
	for v in $versions; do
		up=${v#*:}
		up=${up%-*}
		tarball=
		# a download of this very version completed once: its tarball is in the cache
		if [ ! -f "$cache/${name}_$v.fetched" ]; then
			# shellcheck disable=SC2086
			if ! (cd "$cache" && apt-get $APT source --download-only -q "$name=$v") >"$cache/$name.log" 2>&1; then
				echo "note: $name $v ($3) cannot be downloaded ($(grep -m1 '^E:' "$cache/$name.log" || echo failed)); trying the next version" >&2
				continue
			fi
			: >"$cache/${name}_$v.fetched"
		fi
		for t in "$cache/${name}_$up.orig.tar".*; do
			case $t in *.asc) continue ;; esac
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
	echo "no version of source package '$name' ($3) could be downloaded" >&2
	return 1
}

mkdir -p "$cache"
case ${1:-} in
setup)
	[ $# -le 2 ] || { echo "usage: $0 setup [SUITE]" >&2; exit 2; }
	state "${2:-$(own_suite)}"
	;;
fetch)
	[ $# = 3 ] || [ $# = 4 ] || { echo "usage: $0 fetch NAME DIR [SUITE]" >&2; exit 2; }
	fetch "$2" "$3" "${4:-$(own_suite)}"
	;;
*) echo "usage: $0 setup [SUITE] | fetch NAME DIR [SUITE]" >&2; exit 2 ;;
esac
