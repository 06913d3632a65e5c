#!/usr/bin/env python3
"""Check the fact sheets against their wire stories.

For each facts/NN.md, print the longest run of consecutive words it shares
with texts/NN_pa.txt outside double quotation marks (the narration, headline
included), how many distinct runs of four and of three words they share
there, and whether every quotation of the wire is in the notes and every
quotation of the notes is word for word in the wire.

    python3 testdata/court/facts/check.py [MAX]

Exits 1 if a run is longer than MAX words (default 4) or a quote differs.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TEXTS = os.path.join(HERE, "..", "texts")
QUOTE = re.compile(r'"[^"]*"')
WORD = re.compile(r"[a-z0-9£]+(?:['’][a-z]+)?")


def norm(s):
    return " ".join(WORD.findall(s.lower()))


def split(text):
    """Return (narration segments as word lists, quotations normalised)."""
    quotes = [norm(q) for q in QUOTE.findall(text)]
    segs = [WORD.findall(s.lower()) for s in QUOTE.split(text)]
    return [s for s in segs if s], quotes


def wire_text(path):
    # Hard-wrapped paragraphs: join the lines of a paragraph; a paragraph
    # is its own segment so no run crosses two of them.
    paras = re.split(r"\n\s*\n", open(path, encoding="utf-8").read())
    return [" ".join(l.strip() for l in p.splitlines()) for p in paras]


def longest(notes, wire):
    grams = {}
    for seg in wire:
        for i in range(len(seg)):
            for j in range(i + 1, len(seg) + 1):
                grams.setdefault(j - i, set()).add(tuple(seg[i:j]))
    best = ()
    for seg in notes:
        for i in range(len(seg)):
            n = len(best) + 1
            while i + n <= len(seg) and tuple(seg[i:i + n]) in grams.get(n, ()):
                best = tuple(seg[i:i + n])
                n += 1
    return best


def shared(notes, wire, n):
    """Distinct runs of n words found in both."""
    def grams(segs):
        return {tuple(g[i:i + n]) for g in segs for i in range(len(g) - n + 1)}
    return len(grams(notes) & grams(wire))


def main():
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    bad = 0
    for nn in range(1, 27):
        name = "%02d" % nn
        notes_path = os.path.join(HERE, name + ".md")
        if not os.path.exists(notes_path):
            print(name, "missing")
            bad = 1
            continue
        wsegs, wquotes = [], []
        for p in wire_text(os.path.join(TEXTS, name + "_pa.txt")):
            s, q = split(p)
            wsegs += s
            wquotes += q
        nsegs, nquotes = split(open(notes_path, encoding="utf-8").read())
        run = longest(nsegs, wsegs)
        wholequote = " ".join(wquotes)
        notin = [q for q in nquotes if q not in wholequote]
        missing = [q for q in wquotes if q not in nquotes]
        print("%s  longest shared run %d: %s  (shared runs of 4 words %d, of 3 %d)"
              "  quotes %d/%d of the wire's, %d not in the wire"
              % (name, len(run), " ".join(run), shared(nsegs, wsegs, 4),
                 shared(nsegs, wsegs, 3), len(wquotes) - len(missing),
                 len(wquotes), len(notin)))
        for q in notin:
            print("   not in the wire:", q)
        for q in missing:
            print("   wire's quote missing:", q)
        if len(run) > limit or notin or missing:
            bad = 1
    sys.exit(bad)


if __name__ == "__main__":
    main()
