// SPDX-License-Identifier: GPL-2.0
/* expect: negative width in bit-field|static assertion failed */
#include "common.h"

static __used int ct_bad(const struct iomem_req *req)
{
	IOMEM_REQ_SIZED(0) io;

	return devm_iomem_req_iomap_sized(req, &io);
}
