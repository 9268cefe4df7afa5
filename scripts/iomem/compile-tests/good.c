// SPDX-License-Identifier: GPL-2.0
/* expect: ok */
#include "common.h"

enum { CT_CTRL = 0x10 };

/* A driver's macro wrapper keeps the offset a constant expression. */
#define ct_rd(r, off)	iomem_req_read32(&(r)->io, off)

static __used u64 ct_good_read(struct ct_regs *r)
{
	return iomem_req_read8(&r->io, 0) + iomem_req_read8(&r->io, 0xff) +
	       iomem_req_read16(&r->io, 0xfe) +
	       iomem_req_read32(&r->io, 0xfc) +
	       iomem_req_read32(&r->io, CT_CTRL) +
	       iomem_req_read32(&r->io, CT_SIZE - 4) +
	       ct_rd(r, 0x20) +
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

/* Registers at most 32 bits wide, in a block of 8 bytes. */
DEFINE_IOMEM_REQ_SIZED(ct_small_io, 8, 4);

static_assert(iomem_req_sized_size((struct ct_small_io *)NULL) == 8);

static __used u32 ct_good_narrow(struct ct_small_io *io)
{
	iomem_req_write8(io, 1, 7);
	iomem_req_write16(io, 2, 6);
	return iomem_req_read32(io, 4);
}

/* Offsets only known at run time go through the checked accessors. */
static __used int ct_good_checked(struct ct_regs *r, size_t off, u32 *val)
{
	struct iomem_req_map *map = iomem_req_sized_map(&r->io);

	return iomem_req_read32_checked(map, off, val) ?:
	       iomem_req_write32_checked(map, *val, off);
}

/* And through the guarded ones where the device may be gone. */
static __used int ct_good_guarded(struct iomem_req_map *map, size_t off)
{
	u64 val;

	return iomem_req_read64_guarded(map, off, &val) ?:
	       iomem_req_write64_relaxed_guarded(map, val, off);
}

static __used int ct_good_map(const struct iomem_req *req, struct ct_regs *r,
			      struct ct_small_io *io)
{
	int ret;

	ret = devm_iomem_req_ioremap_exclusive_sized(req, &r->io);
	if (ret)
		return ret;
	ret = iomem_req_ioremap_sized(req, io);
	if (ret) {
		devm_iomem_req_iounmap_sized(&r->io);
		return ret;
	}
	iomem_req_iounmap_sized(io);
	return 0;
}
