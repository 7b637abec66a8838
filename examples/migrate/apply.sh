#!/bin/sh
# SPDX-License-Identifier: MIT
# apply.sh PROJECT SRCDIR: move SRCDIR, an unpacked upstream tree of PROJECT,
# from its own dtrace glue to sdtkit's integration (PROJECT.patch here, and
# the steps a patch cannot carry). PROJECT is one of the patches here:
#
#   cpython-3.11,  the patch; m4/sdtkit.m4 copied in (as projects ship it);
#   cpython-3.13   Include/pydtrace_probes_disabled.h written by
#                  `sdtkit header --disabled` (make regen-dtrace does it again
#                  later); configure made again with autoconf
#   postgresql-15  the patch (configure is edited in step with configure.ac:
#                  PostgreSQL pins autoconf 2.69); src/backend/utils/
#                  probes_disabled.h written by `sdtkit header -C --disabled`
#                  (make -C src/backend/utils update-probes-disabled)
#   glib-2.74      the patch alone (GLib's TRACE() macro already compiles
#                  the probes away without dtrace)
#
# All or nothing: the patch is tried first (`patch --dry-run`, no fuzz) and
# the tree is left as it was, with the hunks that do not apply named, unless
# every hunk applies; a later step that fails undoes the patch. Exit status 0;
# 1 when the tree was left unchanged; 2 on a usage error.
#
# Needs sdtkit (SDTKIT=, else on PATH), patch, and autoconf for CPython. The
# tree then builds with probes without any dtrace, and without them needs no
# sdtkit at all.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
projects=$(cd "$here" && ls *.patch | sed 's/\.patch$//' | paste -sd' ' -)
usage() { echo "usage: $0 PROJECT SRCDIR (PROJECT: $projects)" >&2; exit 2; }
[ $# = 2 ] || usage
[ -f "$here/$1.patch" ] || usage
project=$1 src=$2 patchfile=$here/$1.patch
die() { echo "apply.sh: $*" >&2; exit 1; }
[ -d "$src" ] || die "'$src' is not a directory"

# everything the steps after the patch need, found before the tree is touched
sdtkit=${SDTKIT:-$(command -v sdtkit)} || die "sdtkit is not on PATH (or set SDTKIT=)"
command -v patch >/dev/null || die "patch is not on PATH"
case $project in
cpython-*)
	command -v autoconf >/dev/null || die "autoconf is not on PATH (CPython's configure is made again)"
	# sdtkit.m4 from where this sdtkit installed it (pkg-config knows too)
	m4=$(dirname "$sdtkit")/../share/aclocal/sdtkit.m4
	[ -f "$m4" ] || m4=$(pkg-config --variable=aclocaldir sdtkit 2>/dev/null || true)/sdtkit.m4
	[ -f "$m4" ] || die "no sdtkit.m4 beside $sdtkit or where pkg-config says"
	;;
esac

# failed_hunks: from patch's output on stdin, one line per hunk that does not
# apply: "FILE: hunk N (at line L)", or "FILE: already patched"
failed_hunks() {
	awk '
		/^checking file / { file = substr($0, 15) }
		/^Hunk #[0-9]+ FAILED at/ { n = $2; sub(/^#/, "", n); l = $5; sub(/\.$/, "", l)
			print "  " file ": hunk " n " (at line " l ")" }
		/Reversed \(or previously applied\) patch detected/ { print "  " file ": already patched" }
		/^can.t find file to patch/ { print "  (a file the patch edits is missing)" }
		/^The next patch would (create|delete) the file/ { print "  " $0 }'
}

patchflags="-d $src -p1 --forward --batch --fuzz=0 --no-backup-if-mismatch"
# shellcheck disable=SC2086
if ! out=$(patch $patchflags --dry-run <"$patchfile" 2>&1); then
	{
		echo "apply.sh: $project.patch does not apply to $src; nothing was changed."
		echo "These hunks do not apply:"
		printf '%s\n' "$out" | failed_hunks
		echo "The patch was made for the upstream release it is named for: another release"
		echo "(a newer CPython, PostgreSQL or GLib) has moved or rewritten the lines it edits."
		echo "Take the patch for that release if there is one here ($projects), or make"
		echo "the same changes by hand. patch said:"
		printf '%s\n' "$out" | sed 's/^/  | /'
	} >&2
	exit 1
fi
# shellcheck disable=SC2086
patch $patchflags <"$patchfile"
written=
undo() {
	echo "apply.sh: a step after the patch failed: undoing it" >&2
	# shellcheck disable=SC2086
	patch $patchflags -R <"$patchfile" >/dev/null
	for f in $written; do rm -f "$f"; done
	[ ! -d "$src/m4" ] || rmdir "$src/m4" 2>/dev/null || true
}
trap 'undo' EXIT

# disabled_header D-FILE OUT [OPTIONS]: the no-op header, kept in the tree
disabled_header() {
	local d=$1 out=$2
	shift 2
	written="$written $src/$out"
	"$sdtkit" header --disabled "$@" -o "$src/$out" "$src/$d"
}

case $project in
cpython-*)
	[ -e "$src/m4/sdtkit.m4" ] || written="$written $src/m4/sdtkit.m4"
	mkdir -p "$src/m4"
	cp "$m4" "$src/m4/sdtkit.m4"
	disabled_header Include/pydtrace.d Include/pydtrace_probes_disabled.h --macro-prefix=PyDTrace_
	cp -p "$src/configure" "$src/configure.sdtkit-orig"
	written="$written $src/configure.sdtkit-orig"
	if ! (cd "$src" && autoconf); then
		mv "$src/configure.sdtkit-orig" "$src/configure"
		exit 1
	fi
	rm -f "$src/configure.sdtkit-orig"
	rm -rf "$src/autom4te.cache"
	;;
postgresql-*)
	disabled_header src/backend/utils/probes.d src/backend/utils/probes_disabled.h \
		-C --macro-prefix=TRACE_POSTGRESQL_
	;;
esac
trap - EXIT
