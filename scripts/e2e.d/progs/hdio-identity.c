// SPDX-License-Identifier: GPL-2.0
/*
 * Ask a block device for its drive identity (HDIO_GET_IDENTITY), an
 * ioctl that the block layer leaves to the driver, so that on a dm
 * device it is one that dm core forwards to the target's device.
 *
 *   hdio-identity <device>
 *
 * Exits 0 when the ioctl succeeded, 3 when it failed with ENOTTY, 1 on
 * any other error.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/hdreg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned short id[256];
	int fd, ret, err;

	if (argc != 2) {
		fprintf(stderr, "usage: %s <device>\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	ret = ioctl(fd, HDIO_GET_IDENTITY, id);
	err = errno;
	printf("%s: %s\n", argv[1], ret ? strerror(err) : "identity read");
	close(fd);
	if (!ret)
		return 0;
	return err == ENOTTY ? 3 : 1;
}
