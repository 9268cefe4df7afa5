// SPDX-License-Identifier: GPL-2.0
/* expect: ok */
#include "common.h"

static __used u64 ct_good_read(struct ct_regs *r)
{
	const size_t off = 0x10;	/* constant once inlined */

	return iomem_req_read8(&r->io, 0) + iomem_req_read8(&r->io, 0xff) +
	       iomem_req_read16(&r->io, 0xfe) +
	       iomem_req_read32(&r->io, 0xfc) +
	       iomem_req_read32(&r->io, off) +
	       iomem_req_read64(&r->io, 0xf8) +
	       iomem_req_read8_relaxed(&r->io, 1) +
	       iomem_req_read16_relaxed(&r->io, 2) +
	       iomem_req_read32_relaxed(&r->io, 4) +
	       iomem_req_read64_relaxed(&r->io, 8);
}

static __used void ct_good_write(struct ct_regs *r)
{
	iomem_req_write8(&r->io, 1, 0xff);
	iomem_req_write16(&r->io, 2, 0xfe);
	iomem_req_write32(&r->io, 3, 0xfc);
	iomem_req_write64(&r->io, 4, 0xf8);
	iomem_req_write8_relaxed(&r->io, 5, 0);
	iomem_req_write16_relaxed(&r->io, 6, 0);
	iomem_req_write32_relaxed(&r->io, 7, 0);
	iomem_req_write64_relaxed(&r->io, 8, 0);
}

/* Offsets only known at run time go through the try_ accessors. */
static __used int ct_good_try(struct ct_regs *r, size_t off, u32 *val)
{
	return iomem_req_try_read32(&r->io.map, off, val) ?:
	       iomem_req_try_write32(&r->io.map, *val, off);
}
