// SPDX-License-Identifier: GPL-2.0
/* expect: iomem_req: misaligned offset */
#include "common.h"

static __used void ct_bad(struct ct_regs *r)
{
	iomem_req_write64_relaxed(&r->io, 0, 0x0c);
}
