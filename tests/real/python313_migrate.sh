# SPDX-License-Identifier: MIT
# python313_migrate.sh: examples/migrate/cpython-3.13.patch on CPython 3.13
# from Debian 13's python3.13 source package. On Linux it replaces CPython's
# dtrace glue (the hand-written no-op half of Include/pydtrace.h, dtrace -h
# and its sed, dtrace -G) with sdtkit's (SDTKIT_ENABLE_DTRACE, `sdtkit header
# --macro-prefix=PyDTrace_`, the no-op header from `--disabled`, `sdtkit
# object`); other hosts keep dtrace(1). `make python` --with-dtrace: the
# probes of the unchanged build (expected/python3.13.probes: the 5 of
# pydtrace.d's 12 that 3.13 places, with `sdtkit check` naming the other 7);
# without: no note, no semaphore, no generated probe header, and no sdtkit
# anywhere on PATH.
# timeout: 2400
. "$TESTDIR/lib.sh"
. "$TESTDIR/real/common.sh"
. "$TESTDIR/real/migrate.sh"
need make gcc readelf flock patch autoconf

python_migration python3.13 cpython-3.13 trixie python
pass
