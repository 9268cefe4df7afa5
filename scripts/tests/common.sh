# shellcheck shell=bash
# Helpers for the tooling tests in this directory.  Sourced, never run.
set -euo pipefail
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=scripts/lib.sh
. "$TOP/scripts/lib.sh"

# expect_error PATTERN CMD...: CMD must fail and print PATTERN (an ERE).
expect_error() {
	local pattern=$1 out rc=0

	shift
	out=$("$@" 2>&1) || rc=$?
	if [ "$rc" = 0 ]; then
		echo "FAIL: '$*' succeeded; expected an error matching /$pattern/"
		printf '%s\n' "$out" | tail -n 5
		exit 1
	fi
	if ! printf '%s\n' "$out" | grep -Eq "$pattern"; then
		echo "FAIL: '$*' failed without /$pattern/:"
		printf '%s\n' "$out" | tail -n 10
		exit 1
	fi
	echo "ok: '$*' -> $(printf '%s\n' "$out" | grep -E -m1 "$pattern")"
}

# A scratch worktree of the base repository at the base commit, removed
# when the test exits.
scratch_worktree() {
	local wt=$1

	git -C "$(base_repo)" worktree add -q --detach "$wt" "$(base_rev)"
	# shellcheck disable=SC2064 # expand now: the path is fixed
	trap "git -C '$(base_repo)' worktree remove --force '$wt' 2>/dev/null || true" EXIT
}
