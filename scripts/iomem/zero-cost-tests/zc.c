// SPDX-License-Identifier: GPL-2.0
/*
 * Pairs of functions for the zero-cost comparison: checked_<name> uses an
 * iomem_req sized accessor, raw_<name> the plain accessor on a pointer at
 * the same place in its structure. ref_<name>_checked, the run-time
 * checked accessor, is reported for reference.
 */
#include <linux/iomem_req.h>

DEFINE_IOMEM_REQ_SIZED(ct_regs_io, 0x100, 8);

struct ct_regs {
	struct ct_regs_io io;
};

struct raw_regs {
	void __iomem *base;
};

#define ZC_READ(name, bits, off)					\
static __used u##bits checked_##name(struct ct_regs *r)		\
{									\
	return iomem_req_##name(&r->io, off);				\
}									\
static __used u##bits raw_##name(struct raw_regs *r)			\
{									\
	return __raw_##name(r->base + (off));				\
}

#define ZC_WRITE(name, bits, off)					\
static __used void checked_##name(struct ct_regs *r, u##bits v)	\
{									\
	iomem_req_##name(&r->io, v, off);				\
}									\
static __used void raw_##name(struct raw_regs *r, u##bits v)		\
{									\
	__raw_##name(v, r->base + (off));				\
}

/* Map the iomem_req accessor names onto the plain ones. */
#define __raw_read8		readb
#define __raw_read16		readw
#define __raw_read32		readl
#define __raw_read64		readq
#define __raw_read8_relaxed	readb_relaxed
#define __raw_read16_relaxed	readw_relaxed
#define __raw_read32_relaxed	readl_relaxed
#define __raw_read64_relaxed	readq_relaxed
#define __raw_write8		writeb
#define __raw_write16		writew
#define __raw_write32		writel
#define __raw_write64		writeq
#define __raw_write8_relaxed	writeb_relaxed
#define __raw_write16_relaxed	writew_relaxed
#define __raw_write32_relaxed	writel_relaxed
#define __raw_write64_relaxed	writeq_relaxed

ZC_READ(read8, 8, 0xff)
ZC_READ(read16, 16, 0x7e)
ZC_READ(read32, 32, 0x10)
ZC_READ(read64, 64, 0xf8)
ZC_READ(read8_relaxed, 8, 0x01)
ZC_READ(read16_relaxed, 16, 0x02)
ZC_READ(read32_relaxed, 32, 0xfc)
ZC_READ(read64_relaxed, 64, 0x08)
ZC_WRITE(write8, 8, 0x03)
ZC_WRITE(write16, 16, 0x04)
ZC_WRITE(write32, 32, 0x14)
ZC_WRITE(write64, 64, 0x18)
ZC_WRITE(write8_relaxed, 8, 0xfe)
ZC_WRITE(write16_relaxed, 16, 0xfc)
ZC_WRITE(write32_relaxed, 32, 0xf8)
ZC_WRITE(write64_relaxed, 64, 0xf0)

/* A read-modify-write sequence, as drivers do. */
static __used void checked_rmw(struct ct_regs *r, u32 set)
{
	u32 v = iomem_req_read32(&r->io, 0x20);

	iomem_req_write32(&r->io, v | set, 0x20);
	iomem_req_write32_relaxed(&r->io, 0, 0x24);
}

static __used void raw_rmw(struct raw_regs *r, u32 set)
{
	u32 v = readl(r->base + 0x20);

	writel(v | set, r->base + 0x20);
	writel_relaxed(0, r->base + 0x24);
}

/* A mapping inside a driver's structure, after other members. */
struct ct_priv {
	u32 flags;
	struct ct_regs_io io;
};

struct raw_priv {
	u32 flags;
	void __iomem *base;
};

static __used void checked_embedded(struct ct_priv *p)
{
	iomem_req_write32(&p->io, p->flags, 0x40);
}

static __used void raw_embedded(struct raw_priv *p)
{
	writel(p->flags, p->base + 0x40);
}

/* For reference only: the run-time checked accessor. */
static __used u32 ref_read32_checked(struct ct_regs *r, size_t off)
{
	u32 v = 0;

	iomem_req_read32_checked(iomem_req_sized_map(&r->io), off, &v);
	return v;
}
