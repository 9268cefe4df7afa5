// SPDX-License-Identifier: GPL-2.0
/*
 * uring-cmd-failnth: a ring's setup and its first commands on the
 * uring_cmd sample device with the Nth allocation failing, for N = 1,
 * 2, ... until the whole sequence runs without reaching its Nth
 * allocation; on a default ring and on a SINGLE_ISSUER|DEFER_TASKRUN one.
 *
 * Usage: uring-cmd-failnth [MAX_N]
 *
 * The sequence, with the calling thread's fail-nth armed: set up a ring
 * (io_uring_setup() and the mmaps of its rings), submit a URCS_SUM
 * (completed inline), a URCS_DELAY completed from a hard-IRQ timer and
 * one completed from a workqueue (the sample allocates their request,
 * GFP_NOWAIT inline), and reap their CQEs.  Each step fails cleanly or
 * works: a setup or a submit that fails returns -ENOMEM or -EAGAIN; every
 * command submitted gets exactly one CQE, with its result, or -ENOMEM,
 * -EAGAIN or -ECANCELED (io_uring cancels a command it cannot hand to an
 * io-wq worker, whose creation may be what failed).
 * Then the sample must have no command pending and must have completed
 * every delayed command it took, and the final sequence must run with
 * every result right.  The guest's KASAN and kmemleak see what a failure
 * left behind.  Prints one line per N and ring, "<flags> <N> <what
 * failed>", then a summary; exits 1 on failure, 77 where the sample
 * device is missing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "fail.h"
#include "failnth.h"
#include "uring_cmd_sample.h"
#include "urcs-stats.h"

#define DEV_PATH	"/dev/" URCS_DEVICE_NAME
#define NR_CMDS		3

static int dev_fd, fnth;

/* An errno an allocation failure may cleanly give a system call. */
static bool nomem(int err)
{
	return err == ENOMEM || err == EAGAIN;
}

/* A command's result an allocation failure may cleanly give. */
static bool cmd_nomem(int res)
{
	return nomem(-res) || res == -ECANCELED;
}

/* Queue the sequence's commands; fills @res with the result of each. */
static void prep(struct io_uring *ring, int *res, unsigned int n)
{
	struct io_uring_sqe *sqe;
	struct urcs_delay d = { .delay_us = 50 };
	struct urcs_sum s = { .v = { n, 2, 3, 4 } };
	unsigned int i;

	for (i = 0; i < NR_CMDS; i++) {
		sqe = io_uring_get_sqe(ring);
		io_uring_prep_rw(IORING_OP_URING_CMD, sqe, dev_fd, NULL, 0, 0);
		sqe->user_data = i;
		if (i == 0) {
			sqe->cmd_op = URCS_SUM;
			memcpy(sqe->cmd, &s, sizeof(s));
			res[i] = n + 2 + 3 + 4;
			continue;
		}
		d.flags = i == 2 ? URCS_DELAY_WORK : 0;
		d.cookie = (__u64)n << 8 | i;
		sqe->cmd_op = URCS_DELAY;
		memcpy(sqe->cmd, &d, sizeof(d));
		res[i] = d.cookie & INT_MAX;
	}
}

/*
 * One sequence with the @n-th allocation failing.  Returns 1 when the
 * failure was injected, 0 when the sequence never reached it, -1 when the
 * fail-nth file failed.  *@what says which step failed ("-" for none).
 */
static int sequence(unsigned int flags, unsigned int n, const char **what)
{
	int res[NR_CMDS], seen[NR_CMDS] = { 0 };
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	int ret, left, submitted, i;
	bool setup_ok, clean = true;

	*what = "-";
	if (failnth_arm(fnth, n))
		return -1;
	ret = io_uring_queue_init(8, &ring, flags);
	setup_ok = !ret;
	submitted = 0;
	if (setup_ok) {
		prep(&ring, res, n);
		submitted = io_uring_submit(&ring);
	}
	left = failnth_disarm(fnth);
	if (left < 0)
		return -1;

	if (!setup_ok) {
		*what = "setup";
		if (!nomem(-ret))
			FAIL("%#x N=%u: setup failed with %s", flags, n,
			     strerror(-ret));
		else if (left)
			FAIL("%#x N=%u: setup failed (%s) without an injected failure",
			     flags, n, strerror(-ret));
		return !left;
	}
	if (submitted < 0) {
		*what = "submit";
		if (!nomem(-submitted))
			FAIL("%#x N=%u: submit failed with %s", flags, n,
			     strerror(-submitted));
		clean = false;
		submitted = 0;
	} else if (submitted < NR_CMDS) {
		*what = "submit";
		clean = false;
	}
	for (i = 0; i < submitted; i++) {
		struct __kernel_timespec ts = { .tv_sec = 5 };
		unsigned int id;

		ret = io_uring_wait_cqe_timeout(&ring, &cqe, &ts);
		if (ret) {
			FAIL("%#x N=%u: CQE %d of %d: %s", flags, n, i + 1,
			     submitted, strerror(-ret));
			break;
		}
		id = cqe->user_data;
		if (id >= NR_CMDS) {
			FAIL("%#x N=%u: CQE of unknown user_data %u", flags, n, id);
		} else if (seen[id]++) {
			FAIL("%#x N=%u: command %u completed twice", flags, n, id);
		} else if (cqe->res != res[id] && cmd_nomem(cqe->res)) {
			*what = "command";
			clean = false;
		} else if (cqe->res != res[id]) {
			FAIL("%#x N=%u: command %u: result %d, expected %d",
			     flags, n, id, cqe->res, res[id]);
		}
		io_uring_cqe_seen(&ring, cqe);
	}
	if (i == submitted) {
		struct __kernel_timespec ts = { .tv_nsec = 10000000 };

		/* a second completion comes right after the first */
		if (!io_uring_wait_cqe_timeout(&ring, &cqe, &ts))
			FAIL("%#x N=%u: a CQE more than the %d commands submitted (user_data %llu, res %d)",
			     flags, n, submitted, (unsigned long long)cqe->user_data,
			     cqe->res);
	}
	io_uring_queue_exit(&ring);
	if (left && !clean)
		FAIL("%#x N=%u: a step failed (%s) without an injected failure",
		     flags, n, *what);
	return !left;
}

/* Run the sequence for N = 1, 2, ... on a ring set up with @flags. */
static void run(unsigned int flags, unsigned int max_n)
{
	unsigned int n, failed = 0, setup = 0, submit = 0;
	const char *what;
	int ret;

	for (n = 1; n <= max_n; n++) {
		ret = sequence(flags, n, &what);
		if (ret < 0) {
			perror("fail-nth");
			exit(1);
		}
		printf("%#x %u %s\n", flags, n, what);
		if (!ret)
			break;
		if (strcmp(what, "-"))
			failed++;
		setup += !strcmp(what, "setup");
		submit += !strcmp(what, "submit");
	}
	if (n > max_n)
		FAIL("%#x: no sequence ran to its end within %u allocations",
		     flags, max_n);
	if (!failed)
		FAIL("%#x: no step failed: the injection reached nothing", flags);
	fprintf(stderr, "ring %#x: %u sequences, %u failed cleanly with an injected failure (%u at setup, %u at submit, %u in a command)\n",
		flags, n, failed, setup, submit, failed - setup - submit);
}

int main(int argc, char **argv)
{
	unsigned int max_n = argc > 1 ? strtoul(argv[1], NULL, 0) : 10000;
	struct urcs_stats before, after;
	int tries;

	dev_fd = open(DEV_PATH, O_RDWR);
	if (dev_fd < 0) {
		printf("no %s: %s\n", DEV_PATH, strerror(errno));
		return 77;
	}
	fnth = failnth_open();
	if (fnth < 0) {
		perror("/proc/thread-self/fail-nth");
		return 77;
	}
	get_stats(dev_fd, &before);
	run(0, max_n);
	run(IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN, max_n);

	/* a ring's exit cancels what it still holds: wait for it to end */
	for (tries = 0; tries < 100; tries++) {
		get_stats(dev_fd, &after);
		if (!after.pending)
			break;
		usleep(10000);
	}
	if (after.pending)
		FAIL("%llu delayed commands still pending",
		     (unsigned long long)after.pending);
	if (after.issued - before.issued !=
	    (after.completed - before.completed) +
	    (after.canceled - before.canceled))
		FAIL("issued %llu, completed %llu, canceled %llu",
		     (unsigned long long)(after.issued - before.issued),
		     (unsigned long long)(after.completed - before.completed),
		     (unsigned long long)(after.canceled - before.canceled));
	if (after.cancel_misses != before.cancel_misses ||
	    after.lost_races != before.lost_races)
		FAIL("%llu cancel misses, %llu refused completions",
		     (unsigned long long)(after.cancel_misses - before.cancel_misses),
		     (unsigned long long)(after.lost_races - before.lost_races));
	fprintf(stderr, "device: %llu delayed commands issued, %llu completed, %llu canceled\n",
		(unsigned long long)(after.issued - before.issued),
		(unsigned long long)(after.completed - before.completed),
		(unsigned long long)(after.canceled - before.canceled));
	if (failures) {
		printf("FAIL: %d failures\n", failures);
		return 1;
	}
	printf("PASS\n");
	return 0;
}
