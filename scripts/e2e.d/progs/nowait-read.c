// SPDX-License-Identifier: GPL-2.0
/*
 * Read the first 4 KiB of a block device with O_DIRECT and RWF_NOWAIT.
 *
 *   nowait-read <device>
 *
 * Exits 0 when the read returned data or EAGAIN (the device takes
 * REQ_NOWAIT bios), 3 when it failed with EOPNOTSUPP (the device, or a
 * dm target in it, does not), 1 on any other error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct iovec iov;
	ssize_t n;
	void *buf;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: %s <device>\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_DIRECT);
	if (fd < 0 || posix_memalign(&buf, 4096, 4096)) {
		perror(argv[1]);
		return 1;
	}
	iov.iov_base = buf;
	iov.iov_len = 4096;
	n = preadv2(fd, &iov, 1, 0, RWF_NOWAIT);
	if (n >= 0 || errno == EAGAIN) {
		printf("%s: %s\n", argv[1], n >= 0 ? "read" : "EAGAIN");
		return 0;
	}
	printf("%s: %s\n", argv[1], strerror(errno));
	return errno == EOPNOTSUPP ? 3 : 1;
}
