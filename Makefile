# The single entry point.  Every target runs one script in scripts/; each
# script answers --help.
#
#   make              prepare the base, apply the series, build the UML
#                     kernel with every KUnit suite and run them all
#   make test         everything CI checks (.ci/run runs this)
#   make lint         the fast checks to run before every commit
#   make stress       the stress tests on the debug kernel (LONG=1: the
#                     long run; the short one is a stage of make test)
#
# Variables: SUITE=name (kunit/<name>.kunitconfig), FILTER=glob,
# KUNIT_ARCH=um|x86_64|i386, KSRC=/path/to/linux (your own tree),
# BASE=mainline|stable-6.12 (the base and its queue; default mainline),
# TOPIC=iomem|uio|uring_cmd|dm (one mainline topic alone).

SUITE ?= all
FILTER ?=
KUNIT_ARCH ?= um
ifdef BASE
export KSERIES_BASE := $(BASE)
endif
ifdef TOPIC
export KSERIES_TOPIC := $(TOPIC)
endif

.PHONY: all kunit kunit-x86_64 kcsan test lint kdoc warnings bisect debug base apply export canonical \
	e2e build-checks bench stress selftest range-diff reroll help

all: kunit

kunit:
	scripts/kunit --suite $(SUITE) --arch $(KUNIT_ARCH) $(if $(FILTER),--filter '$(FILTER)')

# Every suite under QEMU on x86_64 (KVM when /dev/kvm is usable); not part
# of make test, see docs/testing.md for its time.
kunit-x86_64:
	scripts/kunit --suite $(SUITE) --arch x86_64 $(if $(FILTER),--filter '$(FILTER)')

# Every suite on an x86_64 guest with two CPUs, KCSAN and lockdep; not
# part of make test either.
kcsan:
	scripts/kunit --suite $(SUITE) --arch x86_64 --kcsan $(if $(FILTER),--filter '$(FILTER)')

test:
	scripts/test

lint:
	scripts/lint

kdoc:
	scripts/kdoc

warnings:
	scripts/warnings

bisect:
	scripts/bisect

debug:
	scripts/debug

base:
	scripts/base

apply:
	scripts/apply

export:
	scripts/export

canonical:
	scripts/check-canonical

e2e:
	scripts/e2e

build-checks:
	scripts/build-checks

bench:
	scripts/bench

stress:
	scripts/stress $(if $(LONG),--long)

selftest:
	scripts/selftest

range-diff:
	scripts/range-diff $(TOPIC)

# After sending a version of TOPIC (or BASE=stable-6.12): start the next.
reroll:
	scripts/reroll

help:
	@sed -n 's/^# \{0,1\}//p' Makefile | sed '/^$$/q'
