// SPDX-License-Identifier: GPL-2.0
/* expect: iomem_req: access wider than the registers */
#include "common.h"

/* 8-bit registers: a 16-bit access is refused. */
DEFINE_IOMEM_REQ_SIZED(ct_regs8_io, CT_SIZE, 1);

static __used void ct_bad(struct ct_regs8_io *io)
{
	iomem_req_write16_relaxed(io, 0, 0x10);
}
