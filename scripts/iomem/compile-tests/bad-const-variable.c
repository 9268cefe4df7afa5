// SPDX-License-Identifier: GPL-2.0
/* expect: iomem_req: offset is not a constant expression */
#include "common.h"

/*
 * A const variable is not a constant expression in C, even when the
 * compiler could fold it: refused, whatever the optimisation level.
 */
static __used u32 ct_bad(struct ct_regs *r)
{
	const size_t off = 0x10;

	return iomem_req_read32(&r->io, off);
}
