/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fail.h: how the single-threaded sample programs report a failed check
 * and go on: FAIL(fmt, ...) prints "FAIL: <message>" on stderr and counts
 * it in @failures, which main() turns into its exit status.
 */
#ifndef E2E_FAIL_H
#define E2E_FAIL_H

#include <stdio.h>

static int failures;

#define FAIL(...) do {							\
	fprintf(stderr, "FAIL: " __VA_ARGS__);				\
	fputc('\n', stderr);						\
	failures++;							\
} while (0)

#endif
