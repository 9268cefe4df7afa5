// SPDX-License-Identifier: GPL-2.0
/* expect: iomem_req: invalid size or width of a sized mapping */
#include "common.h"

DEFINE_IOMEM_REQ_SIZED(ct_empty_io, 0, 1);

static __used int ct_bad(const struct iomem_req *req, struct ct_empty_io *io)
{
	return devm_iomem_req_ioremap_sized(req, io);
}
