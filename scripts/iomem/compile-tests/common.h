/* SPDX-License-Identifier: GPL-2.0 */
/* Shared declarations of the iomem_req compile tests. */
#include <linux/iomem_req.h>

#define CT_SIZE	0x100

struct ct_regs {
	IOMEM_REQ_SIZED(CT_SIZE) io;
};
