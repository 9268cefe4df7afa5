// SPDX-License-Identifier: GPL-2.0
/*
 * uio-bind-failnth: the UIO sample's probe, and so its checked
 * registration (devm_uio_register_validated()), with its Nth allocation
 * failing, for N = 1, 2, ... until a bind runs without reaching its Nth
 * allocation.
 *
 * Usage: uio-bind-failnth [MAX_N]
 *
 * Each failed bind must fail with an errno and leave the sample unbound,
 * with no UIO device of its name and /proc/iomem as before the bind; the
 * final bind must succeed, with the device's maps in sysfs.  The guest's
 * KASAN and kmemleak see what a failed probe left behind.  Prints one line
 * per N, "<N> <errno or 0>", then a summary; exits 1 on failure.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fail.h"
#include "failnth.h"

#define SAMPLE_NAME	"uio_ext_sample"
#define SAMPLE_DRIVER	"/sys/bus/platform/drivers/" SAMPLE_NAME
#define SAMPLE_DEV	"/sys/bus/platform/devices/" SAMPLE_NAME

/* Write @val to @path; 0, or the errno of the write. */
static int write_file(const char *path, const char *val)
{
	ssize_t n;
	int fd = open(path, O_WRONLY), err = 0;

	if (fd < 0)
		return errno;
	n = write(fd, val, strlen(val));
	if (n < 0)
		err = errno;
	close(fd);
	return err;
}

static char *read_all(const char *path)
{
	static char buf[65536];
	ssize_t n, len = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	while ((n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return strdup(buf);
}

static int sample_uio_devices(void)
{
	char path[300], name[64];
	struct dirent *de;
	int n = 0, fd;
	DIR *dir = opendir("/sys/class/uio");
	ssize_t len;

	if (!dir)
		return 0;
	while ((de = readdir(dir))) {
		if (strncmp(de->d_name, "uio", 3))
			continue;
		snprintf(path, sizeof(path), "/sys/class/uio/%s/name", de->d_name);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		len = read(fd, name, sizeof(name) - 1);
		close(fd);
		name[len > 0 ? len : 0] = '\0';
		name[strcspn(name, "\n")] = '\0';
		if (!strcmp(name, SAMPLE_NAME))
			n++;
	}
	closedir(dir);
	return n;
}

static int bound(void)
{
	return access(SAMPLE_DEV "/driver", F_OK) == 0;
}

int main(int argc, char **argv)
{
	unsigned int n, max_n = argc > 1 ? strtoul(argv[1], NULL, 0) : 10000;
	unsigned int failed = 0;
	char *iomem, *now;
	int fnth, err, left;

	if (!bound()) {
		printf("the sample is not bound\n");
		return 77;
	}
	fnth = failnth_open();
	if (fnth < 0) {
		perror("/proc/thread-self/fail-nth");
		return 77;
	}
	err = write_file(SAMPLE_DRIVER "/unbind", SAMPLE_NAME);
	if (err) {
		fprintf(stderr, "unbind: %s\n", strerror(err));
		return 1;
	}
	iomem = read_all("/proc/iomem");
	for (n = 1; n <= max_n; n++) {
		if (failnth_arm(fnth, n)) {
			perror("fail-nth");
			return 1;
		}
		err = write_file(SAMPLE_DRIVER "/bind", SAMPLE_NAME);
		left = failnth_disarm(fnth);
		printf("%u %d\n", n, err);
		if (left < 0) {
			perror("fail-nth");
			return 1;
		}
		if (left) {
			/* the bind never reached its Nth allocation */
			if (err)
				FAIL("bind failed without injection: %s", strerror(err));
			break;
		}
		if (!err) {
			/* the failure hit an allocation whose caller copes */
			err = write_file(SAMPLE_DRIVER "/unbind", SAMPLE_NAME);
			if (err) {
				FAIL("unbind after bind %u: %s", n, strerror(err));
				return 1;
			}
			continue;
		}
		failed++;
		if (bound())
			FAIL("bind %u failed (%s) but the sample is bound", n,
			     strerror(err));
		if (sample_uio_devices())
			FAIL("bind %u failed (%s) but a UIO device of the sample is left",
			     n, strerror(err));
		now = read_all("/proc/iomem");
		if (!now || strcmp(now, iomem))
			FAIL("bind %u failed (%s) and /proc/iomem changed", n,
			     strerror(err));
		free(now);
	}
	if (n > max_n)
		FAIL("no bind ran to its end within %u allocations", max_n);
	if (!bound() || sample_uio_devices() != 1 ||
	    access("/sys/class/uio", F_OK))
		FAIL("the final bind left %d UIO devices of the sample, bound %d",
		     sample_uio_devices(), bound());
	if (!failed)
		FAIL("no bind failed: the injection reached nothing");
	printf("%u binds, %u failed cleanly with an injected allocation failure\n",
	       n, failed);
	if (failures) {
		printf("FAIL: %d failures\n", failures);
		return 1;
	}
	printf("PASS\n");
	return 0;
}
