// SPDX-License-Identifier: GPL-2.0
/*
 * Smoke test of io_uring in the e2e guest: submit a batch of NOPs and one
 * O_DIRECT read, and check that every completion carries its own user_data
 * and the expected result.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NR_NOPS	8
#define READ_ID	100
#define BUF_LEN	4096

int main(int argc, char **argv)
{
	struct io_uring ring;
	struct io_uring_cqe *cqe;
	unsigned int seen = 0;
	void *buf;
	int fd, ret, i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s <block device>\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_DIRECT);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	if (posix_memalign(&buf, BUF_LEN, BUF_LEN))
		return 1;
	ret = io_uring_queue_init(16, &ring, 0);
	if (ret) {
		fprintf(stderr, "io_uring_queue_init: %s\n", strerror(-ret));
		return 1;
	}

	for (i = 0; i < NR_NOPS; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

		io_uring_prep_nop(sqe);
		sqe->user_data = i;
	}
	io_uring_prep_read(io_uring_get_sqe(&ring), fd, buf, BUF_LEN, 0);
	io_uring_sqe_set_data64(&ring.sq.sqes[NR_NOPS], READ_ID);

	ret = io_uring_submit_and_wait(&ring, NR_NOPS + 1);
	if (ret != NR_NOPS + 1) {
		fprintf(stderr, "submitted %d of %d\n", ret, NR_NOPS + 1);
		return 1;
	}
	for (i = 0; i < NR_NOPS + 1; i++) {
		ret = io_uring_wait_cqe(&ring, &cqe);
		if (ret) {
			fprintf(stderr, "io_uring_wait_cqe: %s\n", strerror(-ret));
			return 1;
		}
		if (cqe->user_data == READ_ID) {
			if (cqe->res != BUF_LEN) {
				fprintf(stderr, "read: res %d\n", cqe->res);
				return 1;
			}
			seen |= 1u << NR_NOPS;
		} else if (cqe->user_data < NR_NOPS && cqe->res == 0) {
			seen |= 1u << cqe->user_data;
		} else {
			fprintf(stderr, "unexpected cqe: user_data %llu res %d\n",
				(unsigned long long)cqe->user_data, cqe->res);
			return 1;
		}
		io_uring_cqe_seen(&ring, cqe);
	}
	if (seen != (1u << (NR_NOPS + 1)) - 1) {
		fprintf(stderr, "completions seen: %#x\n", seen);
		return 1;
	}
	io_uring_queue_exit(&ring);
	close(fd);
	free(buf);
	printf("io_uring: %d NOPs and a read completed\n", NR_NOPS);
	return 0;
}
