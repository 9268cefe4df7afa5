#!/usr/bin/env python3
"""Check a KUnit kernel log for splats, case by case.

Usage: scripts/kunit-splats.py TEST.LOG EXPECTED SPLAT_RE [KNOWN]

TEST.LOG is the kernel's output as kunit.py keeps it (test.log in the build
directory).  A splat (a line matching SPLAT_RE, the pattern scripts/lib.sh
defines) belongs to the test case whose result line follows it, or to
"boot" before the first suite.  EXPECTED lists the splats a test provokes on
purpose, one per line: "SUITE.CASE ERE  # why"; every other splat is a
failure, and so is an expected one that did not happen in a case that ran
(the test no longer provokes what it says it does).  KNOWN (the e2e
runner's scripts/e2e.d/known-splats) lists reports of the base tree, one
ERE per line, which are not counted wherever they come.  Prints one line per
finding and "N passed, N failed" last; exits non-zero on a failure.
"""

import re
import sys

SUBTEST = re.compile(r'^ {4}# Subtest: (\S+)')
CASE = re.compile(r'^ {4}(?:not )?ok \d+ (\S+)')


def attribute(lines, splat_re, known=()):
    """Return ({case: [splat lines]}, [cases that ran])."""
    suite, pending, found, ran = None, [], {}, []
    for line in lines:
        line = line.rstrip('\n')
        m = SUBTEST.match(line)
        if m:
            suite = m.group(1)
            if pending:
                found.setdefault('boot', []).extend(pending)
                pending = []
            continue
        m = CASE.match(line)
        if m and suite:
            case = f'{suite}.{m.group(1)}'
            ran.append(case)
            if pending:
                found.setdefault(case, []).extend(pending)
                pending = []
            continue
        if splat_re.search(line) and not any(k.search(line) for k in known):
            pending.append(line.strip())
    if pending:
        found.setdefault(suite or 'boot', []).extend(pending)
    return found, ran


def read_known(path):
    with open(path, encoding='utf-8') as f:
        return [re.compile(p) for p in
                (line.split('#', 1)[0].strip() for line in f) if p]


def read_expected(path):
    expected = []
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.split('#', 1)[0].strip()
            if not line:
                continue
            case, _, pattern = line.partition(' ')
            if not pattern.strip():
                sys.exit(f'{path}:{n}: expected "SUITE.CASE ERE"')
            expected.append((case, re.compile(pattern.strip())))
    return expected


def main(argv):
    if len(argv) not in (4, 5) or argv[1] in ('-h', '--help'):
        print(__doc__.strip())
        return 0 if len(argv) == 2 else 2
    known = read_known(argv[4]) if len(argv) == 5 else []
    with open(argv[1], encoding='utf-8', errors='replace') as f:
        found, ran = attribute(f, re.compile(argv[3]), known)
    expected = read_expected(argv[2])
    passed = failed = 0

    for case, pattern in expected:
        if case not in ran:
            continue
        if any(pattern.search(s) for s in found.get(case, [])):
            passed += 1
            print(f'ok {case}: provokes the splat it expects')
        else:
            failed += 1
            print(f'not ok {case}: expected a splat matching /{pattern.pattern}/, none came')
    for case, splats in found.items():
        for s in splats:
            if any(c == case and p.search(s) for c, p in expected):
                continue
            failed += 1
            print(f'not ok {case}: unexpected splat: {s}')
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
