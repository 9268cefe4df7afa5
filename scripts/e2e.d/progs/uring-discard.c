// SPDX-License-Identifier: GPL-2.0
/*
 * BLOCK_URING_CMD_DISCARD through liburing on the block device given:
 * a discarded range reads back as zeroes and the rest keeps its data,
 * also when the application rewrites the SQ ring right after submitting
 * (inline and IOSQE_ASYNC); and the uring_cmd and BLKDISCARD refuse the
 * same callers with the same errno.  The device must discard to zeroes
 * (null_blk with memory_backed=1 and discard=1 does) and hold 1 MiB.
 * Exit 0 when every check passed, 1 otherwise.
 *
 * With "bench" first, measures instead the time per discard of one 4 KiB
 * block, as BLOCK_URING_CMD_DISCARD at 1, 8 and 32 per submit and as
 * BLKDISCARD: the median of RUNS runs of OPS discards each, and the
 * interquartile range relative to it, the ways interleaved in every run.
 *
 * With "zone-reset" first, checks BLOCK_URING_CMD_ZONE_RESET_ALL, the
 * block layer's other command completed from its bio's end_io, on the
 * zoned device ZONED (no conventional zones, at least two, memory
 * backed): the write pointers of two written zones go back to their
 * start, inline and with IOSQE_ASYNC with the SQ ring rewritten right
 * after the submit; and the command is refused with an address (-EINVAL),
 * on a file not open for writing (-EBADF) and on PLAIN, a device that is
 * not zoned (-EOPNOTSUPP).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <linux/blkzoned.h>
#include <linux/fs.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#ifndef BLOCK_URING_CMD_DISCARD
#define BLOCK_URING_CMD_DISCARD	_IO(0x12, 0)
#endif
#ifndef BLOCK_URING_CMD_ZONE_RESET_ALL
#define BLOCK_URING_CMD_ZONE_RESET_ALL	_IO(0x12, 1)
#endif

#define AREA	(1 << 20)
#define KIB	1024

static int failures;
static unsigned char *buf;

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "FAIL %s:%d: ", __func__, __LINE__);	\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
		failures++;						\
	}								\
} while (0)

static struct io_uring_sqe *prep_discard(struct io_uring *ring, int fd,
					 uint64_t start, uint64_t len)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	io_uring_prep_rw(IORING_OP_URING_CMD, sqe, fd, NULL, 0, 0);
	sqe->cmd_op = BLOCK_URING_CMD_DISCARD;
	sqe->addr = start;
	sqe->addr3 = len;
	return sqe;
}

static int wait_res(struct io_uring *ring, uint64_t *user_data)
{
	struct __kernel_timespec ts = { 10, 0 };
	struct io_uring_cqe *cqe;
	int ret = io_uring_wait_cqe_timeout(ring, &cqe, &ts);

	if (ret) {
		fprintf(stderr, "no completion: %s\n", strerror(-ret));
		exit(1);
	}
	ret = cqe->res;
	if (user_data)
		*user_data = cqe->user_data;
	io_uring_cqe_seen(ring, cqe);
	return ret;
}

/* Submit the one SQE prepared; with @poison, rewrite the SQ ring at once. */
static void submit_one(struct io_uring *ring, bool poison)
{
	if (io_uring_submit(ring) != 1) {
		fprintf(stderr, "io_uring_submit failed\n");
		exit(1);
	}
	if (poison)
		memset(ring->sq.sqes, 0xff, 64 * *ring->sq.kring_entries);
}

static int uring_discard(struct io_uring *ring, int fd, uint64_t start,
			 uint64_t len, uint32_t sqe_len)
{
	prep_discard(ring, fd, start, len)->len = sqe_len;
	submit_one(ring, false);
	return wait_res(ring, NULL);
}

static int ioctl_discard(int fd, uint64_t start, uint64_t len)
{
	uint64_t range[2] = { start, len };

	return ioctl(fd, BLKDISCARD, range) ? -errno : 0;
}

static void fill(int fd)
{
	memset(buf, 0xab, AREA);
	if (pwrite(fd, buf, AREA, 0) != AREA || fsync(fd)) {
		perror("write");
		exit(1);
	}
}

/* The first AREA bytes hold zeroes in [start, start + len), 0xab elsewhere. */
static void check_data(int fd, const char *what, uint64_t start, uint64_t len)
{
	size_t i;

	if (pread(fd, buf, AREA, 0) != AREA) {
		perror("read");
		exit(1);
	}
	for (i = 0; i < AREA; i++) {
		unsigned char want = i >= start && i < start + len ? 0 : 0xab;

		if (buf[i] != want) {
			CHECK(0, "%s: byte %zu is %#x, not %#x", what, i, buf[i],
			      want);
			return;
		}
	}
}

/* Submit, rewrite the SQ ring at once, then check what was discarded. */
static void test_poison(struct io_uring *ring, int fd, unsigned int sqe_flags)
{
	char what[32];
	uint64_t ud;
	int i;

	snprintf(what, sizeof(what), "sqe flags %#x", sqe_flags);
	fill(fd);
	prep_discard(ring, fd, 256 * KIB, 64 * KIB)->flags |= sqe_flags;
	submit_one(ring, true);
	i = wait_res(ring, &ud);
	CHECK(i == 0, "%s: discard: %d", what, i);
	check_data(fd, what, 256 * KIB, 64 * KIB);
}

static int uring_zone_reset(struct io_uring *ring, int fd, uint64_t addr,
			    unsigned int sqe_flags)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	io_uring_prep_rw(IORING_OP_URING_CMD, sqe, fd, NULL, 0, 0);
	sqe->cmd_op = BLOCK_URING_CMD_ZONE_RESET_ALL;
	sqe->addr = addr;
	sqe->flags |= sqe_flags;
	submit_one(ring, true);
	return wait_res(ring, NULL);
}

/* The write pointers of the first two zones, in sectors from each start. */
static void zone_wps(int fd, uint64_t wp[2])
{
	struct {
		struct blk_zone_report hdr;
		struct blk_zone zones[2];
	} r = { .hdr = { .sector = 0, .nr_zones = 2 } };
	int i;

	if (ioctl(fd, BLKREPORTZONE, &r) || r.hdr.nr_zones != 2) {
		perror("BLKREPORTZONE");
		exit(1);
	}
	for (i = 0; i < 2; i++)
		wp[i] = r.zones[i].wp - r.zones[i].start;
}

/* Write 64 KiB at the start of the first two zones, then reset them all. */
static void test_zone_reset(struct io_uring *ring, int fd, uint32_t zone_sectors,
			    unsigned int sqe_flags)
{
	uint64_t wp[2];
	int i, res;

	memset(buf, 0xab, 64 * KIB);
	for (i = 0; i < 2; i++) {
		if (pwrite(fd, buf, 64 * KIB, (off_t)i * zone_sectors * 512) !=
		    64 * KIB) {
			perror("zone write");
			exit(1);
		}
	}
	zone_wps(fd, wp);
	CHECK(wp[0] == 128 && wp[1] == 128, "written: write pointers %llu, %llu",
	      (unsigned long long)wp[0], (unsigned long long)wp[1]);
	res = uring_zone_reset(ring, fd, 0, sqe_flags);
	CHECK(res == 0, "sqe flags %#x: zone reset: %d", sqe_flags, res);
	zone_wps(fd, wp);
	CHECK(wp[0] == 0 && wp[1] == 0,
	      "sqe flags %#x: write pointers %llu, %llu after the reset",
	      sqe_flags, (unsigned long long)wp[0], (unsigned long long)wp[1]);
}

static int run_zone_reset(const char *zoned, const char *plain)
{
	int fd = open(zoned, O_RDWR | O_DIRECT);
	int rdonly = open(zoned, O_RDONLY);
	int pfd = open(plain, O_RDWR);
	uint32_t zone_sectors = 0;
	struct io_uring ring;

	if (fd < 0 || rdonly < 0 || pfd < 0 ||
	    ioctl(fd, BLKGETZONESZ, &zone_sectors) || !zone_sectors) {
		fprintf(stderr, "%s: not a zoned device, or %s missing\n",
			zoned, plain);
		return 1;
	}
	if (posix_memalign((void **)&buf, 4096, 64 * KIB) ||
	    io_uring_queue_init(8, &ring, 0)) {
		fprintf(stderr, "no memory or ring\n");
		return 1;
	}
	test_zone_reset(&ring, fd, zone_sectors, 0);
	test_zone_reset(&ring, fd, zone_sectors, IOSQE_ASYNC);
	CHECK(uring_zone_reset(&ring, fd, 1, 0) == -EINVAL, "address set");
	CHECK(uring_zone_reset(&ring, rdonly, 0, 0) == -EBADF, "read-only file");
	CHECK(uring_zone_reset(&ring, pfd, 0, 0) == -EOPNOTSUPP,
	      "device not zoned");
	io_uring_queue_exit(&ring);
	printf("%s\n", failures ? "FAILED" : "ok");
	return failures ? 1 : 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Nanoseconds per discard of @total blocks, @batch per submit (0: ioctl). */
static double bench_discard(struct io_uring *ring, int fd, uint64_t blocks,
			    unsigned int batch, unsigned long total)
{
	unsigned long done = 0;
	double t = now();

	while (done < total) {
		struct io_uring_cqe *cqe;
		unsigned int i, head, n = 0;

		if (!batch) {
			if (ioctl_discard(fd, done % blocks * 4 * KIB, 4 * KIB)) {
				perror("BLKDISCARD");
				exit(1);
			}
			done++;
			continue;
		}
		for (i = 0; i < batch; i++)
			prep_discard(ring, fd, (done + i) % blocks * 4 * KIB,
				     4 * KIB);
		if (io_uring_submit_and_wait(ring, batch) != (int)batch) {
			fprintf(stderr, "io_uring_submit_and_wait failed\n");
			exit(1);
		}
		io_uring_for_each_cqe(ring, head, cqe) {
			if (cqe->res) {
				fprintf(stderr, "discard: %s\n", strerror(-cqe->res));
				exit(1);
			}
			n++;
		}
		io_uring_cq_advance(ring, n);
		done += n;
	}
	return (now() - t) * 1e9 / done;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The @q quantile of the @n sorted values at @v, interpolated. */
static double quantile(const double *v, int n, double q)
{
	double pos = q * (n - 1);
	int i = pos;

	return i + 1 < n ? v[i] + (pos - i) * (v[i + 1] - v[i]) : v[i];
}

static int run_bench(const char *dev, unsigned long total, int runs)
{
	static const unsigned int batches[] = { 1, 8, 32, 0 };
	enum { NR = sizeof(batches) / sizeof(batches[0]) };
	double ns[NR][64];
	struct io_uring ring;
	uint64_t size;
	int fd, run, i;

	if (runs < 1 || runs > 64 || !total) {
		fprintf(stderr, "bench: runs must be 1 to 64, ops at least 1\n");
		return 2;
	}
	fd = open(dev, O_RDWR);
	if (fd < 0 || ioctl(fd, BLKGETSIZE64, &size) || size < 4 * KIB ||
	    io_uring_queue_init(64, &ring, 0)) {
		perror(dev);
		return 1;
	}
	for (run = -1; run < runs; run++) {
		/* run -1 warms up and is not kept */
		for (i = 0; i < NR; i++) {
			int b = (i + run + 1) % NR;
			double x = bench_discard(&ring, fd, size / (4 * KIB),
						 batches[b],
						 run < 0 ? total / 10 + 1 : total);

			if (run >= 0)
				ns[b][run] = x;
		}
	}
	printf("# ns per 4 KiB discard: median of %d runs of %lu, "
	       "± interquartile range / median\n", runs, total);
	for (i = 0; i < NR; i++) {
		double m;

		qsort(ns[i], runs, sizeof(double), cmp_double);
		m = quantile(ns[i], runs, 0.5);
		if (batches[i])
			printf("uring_cmd  batch %2u", batches[i]);
		else
			printf("BLKDISCARD         ");
		printf(" %8.0f ±%3.0f%%\n", m, 100 * (quantile(ns[i], runs, 0.75) -
						    quantile(ns[i], runs, 0.25)) / m);
	}
	io_uring_queue_exit(&ring);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	struct io_uring ring;
	uint64_t size;
	int fd, rdonly;

	if (argc >= 3 && !strcmp(argv[1], "bench"))
		return run_bench(argv[2],
				 argc >= 4 ? strtoul(argv[3], NULL, 0) : 10000,
				 argc >= 5 ? atoi(argv[4]) : 10);
	if (argc == 4 && !strcmp(argv[1], "zone-reset"))
		return run_zone_reset(argv[2], argv[3]);
	if (argc != 2) {
		fprintf(stderr, "usage: %s BLOCK-DEVICE\n"
			"       %s bench BLOCK-DEVICE [OPS [RUNS]]\n"
			"       %s zone-reset ZONED-DEVICE PLAIN-DEVICE\n",
			argv[0], argv[0], argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDWR | O_DIRECT);
	rdonly = open(argv[1], O_RDONLY);
	if (fd < 0 || rdonly < 0 || ioctl(fd, BLKGETSIZE64, &size)) {
		perror(argv[1]);
		return 1;
	}
	if (size < AREA || posix_memalign((void **)&buf, 4096, AREA) ||
	    io_uring_queue_init(8, &ring, 0)) {
		fprintf(stderr, "%s: too small, or no memory or ring\n", argv[1]);
		return 1;
	}

	fill(fd);
	CHECK(uring_discard(&ring, fd, 64 * KIB, 128 * KIB, 0) == 0, "discard");
	check_data(fd, "discard", 64 * KIB, 128 * KIB);
	test_poison(&ring, fd, 0);
	test_poison(&ring, fd, IOSQE_ASYNC);

	/* the same refusals on both paths */
	CHECK(uring_discard(&ring, rdonly, 0, 4 * KIB, 0) == -EBADF,
	      "read-only file");
	CHECK(ioctl_discard(rdonly, 0, 4 * KIB) == -EBADF,
	      "BLKDISCARD, read-only file");
	CHECK(uring_discard(&ring, fd, 1, 4 * KIB, 0) == -EINVAL,
	      "unaligned start");
	CHECK(ioctl_discard(fd, 1, 4 * KIB) == -EINVAL, "BLKDISCARD, unaligned start");
	CHECK(uring_discard(&ring, fd, 0, 0, 0) == -EINVAL, "empty range");
	CHECK(ioctl_discard(fd, 0, 0) == -EINVAL, "BLKDISCARD, empty range");
	CHECK(uring_discard(&ring, fd, size - 4 * KIB, 8 * KIB, 0) == -EINVAL,
	      "range past the end");
	CHECK(ioctl_discard(fd, size - 4 * KIB, 8 * KIB) == -EINVAL,
	      "BLKDISCARD, range past the end");
	CHECK(uring_discard(&ring, fd, 0, 4 * KIB, 1) == -EINVAL,
	      "unused SQE field set");

	io_uring_queue_exit(&ring);
	printf("%s\n", failures ? "FAILED" : "ok");
	return failures ? 1 : 0;
}
