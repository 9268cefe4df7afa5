/* SPDX-License-Identifier: GPL-2.0 */
/*
 * urcs-stats.h: the uring_cmd sample's counters, for the programs that
 * check what the device saw: get_stats() reads them with the URCS_STATS
 * ioctl on @fd, and a failure ends the program.
 */
#ifndef E2E_URCS_STATS_H
#define E2E_URCS_STATS_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>

#include "uring_cmd_sample.h"

static void get_stats(int fd, struct urcs_stats *s)
{
	if (ioctl(fd, URCS_STATS, s)) {
		perror("URCS_STATS");
		exit(1);
	}
}

#endif
