// SPDX-License-Identifier: GPL-2.0
/* expect: iomem_req: invalid size or width of a sized mapping */
#include "common.h"

/* The width is not a power of two. */
DEFINE_IOMEM_REQ_SIZED(ct_bad_io, CT_SIZE, 3);

static __used u8 ct_bad(struct ct_bad_io *io)
{
	return iomem_req_read8(io, 0);
}
