# shellcheck shell=bash disable=SC2034
# Shared by the dm-example e2e tests (sourced, not run: not executable).
export DM_DISABLE_UDEV=1

disk=$E2E_DISK
maj_min=$(cat "/sys/class/block/${E2E_DISK##*/}/dev")

fail() { echo "FAIL: $*"; exit 1; }

# dm core warns about a dm_dev a target did not put; no test may see it.
check_no_leak() {
	if grep -q 'dm_put_device call missing' < <(dmesg); then
		dmesg | grep 'dm_put_device call missing'
		fail "a dm_dev was leaked"
	fi
}

# The five counters of the INFO status: reads writes flushes discards zeroes.
counters() { dmsetup status "$1" | cut -d' ' -f4-; }
counter() {
	local -A idx=([reads]=1 [writes]=2 [flushes]=3 [discards]=4 [zeroes]=5)

	counters "$1" | cut -d' ' -f"${idx[$2]}"
}

# A queue attribute of the mapped device $1 (no udev: /dev/mapper/* are nodes).
queue_attr() {
	cat "/sys/block/dm-$(dmsetup info -c --noheadings -o minor "$1")/queue/$2"
}
