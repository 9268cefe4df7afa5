# shellcheck shell=bash disable=SC2034
# Shared by the dm e2e tests (sourced, not run: not executable).
# Each test is shaped as blktests' dm tests are: what it requires (exit
# 77, with the reason, when the kernel or the disk lacks it), setup, the
# checks, and cleanup on every exit.
export DM_DISABLE_UDEV=1

disk=$E2E_DISK
maj_min=$(cat "/sys/class/block/${disk##*/}/dev")

fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }

# have_target NAME: the kernel has target NAME, registered or in the
# module dm core would load for it (dm-NAME).
have_target() {
	grep -q "^$1 " < <(dmsetup targets) && return 0
	modprobe -q "dm-$1" 2> /dev/null || return 1
	grep -q "^$1 " < <(dmsetup targets)
}

# The skeleton target is there (CONFIG_SAMPLE_DM_SKELETON).
require_skeleton() {
	have_target skeleton || skip "no skeleton target in this kernel"
}

# null_blk devices (require_nullb, nullb_create, nullb_remove).
# shellcheck source=scripts/e2e.d/tests/nullb-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/nullb-lib.sh"

# dm core warns about a dm_dev a target did not put; no test may see it.
check_no_leak() {
	if grep -q 'dm_put_device call missing' < <(dmesg); then
		dmesg | grep 'dm_put_device call missing'
		fail "a dm_dev was leaked"
	fi
}

# remove_all NAME...: remove the named devices that exist, in order.
remove_all() {
	local n

	for n in "$@"; do
		dmsetup remove --noudevsync "$n" 2>/dev/null || true
	done
}

# A queue attribute of the mapped device $1 (no udev: /dev/mapper/* are nodes).
queue_attr() {
	cat "/sys/block/dm-$(dmsetup info -c --noheadings -o minor "$1")/queue/$2"
}

# refused NAME MESSAGE TABLE: loading TABLE fails, and the kernel log
# gives MESSAGE for it.  The log is cleared first, as a full ring buffer
# would hide what the load added (the console keeps every line); what
# the load logged is checked for a leaked dm_dev here, as check_no_leak
# will not see it.
refused() {
	local name=$1 msg=$2 line=$3 log

	dmesg -C
	if dmsetup create --noudevsync "$name" --table "$line" 2>/dev/null; then
		dmsetup remove --noudevsync "$name"
		fail "'$line' was accepted"
	fi
	log=$(dmesg)
	! grep -q 'dm_put_device call missing' <<< "$log" || fail "'$line' leaked a dm_dev"
	grep -qF -- "$msg" <<< "$log" || fail "no '$msg' in the kernel log for '$line'"
}

# The two paths of the target: its feature arguments, and a name.
paths=("" "1 deferred")
path_name() { [ -n "$1" ] && echo deferred || echo direct; }
