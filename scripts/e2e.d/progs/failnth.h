/* SPDX-License-Identifier: GPL-2.0 */
/*
 * failnth.h: fail the Nth allocation of a system call, through the
 * calling thread's /proc/thread-self/fail-nth (failslab and
 * fail_page_alloc count the allocations they consider; the guest's
 * scripts/e2e.d/failnth.sh makes them consider every one).
 *
 *	fd = failnth_open();
 *	failnth_arm(fd, n);		the thread's Nth allocation fails
 *	...system calls...
 *	left = failnth_disarm(fd);	0: the Nth allocation was reached
 */
#ifndef E2E_FAILNTH_H
#define E2E_FAILNTH_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* The fail-nth file of the calling thread, or -1 with errno set. */
static inline int failnth_open(void)
{
	return open("/proc/thread-self/fail-nth", O_RDWR);
}

/* Make the thread's @n-th allocation from now on fail (0: none). */
static inline int failnth_arm(int fd, unsigned int n)
{
	char s[16];
	int len = snprintf(s, sizeof(s), "%u", n);

	return pwrite(fd, s, len, 0) == len ? 0 : -1;
}

/*
 * Stop injecting; return how many allocations were still to go before the
 * failure (0 when the armed allocation was reached and failed), or -1.
 */
static inline int failnth_disarm(int fd)
{
	char left[16];
	ssize_t len = pread(fd, left, sizeof(left) - 1, 0);

	if (failnth_arm(fd, 0) || len <= 0)
		return -1;
	left[len] = '\0';
	return atoi(left);
}

#endif
