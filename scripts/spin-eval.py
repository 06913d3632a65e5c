#!/usr/bin/env python3
"""Spin real articles with WordNet synonyms and count how many copies dedupe puts with their source.

Issue 13 measures, on a held-out corpus, how many spun copies of wire stories end in their
source's cluster, with 30% and 60% of the words swapped for WordNet synonyms, sentences
reordered and cut. This does the same on the articles cut from the chronam-1916 pages:

    sudo apt-get install wordnet-base      # /usr/share/wordnet: the WordNet 3.0 database
    go run ./tools/chronamsplit ../shared/datasets/chronam-1916 /tmp/chronam-articles
    make build
    python3 scripts/spin-eval.py --articles /tmp/chronam-articles --dedupe bin/dedupe \
        --out /tmp/spin --rate 0.3 --seed 1

It draws --sources articles of 150 to 800 words (random.Random(--draw-seed), paths sorted), and
writes a spun copy of each to OUT/spun-RATE/: 10-20% of the sentences cut (never the first),
one to three pairs of neighbouring sentences swapped, and RATE times the number of words
replaced by a synonym from the word's first WordNet synset that has another (words of three
letters or more that are not stop words or names; an inflected word is replaced by a synonym
of its stem with the same ending, as spinners do: "efforts" -> "sweats"). Lines are joined
into paragraphs, as a spinner's output has no hard wraps.

Then it scans the articles alone (OUT/alone.json) and with the spun copies
(OUT/spun-RATE.json) and prints how many copies are verified against their source, and how
many are in their source's cluster, by the source's place in the scan of the articles alone:
in no cluster, a cluster's representative, or another member.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
from collections import Counter

WORDNET = "/usr/share/wordnet/"
STOP = set("""a an the and or but if of to in on at by for with from as is are was were be been
being it its this that these those he she they we you i his her their our your him them us me my
not no so than then there here who whom which what when where why how all any each some such only
own same too very can will just should would could may might must shall do does did has have had
said says say""".split())


def synonyms():
    """Returns, for each WordNet lemma, the other lemmas of its first synset that has any."""
    syn = {}
    for pos in ("noun", "verb", "adj", "adv"):
        data = {}
        with open(WORDNET + "data." + pos, encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split()
                n = int(fields[3], 16)
                data[fields[0]] = [fields[4 + 2 * i].lower() for i in range(n)]
        with open(WORDNET + "index." + pos, encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split()
                lemma = fields[0]
                if lemma in syn:
                    continue
                for offset in fields[-int(fields[2]):][:2]:
                    others = [w.split("(")[0].replace("_", " ") for w in data.get(offset, [])
                              if w.split("(")[0] != lemma]
                    if others:
                        syn[lemma] = others
                        break
    return syn


def stem(word, syn):
    """Returns the WordNet lemma of word and the ending to put back, or (None, None)."""
    if word in syn:
        return word, ""
    for suffix in ("ies", "es", "s", "ed", "ing", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            for cand in (base, base + "e", base + "y" if suffix == "ies" else None):
                if cand and cand in syn:
                    return cand, "s" if suffix == "ies" else suffix
    return None, None


def spin(text, rate, rng, syn):
    paras = []
    for p in re.split(r"\n\s*\n", text):
        if p.strip():
            p = re.sub(r"-\n(?=[a-z])", "", p)
            p = re.sub(r"\s*\n\s*", " ", p)
            paras.append(re.split(r'(?<=[a-z]{3}[.!?])\s+(?=[A-Z"])', p))
    flat = [(pi, s) for pi, p in enumerate(paras) for s in p]
    cut = int(round(len(flat) * rng.uniform(0.10, 0.20)))
    drop = set(rng.sample(range(1, len(flat)), min(cut, len(flat) - 1))) if len(flat) > 1 else set()
    flat = [x for i, x in enumerate(flat) if i not in drop]
    for _ in range(rng.randint(1, 3)):
        if len(flat) > 2:
            i = rng.randrange(len(flat) - 1)
            flat[i], flat[i + 1] = (flat[i][0], flat[i + 1][1]), (flat[i + 1][0], flat[i][1])
    toks = [re.split(r"([A-Za-z]+)", s) for _, s in flat]
    words = [(si, ti) for si, t in enumerate(toks) for ti in range(1, len(t), 2)]
    eligible = []
    for si, ti in words:
        w = toks[si][ti]
        if w.lower() in STOP or len(w) < 3 or (w[0].isupper() and ti != 1):
            continue
        base, ending = stem(w.lower(), syn)
        if base:
            eligible.append((si, ti, base, ending))
    for si, ti, base, ending in rng.sample(eligible, min(len(eligible), int(round(rate * len(words))))):
        s = rng.choice(syn[base]) + ending
        toks[si][ti] = s[0].upper() + s[1:] if toks[si][ti][0].isupper() else s
    out = {}
    for (pi, _), t in zip(flat, toks):
        out.setdefault(pi, []).append("".join(t))
    return "\n\n".join(" ".join(v) for _, v in sorted(out.items())) + "\n"


def scan(dedupe, out, *paths):
    subprocess.run([dedupe, "scan", "--quiet", "--format", "json", "-o", out, *paths], check=True)
    with open(out) as f:
        return json.load(f)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", required=True)
    ap.add_argument("--dedupe", default="bin/dedupe")
    ap.add_argument("--out", required=True)
    ap.add_argument("--rate", type=float, default=0.3)
    ap.add_argument("--seed", type=int, default=1, help="seed of the spinner")
    ap.add_argument("--draw-seed", type=int, default=13, help="seed of the draw of sources")
    ap.add_argument("--sources", type=int, default=300)
    args = ap.parse_args()

    root = os.path.abspath(args.articles)
    paths = []
    for dirpath, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            p = os.path.join(dirpath, name)
            with open(p, encoding="utf-8", errors="replace") as f:
                if 150 <= len(f.read().split()) <= 800:
                    paths.append(p)
    sources = random.Random(args.draw_seed).sample(paths, args.sources)

    syn = synonyms()
    rng = random.Random(args.seed)
    spun_dir = os.path.join(os.path.abspath(args.out), "spun-%g" % args.rate)
    os.makedirs(spun_dir, exist_ok=True)
    spun = {}
    for src in sources:
        with open(src, encoding="utf-8", errors="replace") as f:
            text = f.read()
        dst = os.path.join(spun_dir, os.path.relpath(src, root).replace("/", "_"))
        with open(dst, "w", encoding="utf-8") as f:
            f.write(spin(text, args.rate, rng, syn))
        spun[src] = dst

    alone = scan(args.dedupe, os.path.join(args.out, "alone.json"), root)
    role = {}
    for c in alone["clusters"]:
        for m in c["members"]:
            role[m["path"]] = "representative" if m["path"] == c["representative"] else "member"
    both = scan(args.dedupe, spun_dir + ".json", root, spun_dir)
    cluster = {m["path"]: c["id"] for c in both["clusters"] for m in c["members"]}
    verified = {frozenset((p["a"], p["b"])) for c in both["clusters"] for p in c["pairs"]}
    verified |= {frozenset((p["a"], p["b"])) for p in both["links"]}

    total, found, together = Counter(), Counter(), Counter()
    for src, dst in spun.items():
        r = role.get(src, "in no cluster")
        total[r] += 1
        found[r] += frozenset((src, dst)) in verified
        together[r] += dst in cluster and cluster.get(src) == cluster[dst]
    n = sum(total.values())
    print("rate %g: %d spun copies, %d verified against their source (%.3f), %d in its cluster (%.3f)"
          % (args.rate, n, sum(found.values()), sum(found.values()) / n,
             sum(together.values()), sum(together.values()) / n))
    for r in ("in no cluster", "representative", "member"):
        if total[r]:
            print("  source %s alone: %d, verified %d, in its cluster %d (%.3f)"
                  % (r, total[r], found[r], together[r], together[r] / total[r]))


if __name__ == "__main__":
    sys.exit(main())
