// SPDX-License-Identifier: GPL-2.0
/* expect: iomem_req: invalid size or width of a sized mapping */
#include "common.h"

/* A register wider than the whole block. */
DEFINE_IOMEM_REQ_SIZED(ct_bad_io, 4, 8);

static __used int ct_bad(const struct iomem_req *req, struct ct_bad_io *io)
{
	return iomem_req_ioremap_sized(req, io);
}
