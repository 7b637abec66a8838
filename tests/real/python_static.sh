# SPDX-License-Identifier: MIT
# python_static.sh: CPython 3.11 built static (the probes in python) with sdtkit as its dtrace (python.sh)
# timeout: 2400
. "$TESTDIR/lib.sh"
. "$TESTDIR/real/python.sh" static
