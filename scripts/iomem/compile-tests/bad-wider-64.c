// SPDX-License-Identifier: GPL-2.0
/* expect: iomem_req: access wider than the registers */
#include "common.h"

/* Registers at most 32 bits wide: a 64-bit access is refused. */
DEFINE_IOMEM_REQ_SIZED(ct_regs32_io, CT_SIZE, 4);

static __used u64 ct_bad(struct ct_regs32_io *io)
{
	return iomem_req_read64(io, 0x10);
}
