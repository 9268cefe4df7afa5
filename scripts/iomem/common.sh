# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Helpers shared by the iomem_req build-time scripts; sourced, not run.

die() {
	echo "$(basename "$0"): $*" >&2
	exit 2
}

# check_ksrc KSRC: a kernel tree that has the iomem_req header.
check_ksrc() {
	[[ -f "$1/Makefile" && -d "$1/scripts/kconfig" ]] ||
		die "$1 is not a kernel source tree"
	[[ -f "$1/include/linux/iomem_req.h" ]] ||
		die "$1 has no include/linux/iomem_req.h"
}

# prepare_x86_64 KSRC O: an x86_64 defconfig build directory, prepared only
# as far as single-object builds of an external module need.
prepare_x86_64() {
	local ksrc=$1 out=$2

	mkdir -p "$out"
	if [[ ! -f "$out/.config" ]]; then
		make -s -C "$ksrc" O="$out" ARCH=x86_64 x86_64_defconfig
	fi
	grep -q '^CONFIG_X86_64=y' "$out/.config" ||
		die "$out is not an x86_64 build directory"
	make -s -C "$ksrc" O="$out" ARCH=x86_64 -j"${JOBS:-$(nproc)}" modules_prepare
}

# build_arch O: the kernel's ARCH of the configured build directory O.
build_arch() {
	if grep -q '^CONFIG_UML=y' "$1/.config"; then
		echo um
	elif grep -q '^CONFIG_X86_64=y' "$1/.config"; then
		echo x86_64
	elif grep -q '^CONFIG_X86_32=y' "$1/.config"; then
		echo i386
	else
		sed -n 's/^# Linux\/\([^ ]*\) .*/\1/p' "$1/.config" | head -n1
	fi
}

# build_cc O: the compiler O is configured with, as its --version says.
build_cc() {
	sed -n 's/^CONFIG_CC_VERSION_TEXT="\(.*\)"$/\1/p' "$1/.config"
}

# build_objs KSRC O ARCH DIR OBJ...: build OBJ... from the sources in DIR,
# as objects of an external module, one make run per object. Prints
# "OBJ <exit status>" per object; the output of each run is in DIR/OBJ.log.
# A cross build takes the compiler's prefix from CROSS_COMPILE in the
# environment, as kbuild does.
build_objs() {
	local ksrc=$1 out=$2 arch=$3 dir=$4 obj rc
	shift 4

	printf 'obj-m += %s\n' "$@" > "$dir/Kbuild"
	for obj in "$@"; do
		rc=0
		make -C "$ksrc" O="$out" ARCH="$arch" M="$dir" "$obj" \
			> "$dir/$obj.log" 2>&1 || rc=$?
		echo "$obj $rc"
	done
}
