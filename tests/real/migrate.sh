# SPDX-License-Identifier: MIT
# migrate.sh: helpers of the migration tests (python_migrate.sh,
# postgresql_migrate.sh), sourced after common.sh: examples/migrate/apply.sh
# on a fresh copy of the upstream tree, then builds with the probes on (the
# same probes and findings as the unpatched build) and off (no note, no
# semaphore, the no-op header, and no sdtkit on PATH at all)

# migrate PACKAGE PROJECT [SUITE]: a fresh copy of PACKAGE's upstream tree (of
# Debian release SUITE) in $T/src, moved to sdtkit by apply.sh PROJECT; sets SRC
migrate() {
	step "applying examples/migrate/$2.patch"
	SRC=$T/src
	real_tarball "$1" "$SRC" ${3:-}
	SDTKIT=$SDTKIT_INSTALLED bounded 300 sh "$SRCDIR/examples/migrate/apply.sh" "$2" "$SRC" >"$T/apply.log" 2>&1 ||
		fail "apply.sh $2 failed: $(tail -n 20 "$T/apply.log")"
	! grep -q -e '^Hunk .* with fuzz' -e 'offset' "$T/apply.log" ||
		fail "the patch does not apply cleanly: $(grep -e fuzz -e offset "$T/apply.log")"
}

# off_path: PATH without the installed sdtkit
off_path() {
	printf '%s\n' "$PATH" | tr ':' '\n' | grep -v "^$T/prefix/" | paste -sd: -
}

# no_probes FILE...: no SDT note, no .probes section, no semaphore
no_probes() {
	local f
	for f in "$@"; do
		! readelf -SW "$f" | grep -q -e '\.note\.stapsdt' -e ' \.probes ' || fail "$f has probes with tracing off"
		! readelf -sW "$f" | grep -q '_semaphore$' || fail "$f has semaphores with tracing off"
	done
}
