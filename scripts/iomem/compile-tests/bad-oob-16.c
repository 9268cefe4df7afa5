// SPDX-License-Identifier: GPL-2.0
/* expect: iomem_req: offset out of bounds */
#include "common.h"

static __used void ct_bad(struct ct_regs *r)
{
	iomem_req_write16(&r->io, 0, CT_SIZE);
}
