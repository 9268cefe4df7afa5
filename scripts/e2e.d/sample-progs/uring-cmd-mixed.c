// SPDX-License-Identifier: GPL-2.0
/*
 * uring-cmd-mixed: io_uring_cmd_done32_async() and io_uring_cmd_done() on
 * an IORING_SETUP_CQE_MIXED ring, through the uring_cmd sample device.
 *
 * Usage: uring-cmd-mixed
 *
 * A mixed ring has 16 byte CQEs, and a 32 byte one where a completion
 * carries res2: it takes two slots and has IORING_CQE_F_32 set, and
 * where it would not fit before the end of the ring the kernel pads
 * with an IORING_CQE_F_SKIP entry.  The sample completes URCS_DELAY with
 * io_uring_cmd_done32_async() (res2 = the whole cookie) on a ring whose
 * issue flags say CQE32, and URCS_SUM with a plain result.  Batches of
 * both kinds, and NOPs, are submitted until the CQ ring has wrapped
 * several times; every CQE is read by hand (Debian 12's liburing does
 * not know mixed rings): a DELAY's must be big with res2 equal to its
 * cookie, every other one small.  Exits 1 on failure, 77 where the sample
 * device is missing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fail.h"
#include "uring_cmd_sample.h"

#ifndef IORING_SETUP_CQE_MIXED
#define IORING_SETUP_CQE_MIXED	(1U << 18)
#endif
#ifndef IORING_CQE_F_SKIP
#define IORING_CQE_F_SKIP	(1U << 5)
#endif
#ifndef IORING_CQE_F_32
#define IORING_CQE_F_32		(1U << 15)
#endif

#define DEV_PATH	"/dev/" URCS_DEVICE_NAME
#define ENTRIES		16
#define BATCH		7
#define ROUNDS		40

enum kind { K_NOP, K_SUM, K_DELAY };

struct expect {
	enum kind kind;
	int res;
	__u64 res2;
	int seen;
};

int main(void)
{
	unsigned long big = 0, small = 0, skips = 0;
	struct io_uring_params p = { 0 };
	struct expect e[ROUNDS * BATCH];
	unsigned int round, i, seed = 1;
	struct io_uring ring;
	int fd, ret;

	fd = open(DEV_PATH, O_RDWR);
	if (fd < 0) {
		printf("no %s: %s\n", DEV_PATH, strerror(errno));
		return 77;
	}
	p.flags = IORING_SETUP_CQE_MIXED;
	ret = io_uring_queue_init_params(ENTRIES, &ring, &p);
	if (ret) {
		fprintf(stderr, "FAIL: a CQE_MIXED ring: %s\n", strerror(-ret));
		return 1;
	}
	memset(e, 0, sizeof(e));
	for (round = 0; round < ROUNDS; round++) {
		unsigned int reaped = 0;

		for (i = 0; i < BATCH; i++) {
			unsigned int id = round * BATCH + i;
			struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
			struct urcs_delay d = { 0 };
			struct urcs_sum s;

			e[id].kind = (enum kind)(rand_r(&seed) % 3);
			if (e[id].kind == K_NOP) {
				io_uring_prep_nop(sqe);
			} else {
				io_uring_prep_rw(IORING_OP_URING_CMD, sqe, fd, NULL, 0, 0);
				if (e[id].kind == K_SUM) {
					s.v[0] = rand_r(&seed);
					s.v[1] = rand_r(&seed);
					s.v[2] = s.v[3] = id;
					sqe->cmd_op = URCS_SUM;
					memcpy(sqe->cmd, &s, sizeof(s));
					e[id].res = (__u32)(s.v[0] + s.v[1] + 2 * id) & INT_MAX;
				} else {
					d.delay_us = rand_r(&seed) % 100;
					d.flags = rand_r(&seed) % 2 ? URCS_DELAY_WORK : 0;
					d.cookie = (__u64)rand_r(&seed) << 33 | id;
					sqe->cmd_op = URCS_DELAY;
					memcpy(sqe->cmd, &d, sizeof(d));
					e[id].res = d.cookie & INT_MAX;
					e[id].res2 = d.cookie;
				}
			}
			sqe->user_data = id;
		}
		ret = io_uring_submit(&ring);
		if (ret != BATCH) {
			fprintf(stderr, "FAIL: submit: %d\n", ret);
			return 1;
		}
		while (reaped < BATCH) {
			struct io_uring_cqe *cqe;
			unsigned int slots = 1;
			__u64 id;

			ret = io_uring_wait_cqe(&ring, &cqe);
			if (ret) {
				fprintf(stderr, "FAIL: wait: %s\n", strerror(-ret));
				return 1;
			}
			if (cqe->flags & IORING_CQE_F_SKIP) {
				skips++;
				io_uring_cq_advance(&ring, 1);
				continue;
			}
			if (cqe->flags & IORING_CQE_F_32)
				slots = 2;
			id = cqe->user_data;
			if (id < round * BATCH || id >= (round + 1) * BATCH ||
			    e[id].seen++) {
				FAIL("unexpected cqe %llu (flags %#x)",
				     (unsigned long long)id, cqe->flags);
			} else if (cqe->res != e[id].res) {
				FAIL("cqe %llu: res %d, expected %d",
				     (unsigned long long)id, cqe->res, e[id].res);
			} else if (e[id].kind == K_DELAY) {
				if (slots != 2)
					FAIL("cqe %llu of URCS_DELAY: not a 32 byte CQE (flags %#x)",
					     (unsigned long long)id, cqe->flags);
				else if (cqe->big_cqe[0] != e[id].res2)
					FAIL("cqe %llu: res2 %#llx, expected the cookie %#llx",
					     (unsigned long long)id,
					     (unsigned long long)cqe->big_cqe[0],
					     (unsigned long long)e[id].res2);
			} else if (slots != 1) {
				FAIL("cqe %llu of a %s: a 32 byte CQE",
				     (unsigned long long)id,
				     e[id].kind == K_SUM ? "URCS_SUM" : "NOP");
			}
			if (slots == 2)
				big++;
			else
				small++;
			io_uring_cq_advance(&ring, slots);
			reaped++;
		}
	}
	io_uring_queue_exit(&ring);
	printf("%u commands on a CQE_MIXED ring of %u CQ entries: %lu 32 byte CQEs, %lu 16 byte ones, %lu skip entries\n",
	       ROUNDS * BATCH, p.cq_entries, big, small, skips);
	if (!skips)
		FAIL("the ring never padded a 32 byte CQE at its end");
	if (failures) {
		printf("FAIL: %d failures\n", failures);
		return 1;
	}
	printf("PASS\n");
	return 0;
}
