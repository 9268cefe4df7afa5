// SPDX-License-Identifier: GPL-2.0
/* expect: iomem_req: offset is not a constant expression */
#include "common.h"

static __used u32 ct_bad(struct ct_regs *r, size_t off)
{
	return iomem_req_read32(&r->io, off);
}
