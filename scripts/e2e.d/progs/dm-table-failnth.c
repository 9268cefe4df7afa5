// SPDX-License-Identifier: GPL-2.0
/*
 * Load a table of one target with the Nth kernel allocation of the load
 * failing, for N = 1, 2, ... until a load runs without reaching its Nth
 * allocation.  Every failed load must fail cleanly; the caller checks the
 * kernel log.  DM_FAILNTH_TARGET names the target, whose table line is
 * "<device> <arguments>" ("linear" for the base tree's own behaviour).
 *
 *   DM_FAILNTH_TARGET=<target> dm-table-failnth <device> <arguments> <length> [<max_n>]
 *
 * Prints one line per N: "<N> <errno or 0>", and exits 0 once a load
 * succeeded without an injected failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/dm-ioctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "failnth.h"

#define NAME "e2e_failnth"

static union {
	struct dm_ioctl io;
	char raw[16384];
} buf;

static struct dm_ioctl *dm_init(void)
{
	memset(&buf, 0, sizeof(buf));
	buf.io.version[0] = DM_VERSION_MAJOR;
	buf.io.data_size = sizeof(buf);
	buf.io.data_start = sizeof(struct dm_ioctl);
	strcpy(buf.io.name, NAME);
	return &buf.io;
}

int main(int argc, char **argv)
{
	const char *target = getenv("DM_FAILNTH_TARGET");
	struct dm_target_spec *spec;
	int ctl, fnth, r, err, left;
	unsigned int n, max_n = 10000;

	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: %s <device> <arguments> <length> [<max_n>]\n", argv[0]);
		return 2;
	}
	if (argc == 5)
		max_n = strtoul(argv[4], NULL, 10);
	if (!target) {
		fprintf(stderr, "%s: set DM_FAILNTH_TARGET to the target to load\n", argv[0]);
		return 2;
	}
	ctl = open("/dev/mapper/control", O_RDWR);
	fnth = failnth_open();
	if (ctl < 0 || fnth < 0) {
		perror("open");
		return 1;
	}

	for (n = 1; n <= max_n; n++) {
		if (ioctl(ctl, DM_DEV_CREATE, dm_init())) {
			perror("DM_DEV_CREATE");
			return 1;
		}

		dm_init()->target_count = 1;
		spec = (struct dm_target_spec *)(buf.raw + buf.io.data_start);
		spec->length = strtoull(argv[3], NULL, 10);
		snprintf(spec->target_type, sizeof(spec->target_type), "%s", target);
		snprintf((char *)(spec + 1), 256, "%s %s", argv[1], argv[2]);

		if (failnth_arm(fnth, n)) {
			perror("fail-nth");
			return 1;
		}
		r = ioctl(ctl, DM_TABLE_LOAD, &buf.io);
		err = r ? errno : 0;
		left = failnth_disarm(fnth);
		printf("%u %d\n", n, err);
		if (left < 0) {
			perror("fail-nth");
			return 1;
		}

		if (ioctl(ctl, DM_DEV_REMOVE, dm_init())) {
			perror("DM_DEV_REMOVE");
			return 1;
		}
		if (left) {
			/* The load never reached its Nth allocation. */
			if (err) {
				fprintf(stderr, "load failed without injection: %s\n",
					strerror(err));
				return 1;
			}
			return 0;
		}
	}
	if (argc == 5)
		return 0;
	fprintf(stderr, "gave up\n");
	return 1;
}
