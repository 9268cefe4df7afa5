// SPDX-License-Identifier: GPL-2.0
/*
 * uring-cmd-stress: the uring_cmd sample device under load.
 *
 * Usage: uring-cmd-stress COMMANDS SECONDS KILLS
 *        uring-cmd-stress --victim
 *
 * Four threads, each on a ring of its own (two default rings, two
 * SINGLE_ISSUER|DEFER_TASKRUN ones), submit batches of commands of every
 * kind the sample has: URCS_SUM (completed inline), URCS_DELAY completed
 * from a hard-IRQ hrtimer, from a workqueue, and first with -EAGAIN (then
 * re-issued by io_uring from io-wq), some with IOSQE_ASYNC.  Now and then
 * a thread closes its ring with commands in flight, cancelable ones among
 * them (one second delays), and opens another.  Meanwhile KILLS victim
 * processes, each running two such threads with no end, are killed with
 * SIGKILL after a random time.
 *
 * Every command of a batch that is reaped gets exactly one CQE, with the
 * result its payload gives; a command in a ring closed on purpose or in a
 * killed process gets none, and is accounted for by the device's counters
 * instead: once nothing is pending, every delayed command issued was
 * completed or canceled, exactly once, no completion was refused, and
 * cancel was never called for a command already completed.
 * The survivors must submit at least COMMANDS commands within SECONDS.
 * Prints the counts, and "PASS" or "FAIL: ..." lines; exits 1 on failure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "uring_cmd_sample.h"
#include "urcs-stats.h"

#define DEV_PATH	"/dev/" URCS_DEVICE_NAME
#define NR_WORKERS	4
#define NR_VICTIM_WORKERS 2
#define BATCH		32
#define RING_ENTRIES	64

enum kind { K_SUM, K_TIMER, K_WORK, K_AGAIN, K_CANCEL, NR_KINDS };
static const char *const kind_names[NR_KINDS] = {
	"sum", "timer", "work", "again", "cancelable",
};

struct worker {
	pthread_t thread;
	unsigned int ring_flags;
	unsigned int seed;
	bool victim;
	unsigned long submitted[NR_KINDS];
	unsigned long reaped;
	unsigned long abandoned;	/* in rings closed on purpose */
	unsigned long closes;
	unsigned long failures;
};

static int dev_fd;
static atomic_ulong total_submitted;
static unsigned long target = ULONG_MAX;
static atomic_bool stop;
static time_t deadline;

#define FAIL(w, ...) do {						\
	fprintf(stderr, "FAIL: " __VA_ARGS__);				\
	fputc('\n', stderr);						\
	(w)->failures++;						\
} while (0)

static unsigned int rnd(struct worker *w, unsigned int n)
{
	return rand_r(&w->seed) % n;
}

static int sum_words(const __u32 *v, unsigned int n)
{
	__u32 sum = 0;

	while (n--)
		sum += v[n];
	return sum & INT_MAX;
}

static bool ring_open(struct worker *w, struct io_uring *ring)
{
	int ret = io_uring_queue_init(RING_ENTRIES, ring, w->ring_flags);

	if (ret) {
		FAIL(w, "io_uring_queue_init(%#x): %s", w->ring_flags,
		     strerror(-ret));
		return false;
	}
	return true;
}

/* Prepare one command of @kind; returns the result it must complete with. */
static int prep(struct worker *w, struct io_uring *ring, enum kind kind,
		__u64 user_data)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
	struct urcs_delay d = { 0 };
	struct urcs_sum s;
	unsigned int i;

	io_uring_prep_rw(IORING_OP_URING_CMD, sqe, dev_fd, NULL, 0, 0);
	sqe->user_data = user_data;
	if (rnd(w, 4) == 0)
		sqe->flags |= IOSQE_ASYNC;
	w->submitted[kind]++;
	if (kind == K_SUM) {
		for (i = 0; i < 4; i++)
			s.v[i] = rand_r(&w->seed);
		sqe->cmd_op = URCS_SUM;
		memcpy(sqe->cmd, &s, sizeof(s));
		return sum_words(s.v, 4);
	}
	d.cookie = (__u64)rand_r(&w->seed) << 32 | rand_r(&w->seed);
	switch (kind) {
	case K_TIMER:
		d.delay_us = rnd(w, 50);
		break;
	case K_WORK:
		d.delay_us = rnd(w, 50);
		d.flags = URCS_DELAY_WORK;
		break;
	case K_AGAIN:
		d.delay_us = rnd(w, 50);
		d.flags = URCS_DELAY_AGAIN | (rnd(w, 2) ? URCS_DELAY_WORK : 0);
		break;
	default:
		d.delay_us = URCS_DELAY_MAX_US;
		d.flags = rnd(w, 2) ? URCS_DELAY_WORK : 0;
		break;
	}
	sqe->cmd_op = URCS_DELAY;
	memcpy(sqe->cmd, &d, sizeof(d));
	return d.cookie & INT_MAX;
}

static bool should_stop(struct worker *w)
{
	if (atomic_load(&stop))
		return true;
	if (w->victim)
		return false;
	if (atomic_load(&total_submitted) >= target)
		return true;
	if (time(NULL) > deadline) {
		FAIL(w, "%lu commands submitted in all when the time was up",
		     atomic_load(&total_submitted));
		atomic_store(&stop, true);
		return true;
	}
	return false;
}

static void *worker_run(void *arg)
{
	struct worker *w = arg;
	struct io_uring ring;
	int expect[BATCH];
	bool seen[BATCH];
	__u64 gen = 0;

	if (!ring_open(w, &ring))
		return NULL;
	while (!should_stop(w)) {
		/* one batch in 32: closed with commands in flight */
		bool close_now = rnd(w, 32) == 0;
		unsigned int i, n = 0;
		int ret;

		gen++;
		for (i = 0; i < BATCH; i++) {
			enum kind k = rnd(w, K_CANCEL);

			if (close_now && rnd(w, 4) == 0)
				k = K_CANCEL;
			expect[i] = prep(w, &ring, k, gen << 32 | i);
			seen[i] = false;
		}
		ret = io_uring_submit(&ring);
		if (ret != BATCH) {
			FAIL(w, "io_uring_submit: %d of %d", ret, BATCH);
			break;
		}
		if (!w->victim)
			atomic_fetch_add(&total_submitted, BATCH);
		if (close_now) {
			/* reap what is there already, leave the rest */
			struct io_uring_cqe *cqe;

			usleep(rnd(w, 200));
			while (io_uring_peek_cqe(&ring, &cqe) == 0) {
				n++;
				io_uring_cqe_seen(&ring, cqe);
			}
			w->reaped += n;
			w->abandoned += BATCH - n;
			w->closes++;
			io_uring_queue_exit(&ring);
			if (!ring_open(w, &ring))
				return NULL;
			continue;
		}
		for (n = 0; n < BATCH; n++) {
			struct __kernel_timespec ts = { 10, 0 };
			struct io_uring_cqe *cqe;
			__u64 ud;
			int res;

			ret = io_uring_wait_cqe_timeout(&ring, &cqe, &ts);
			if (ret) {
				FAIL(w, "ring %#x: %u of %d completions, then %s",
				     w->ring_flags, n, BATCH, strerror(-ret));
				goto out;
			}
			ud = cqe->user_data;
			res = cqe->res;
			io_uring_cqe_seen(&ring, cqe);
			i = ud & 0xffffffff;
			if (ud >> 32 != gen || i >= BATCH || seen[i]) {
				FAIL(w, "ring %#x: unexpected cqe %#llx (batch %llu)%s",
				     w->ring_flags, (unsigned long long)ud,
				     (unsigned long long)gen,
				     i < BATCH && ud >> 32 == gen ? ", twice" : "");
				continue;
			}
			seen[i] = true;
			if (res != expect[i])
				FAIL(w, "ring %#x: command %u completed with %d, expected %d",
				     w->ring_flags, i, res, expect[i]);
			w->reaped++;
		}
	}
out:
	io_uring_queue_exit(&ring);
	return NULL;
}

static unsigned long run_workers(struct worker *w, unsigned int nr, bool victim)
{
	unsigned long failures = 0;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		w[i].ring_flags = i % 2 ? IORING_SETUP_SINGLE_ISSUER |
					  IORING_SETUP_DEFER_TASKRUN : 0;
		w[i].seed = getpid() * 31 + i;
		w[i].victim = victim;
		if (pthread_create(&w[i].thread, NULL, worker_run, &w[i])) {
			perror("pthread_create");
			exit(1);
		}
	}
	for (i = 0; i < nr; i++) {
		pthread_join(w[i].thread, NULL);
		failures += w[i].failures;
	}
	return failures;
}

struct killer {
	pthread_t thread;
	unsigned int kills;
	unsigned int killed;
	unsigned long failures;
};

/* Start victims and kill each with SIGKILL after 20 to 300 ms. */
static void *killer_run(void *arg)
{
	struct killer *k = arg;
	unsigned int seed = getpid();
	unsigned int i;

	for (i = 0; i < k->kills && !atomic_load(&stop); i++) {
		struct timespec t = { 0, (20 + rand_r(&seed) % 280) * 1000000L };
		int status;
		pid_t pid = fork();

		if (pid < 0) {
			perror("fork");
			k->failures++;
			break;
		}
		if (pid == 0) {
			execl("/proc/self/exe", "uring-cmd-stress", "--victim",
			      (char *)NULL);
			_exit(127);
		}
		nanosleep(&t, NULL);
		kill(pid, SIGKILL);
		if (waitpid(pid, &status, 0) != pid) {
			perror("waitpid");
			k->failures++;
			continue;
		}
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
			k->killed++;
		} else {
			fprintf(stderr, "FAIL: victim %d ended on its own (status %#x) before SIGKILL\n",
				pid, status);
			k->failures++;
		}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	struct worker w[NR_WORKERS] = { 0 };
	struct urcs_stats before, after;
	struct killer k = { 0 };
	unsigned long failures, sum[NR_KINDS] = { 0 }, all = 0;
	unsigned long reaped = 0, abandoned = 0, closes = 0;
	unsigned int i, j;
	time_t start;

	dev_fd = open(DEV_PATH, O_RDWR);
	if (dev_fd < 0) {
		perror(DEV_PATH);
		return 77;
	}
	if (argc == 2 && !strcmp(argv[1], "--victim")) {
		struct worker v[NR_VICTIM_WORKERS] = { 0 };

		/* until killed; a failed check ends the victim early */
		run_workers(v, NR_VICTIM_WORKERS, true);
		return 1;
	}
	if (argc != 4) {
		fprintf(stderr, "usage: %s COMMANDS SECONDS KILLS | --victim\n",
			argv[0]);
		return 2;
	}
	target = strtoul(argv[1], NULL, 0);
	start = time(NULL);
	deadline = start + strtoul(argv[2], NULL, 0);
	k.kills = strtoul(argv[3], NULL, 0);

	get_stats(dev_fd, &before);
	if (pthread_create(&k.thread, NULL, killer_run, &k)) {
		perror("pthread_create");
		return 1;
	}
	failures = run_workers(w, NR_WORKERS, false);
	pthread_join(k.thread, NULL);
	failures += k.failures;

	for (i = 0; i < NR_WORKERS; i++) {
		for (j = 0; j < NR_KINDS; j++)
			sum[j] += w[i].submitted[j];
		reaped += w[i].reaped;
		abandoned += w[i].abandoned;
		closes += w[i].closes;
	}
	for (j = 0; j < NR_KINDS; j++)
		all += sum[j];
	printf("submitted %lu commands in %lds from %d threads:", all,
	       (long)(time(NULL) - start), NR_WORKERS);
	for (j = 0; j < NR_KINDS; j++)
		printf(" %s %lu", kind_names[j], sum[j]);
	printf("\nreaped %lu (one CQE each, results checked), left in %lu closed rings %lu\n",
	       reaped, closes, abandoned);
	printf("victims killed with SIGKILL: %u of %u\n", k.killed, k.kills);
	if (reaped + abandoned != all) {
		fprintf(stderr, "FAIL: %lu reaped and %lu left of %lu submitted\n",
			reaped, abandoned, all);
		failures++;
	}
	if (all < target) {
		fprintf(stderr, "FAIL: %lu commands, fewer than %lu\n", all, target);
		failures++;
	}
	if (k.killed != k.kills) {
		fprintf(stderr, "FAIL: %u victims killed, of %u\n", k.killed, k.kills);
		failures++;
	}

	/* Closed rings and killed tasks are torn down in the background. */
	for (i = 0; i < 3000; i++) {
		get_stats(dev_fd, &after);
		if (!after.pending)
			break;
		usleep(10000);
	}
	printf("device: issued %llu, completed %llu, canceled %llu, cancel races %llu, cancel misses %llu, refused completions %llu, pending %llu\n",
	       (unsigned long long)(after.issued - before.issued),
	       (unsigned long long)(after.completed - before.completed),
	       (unsigned long long)(after.canceled - before.canceled),
	       (unsigned long long)(after.cancel_races - before.cancel_races),
	       (unsigned long long)(after.cancel_misses - before.cancel_misses),
	       (unsigned long long)(after.lost_races - before.lost_races),
	       (unsigned long long)after.pending);
	if (after.pending) {
		fprintf(stderr, "FAIL: %llu delayed commands still pending after 30 s\n",
			(unsigned long long)after.pending);
		failures++;
	}
	if (after.issued - before.issued !=
	    (after.completed - before.completed) +
	    (after.canceled - before.canceled)) {
		fprintf(stderr, "FAIL: issued is not completed + canceled\n");
		failures++;
	}
	/*
	 * io_uring's exit loop may choose a command to cancel just before
	 * its timer (a hard interrupt, even on this single-CPU guest) or
	 * its work takes it: the sample counts that one call for the
	 * command as a cancel race.  A cancel miss is any other call for a
	 * command the sample had completed: io_uring calling cancel for a
	 * command whose completion it was already given, again on every
	 * pass of its loop (the review's B1).
	 */
	if (after.cancel_misses != before.cancel_misses) {
		fprintf(stderr, "FAIL: cancel called %llu times for commands already completed\n",
			(unsigned long long)(after.cancel_misses - before.cancel_misses));
		failures++;
	}
	if (after.lost_races != before.lost_races) {
		fprintf(stderr, "FAIL: io_uring_cmd_done_async() refused %llu completions\n",
			(unsigned long long)(after.lost_races - before.lost_races));
		failures++;
	}
	if (failures) {
		printf("FAIL: %lu failures\n", failures);
		return 1;
	}
	printf("PASS\n");
	return 0;
}
