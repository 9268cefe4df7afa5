# shellcheck shell=bash
# null_blk devices for the e2e tests that need a disk of their own
# (sourced, not run: not executable).  The test defines fail and skip.

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
