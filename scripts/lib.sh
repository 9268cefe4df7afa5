# shellcheck shell=bash
# Shared helpers for the scripts in this directory.  Sourced, never run.
#
# Environment understood by every script:
#   KSERIES_CACHE  cache directory (default: ${XDG_CACHE_HOME:-~/.cache}/kseries)
#   KSRC           the user's own git kernel tree, used instead of the
#                  Debian base tree (never modified: we add a worktree)
#   JOBS           parallel make jobs (default: number of CPUs)

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/base.conf
. "$TOP/scripts/base.conf"

CACHE=${KSERIES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kseries}
JOBS=${JOBS:-$(nproc)}
PROG=$(basename "$0")

die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }

# No silent exit: a command substitution fails like any other command,
# and a script that stops on an error it did not report itself (set -e)
# names where, and what failed.
shopt -s inherit_errexit
set -E
on_err() {
	# A writer in a subshell whose reader had all it needed (grep -q
	# PATTERN < <(CMD)) ends on SIGPIPE: not an error.  Where a subshell's
	# status matters, its parent reports it.
	[ "$1" != 141 ] || [ "$BASH_SUBSHELL" = 0 ] || return 0
	printf '%s: error: %s:%s: "%s" failed (exit status %s)\n' \
		"$PROG" "${3#"$TOP"/}" "$4" "$2" "$1" >&2
}
trap 'on_err $? "$BASH_COMMAND" "${BASH_SOURCE[0]}" "$LINENO"' ERR
warn() { printf '%s: warning: %s\n' "$PROG" "$*" >&2; }
info() { printf '%s: %s\n' "$PROG" "$*" >&2; }

# The selected base (KSERIES_BASE) and topic (KSERIES_TOPIC), and what they
# select: the base's package, the series file and the patch directory.
#   mainline             series, patches/            every topic, in order
#   mainline + TOPIC     patches/TOPIC/series        that topic alone
#   stable-6.12          patches/stable-6.12/series  the backport queue
# select_queue BASE [TOPIC]: select a base and, on mainline, a topic (or
# none: every topic); exported, so that the scripts run from here see it.
select_queue() {
	local b v

	BASE_NAME=$1 TOPIC=${2:-}
	case "$BASE_NAME" in
	mainline|stable-6.12) ;;
	*) die "KSERIES_BASE=$BASE_NAME is not a base; use mainline or stable-6.12" ;;
	esac
	b=${BASE_NAME//[-.]/_}
	v=${b}_PKG; BASE_PKG=${!v}
	v=${b}_VERSION; BASE_PKG_VERSION=${KSERIES_PIN_OVERRIDE:-${!v}}
	v=${b}_SUITE; BASE_SUITE=${!v}
	v=${b}_LABEL; BASE_LABEL=${!v}
	v=${b}_UPSTREAM; BASE_UPSTREAM=${!v}
	if [ -n "$TOPIC" ]; then
		[ "$BASE_NAME" = mainline ] ||
			die "KSERIES_TOPIC is for the mainline base; $BASE_NAME has one queue"
		[[ " ${TOPICS[*]} " == *" $TOPIC "* ]] ||
			die "KSERIES_TOPIC=$TOPIC is not a topic; the topics are: ${TOPICS[*]}"
		SERIES_FILE=$TOP/patches/$TOPIC/series
		PATCH_DIR=$TOP/patches/$TOPIC
	elif [ "$BASE_NAME" = mainline ]; then
		SERIES_FILE=$TOP/series
		PATCH_DIR=$TOP/patches
	else
		SERIES_FILE=$TOP/patches/$BASE_NAME/series
		PATCH_DIR=$TOP/patches/$BASE_NAME
	fi
	export KSERIES_BASE=$BASE_NAME KSERIES_TOPIC=$TOPIC
	! declare -F lock_tree > /dev/null || lock_tree
}
select_queue "${KSERIES_BASE:-mainline}" "${KSERIES_TOPIC:-}"

# QUEUES: every queue a maintainer receives, as BASE:TOPIC.
QUEUES=()
for _t in "${TOPICS[@]}"; do QUEUES+=("mainline:$_t"); done
QUEUES+=(stable-6.12:)
unset _t

# not_here FIELD: what the selected base does not have, from the
# kunit/<base>-only.config of every other base (mainline-only.config,
# stable-6.12-only.config): FIELD "config" gives their CONFIG_ lines,
# "suites" the words of their "# suites:" lines, "e2e" of their "# e2e:"
# lines, one per line.
not_here() {
	local b f

	case "$1" in
	config|suites|e2e) ;;
	*) die "not_here: no field '$1'" ;;
	esac
	for b in mainline stable-6.12; do
		f=$TOP/kunit/$b-only.config
		[ "$b" != "$BASE_NAME" ] && [ -f "$f" ] || continue
		if [ "$1" = config ]; then
			grep '^CONFIG_' "$f" || true
		else
			sed -n "s/^# $1://p" "$f" | tr ' ' '\n' | awk 'NF'
		fi
	done
}

# cover_letters: the cover letters of the selection, one per series a
# maintainer receives.
cover_letters() {
	local t

	if [ "$BASE_NAME" != mainline ] || [ -n "$TOPIC" ]; then
		echo "$PATCH_DIR/0000-cover-letter.patch"
		return 0
	fi
	for t in "${TOPICS[@]}"; do
		echo "$TOP/patches/$t/0000-cover-letter.patch"
	done
}

# usage_from_header: print the comment block at the top of the calling
# script (after the shebang) as its --help text.
usage_from_header() {
	sed -n '2,/^[^#]/{/^#/{s/^# \{0,1\}//;p}}' "$0"
}

# Answer --help/-h for scripts that take no other option parsing of their own.
handle_help() {
	case "${1:-}" in
	-h|--help) usage_from_header; exit 0 ;;
	esac
}

is_root() { [ "$(id -u)" = 0 ]; }

# ensure_pkgs PKG:PROBE...
# PROBE is a command name or an absolute path that the package provides.
# Missing packages are installed with apt when we are root; otherwise the
# script stops and names the command that would install them.
ensure_pkgs() {
	local spec pkg probe missing=()

	for spec in "$@"; do
		pkg=${spec%%:*}
		probe=${spec#*:}
		case "$probe" in
		/*) [ -e "$probe" ] && continue ;;
		*) command -v "$probe" >/dev/null 2>&1 && continue ;;
		esac
		missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0

	if ! is_root; then
		die "missing Debian packages: ${missing[*]}; install them with: sudo apt-get install ${missing[*]}"
	fi
	# apt takes one caller at a time, and fails the others at once: two
	# runs side by side (scripts/test's two lanes) take turns here, and
	# wait for anyone else's apt or dpkg for up to ten minutes.
	mkdir -p "$CACHE/state"
	(
		flock 9
		apt_update_once
		info "installing ${missing[*]}"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 \
			"${missing[@]}" >&2
	) 9>> "$CACHE/state/lock-apt" || die "apt-get install ${missing[*]} failed"
}

# One apt-get update per run of the top-level command, not one per script:
# an update younger than an hour is not repeated.
apt_update_once() {
	local stamp=$CACHE/state/apt-updated

	if [ -n "$(find "$stamp" -mmin -60 2>/dev/null)" ]; then
		return 0
	fi
	info "apt-get update"
	apt-get update -q >&2 || die "apt-get update failed"
	mkdir -p "$(dirname "$stamp")"
	: > "$stamp"
}

# The packages every build needs.
BUILD_PKGS=(
	build-essential:gcc make:make bc:bc flex:flex bison:bison
	libelf-dev:/usr/include/gelf.h libssl-dev:/usr/include/openssl/ssl.h
	python3:python3 git:git xz-utils:xz perl:perl
)

# The architectures the build checks (scripts/warnings, scripts/bisect,
# scripts/build-checks) configure and build for, one line each: the name
# the scripts' --arch takes, the kernel's ARCH, the defconfig target, the
# CROSS_COMPILE prefix (- for the host's gcc) and the Debian package of the
# compiler as ensure_pkgs takes it (PKG:PROBE).  Which topic is built on
# which of them by default: *_ARCHES in scripts/base.conf.
ARCH_TABLE='
um      um      defconfig         -                   build-essential:gcc
x86_64  x86_64  x86_64_defconfig  -                   build-essential:gcc
i386    i386    i386_defconfig    i686-linux-gnu-     gcc-i686-linux-gnu:i686-linux-gnu-gcc
arm64   arm64   defconfig         aarch64-linux-gnu-  gcc-aarch64-linux-gnu:aarch64-linux-gnu-gcc
'

# arch_field NAME N: field N (2: ARCH, 3: defconfig, 4: CROSS_COMPILE,
# 5: package) of architecture NAME in ARCH_TABLE; empty for a "-".
arch_field() {
	awk -v a="$1" -v n="$2" '$1 == a { if ($n != "-") print $n; exit }' <<< "$ARCH_TABLE"
}

# arch_names: every architecture of ARCH_TABLE, on one line.
arch_names() { awk 'NF { printf "%s%s", sep, $1; sep = " " } END { print "" }' <<< "$ARCH_TABLE"; }

# check_arches NAME...: each is an architecture of ARCH_TABLE; its compiler
# is installed (ensure_pkgs).
check_arches() {
	local a pkgs=()

	for a in "$@"; do
		[ -n "$(arch_field "$a" 2)" ] || die "unsupported --arch $a (one of: $(arch_names))"
		pkgs+=("$(arch_field "$a" 5)")
	done
	[ ${#pkgs[@]} = 0 ] || ensure_pkgs "${pkgs[@]}"
}

# arch_env NAME: the make variables of architecture NAME, one a line
# (ARCH=..., CROSS_COMPILE=...), for make, env or an array.
arch_env() {
	printf 'ARCH=%s\nCROSS_COMPILE=%s\n' "$(arch_field "$1" 2)" "$(arch_field "$1" 4)"
}

# kmake NAME ARGS...: make ARGS for architecture NAME.
kmake() {
	local vars

	mapfile -t vars < <(arch_env "$1")
	make "${vars[@]}" "${@:2}"
}

# arch_configure NAME TREE BDIR FRAGMENT...: BDIR configured for
# architecture NAME as its defconfig plus the fragments (merged, then
# olddefconfig).
arch_configure() {
	local a=$1 tree=$2 bdir=$3

	mkdir -p "$bdir"
	kmake "$a" -s -C "$tree" O="$bdir" "$(arch_field "$a" 3)" >/dev/null
	[ $# -le 3 ] ||
		(cd "$bdir" && "$tree/scripts/kconfig/merge_config.sh" -m -O "$bdir" .config "${@:4}") >/dev/null
	kmake "$a" -s -C "$tree" O="$bdir" olddefconfig >/dev/null
}

# configure_checked NAME TREE BDIR FRAGMENT...: BDIR configured as
# arch_configure does, unless it already is from the same architecture and
# fragments; every option of the fragments that TREE has must survive
# olddefconfig (an option TREE lacks, such as the series' own in the base
# tree, is dropped by it).
configure_checked() {
	local a=$1 tree=$2 bdir=$3 want opt

	want=$({ arch_env "$a"; cat "${@:4}"; } | sha256)
	[ "$(cat "$bdir/.kseries-fragment" 2>/dev/null)" != "$want" ] || return 0
	arch_configure "$a" "$tree" "$bdir" "${@:4}"
	while read -r opt; do
		tree_has_option "$tree" "$opt" || continue
		grep -qxF "$opt" "$bdir/.config" || die "'$opt' is not in $bdir/.config (unmet dependency?)"
	done < <(grep -h '^CONFIG_' "${@:4}" || true)
	echo "$want" > "$bdir/.kseries-fragment"
}

# topic_arches [TOPIC]: the architectures the build checks build TOPIC on
# by default (TOPIC_ARCHES, or ARCHES, in scripts/base.conf); without a
# topic (the stable queue, files of no topic), ARCHES.
topic_arches() {
	local list="ARCHES[@]"

	if [ -n "${1:-}" ] && declare -p "${1}_ARCHES" >/dev/null 2>&1; then
		list="${1}_ARCHES[@]"
	fi
	printf '%s\n' "${!list}"
}

# changed_objects TREE BASE [REV]: the kernel objects of the .c files that
# REV (default HEAD) of TREE adds, changes or renames against BASE and a
# kbuild Makefile names as an object (not userspace programs or selftests).
changed_objects() {
	local f d o

	git -C "$1" diff --name-only -M --diff-filter=AMR "$2" "${3:-HEAD}" -- '*.c' |
	while read -r f; do
		d=$(dirname "$f") o=$(basename "$f" .c).o
		if grep -qsw -- "$o" "$1/$d/Makefile" "$1/$d/Kbuild"; then
			echo "${f%.c}.o"
		fi
	done
}

# times_save DIR: the modification times of the files named on stdin
# (NUL-separated, relative to DIR) that exist, as NUL-separated records
# "SECONDS.NANOSECONDS PATH" on stdout, for times_restore.
times_save() {
	(cd "$1" && xargs -0 -r stat --printf '%.9Y %n\0' -- 2>/dev/null) || true
}

# times_restore DIR [SKIP...]: give each file of the records on stdin
# (times_save's) its recorded time back, the first recorded where a file
# has several, except the files named SKIP and those that no longer exist.
# Rewriting a file with the same content then costs no rebuild of what
# depends on it.
times_restore() {
	local dir=$1 rec f
	local -A skip=()

	shift
	for f; do skip[$f]=1; done
	while IFS= read -r -d '' rec; do
		f=${rec#* }
		[ -z "${skip[$f]:-}" ] || continue
		skip[$f]=1
		[ ! -f "$dir/$f" ] || touch -m -d "@${rec%% *}" -- "$dir/$f"
	done
}

# obj_configured TREE BDIR OBJ: the configuration of the build directory
# BDIR builds OBJ (DIR/NAME.o of TREE), as the kbuild lines naming it in
# DIR/Makefile or DIR/Kbuild say: obj-y, obj-m, lib-y, or obj-$(CONFIG_X)
# with CONFIG_X y or m in BDIR/.config; or it is a part (COMPOSITE-y,
# -objs, -$(CONFIG_X)) of a composite object that is built.  A
# single-object build (make DIR/NAME.o) compiles a file whatever the
# configuration says: this tells a file the configuration builds from
# one it leaves out.
obj_configured() {
	local tree=$1 bdir=$2 o=$3 d name sel

	d=$(dirname "$o")
	while read -r name sel; do
		# shellcheck disable=SC2016 # make's $(CONFIG_X), not the shell's
		case "$sel" in
		y|m|objs) ;;
		'$(CONFIG_'*')') grep -Eq "^${sel:2:-1}=(y|m)\$" "$bdir/.config" || continue ;;
		*) continue ;;
		esac
		case "$name" in
		obj|lib) return 0 ;;
		*) obj_configured "$tree" "$bdir" "$d/$name.o" && return 0 ;;
		esac
	done < <(for f in "$tree/$d/Makefile" "$tree/$d/Kbuild"; do [ ! -f "$f" ] || cat "$f"; done |
		awk -v o="$(basename "$o")" '
		/\\$/ { line = line substr($0, 1, length($0) - 1) " "; next }
		{ line = line $0
		  if (match(line, /^[ \t]*[A-Za-z0-9_.-]+-(y|m|objs|\$\(CONFIG_[A-Za-z0-9_]+\))[ \t]*[:+]?=/)) {
			head = substr(line, RSTART, RLENGTH); rest = substr(line, RLENGTH + 1)
			sub(/[ \t]*[:+]?=$/, "", head); sub(/^[ \t]*/, "", head)
			for (i = length(head); substr(head, i, 1) != "-"; i--) ;
			n = split(rest, w, /[ \t]+/)
			for (j = 1; j <= n; j++) if (w[j] == o) { print substr(head, 1, i - 1), substr(head, i + 1); break }
		  }
		  line = "" }')
	return 1
}

# topic_files TOPIC: the files the patches of mainline topic TOPIC change.
topic_files() {
	local p

	series_patches "$TOP/patches/$1/series" | while read -r p; do
		sed -n 's,^+++ b/,,p' "$TOP/patches/$1/$p"
	done | sort -u
}

# cached NAME KEY CMD...: the output (stdout) and exit status of CMD,
# kept in the cache as results/cached/NAME/KEY, where KEY is a hash of
# everything CMD's answer depends on; CMD runs only when there is no such
# entry.  For the checks that take a second or more per file and are run
# on the same files again and again: checkpatch, get_maintainer.pl and
# the shell checker.
cached() {
	local f=$CACHE/results/cached/$1/$2 rc=0

	shift 2
	if [ ! -f "$f" ]; then
		mkdir -p "${f%/*}"
		"$@" > "$f.out.$$" || rc=$?
		{ echo "$rc"; cat "$f.out.$$"; } > "$f.tmp.$$"
		rm -f "$f.out.$$"
		mv "$f.tmp.$$" "$f"
	fi
	sed 1d "$f"
	return "$(head -n1 "$f")"
}

# get_maintainer TREE PATCH: scripts/get_maintainer.pl's output for PATCH
# in TREE, cached by the contents of the patch, MAINTAINERS and the script.
# Only stdout is the answer: git's complaints about a Fixes: id the base
# tree has no history for go to stderr, and stay there.
get_maintainer() {
	local key

	key=$(cat "$2" "$1/MAINTAINERS" "$1/scripts/get_maintainer.pl" | sha256)
	cached get_maintainer "$key" run_get_maintainer "$1" "$2"
}
run_get_maintainer() {
	(cd "$1" && PATH=/usr/bin:$PATH perl scripts/get_maintainer.pl --nogit --nogit-fallback "$2" \
		2> "$CACHE/state/get_maintainer.err") || { sed 's/^/  /' "$CACHE/state/get_maintainer.err" >&2; return 1; }
}

# worktree DIR REV [BRANCH]: make DIR a worktree of the base repository at
# REV, on BRANCH (ours alone, reset to REV) or detached; leave it as it is
# when it already is one.  A worktree of a base repository that was made
# again since (a new package, an unpack interrupted) points at a
# repository that is gone: it is made again too, never left half-working.
# Returns 0 when DIR was (re)made, 1 when it was kept.
worktree() {
	local dir=$1 rev=$2 repo gd

	repo=$(base_repo)
	if [ -e "$dir/.git" ]; then
		# Ours when it is of this repository and the repository's record
		# of it (its gitdir file) points back at it: a repository made
		# again may have given the record's name to another worktree.
		gd=$(git -C "$dir" rev-parse --path-format=absolute --git-dir 2>/dev/null) || gd=
		if [ -n "$gd" ] &&
		   [ "$(git -C "$dir" rev-parse --path-format=absolute --git-common-dir)" = "$(cd "$repo" && pwd -P)/.git" ] &&
		   [ "$(cat "$gd/gitdir" 2>/dev/null)" = "$(cd "$dir" && pwd -P)/.git" ]; then
			return 1
		fi
		info "the worktree $dir belongs to a base tree that was made again; making it again"
		rm -rf "$dir"
	fi
	mkdir -p "$(dirname "$dir")"
	git -C "$repo" worktree prune
	if [ -n "${3:-}" ]; then
		git -C "$repo" worktree add -q --force -B "$3" "$dir" "$rev" >&2
	else
		git -C "$repo" worktree add -q --detach "$dir" "$rev" >&2
	fi || die "could not create a worktree of $repo in $dir"
}

# apt_mirror LABEL: the mirror of the machine's apt sources that serves the
# archive labelled LABEL (Debian, Debian-Security); KSERIES_MIRROR
# overrides it.
apt_mirror() {
	local uri

	if [ -n "${KSERIES_MIRROR:-}" ]; then
		echo "$KSERIES_MIRROR"
		return 0
	fi
	# shellcheck disable=SC2016 # apt's format fields, not shell expansions
	uri=$(apt-get indextargets --format '$(LABEL)|$(REPO_URI)' 2>/dev/null |
		awk -F'|' -v l="$1" '$1 == l { print $2; exit }')
	[ -n "$uri" ] ||
		die "the machine's apt sources have no archive labelled $1; set KSERIES_MIRROR to a Debian mirror's URI"
	echo "$uri"
}

# kvm_usable: QEMU can use KVM here.  A writable /dev/kvm is not enough: on
# a virtual machine without nested virtualisation (no vmx or svm flag in
# /proc/cpuinfo) /dev/kvm may exist while a Linux guest never gets past the
# BIOS; that is the check Ubuntu's kvm-ok makes too.
kvm_usable() {
	[ -w /dev/kvm ] && grep -qwE 'vmx|svm' /proc/cpuinfo
}

# qemu_without_kvm DIR QEMU: print DIR, where QEMU (qemu-system-ARCH) is
# now a wrapper of the installed one that drops "-accel kvm" from its
# arguments, for a caller that puts DIR first in PATH.  kunit.py asks for
# KVM first, then hvf, then tcg; where /dev/kvm opens but cannot run a
# guest (kvm_usable says no), QEMU takes KVM and the guest hangs instead
# of falling back to TCG.
qemu_without_kvm() {
	local d=$1 q=$2 real

	real=$(command -v "$q") || die "$q is not installed"
	mkdir -p "$d"
	cat > "$d/$q.tmp" <<EOF
#!/usr/bin/env bash
# $q without KVM, written by scripts/lib.sh's qemu_without_kvm.
args=()
while [ \$# -gt 0 ]; do
	if [ "\$1" = -accel ] && [ "\${2:-}" = kvm ]; then
		shift 2
		continue
	fi
	args+=("\$1")
	shift
done
exec $real "\${args[@]}"
EOF
	chmod +x "$d/$q.tmp"
	mv "$d/$q.tmp" "$d/$q"
	echo "$d"
}

# What a kernel prints when something went wrong, whether or not a test
# noticed: BUG, WARNING, Oops, panics, UBSAN and KASAN reports, lockdep
# reports, kmemleak leaks and hung tasks.
SPLAT_RE='(BUG:|WARNING:|Oops|Kernel panic|UBSAN:|KASAN:|kernel BUG|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|unreferenced object|INFO: task .* blocked)'

# splats LOG: print the first lines of LOG that report a splat, indented;
# fail when there are none.
splats() {
	grep -E -m 5 "$SPLAT_RE" "$1" | sed 's/^/    /' | grep .
}

# summary_counts: print "PASSED FAILED SKIPPED" from the last
# "N passed, N failed[, N skipped]" line on stdin (zeros when there is none).
summary_counts() {
	{ grep -E '^[0-9]+ passed, [0-9]+ failed' || true; } | tail -n1 |
		sed -E 's/^([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?.*/\1 \2 \4/' |
		awk '{ print $1 + 0, $2 + 0, $3 + 0 } END { if (NR == 0) print 0, 0, 0 }'
}

sha256() { sha256sum "$@" | cut -d' ' -f1; }

# Hash of a string (for cache keys).
key_of() { printf '%s' "$*" | sha256sum | cut -c1-16; }

# Source of the base tree: "debian:<base>" or "ksrc:<abs path>:<base>"
# (the base also names the queue applied to the user's tree).
base_source() {
	if [ -n "${KSRC:-}" ]; then
		printf 'ksrc:%s:%s\n' "$(cd "$KSRC" 2>/dev/null && pwd || echo "$KSRC")" "$BASE_NAME"
	else
		printf 'debian:%s\n' "$BASE_NAME"
	fi
}

# Directory holding the git repository of the base tree (after scripts/base).
base_repo() {
	local stamp

	stamp=$(base_stamp)
	[ -s "$stamp" ] || die "the base tree is not prepared; run scripts/base first"
	sed -n 3p "$stamp"
}

# File recording the base commit sha for the current base source.
base_stamp() {
	printf '%s/state/base-%s\n' "$CACHE" "$(key_of "$(base_source)")"
}

# The base commit, as prepared by scripts/base.
base_rev() {
	local stamp

	stamp=$(base_stamp)
	[ -s "$stamp" ] || die "the base tree is not prepared; run scripts/base first"
	head -n1 "$stamp"
}

# Key of the work tree and build directories: the base source, and whether
# this is a CI run (CI=true), so that CI on a developer's machine never
# resets the developer's work tree and never reuses their builds.
tree_key() {
	key_of "$(base_source)${TOPIC:+ topic:$TOPIC}${CI:+ ci}"
}

# The worktree in which the series is applied and built.
work_dir() {
	printf '%s/work/%s/linux\n' "$CACHE" "$(tree_key)"
}

# Results of a run (logs, console, JSON), keyed like the work tree, so
# that runs on other bases or in CI never overwrite each other's.
results_dir() {
	printf '%s/results/%s/%s\n' "$CACHE" "$(tree_key)" "$1"
}

# Build directories, one per configuration, keyed like the work tree.
build_dir() {
	printf '%s/build/%s/%s\n' "$CACHE" "$(tree_key)" "$1"
}

# The file recording what was last applied to (or exported from) worktree $1:
# the hash of the inputs, then the resulting HEAD.
applied_state() {
	printf '%s/state/applied-%s\n' "$CACHE" "$(key_of "$1")"
}

# series_inputs BASE SERIES PDIR: hash of everything an apply depends on.
series_inputs() {
	{ echo "$1"; cat "$2"; series_patches "$2" | while read -r p; do cat "$3/$p"; done; } | sha256
}

# record_applied DIR INPUTS: DIR's HEAD is the series with these inputs.
record_applied() {
	local state

	state=$(applied_state "$1")
	mkdir -p "$(dirname "$state")"
	printf '%s\n%s\n' "$2" "$(git -C "$1" rev-parse HEAD)" > "$state"
}

# select_tree: the kernel tree a runner works in.  With $dir set (--dir),
# that tree, and $tree_suffix names its own build and results directories;
# otherwise the series applied in the work tree, and no suffix.
select_tree() {
	if [ -n "$dir" ]; then
		dir=$(cd "$dir" && pwd)
		tree_suffix=-$(key_of "$dir")
	else
		dir=$("$TOP/scripts/apply")
		tree_suffix=
	fi
}

# Patch files listed in the series file, in order.
series_patches() {
	local series=${1:-$SERIES_FILE}

	sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$series" | awk 'NF { print $1 }'
}

# changelog_of PATCH: the changelog of a patch file (what its commit
# message has under a "---" line, which git am drops): the lines between
# the first "---" of PATCH and the last one above its diff, empty when
# there is only the one above the diffstat.
changelog_of() {
	awk '/^diff --git /{ exit }
	     /^---$/ { if (first) last = NR; else first = NR }
	     { line[NR] = $0 }
	     END { if (last) for (i = first + 1; i < last; i++) print line[i] }' "$1"
}

# b4_run NAME EMAIL ARGS...: b4 ARGS, offline (only what it is given is
# read), as NAME <EMAIL>, whatever git's configuration says.
b4_run() {
	GIT_CONFIG_COUNT=2 GIT_CONFIG_KEY_0=user.name GIT_CONFIG_VALUE_0="$1" \
	GIT_CONFIG_KEY_1=user.email GIT_CONFIG_VALUE_1="$2" b4 --offline-mode "${@:3}"
}

# b4_enroll DIR NAME EMAIL: make the branch checked out in DIR, which holds
# the selected queue, a b4 prep branch: its cover letter is the queue's
# (subject and text), kept in the branch description so that the branch
# holds the queue's commits and nothing else; its revision is the queue's
# version and the stable queue's prefix (6.12) is set.  Re-running
# refreshes all three.
b4_enroll() {
	local dir=$1 branch cover=$PATCH_DIR/0000-cover-letter.patch base

	ensure_pkgs b4:b4
	branch=$(git -C "$dir" symbolic-ref -q --short HEAD) || die "$dir has no branch checked out for b4 to enrol"
	git -C "$dir" config b4.prep-cover-strategy branch-description
	if ! git -C "$dir" config "branch.$branch.b4-tracking" >/dev/null; then
		# b4 takes a commit that several branches hold for ambiguous: a
		# branch of its own names the base.
		base=kseries/base-$(base_rev | cut -c1-12)
		git -C "$dir" branch -f "$base" "$(base_rev)"
		b4_prep "$@" -e "$base"
	fi
	git -C "$dir" config "branch.$branch.description" "$(python3 "$TOP/scripts/cover-letter.py" --text "$cover")"
	b4_prep "$@" --force-revision "$(cover_version "$cover")"
	case "$BASE_NAME" in
	stable-*) b4_prep "$@" --set-prefixes "${BASE_NAME#stable-}" ;;
	esac
}
# b4_prep DIR NAME EMAIL ARGS...: b4 prep ARGS in DIR, its chatter on stderr.
b4_prep() {
	(cd "$1" && b4_run "$2" "$3" prep "${@:4}") >&2 || die "b4 prep ${*:4} failed in $1"
}

# Run a command in the kernel repository's git with a fixed identity so that
# what we commit there never depends on the user's configuration.
kgit() {
	git -c user.name="$(git -C "$TOP" config user.name || echo kseries)" \
	    -c user.email="$(git -C "$TOP" config user.email || echo kseries@localhost)" \
	    -c core.autocrlf=false -c commit.gpgsign=false "$@"
}

# tree_has_option TREE LINE: the kernel tree TREE (a git checkout) defines
# the config symbol of LINE, a .config line ("CONFIG_FOO=y" or
# "# CONFIG_FOO is not set").
tree_has_option() {
	local sym=${2#"# "}

	sym=${sym%%[= ]*} sym=${sym#CONFIG_}
	git -C "$1" grep -qE "^[[:space:]]*(menu)?config $sym\$" -- '*Kconfig*'
}

# queue_name: the selected queue, in words.
queue_name() {
	if [ -n "$TOPIC" ]; then
		echo "the $TOPIC topic"
	elif [ "$BASE_NAME" = mainline ]; then
		echo "every mainline topic"
	else
		echo "the $BASE_NAME backport queue"
	fi
}

# queue_prefix: the subject prefix of the selected queue's mails, before
# the version: PATCH for a mainline topic, "PATCH 6.12" for the stable
# queue, as stable backports are sent.
queue_prefix() {
	case "$BASE_NAME" in
	stable-*) echo "PATCH ${BASE_NAME#stable-}" ;;
	*) echo PATCH ;;
	esac
}

# cover_version FILE: the version in the cover letter's subject
# ([PATCH vN 00/M]); 1 when it names none or FILE does not exist.
cover_version() {
	local v=

	[ ! -f "$1" ] || v=$(sed -n 's/^Subject: \[PATCH[^]]* v\([0-9][0-9]*\) [0-9]*\/[0-9]*\].*/\1/p' "$1" | head -n1)
	echo "${v:-1}"
}

# write_top_series: the top-level series, every topic's patches in the
# order of TOPICS, from the topics' own series files.
write_top_series() {
	local t

	echo "# Every mainline topic, in the order git am and quilt push -a apply"
	echo "# them all; each topic also applies alone (patches/<topic>/series)."
	echo "# Written by scripts/export: edit the patches, not this."
	for t in "${TOPICS[@]}"; do
		[ -f "$TOP/patches/$t/series" ] || continue
		printf '\n# %s\n' "$t"
		series_patches "$TOP/patches/$t/series" | sed "s|^|$t/|"
	done
}

# lock_key KEY WHAT: hold, for the life of this script and its children,
# the lock named KEY (WHAT says what it guards, for the message), so that
# two runs wait for each other instead of working over each other.  A
# child of the holder (a stage run by scripts/test) finds KEY in
# KSERIES_LOCKS and does not lock again.
lock_key() {
	local f fd

	[[ " ${KSERIES_LOCKS:-} " != *" $1 "* ]] || return 0
	mkdir -p "$CACHE/state" 2>/dev/null || return 0
	f=$CACHE/state/lock-$1
	exec {fd}>> "$f" || { info "cannot create the lock $f; running without it"; return 0; }
	if ! flock -n "$fd"; then
		info "another run is using $2 (lock $f); waiting for it"
		flock "$fd"
	fi
	export KSERIES_LOCKS="${KSERIES_LOCKS:-} $1"
}

# lock_tree: the lock of the selected work tree (by its key: base, topic,
# CI), taken by every script that sources this file, --help aside, and
# again by select_queue for each queue a script goes through.
lock_tree() { lock_key "$(tree_key)" "the work tree of $(queue_name)"; }
case " $* " in
*" -h "*|*" --help "*) ;;
*) lock_tree ;;
esac
