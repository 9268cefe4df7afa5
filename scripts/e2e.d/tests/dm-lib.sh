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

# null_blk devices, made through configfs: /dev/NAME for the directory
# $nullb_dir/NAME.
nullb_dir=/sys/kernel/config/nullb

# require_nullb: null_blk's configfs is there (configfs mounted if not).
require_nullb() {
	local cfs=${nullb_dir%/*}

	mountpoint -q "$cfs" || mount -t configfs configfs "$cfs" 2>/dev/null || skip "no configfs"
	[ -d "$nullb_dir" ] || skip "no null_blk configfs (CONFIG_BLK_DEV_NULL_BLK)"
}

# nullb_create NAME ATTR=VALUE...: the null_blk device NAME with each
# attribute set, in order, then powered on.  Returns 1, naming the
# attribute, when null_blk refuses one (the caller fails or skips).
nullb_create() {
	local d=$nullb_dir/$1 kv

	# Called in a || list, where errexit does not hold: each step checks.
	mkdir "$d" || fail "cannot make $d"
	for kv in "${@:2}"; do
		if ! echo "${kv#*=}" 2>/dev/null > "$d/${kv%%=*}"; then
			echo "null_blk refused $kv"
			return 1
		fi
	done
	echo 1 > "$d/power" || fail "null_blk $1 did not power on"
	[ -b "/dev/$1" ] || fail "no /dev/$1 after powering the null_blk device on"
}

# nullb_remove NAME: the null_blk device NAME powered off and removed,
# if it exists.
nullb_remove() {
	local d=$nullb_dir/$1

	[ -d "$d" ] || return 0
	echo 0 > "$d/power" 2>/dev/null || true
	rmdir "$d"
}

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
