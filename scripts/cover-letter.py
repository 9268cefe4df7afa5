#!/usr/bin/env python3
"""Carry the hand-written part of the cover letter into a regenerated one.

Usage: scripts/cover-letter.py OLD NEW [RANGEDIFF]
       scripts/cover-letter.py --text COVER

git format-patch --cover-letter writes NEW with the placeholders
"*** SUBJECT HERE ***" and "*** BLURB HERE ***" above a generated shortlog,
diffstat and base-commit.  The subject and the text of OLD (the cover letter
currently in patches/) replace the placeholders, so that the text is written
once, by hand, and everything derived from the commits is regenerated.
When OLD does not exist the placeholders stay, and `make lint` reports them.
The text of RANGEDIFF, when given and not empty (the range-diff against the
previous version), goes above the base-commit line, as git format-patch
--range-diff puts it.  With --text, print the subject (without its
[PATCH ...] tag), a blank line and the text of COVER: a b4 prep cover.
"""

import re
import sys

SUBJECT = '*** SUBJECT HERE ***'
BLURB = '*** BLURB HERE ***'
SHORTLOG = re.compile(r'^\S.* \(\d+\):$')


def split_cover(text):
    """Return (subject, blurb lines) of a cover letter."""
    lines = text.split('\n')
    end = lines.index('')
    header, body = lines[:end], lines[end + 1:]

    subject = []
    for i, line in enumerate(header):
        if line.startswith('Subject: '):
            subject.append(line[len('Subject: '):])
            subject += [h.strip() for h in header[i + 1:] if h[:1] in (' ', '\t')]
            break
    subject = re.sub(r'^\[[^]]*\]\s*', '', ' '.join(subject))

    blurb = []
    for line in body:
        if SHORTLOG.match(line):
            break
        blurb.append(line)
    while blurb and not blurb[-1].strip():
        blurb.pop()
    while blurb and not blurb[0].strip():
        blurb.pop(0)
    return subject, blurb


def main(argv):
    if len(argv) not in (3, 4) or argv[1] in ('-h', '--help'):
        print(__doc__.strip())
        return 0 if len(argv) == 2 else 2
    if argv[1] == '--text':
        with open(argv[2], encoding='utf-8') as f:
            subject, blurb = split_cover(f.read())
        print('\n'.join([subject, ''] + blurb))
        return 0
    old, new = argv[1], argv[2]
    rangediff = ''
    if len(argv) == 4:
        with open(argv[3], encoding='utf-8') as f:
            rangediff = f.read()
    try:
        with open(old, encoding='utf-8') as f:
            subject, blurb = split_cover(f.read())
    except FileNotFoundError:
        return 0

    with open(new, encoding='utf-8') as f:
        text = f.read()
    if SUBJECT not in text or BLURB not in text:
        sys.exit(f'{new}: not a fresh git format-patch cover letter')
    text = text.replace(SUBJECT, subject, 1)
    text = text.replace(BLURB, '\n'.join(blurb), 1)
    if rangediff.strip():
        if '\nbase-commit: ' not in text:
            sys.exit(f'{new}: no base-commit line to put the range-diff above')
        text = text.replace('\nbase-commit: ',
                            '\n' + rangediff.rstrip('\n') + '\n\nbase-commit: ', 1)
    with open(new, 'w', encoding='utf-8') as f:
        f.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
