# shellcheck shell=bash
# Sourced by the guest's tests that fail the allocations of a system call
# one by one with fail-nth (scripts/e2e.d/progs/failnth.h); not a test.
# failnth_setup makes failslab and fail_page_alloc consider every
# allocation, the ones that may sleep and pages of every order included,
# and keeps them quiet about the failures they inject; a kernel without
# both is a skip (exit 77).  failnth_restore puts back what failnth_setup
# changed: call it from the test's EXIT trap.  failnth_run runs a
# program between the two.

failnth_saved=()

# failnth_set FILE VALUE: write VALUE to FILE, remembering its old value.
failnth_set() {
	failnth_saved+=("$1" "$(cat "$1")")
	echo "$2" > "$1"
}

failnth_setup() {
	local d=/sys/kernel/debug f

	mountpoint -q "$d" || mount -t debugfs debugfs "$d"
	for f in failslab fail_page_alloc; do
		[ -d "$d/$f" ] || { echo "SKIP: no $f in this kernel"; exit 77; }
	done
	failnth_set "$d/failslab/ignore-gfp-wait" N
	failnth_set "$d/failslab/verbose" 0
	failnth_set "$d/fail_page_alloc/ignore-gfp-wait" N
	failnth_set "$d/fail_page_alloc/min-order" 0
	failnth_set "$d/fail_page_alloc/verbose" 0
}

failnth_restore() {
	local i

	for ((i = ${#failnth_saved[@]} - 2; i >= 0; i -= 2)); do
		echo "${failnth_saved[i + 1]}" > "${failnth_saved[i]}" || true
	done
	failnth_saved=()
}

# failnth_run PROG LINES: run PROG with the injection set up (put back
# when the test exits), show the last LINES lines of its output, and exit
# with its status.
failnth_run() {
	local rc=0

	failnth_setup
	trap failnth_restore EXIT
	"$1" > "$TMPDIR/nth" || rc=$?
	tail -n "$2" "$TMPDIR/nth"
	exit "$rc"
}
