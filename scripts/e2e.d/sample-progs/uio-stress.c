// SPDX-License-Identifier: GPL-2.0
/*
 * uio-stress: the uio_ext_sample device unbound and bound again under use.
 *
 * Usage: uio-stress CYCLES
 *
 * Four threads loop: find the sample's /dev/uioN, open it, map one of its
 * three maps, read the map's first word, unmask the event (write 1), wait
 * for it with poll() and read() it, mask it (write 0), and close, unmapping
 * before or after the close; some mappings are kept and touched again
 * later.  Meanwhile the main thread unbinds the platform device and binds
 * it again CYCLES times.
 *
 * What must hold: a touch of a mapping reads the map's word (N + 1 for map
 * N) or gets SIGBUS once the device it came from is gone, and nothing else;
 * every call either works or fails with an errno of a device that is gone
 * (ENODEV, ENOENT, ENXIO, EIO, EINVAL); after each rebind the sample lists
 * no more open files than the threads hold (an open file, or a closed one
 * still mapped), and at the end, with every file closed and unmapped,
 * none; the driver's counters of per-open data given and released over
 * every bind moved by the same amount (each released exactly once), no
 * less than the opens that worked and no more than were tried.  KASAN,
 * lockdep and kmemleak in the guest see the rest.  Prints the counts, and
 * "PASS" or "FAIL:" lines; exits 1 on failure.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define SAMPLE_NAME	"uio_ext_sample"
#define SAMPLE_DRIVER	"/sys/bus/platform/drivers/" SAMPLE_NAME
#define SAMPLE_FILES	"/sys/bus/platform/devices/" SAMPLE_NAME "/open_files"
#define SAMPLE_OPENED	SAMPLE_DRIVER "/files_opened"
#define SAMPLE_RELEASED	SAMPLE_DRIVER "/files_released"
#define SAMPLE_MAPS	3
#define NR_THREADS	4
#define KEPT		8

static long page_size;
static atomic_bool stop;
/* files the threads hold: open, or closed and still mapped */
static atomic_int files_held;
static atomic_ulong failures;

static __thread sigjmp_buf touch_env;
static __thread volatile sig_atomic_t touching;

struct counts {
	unsigned long opens, open_gone, maps, map_gone, touches, sigbus;
	unsigned long events, io_gone, closes;
};

#define FAIL(...) do {							\
	fprintf(stderr, "FAIL: " __VA_ARGS__);				\
	fputc('\n', stderr);						\
	atomic_fetch_add(&failures, 1);					\
} while (0)

static void on_sigbus(int sig)
{
	(void)sig;
	if (touching)
		siglongjmp(touch_env, 1);
	/* a SIGBUS outside a touch: let it kill the process */
	signal(SIGBUS, SIG_DFL);
	raise(SIGBUS);
}

/*
 * The errnos of a device that is gone: open() finds no device, read()
 * gets EIO, and write() and mmap() get EINVAL (the UIO core's answer to a
 * file whose device was unregistered).
 */
static bool gone(int err)
{
	return err == ENODEV || err == ENOENT || err == ENXIO || err == EIO ||
	       err == EINVAL;
}

static int read_file(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int write_file(const char *path, const char *val)
{
	ssize_t n;
	int fd = open(path, O_WRONLY);

	if (fd < 0)
		return -1;
	n = write(fd, val, strlen(val));
	close(fd);
	return n == (ssize_t)strlen(val) ? 0 : -1;
}

/* N of the uioN named as the sample, or -1 while it is unbound */
static int find_uio(void)
{
	char path[300], name[64];
	struct dirent *de;
	int minor = -1;
	DIR *dir = opendir("/sys/class/uio");

	if (!dir)
		return -1;
	while ((de = readdir(dir))) {
		if (strncmp(de->d_name, "uio", 3))
			continue;
		snprintf(path, sizeof(path), "/sys/class/uio/%s/name", de->d_name);
		if (!read_file(path, name, sizeof(name)) && !strcmp(name, SAMPLE_NAME)) {
			minor = atoi(de->d_name + 3);
			break;
		}
	}
	closedir(dir);
	return minor;
}

/* Read the first word of map @map at @p: its value, or -1 on SIGBUS. */
static long touch(const volatile uint32_t *p, struct counts *c)
{
	long v;

	c->touches++;
	if (sigsetjmp(touch_env, 1)) {
		touching = 0;
		c->sigbus++;
		return -1;
	}
	touching = 1;
	v = *p;
	touching = 0;
	return v;
}

static void check_touch(const volatile uint32_t *p, int map, struct counts *c)
{
	long v = touch(p, c);

	if (v != -1 && v != map + 1)
		FAIL("map %d read %#lx, expected %d or SIGBUS", map, v, map + 1);
}

struct kept {
	volatile uint32_t *p;
	size_t len;
	int map;
};

static void *worker(void *arg)
{
	unsigned int seed = (uintptr_t)arg * 7919 + getpid();
	struct kept kept[KEPT] = { 0 };
	struct counts *c = calloc(1, sizeof(*c));
	unsigned int k = 0, i;

	while (!atomic_load(&stop)) {
		int minor = find_uio(), map = rand_r(&seed) % SAMPLE_MAPS, fd;
		size_t len = (map < 2 ? map + 1 : 1) * page_size;
		uint32_t one = 1, zero = 0, count;
		struct pollfd pfd;
		char dev[32];
		void *p;

		if (minor < 0) {
			usleep(100);
			continue;
		}
		snprintf(dev, sizeof(dev), "/dev/uio%d", minor);
		fd = open(dev, O_RDWR);
		if (fd < 0) {
			if (!gone(errno))
				FAIL("open %s: %s", dev, strerror(errno));
			c->open_gone++;
			continue;
		}
		atomic_fetch_add(&files_held, 1);
		c->opens++;
		p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, map * page_size);
		if (p == MAP_FAILED) {
			if (!gone(errno))
				FAIL("mmap map %d: %s", map, strerror(errno));
			c->map_gone++;
			p = NULL;
		} else {
			c->maps++;
			check_touch(p, map, c);
		}
		if (write(fd, &one, sizeof(one)) != sizeof(one)) {
			if (!gone(errno))
				FAIL("unmask: %s", strerror(errno));
			c->io_gone++;
		}
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 100) > 0 && (pfd.revents & POLLIN)) {
			if (read(fd, &count, sizeof(count)) == sizeof(count))
				c->events++;
			else if (!gone(errno))
				FAIL("read: %s", strerror(errno));
			else
				c->io_gone++;
		}
		if (write(fd, &zero, sizeof(zero)) != sizeof(zero) && !gone(errno))
			FAIL("mask: %s", strerror(errno));
		if (p && rand_r(&seed) % 2) {
			munmap(p, len);
			p = NULL;
		}
		close(fd);
		c->closes++;
		if (!p)
			atomic_fetch_sub(&files_held, 1);
		if (p) {
			/* touched after the close, now and in later rounds */
			check_touch(p, map, c);
			if (kept[k].p) {
				check_touch(kept[k].p, kept[k].map, c);
				munmap((void *)kept[k].p, kept[k].len);
				atomic_fetch_sub(&files_held, 1);
			}
			kept[k] = (struct kept){ p, len, map };
			k = (k + 1) % KEPT;
		}
	}
	for (i = 0; i < KEPT; i++) {
		if (!kept[i].p)
			continue;
		check_touch(kept[i].p, kept[i].map, c);
		munmap((void *)kept[i].p, kept[i].len);
		atomic_fetch_sub(&files_held, 1);
	}
	return c;
}

/* Numbers of the files the sample lists as open; -1 while unbound. */
static int listed_files(void)
{
	char buf[4096], *s;
	int n = 0;

	if (read_file(SAMPLE_FILES, buf, sizeof(buf)))
		return -1;
	for (s = strtok(buf, " "); s; s = strtok(NULL, " "))
		n++;
	return n;
}

/* One of the driver's counters; a failure, and 0, where it cannot be read. */
static long driver_count(const char *path)
{
	char buf[64];

	if (read_file(path, buf, sizeof(buf))) {
		FAIL("cannot read %s: %s", path, strerror(errno));
		return 0;
	}
	return strtol(buf, NULL, 10);
}

int main(int argc, char **argv)
{
	struct counts total = { 0 };
	pthread_t t[NR_THREADS];
	struct sigaction sa = { 0 };
	unsigned int seed = getpid();
	unsigned long cycles, done, i;
	time_t start = time(NULL);
	long opened, released;
	int n;

	if (argc != 2) {
		fprintf(stderr, "usage: %s CYCLES\n", argv[0]);
		return 2;
	}
	cycles = strtoul(argv[1], NULL, 0);
	page_size = sysconf(_SC_PAGESIZE);
	if (find_uio() < 0) {
		printf("no UIO device named %s\n", SAMPLE_NAME);
		return 77;
	}
	opened = -driver_count(SAMPLE_OPENED);
	released = -driver_count(SAMPLE_RELEASED);
	sa.sa_handler = on_sigbus;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGBUS, &sa, NULL);

	for (i = 0; i < NR_THREADS; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)i)) {
			perror("pthread_create");
			return 1;
		}
	for (i = 0; i < cycles; i++) {
		struct timespec up = { 0, (rand_r(&seed) % 20) * 1000000L };
		struct timespec down = { 0, (rand_r(&seed) % 5) * 1000000L };

		nanosleep(&up, NULL);
		if (write_file(SAMPLE_DRIVER "/unbind", SAMPLE_NAME)) {
			FAIL("unbind %lu: %s", i, strerror(errno));
			break;
		}
		nanosleep(&down, NULL);
		if (write_file(SAMPLE_DRIVER "/bind", SAMPLE_NAME)) {
			FAIL("bind %lu: %s", i, strerror(errno));
			break;
		}
		/* files opened but not yet counted: at most one per thread */
		n = listed_files();
		if (n > atomic_load(&files_held) + NR_THREADS)
			FAIL("after bind %lu: %d files listed, %d held", i, n,
			     atomic_load(&files_held));
	}
	done = i;
	atomic_store(&stop, true);
	for (i = 0; i < NR_THREADS; i++) {
		struct counts *c;

		pthread_join(t[i], (void **)&c);
		total.opens += c->opens;
		total.open_gone += c->open_gone;
		total.maps += c->maps;
		total.map_gone += c->map_gone;
		total.touches += c->touches;
		total.sigbus += c->sigbus;
		total.events += c->events;
		total.io_gone += c->io_gone;
		total.closes += c->closes;
		free(c);
	}
	n = listed_files();
	opened += driver_count(SAMPLE_OPENED);
	released += driver_count(SAMPLE_RELEASED);
	printf("%lu unbind/bind cycles in %lds, %d threads\n", done,
	       (long)(time(NULL) - start), NR_THREADS);
	printf("opens %lu (refused while gone %lu), closes %lu, maps %lu (refused %lu), touches %lu (SIGBUS %lu), events %lu, calls on a gone device %lu\n",
	       total.opens, total.open_gone, total.closes, total.maps,
	       total.map_gone, total.touches, total.sigbus, total.events,
	       total.io_gone);
	printf("open files the sample lists at the end: %d\n", n);
	printf("per-open data given %ld, released %ld\n", opened, released);
	if (done != cycles)
		FAIL("%lu of %lu cycles", done, cycles);
	if (n != 0)
		FAIL("%d files listed as open after every file was closed", n);
	if (total.opens != total.closes)
		FAIL("%lu opens, %lu closes", total.opens, total.closes);
	if (released != opened)
		FAIL("per-open data given %ld times, released %ld times",
		     opened, released);
	if (opened < (long)total.opens ||
	    opened > (long)(total.opens + total.open_gone))
		FAIL("per-open data given %ld times for %lu opens that worked of %lu",
		     opened, total.opens, total.opens + total.open_gone);
	if (!total.sigbus)
		FAIL("no touch of a mapping of a gone device got SIGBUS");
	if (atomic_load(&failures)) {
		printf("FAIL: %lu failures\n", atomic_load(&failures));
		return 1;
	}
	printf("PASS\n");
	return 0;
}
