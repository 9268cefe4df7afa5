/* SPDX-License-Identifier: GPL-2.0 */
/* Shared declarations of the iomem_req compile tests. */
#include <linux/iomem_req.h>

#define CT_SIZE	0x100

/* 0x100 bytes of registers up to 64 bits wide. */
DEFINE_IOMEM_REQ_SIZED(ct_regs_io, CT_SIZE, 8);

struct ct_regs {
	struct ct_regs_io io;
};
