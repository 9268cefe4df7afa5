// SPDX-License-Identifier: GPL-2.0
/* expect: iomem_req: offset is not a constant expression */
#include "common.h"

/*
 * A driver's own wrapper that takes the offset as a parameter: the offset
 * is not a constant expression inside the wrapper, whatever its callers
 * pass and whether or not it is inlined. A macro wrapper works (good.c).
 */
static inline u32 ct_rd(struct ct_regs *r, size_t off)
{
	return iomem_req_read32(&r->io, off);
}

static __used u32 ct_bad(struct ct_regs *r)
{
	return ct_rd(r, 0x10);
}
