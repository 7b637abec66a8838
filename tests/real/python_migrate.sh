# SPDX-License-Identifier: MIT
# python_migrate.sh: examples/migrate/cpython-3.11.patch replaces, on Linux,
# CPython's dtrace glue (the hand-written no-op half of Include/pydtrace.h,
# the configure test of dtrace -G, dtrace -h and the sed over its header,
# dtrace -G) with sdtkit's (SDTKIT_ENABLE_DTRACE, `sdtkit header
# --macro-prefix=PyDTrace_`, the no-op header from `--disabled`, `sdtkit
# object`); other hosts keep dtrace(1). Built --with-dtrace: the same probes
# and findings as the unpatched build; built without: no note, no semaphore,
# no generated probe header, and no sdtkit anywhere on PATH.
# timeout: 3600
. "$TESTDIR/lib.sh"
. "$TESTDIR/real/common.sh"
. "$TESTDIR/real/migrate.sh"
need make gcc readelf flock patch autoconf

python_migration python3.11 cpython-3.11 '' ''
pass
