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
	if ! grep -Eq "$pattern" <<< "$out"; then
		echo "FAIL: '$*' failed without /$pattern/:"
		printf '%s\n' "$out" | tail -n 10
		exit 1
	fi
	echo "ok: '$*' -> $(printf '%s\n' "$out" | grep -E -m1 "$pattern")"
}

# scratch_worktree: print the path of a worktree of the base repository,
# checked out clean at the base commit.  One is shared by the tests, which
# run one at a time, and kept in the cache between runs (a fresh checkout
# of a kernel tree is a gigabyte written); only what the previous test
# changed is reset.
scratch_worktree() {
	local wt

	wt=$(dirname "$(work_dir)")/scratch
	worktree "$wt" "$(base_rev)" || true
	git -C "$wt" am --abort >/dev/null 2>&1 || true
	git -C "$wt" checkout -q -f --detach "$(base_rev)"
	git -C "$wt" reset -q --hard
	git -C "$wt" clean -q -fdx
	echo "$wt"
}

# project_copy: copy the project, as its files are now, to ./proj with
# every file committed, and cd there: a test that writes patches/ (export,
# reroll, trailers) runs the scripts of the copy and leaves the project
# alone.
project_copy() {
	cp -a "$TOP" proj
	cd proj
	git add -A
	git -c user.name=t -c user.email=t@localhost commit -q --allow-empty -m "the files under test"
}

# fake_apt VERSION [MIB]: put apt-get and apt-cache stand-ins first in PATH
# that offer $BASE_PKG at VERSION only, as a package whose source tarball
# holds a tiny kernel tree (plus MIB MiB of zeros when given), and use a
# scratch cache: the machine's apt and the shared cache are never touched.
fake_apt() {
	local ver=$1 mib=${2:-0} d=$PWD/fake-apt-pool
	local src=$d/build/usr/src name=${BASE_PKG}

	mkdir -p "$src/$name/scripts" "$d/build/DEBIAN"
	printf 'VERSION = 0\n' > "$src/$name/Makefile"
	printf 'mainmenu "fake"\n' > "$src/$name/Kconfig"
	: > "$src/$name/MAINTAINERS"
	[ "$mib" = 0 ] || head -c "$((mib << 20))" /dev/zero > "$src/$name/zeros"
	tar -C "$src" -cJf "$src/$name.tar.xz" "$name"
	rm -rf "${src:?}/$name"
	printf 'Package: %s\nVersion: %s\nArchitecture: all\nMaintainer: nobody <nobody@example.org>\nDescription: fake\n' \
		"$name" "$ver" > "$d/build/DEBIAN/control"
	dpkg-deb -b -Zxz "$d/build" "$d/${name}_${ver}_all.deb" >/dev/null
	rm -rf "$d/build"
	export FAKE_APT_POOL=$d PATH=$TOP/scripts/tests/fake-apt:$PATH
	export KSERIES_CACHE=$PWD/cache
}
