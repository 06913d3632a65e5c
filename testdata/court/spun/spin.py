"""WordNet spinner: swap a share of words for a WordNet synonym, reorder and cut sentences.
usage: spin.py SHARE SEED IN OUT"""
import random, re, sys
WN = '/usr/share/wordnet/'
STOP = set("""a an the and or but if of to in on at by for with from as is are was were be been being
it its this that these those he she they we you i his her their our your my me him them us not no
said says say will would can could may might shall should do does did has have had than then so
also there here which who whom what when where why how all any some more most other such only own
same too very just into over under about after before up down out off again further once""".split())
def load(pos):
    idx = {}
    for line in open(WN + 'index.' + pos, encoding='latin-1'):
        if line.startswith(' '): continue
        f = line.split()
        lemma, n, p = f[0], int(f[2]), int(f[3])
        offs = f[4 + p + 2:]
        idx[lemma] = offs
    data = open(WN + 'data.' + pos, encoding='latin-1').read()
    return idx, data
POS = {p: load(p) for p in ('noun', 'verb', 'adj', 'adv')}
cache = {}
def synonyms(w):
    if w in cache: return cache[w]
    out = []
    for p, (idx, data) in POS.items():
        for off in idx.get(w, [])[:2]:
            o = int(off)
            line = data[o:data.index('\n', o)]
            f = line.split()
            cnt = int(f[3], 16)
            for k in range(cnt):
                lem = f[4 + 2 * k].split('(')[0].replace('_', ' ')
                if lem.lower() != w and lem.isascii() and ' ' not in lem:
                    out.append(lem.lower())
        if out: break
    cache[w] = out
    return out
def spin(text, share, rnd):
    paras = [p for p in re.split(r'\n\s*\n', text.strip()) if p.strip()]
    sents = []
    for p in paras:
        sents += [s for s in re.split(r'(?<=[.!?])\s+(?=[A-Z"])', ' '.join(p.split())) if s]
    # cut about a tenth of the sentences, never the first; swap two neighbours here and there
    keep = [s for i, s in enumerate(sents) if i == 0 or rnd.random() > 0.1]
    for i in range(1, len(keep) - 1):
        if rnd.random() < 0.15: keep[i], keep[i + 1] = keep[i + 1], keep[i]
    out = []
    for s in keep:
        words = s.split(' ')
        for j, tok in enumerate(words):
            m = re.match(r'^([^A-Za-z]*)([a-z]+)([^A-Za-z]*)$', tok)
            if not m or m.group(2) in STOP or len(m.group(2)) < 3: continue
            if rnd.random() < share:
                syn = synonyms(m.group(2))
                if syn: words[j] = m.group(1) + rnd.choice(syn) + m.group(3)
        out.append(' '.join(words))
    paras, cur = [], []
    for s in out:
        cur.append(s)
        if rnd.random() < 0.4: paras.append(' '.join(cur)); cur = []
    if cur: paras.append(' '.join(cur))
    return '\n\n'.join(paras) + '\n'
if __name__ == '__main__':
    share, seed, src, dst = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    rnd = random.Random(seed)
    open(dst, 'w').write(spin(open(src).read(), share, rnd))
