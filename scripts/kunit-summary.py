#!/usr/bin/env python3
"""Summarise a kunit.py --json result file against the suites expected to run.

Usage: scripts/kunit-summary.py [--rc N] RESULTS.json [SUITE...]

Prints one line per suite and, last, "N passed, N failed, N skipped".
Exits 1 when any case failed or crashed, when an expected suite did not run
(a suite that is missing is a failure, never a pass), or when the results
file is missing or unreadable (the kernel did not build or boot).
--rc gives kunit.py's exit status: a failure kunit.py saw that the results
do not show (a config it could not apply, say) counts as one failed test.
"""

import json
import sys


def leaves(group):
    """Yield (name, status) of every test case below a JSON group."""
    for case in group.get('test_cases', []):
        yield case['name'], case['status']
    for sub in group.get('sub_groups', []):
        for name, status in leaves(sub):
            yield f"{sub['name']}.{name}", status


def summarise(results, expected):
    """Return (lines, passed, failed, skipped)."""
    passed = failed = skipped = 0
    lines = []
    seen = set()

    for suite in results.get('sub_groups', []):
        seen.add(suite['name'])
        counts = {'PASS': 0, 'FAIL': 0, 'SKIP': 0}
        for name, status in leaves(suite):
            key = status if status in ('PASS', 'SKIP') else 'FAIL'
            counts[key] += 1
            if key == 'FAIL':
                lines.append(f"  {status}: {suite['name']}.{name}")
        if not any(counts.values()):
            counts['FAIL'] = 1
            lines.append(f"  FAIL: {suite['name']} ran no test case")
        passed += counts['PASS']
        failed += counts['FAIL']
        skipped += counts['SKIP']
        lines.append(f"suite {suite['name']}: {counts['PASS']} passed, "
                     f"{counts['FAIL']} failed, {counts['SKIP']} skipped")

    for name in expected:
        if name not in seen:
            failed += 1
            lines.append(f"suite {name}: expected but did not run (FAIL)")
    return lines, passed, failed, skipped


def main(argv):
    if len(argv) < 2 or argv[1] in ('-h', '--help'):
        print(__doc__.strip())
        return 0 if len(argv) == 2 else 2
    rc = 0
    if argv[1] == '--rc':
        rc = int(argv[2])
        argv = argv[:1] + argv[3:]
    try:
        with open(argv[1], encoding='utf-8') as f:
            results = json.load(f)
    except (OSError, ValueError) as err:
        print(f'no usable KUnit results ({err})')
        print(f'0 passed, {max(1, len(argv) - 2)} failed, 0 skipped')
        return 1

    lines, passed, failed, skipped = summarise(results, argv[2:])
    if rc and not failed:
        failed = 1
        lines.append(f'kunit.py exited with status {rc} (FAIL)')
    print('\n'.join(lines))
    print(f'{passed} passed, {failed} failed, {skipped} skipped')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
