#!/bin/sh
# SPDX-License-Identifier: MIT
# run-fuzz.sh: run one libFuzzer harness for a fixed time on a copy of its corpus
#
# usage: sh run-fuzz.sh HARNESS CORPUS DICT SECONDS
#   HARNESS  the fuzz_NAME binary; CORPUS its seed directory (never written);
#   DICT     a dictionary file or ''; SECONDS the budget, overridden by the
#            environment variable SDTKIT_FUZZ_SECONDS (`make fuzz FUZZ_SECONDS=N`)
# environment: SCRATCH (or TMPDIR) holds the work directory NAME/: the corpus
#   copy, fuzz.log (libFuzzer's output), any crash-*/leak-*/timeout-* input and
#   summary (the line printed on success).
# Exit 0 if the whole budget passed without a finding, 1 otherwise.

set -u
harness=${1:?usage: run-fuzz.sh HARNESS CORPUS DICT SECONDS}
corpus=${2:?}
dict=${3-}
seconds=${SDTKIT_FUZZ_SECONDS:-${4:?}}
name=$(basename "$harness")
name=${name#fuzz_}

W=${SCRATCH:-${TMPDIR:-/tmp}}/fuzz-$name
rm -rf "$W"
mkdir -p "$W/corpus" || exit 1
cp -R "$corpus/." "$W/corpus/" || exit 1

set -- -max_total_time="$seconds" -runs=-1 -max_len=65536 -timeout=10 \
	-print_final_stats=1 -artifact_prefix="$W/"
[ -n "$dict" ] && set -- "$@" -dict="$dict"

"$harness" "$@" "$W/corpus" >"$W/fuzz.log" 2>&1
rc=$?

runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$W/fuzz.log" | tail -n 1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$W/fuzz.log" | tail -n 1)
findings=$(cd "$W" && ls -d crash-* leak-* timeout-* oom-* slow-unit-* 2>/dev/null)
if [ "$rc" != 0 ] || [ -n "$findings" ] || [ -z "$runs" ]; then
	echo "FAIL: fuzz/$name: exit status $rc after ${runs:-?} executions; the end of $W/fuzz.log:"
	tail -n 60 "$W/fuzz.log"
	for f in $findings; do
		echo "finding: $W/$f (reproduce: $harness $W/$f)"
	done
	echo "Each finding becomes a tests/cases/fuzz-*.case once fixed."
	exit 1
fi
line="fuzz/$name: $runs executions in $seconds s ($rate exec/s), no finding"
echo "$line" | tee "$W/summary"
