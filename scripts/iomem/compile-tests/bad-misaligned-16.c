// SPDX-License-Identifier: GPL-2.0
/* expect: iomem_req: misaligned offset */
#include "common.h"

static __used u16 ct_bad(struct ct_regs *r)
{
	return iomem_req_read16(&r->io, 1);
}
