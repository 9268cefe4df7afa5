# shellcheck shell=bash
# Passes kept from one run to the next; sourced after lib.sh, never run.
#
# A check whose inputs are the same as when it last passed is not run
# again: its key is a hash of everything its result depends on, and its
# pass is kept, with its output, as <cache>/results/passed/NAME/KEY.  A
# failure is never kept, so a failing check runs every time.
# KSERIES_RERUN=1 runs every check whatever was kept.

# passed_before NAME KEY: print the output NAME gave when it passed with
# KEY; false when it did not, or under KSERIES_RERUN.
passed_before() {
	local f=$CACHE/results/passed/$1/$2

	[ -z "${KSERIES_RERUN:-}" ] && [ -f "$f" ] || return 1
	cat "$f"
}

# keep_pass NAME KEY FILE: keep FILE as the output of NAME's pass with KEY.
keep_pass() {
	local f=$CACHE/results/passed/$1/$2

	mkdir -p "${f%/*}"
	cp "$3" "$f.tmp.$$"
	mv "$f.tmp.$$" "$f"
}

# repo_inputs: the name and content of every file of the repository, as
# one hash: the tracked files and the untracked ones git does not ignore,
# less the documents written for people (*.md), which no script or test
# reads (docs/checkpatch-exceptions, which scripts/lint reads, counts).
repo_inputs() {
	(
		cd "$TOP" || exit 1
		git ls-files -z --cached --others --exclude-standard -- . ':!:*.md' | sort -zu |
		while IFS= read -r -d '' f; do
			[ ! -f "$f" ] || sha256sum -- "$f"
		done
	) | sha256
}

# tool_versions CMD...: the first line of each command's --version (or
# "none" where it is missing), one per line.
tool_versions() {
	local t v

	for t in "$@"; do
		v=$("$t" --version 2>&1 < /dev/null) || v=none
		printf '%s: %s\n' "$t" "${v%%$'\n'*}"
	done
}

# kept_or_run NAME KEY CMD...: print the output NAME gave when it passed
# with KEY; or else run CMD, with KSERIES_PASSED_RUN=NAME in its
# environment (so that a script running itself knows it is the run), and
# keep its output when it passes.  Returns CMD's status, 0 for a kept pass.
kept_or_run() {
	local name=$1 key=$2 out rc=0

	shift 2
	if passed_before "$name" "$key" > /dev/null; then
		info "the same inputs passed before; what they gave then (KSERIES_RERUN=1 runs it again):"
		passed_before "$name" "$key"
		return 0
	fi
	out=$(mktemp)
	KSERIES_PASSED_RUN=$name "$@" | tee "$out" || rc=$?
	[ "$rc" != 0 ] || keep_pass "$name" "$key" "$out"
	rm -f "$out"
	return "$rc"
}
