#!/usr/bin/env python3
"""Draw the candidate pairs of the chronam-1916 dev set (testdata/chronam).

Usage:

    go run ./tools/chronamsplit ../shared/datasets/chronam-1916 /tmp/chronam-articles
    bin/dedupe scan --format json /tmp/chronam-articles > /tmp/chronam-scan.json
    python3 scripts/chronam-pairs.py --articles /tmp/chronam-articles \
        --scan /tmp/chronam-scan.json --out testdata/chronam --batches /tmp/chronam-batches

Writes OUT/pairs.tsv (id, pool, a_path, b_path; paths relative to the article root),
OUT/pairs-meta.tsv (what each pair was drawn on: dedupe's verdict at the time, shared rare
words, longest shared run of words; NOT for the labellers, who must read the texts blind),
copies every article of a pair to OUT/articles/<same path>, and writes the ids, in
their shuffled order, into 6 batch files BATCHES/batch1.txt .. batch6.txt.

Everything is deterministic (random.Random(--seed), inputs read in sorted order).

A held-out set is drawn the same way with another seed, an id prefix and --exclude SET
(repeatable): no article of SET/articles and no pair of SET/pairs.tsv is drawn again, so
the new set shares no text with the set it is held out from. testdata/chronam-holdout was
drawn with

    python3 scripts/chronam-pairs.py --articles /tmp/chronam-articles \
        --scan /tmp/chronam-scan.json --out testdata/chronam-holdout --batches /tmp/holdout-batches \
        --seed 2016 --id-prefix h --pool-a 67 --pool-b 60 --pool-c 33 --exclude testdata/chronam \
        --fill-b-min-rare 4

testdata/chronam-sample, a uniform sample of the pairs a scan verified (its share of copies
estimates the precision of what a scan reports), was drawn with

    python3 scripts/chronam-pairs.py --articles /tmp/chronam-articles \
        --scan /tmp/chronam-scan.json --out testdata/chronam-sample --batches /tmp/sample-batches \
        --seed 1205 --id-prefix v --pool-a 120 --pool-b 0 --pool-c 0 --uniform-a \
        --exclude testdata/chronam --exclude testdata/chronam-holdout

and testdata/chronam-sample2, the same from a later scan (main ec9ad09), with --seed 1206
--id-prefix w and the first sample excluded too (see its README).

The dev set used up most pool-b candidates (only ~50 pairs of 5+ shared rare words touch
none of its articles), so a held-out pool b falls short. --fill-b-min-rare N then draws the
shortfall from rejected pairs sharing N to 4 rare words, after pools a, b and c are drawn and
with a random stream of its own, so that the pairs drawn without it keep their ids; the fill
pairs get the last ids and the stratum "fill-<run stratum>" in pairs-meta.tsv.

Pools (article pairs a < b; an article of a pair has 60 to 1500 words, so that a
pair can be read; an article is used in at most 2 pairs; no pair of one page):

  a  "verified": pairs dedupe verified (cluster member vs representative, and the
     cross-cluster links). Strata: relation (exact/near_exact, rewrite, partial) x
     5 score quantile bins within the relation; equal draws per bin; at most 2 pairs
     per cluster. With --uniform-a: drawn uniformly from them, with no strata and no
     cap per cluster.
  b  "rejected": pairs of different papers that dedupe did not verify and did not put
     in one cluster, sharing >= 5 "rare" words (4+ letters, document frequency 2-20 in
     the article corpus, after joining words hyphenated at a line end). Strata by the
     longest run of words the two share: >= 15 words (probably missed copies), 8-14,
     < 8 (names and topics only).
  c  "same-paper": pairs of one paper (LCCN) on different days whose word sets
     (3+ letters, minus the 300 most frequent words of the corpus) have Jaccard >=
     0.1 and >= 10 shared words: recurring items, weather, markets, standing headers.
     Strata by Jaccard bin; at most 3 pairs per paper.
"""

import argparse
import collections
import difflib
import json
import os
import random
import re
import shutil
import sys

WORD = re.compile(r"[a-z0-9]+")


def tokens(text):
    """Lower-cased words, hyphenated line ends joined ("Ma-\\njor" -> "major")."""
    return WORD.findall(re.sub(r"-\s*\n\s*", "", text).lower())


def article(path):
    """Returns the DAY/NAME.txt end of a scanned path: the scan may name articles by
    absolute paths or by paths relative to its root."""
    return "/".join(path.split("/")[-2:])


def lccn(path):
    return path.split("/")[1].split("-")[0]


def page(path):
    return path.rsplit("_a", 1)[0]


def run_stratum(r):
    """Pool b's stratum of a pair whose longest shared run of words is r."""
    return "run15+" if r >= 15 else "run8-14" if r >= 8 else "run<8"


def longest_run(ta, tb):
    m = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    return m.find_longest_match(0, len(ta), 0, len(tb)).size


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", required=True)
    ap.add_argument("--scan", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--batches", required=True)
    ap.add_argument("--seed", type=int, default=1916)
    ap.add_argument("--pool-a", type=int, default=200)
    ap.add_argument("--pool-b", type=int, default=180)
    ap.add_argument("--pool-c", type=int, default=100)
    ap.add_argument("--id-prefix", default="p", help="letter before each pair's number")
    ap.add_argument("--uniform-a", action="store_true",
                    help="draw pool a uniformly from all verified pairs (no strata, no cap per cluster)")
    ap.add_argument("--exclude", action="append", default=[], metavar="SET",
                    help="a drawn set's directory: its articles and pairs are not drawn again")
    ap.add_argument("--fill-b-min-rare", type=int, default=0, metavar="N",
                    help="fill a pool-b shortfall with pairs sharing N to 4 rare words")
    args = ap.parse_args()
    rng = random.Random(args.seed)

    # Articles.
    paths = []
    for day in sorted(os.listdir(args.articles)):
        for f in sorted(os.listdir(os.path.join(args.articles, day))):
            if f.endswith(".txt"):
                paths.append(day + "/" + f)
    idx = {p: i for i, p in enumerate(paths)}
    texts = []
    for p in paths:
        with open(os.path.join(args.articles, p), encoding="utf-8", errors="replace") as fh:
            texts.append(fh.read())
    toks = [tokens(t) for t in texts]
    nwords = [len(t.split()) for t in texts]
    print(f"{len(paths)} articles", file=sys.stderr)

    def readable(i):
        return 60 <= nwords[i] <= 1500

    # Articles and pairs of the sets this one is held out from.
    excluded, excluded_pairs = set(), set()
    for d in args.exclude:
        for root, _, files in os.walk(os.path.join(d, "articles")):
            for f in files:
                excluded.add(os.path.relpath(os.path.join(root, f), os.path.join(d, "articles")))
        with open(os.path.join(d, "pairs.tsv")) as fh:
            for line in list(fh)[1:]:
                f = line.rstrip("\n").split("\t")
                excluded_pairs.add(tuple(sorted((f[2], f[3]))))
    if args.exclude:
        print(f"excluded: {len(excluded)} articles, {len(excluded_pairs)} pairs", file=sys.stderr)

    # dedupe's verdicts.
    with open(args.scan) as fh:
        scan = json.load(fh)
    cluster_of = {}
    verified = {}
    for c in scan["clusters"]:
        for m in c["members"]:
            cluster_of[article(m["path"])] = c["id"]
        for p in c["pairs"]:
            verified[tuple(sorted((article(p["a"]), article(p["b"]))))] = (p, c["id"])
    for p in scan["links"]:
        verified[tuple(sorted((article(p["a"]), article(p["b"]))))] = (p, p.get("cluster_a"))

    chosen = {}  # (a, b) -> (pool, meta)
    uses = collections.Counter()

    def ok(a, b):
        return (a, b) not in chosen and page(a) != page(b) and uses[a] < 2 and uses[b] < 2 \
            and readable(idx[a]) and readable(idx[b]) \
            and a not in excluded and b not in excluded and (a, b) not in excluded_pairs

    def take(a, b, pool, meta):
        chosen[(a, b)] = (pool, meta)
        uses[a] += 1
        uses[b] += 1

    def vmeta(a, b):
        v = verified.get((a, b))
        if v:
            return {"dedupe": v[0]["relation"], "score": v[0]["score"]}
        same = a in cluster_of and cluster_of.get(a) == cluster_of.get(b)
        return {"dedupe": "same_cluster" if same else "none", "score": ""}

    # Pool a: verified pairs, stratified by relation and score (or uniformly).
    if args.uniform_a:
        keys = sorted(verified)
        rng.shuffle(keys)
        for a_, b_ in keys:
            if sum(1 for v in chosen.values() if v[0] == "a") == args.pool_a:
                break
            if ok(a_, b_):
                m = vmeta(a_, b_)
                m["stratum"] = "uniform"
                take(a_, b_, "a", m)
    groups = collections.defaultdict(list)
    for key in sorted(verified):
        p, _ = verified[key]
        rel = p["relation"]
        g = "exact" if rel in ("exact", "near_exact") else rel
        groups[g].append(key)
    quota = {"exact": args.pool_a // 10, "rewrite": args.pool_a * 35 // 100}
    quota["partial"] = args.pool_a - quota["exact"] - quota["rewrite"]
    per_cluster = collections.Counter()
    for g in () if args.uniform_a else ("exact", "rewrite", "partial"):
        keys = sorted(groups[g], key=lambda k: (verified[k][0]["score"], k))
        nb = 5
        bins = [keys[len(keys) * i // nb: len(keys) * (i + 1) // nb] for i in range(nb)]
        for bi, b in enumerate(bins):
            want = quota[g] // nb + (1 if bi < quota[g] % nb else 0)
            b = b[:]
            rng.shuffle(b)
            got = 0
            for a_, b_ in b:
                if got == want:
                    break
                cl = verified[(a_, b_)][1]
                if per_cluster[cl] >= 2 or not ok(a_, b_):
                    continue
                per_cluster[cl] += 1
                m = vmeta(a_, b_)
                m["stratum"] = f"{g}-q{bi + 1}"
                take(a_, b_, "a", m)
                got += 1
    print(f"pool a: {sum(1 for v in chosen.values() if v[0] == 'a')}", file=sys.stderr)

    # Document frequencies.
    df = collections.Counter()
    sets3 = []
    for t in toks:
        s = set(w for w in t if len(w) >= 3 and not w.isdigit())
        sets3.append(s)
        df.update(s)

    # Pool b: rejected pairs sharing rare words.
    rare = [sorted(w for w in s if len(w) >= 4 and w.isalpha() and 2 <= df[w] <= 20) for s in sets3]
    inv = collections.defaultdict(list)
    for i, ws in enumerate(rare):
        for w in ws:
            inv[w].append(i)
    cands = []
    fill = []  # pairs sharing --fill-b-min-rare to 4 rare words
    min_rare = min(5, args.fill_b_min_rare or 5)
    for i, ws in enumerate(rare):
        if not readable(i):
            continue
        cnt = collections.Counter()
        for w in ws:
            for j in inv[w]:
                if j > i:
                    cnt[j] += 1
        for j, n in cnt.items():
            if n < min_rare or not readable(j):
                continue
            a, b = paths[i], paths[j]
            if lccn(a) == lccn(b) or (a, b) in verified:
                continue
            if a in cluster_of and cluster_of[a] == cluster_of.get(b):
                continue
            (cands if n >= 5 else fill).append((a, b, n))
    cands.sort()
    rng.shuffle(cands)
    print(f"pool b candidates: {len(cands)}", file=sys.stderr)
    qb = {"run15+": args.pool_b * 40 // 100, "run8-14": args.pool_b * 20 // 100}
    qb["run<8"] = args.pool_b - qb["run15+"] - qb["run8-14"]
    gotb = collections.Counter()
    # Long runs are rare among random candidates: look at the pairs sharing the most
    # rare words first for them, and at random pairs for the others.
    by_shared = sorted(cands, key=lambda c: -c[2])
    evals = 0
    for order, strata in ((by_shared, ("run15+", "run8-14")), (cands, ("run8-14", "run<8"))):
        for a, b, n in order:
            if all(gotb[s] >= qb[s] for s in strata) or evals > 40000:
                break
            if not ok(a, b):
                continue
            evals += 1
            r = longest_run(toks[idx[a]], toks[idx[b]])
            s = run_stratum(r)
            if s not in strata or gotb[s] >= qb[s]:
                continue
            gotb[s] += 1
            m = vmeta(a, b)
            m.update(stratum=s, shared_rare=n, longest_run=r)
            take(a, b, "b", m)
    print(f"pool b: {dict(gotb)} after {evals} runs computed", file=sys.stderr)

    # Pool c: same paper, different days, sharing words.
    common = set(w for w, _ in df.most_common(300))
    cset = [s - common for s in sets3]
    bypaper = collections.defaultdict(list)
    for i, p in enumerate(paths):
        if readable(i):
            bypaper[lccn(p)].append(i)
    ccands = collections.defaultdict(list)  # stratum -> [(a, b, jac, shared)]
    for lc in sorted(bypaper):
        ids = bypaper[lc]
        for x in range(len(ids)):
            i = ids[x]
            for y in range(x + 1, len(ids)):
                j = ids[y]
                if paths[i][:8] == paths[j][:8]:
                    continue
                sh = len(cset[i] & cset[j])
                if sh < 10:
                    continue
                jac = sh / len(cset[i] | cset[j])
                if jac < 0.1:
                    continue
                s = "jac.1-.2" if jac < 0.2 else "jac.2-.35" if jac < 0.35 else "jac.35-.5" if jac < 0.5 else "jac.5+"
                ccands[s].append((paths[i], paths[j], jac, sh))
    print("pool c candidates: " + ", ".join(f"{s} {len(v)}" for s, v in sorted(ccands.items())), file=sys.stderr)
    strata_c = ["jac.1-.2", "jac.2-.35", "jac.35-.5", "jac.5+"]
    per_paper = collections.Counter()
    gotc = collections.Counter()
    for k, s in enumerate(strata_c):
        want = args.pool_c // len(strata_c) + (1 if k < args.pool_c % len(strata_c) else 0)
        lst = ccands[s][:]
        rng.shuffle(lst)
        for a, b, jac, sh in lst:
            if gotc[s] >= want:
                break
            if per_paper[lccn(a)] >= 3 or not ok(a, b):
                continue
            per_paper[lccn(a)] += 1
            gotc[s] += 1
            m = vmeta(a, b)
            m.update(stratum=s, jaccard=round(jac, 3), shared_words=sh)
            take(a, b, "c", m)
    print(f"pool c: {dict(gotc)}", file=sys.stderr)

    # Pool b's shortfall, if asked, from pairs sharing fewer rare words.
    extra = []
    short = args.pool_b - sum(gotb.values())
    if fill and short > 0:
        frng = random.Random(f"{args.seed}-fill")
        fill.sort()
        frng.shuffle(fill)
        for a, b, n in fill:
            if len(extra) == short:
                break
            if not ok(a, b):
                continue
            r = longest_run(toks[idx[a]], toks[idx[b]])
            m = vmeta(a, b)
            m.update(stratum="fill-" + run_stratum(r), shared_rare=n, longest_run=r)
            take(a, b, "b", m)
            extra.append((a, b))
        print(f"pool b fill: {len(extra)} of {len(fill)} candidates", file=sys.stderr)

    # Ids in a shuffled order, so that each batch mixes the pools; fill pairs last.
    keys = sorted(k for k in chosen if k not in extra)
    rng.shuffle(keys)
    keys += extra
    os.makedirs(os.path.join(args.out, "articles"), exist_ok=True)
    with open(os.path.join(args.out, "pairs.tsv"), "w") as fh, \
            open(os.path.join(args.out, "pairs-meta.tsv"), "w") as fm:
        fh.write("id\tpool\ta_path\tb_path\n")
        fm.write("id\tpool\tstratum\tdedupe\tscore\tshared_rare\tlongest_run\tjaccard\ta_words\tb_words\n")
        for n, (a, b) in enumerate(keys, 1):
            pool, m = chosen[(a, b)]
            pid = f"{args.id_prefix}{n:03d}"
            fh.write(f"{pid}\t{pool}\t{a}\t{b}\n")
            fm.write("\t".join(str(x) for x in (
                pid, pool, m["stratum"], m["dedupe"], m["score"], m.get("shared_rare", ""),
                m.get("longest_run", ""), m.get("jaccard", ""), nwords[idx[a]], nwords[idx[b]])) + "\n")
            for p in (a, b):
                dst = os.path.join(args.out, "articles", p)
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copyfile(os.path.join(args.articles, p), dst)
    os.makedirs(args.batches, exist_ok=True)
    nb = 6
    for k in range(nb):
        part = keys[len(keys) * k // nb: len(keys) * (k + 1) // nb]
        start = len(keys) * k // nb
        with open(os.path.join(args.batches, f"batch{k + 1}.txt"), "w") as fh:
            for n in range(start, start + len(part)):
                fh.write(f"{args.id_prefix}{n + 1:03d}\n")
    counts = collections.Counter(v[0] for v in chosen.values())
    print(f"{len(keys)} pairs: " + ", ".join(f"{p} {counts[p]}" for p in "abc")
          + f"; {len(uses)} articles", file=sys.stderr)


if __name__ == "__main__":
    main()
