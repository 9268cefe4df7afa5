// SPDX-License-Identifier: GPL-2.0
/* expect: iomem_req: offset out of bounds */
#include "common.h"

static __used u8 ct_bad(struct ct_regs *r)
{
	return iomem_req_read8(&r->io, CT_SIZE);
}
