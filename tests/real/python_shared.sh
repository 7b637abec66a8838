# SPDX-License-Identifier: MIT
# python_shared.sh: CPython 3.11 built --enable-shared (the probes in libpython3.11.so.1.0) with sdtkit as its dtrace (python.sh)
# timeout: 2400
. "$TESTDIR/lib.sh"
. "$TESTDIR/real/python.sh" shared
