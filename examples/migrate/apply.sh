#!/bin/sh
# SPDX-License-Identifier: MIT
# apply.sh PROJECT SRCDIR: move SRCDIR, an unpacked upstream tree of PROJECT,
# from its own dtrace glue to sdtkit's integration (PROJECT.patch here, and
# the steps a patch cannot carry). PROJECT is cpython-3.11 or postgresql-15.
#
#   cpython-3.11   the patch; m4/sdtkit.m4 copied in (as projects ship it);
#                  Include/pydtrace_probes_disabled.h written by
#                  `sdtkit header --disabled` (make regen-dtrace does it again
#                  later); configure made again with autoconf
#   postgresql-15  the patch (configure is edited in step with configure.ac:
#                  PostgreSQL pins autoconf 2.69); src/backend/utils/
#                  probes_disabled.h written by `sdtkit header -C --disabled`
#                  (make -C src/backend/utils update-probes-disabled)
#
# Needs sdtkit (SDTKIT=, else on PATH), patch, and autoconf for CPython. The
# tree then builds with probes without any dtrace, and without them needs no
# sdtkit at all.
set -eu
usage() { echo "usage: $0 cpython-3.11|postgresql-15 SRCDIR" >&2; exit 2; }
[ $# = 2 ] || usage
case $1 in cpython-3.11 | postgresql-15) ;; *) usage ;; esac
here=$(cd "$(dirname "$0")" && pwd)
sdtkit=${SDTKIT:-$(command -v sdtkit)} || { echo "$0: sdtkit is not on PATH (or set SDTKIT=)" >&2; exit 1; }
src=$2
patch -d "$src" -p1 --forward --batch <"$here/$1.patch"
case $1 in
cpython-3.11)
	# sdtkit.m4 from where this sdtkit installed it (pkg-config knows too)
	m4=$(dirname "$sdtkit")/../share/aclocal/sdtkit.m4
	[ -f "$m4" ] || m4=$(pkg-config --variable=aclocaldir sdtkit)/sdtkit.m4
	mkdir -p "$src/m4"
	cp "$m4" "$src/m4/sdtkit.m4"
	"$sdtkit" header --disabled --macro-prefix=PyDTrace_ \
		-o "$src/Include/pydtrace_probes_disabled.h" "$src/Include/pydtrace.d"
	(cd "$src" && autoconf)
	;;
postgresql-15)
	"$sdtkit" header -C --disabled --macro-prefix=TRACE_POSTGRESQL_ \
		-o "$src/src/backend/utils/probes_disabled.h" "$src/src/backend/utils/probes.d"
	;;
esac
