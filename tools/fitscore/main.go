// Command fitscore fits the verifier's score (verify.DefaultModel) on the chronam-1916 dev set
// and prints its coefficients as Go, with the in-sample and cross-validated precision and
// recall of the decision they make.
//
//	go run ./tools/fitscore [-dir testdata/chronam] [-folds 5] [-lambda 10] [-fix name=c,...] [-fit-court] [-v]
//
// -fix holds the named features' coefficients at the given values and fits the others around
// them (each fixed term enters the logit as an offset), in-sample and in every fold: to see
// what a coefficient chosen for another reason costs on the dev set. verify.DefaultModel is
// the output of -fix quoted_share=0.733: fitted, the quoted share's coefficient rises (to 1.37
// counted everywhere, 2.42 beside a run of verify.QuoteRun words), which rewards shared
// quotations above shared narration (issue 13 item 4) and joins independent generated reports
// of one event through them.
//
// How it fits: every labelled pair (SKIP left out) is analysed and verified as dedupe scan
// would, with the document frequencies of its corpus: the dev set's 862 articles, the Clough &
// Stevenson corpus's 100 files (devset.Weights). Pairs
// the decision rule settles before the score (exact texts; too little containment and no long
// run; fewer than --min-copied copied words) are left out of the fit: the score never decides
// them (verify.Params.Scored). On the rest, a logistic regression of the label (COPY or PARTIAL: 1; NOT or TABLE: 0)
// on verify's features is fitted by Newton's method (iteratively reweighted least squares) on
// standardised features with an L2 penalty lambda on the coefficients (not the intercept), 50
// iterations from zero (the intercept from minus the mean of the -fix terms), then mapped back
// to the raw features. Nothing is random: the same dev set gives the same coefficients, to the
// last digit.
//
// It also prints how many of the court stories of testdata/court (devset.Court: British
// papers' stories wholly, partially or not derived from a wire story) the fitted model finds
// with their wire story, pair by pair, and the F1 of derived against independent stories.
// -fit-court fits on them too (derived: 1, independent: 0) and cross-validates them by event:
// a wire story and the papers' stories on it fall in one of --folds folds by the FNV-1a hash
// of its number, and are decided by a model fitted without that fold's stories. The shipped
// model was fitted without them.
//
// Cross-validation is by article, so that no article of a test pair is seen in training (a
// wire story reprinted by many papers would otherwise be in both): each article falls in one
// of --folds folds by the FNV-1a hash of its path; fold f's test pairs are those with an
// article in f, its training pairs those with none. A pair whose two articles lie in two
// folds is tested twice; the figures count every test.
package main

import (
	"context"
	"flag"
	"fmt"
	"hash/fnv"
	"log"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/dedupe-dev/dedupe/internal/devset"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// dim is the number of the model's parameters: the intercept, then one per feature.
const dim = int(verify.NumFeatures) + 1

// example is one labelled pair with its verification.
type example struct {
	pair   devset.Pair
	r      verify.Result
	scored bool // the score decides the pair: exact, gated or too few copied words decide the others
	early  bool // the decision without the score, for the pairs it settles
}

func main() {
	dir := flag.String("dir", "testdata/chronam", "the dev set's `folder`")
	cs := flag.String("cs", "testdata/clough-stevenson", "the Clough & Stevenson corpus's `folder`, fitted on too (\"\": the dev set only)")
	court := flag.String("court", "testdata/court", "the court stories' `folder`, whose figures are printed (\"\": none)")
	fitCourt := flag.Bool("fit-court", false, "fit on the court stories too, and cross-validate them by event")
	folds := flag.Int("folds", 5, "cross-validation folds")
	lambda := flag.Float64("lambda", 10, "L2 penalty on the standardised coefficients (chosen by the cross-validation below: 1, 3, 10, 30 and 100 tried)")
	verbose := flag.Bool("v", false, "list the pairs the fitted model gets wrong")
	fix := flag.String("fix", "", "comma-separated `feature=coefficient` pairs held at these values, the others fitted")
	flag.Parse()
	for _, kv := range strings.Split(*fix, ",") {
		if kv == "" {
			continue
		}
		name, value, _ := strings.Cut(kv, "=")
		f := slices.Index(verify.FeatureNames[:], name)
		c, err := strconv.ParseFloat(value, 64)
		if f < 0 || err != nil {
			log.Fatalf("-fix %q: want a feature's name=coefficient", kv)
		}
		fixed[f] = &c
	}
	log.SetFlags(0)

	examples, err := load(devset.Read, *dir, "articles")
	if err != nil {
		log.Fatal(err)
	}
	dev := len(examples) // examples[:dev] are the dev set's
	if *cs != "" {
		more, err := load(devset.CloughStevenson, *cs, "corpus-20090418")
		if err != nil {
			log.Fatal(err)
		}
		examples = append(examples, more...)
	}
	devCS := len(examples) // examples[devCS:] are the court stories'
	if *court != "" {
		more, err := load(devset.Court, *court, "texts")
		if err != nil {
			log.Fatal(err)
		}
		examples = append(examples, more...)
	}
	p := verify.DefaultParams()
	fitted := func(e *example) bool { return *fitCourt || e.pair.Pool != "court" } // the pairs the model is fitted on
	m := fit(examples, fitted, *lambda)
	note, sets := "", fmt.Sprintf("%s and %q", *dir, *cs)
	if *fix != "" {
		note = " -fix " + *fix
	}
	labelled := devCS
	if *fitCourt {
		note += " -fit-court"
		sets = fmt.Sprintf("%s, %q and %q", *dir, *cs, *court)
		labelled = len(examples)
	}
	fmt.Printf("// Fitted by tools/fitscore -lambda %g%s on %d scored pairs of the %d labelled in %s.\n",
		*lambda, note, count(examples, fitted), labelled, sets)
	fmt.Printf("var DefaultModel = Model{\n\tIntercept: %.4f,\n\tCoefficients: [NumFeatures]float64{\n", m.Intercept)
	for f, c := range m.Coefficients {
		fmt.Printf("\t\tFeature%s: %.4f,\n", goName(verify.FeatureNames[f]), c)
	}
	fmt.Printf("\t},\n}\n\n")

	var in, inCS devset.Confusion
	for i := range examples[:devCS] {
		e := &examples[i]
		found := decide(e, &m, p.MinScore)
		if i < dev {
			in.Add(e.pair.Duplicate(), found)
		} else {
			inCS.Add(e.pair.Duplicate(), found)
		}
		if *verbose && found != e.pair.Duplicate() {
			fmt.Printf("wrong: %s %s pool %s score %.2f %v %s %s\n", e.pair.ID, e.pair.Label, e.pair.Pool,
				m.Score(e.r.Evidence()), e.r.Evidence(), e.pair.A, e.pair.B)
		}
	}
	fmt.Printf("dev set, in-sample:       %v\n", in)
	if *cs != "" {
		fmt.Printf("Clough-Stevenson pairs:   %v\n", inCS)
	}

	if *court != "" {
		fmt.Printf("court stories, %s: %s\n", map[bool]string{true: "in-sample", false: "not fitted on"}[*fitCourt], courtFound(examples[devCS:], func(*example) *verify.Model { return &m }, p.MinScore))
	}

	fmt.Println("by --min-score, in-sample: dev set; Clough-Stevenson pairs")
	for _, t := range []float64{0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9} {
		var d, c devset.Confusion
		for i := range examples[:devCS] {
			e := &examples[i]
			if i < dev {
				d.Add(e.pair.Duplicate(), decide(e, &m, t))
			} else {
				c.Add(e.pair.Duplicate(), decide(e, &m, t))
			}
		}
		fmt.Printf("  %.1f  %v; %v\n", t, d, c)
	}

	var cv devset.Confusion
	foldOf := func(path string) int {
		h := fnv.New32a()
		h.Write([]byte(path))
		return int(h.Sum32() % uint32(*folds))
	}
	for f := range *folds {
		inFold := func(e *example) bool {
			return e.pair.Pool != "cs" && e.pair.Pool != "court" && (foldOf(e.pair.A) == f || foldOf(e.pair.B) == f)
		}
		fm := fit(examples, func(e *example) bool { return !inFold(e) && fitted(e) }, *lambda)
		for i := range examples[:dev] {
			if e := &examples[i]; inFold(e) {
				cv.Add(e.pair.Duplicate(), decide(e, &fm, p.MinScore))
			}
		}
	}
	fmt.Printf("dev set, cross-validated: %v (%d folds by article)\n", cv, *folds)

	if *fitCourt && *court != "" {
		// The court stories are cross-validated by event: a wire story and the papers' stories
		// on it fall in one fold by the hash of its number, and are tested on a model fitted
		// without them.
		storyFold := func(e *example) int { return foldOf(e.pair.ID[:2]) }
		models := make([]verify.Model, *folds)
		for f := range models {
			models[f] = fit(examples, func(e *example) bool { return e.pair.Pool != "court" || storyFold(e) != f }, *lambda)
		}
		fmt.Printf("court stories, cross-validated: %s (%d folds by event)\n",
			courtFound(examples[devCS:], func(e *example) *verify.Model { return &models[storyFold(e)] }, p.MinScore), *folds)
	}
}

// courtFound returns how many court stories of each label the models model (of each pair)
// find with their wire story, pair by pair, and the F1 of derived against independent, as
// TestCourtStories counts them by cluster.
func courtFound(examples []example, model func(*example) *verify.Model, minScore float64) string {
	found, total := map[string]int{}, map[string]int{}
	for i := range examples {
		e := &examples[i]
		total[e.pair.Label]++
		if decide(e, model(e), minScore) {
			found[e.pair.Label]++
		}
	}
	tp := float64(found["COPY"] + found["PARTIAL"])
	precision, recall := tp/max(tp+float64(found["NOT"]), 1), tp/float64(total["COPY"]+total["PARTIAL"])
	return fmt.Sprintf("wholly %d of %d, partially %d of %d, independent %d of %d; F1 %.3f",
		found["COPY"], total["COPY"], found["PARTIAL"], total["PARTIAL"], found["NOT"], total["NOT"],
		2*precision*recall/max(precision+recall, 1e-9))
}

// an is the analyser of every text.
var an = func() *normalize.Analyzer {
	a, err := normalize.New("english")
	if err != nil {
		log.Fatal(err)
	}
	return a
}()

// load verifies the labelled pairs that read finds in the folder dir, weighing words by their
// document frequencies in dir's subfolder corpus, which holds the pairs' texts (devset.Weights).
func load(read func(dir string) ([]devset.Pair, error), dir, corpus string) ([]example, error) {
	pairs, err := read(dir)
	if err != nil {
		return nil, err
	}
	w, err := devset.Weights(filepath.Join(dir, corpus), an)
	if err != nil {
		return nil, err
	}
	p := verify.DefaultParams()
	v, err := verify.New(p)
	if err != nil {
		return nil, err
	}
	v.SetWeights(w)
	var out []example
	for _, pair := range pairs {
		ta, err := os.ReadFile(pair.A)
		if err != nil {
			return nil, err
		}
		tb, err := os.ReadFile(pair.B)
		if err != nil {
			return nil, err
		}
		sa, sb := sketch.New(an.Analyze(string(ta))), sketch.New(an.Analyze(string(tb)))
		r, err := v.Explain(context.Background(), &sa, &sb)
		if err != nil {
			return nil, err
		}
		e := example{pair: pair, r: r}
		switch {
		case sa.Digest == sb.Digest:
			e.early = true
		default:
			e.scored = p.Scored(&r)
		}
		out = append(out, e)
	}
	return out, nil
}

// decide returns the verdict on e with model m.
func decide(e *example, m *verify.Model, minScore float64) bool {
	if !e.scored {
		return e.early
	}
	return m.Score(e.r.Evidence()) >= minScore
}

func count(examples []example, keep func(*example) bool) int {
	n := 0
	for i := range examples {
		if examples[i].scored && (keep == nil || keep(&examples[i])) {
			n++
		}
	}
	return n
}

// fixed holds the coefficients -fix sets, nil for the features fitted.
var fixed [verify.NumFeatures]*float64

// fit fits the model on the scored examples that keep (nil: all) accepts.
func fit(examples []example, keep func(*example) bool, lambda float64) verify.Model {
	var xs []verify.Evidence
	var ys, offsets []float64
	for i := range examples {
		e := &examples[i]
		if !e.scored || keep != nil && !keep(e) {
			continue
		}
		x := e.r.Evidence()
		offset := 0.0 // the fixed features' terms of the logit
		for f, c := range fixed {
			if c != nil {
				offset += *c * x[f]
				x[f] = 0 // a constant column: its fitted coefficient stays 0
			}
		}
		xs = append(xs, x)
		offsets = append(offsets, offset)
		y := 0.0
		if e.pair.Duplicate() {
			y = 1
		}
		ys = append(ys, y)
	}
	const d = dim - 1
	// Standardise: z = (x - mean) / sd.
	var mean, sd [d]float64
	for _, x := range xs {
		for f := range d {
			mean[f] += x[f]
		}
	}
	for f := range d {
		mean[f] /= float64(len(xs))
	}
	for _, x := range xs {
		for f := range d {
			sd[f] += (x[f] - mean[f]) * (x[f] - mean[f])
		}
	}
	for f := range d {
		sd[f] = math.Sqrt(sd[f] / float64(len(xs)))
		if sd[f] == 0 {
			sd[f] = 1
		}
	}
	const n = dim // intercept first
	beta := make([]float64, n)
	// The intercept starts where it takes back the fixed terms' mean: with most features
	// fixed, the offsets alone put every pair at a probability near 0 or 1, where the
	// unpenalised intercept's Newton step from 0 overflowed (NaN coefficients).
	for _, o := range offsets {
		beta[0] -= o / float64(len(offsets))
	}
	z := make([]float64, n)
	for range 50 {
		var grad [n]float64
		var hess [n][n]float64
		for k, x := range xs {
			z[0] = 1
			for f := range d {
				z[f+1] = (x[f] - mean[f]) / sd[f]
			}
			eta := offsets[k]
			for j := range n {
				eta += beta[j] * z[j]
			}
			p := 1 / (1 + math.Exp(-eta))
			for i := range n {
				grad[i] += (ys[k] - p) * z[i]
				for j := range n {
					hess[i][j] += p * (1 - p) * z[i] * z[j]
				}
			}
		}
		for i := 1; i < n; i++ {
			grad[i] -= lambda * beta[i]
			hess[i][i] += lambda
		}
		step := solve(hess, grad)
		for i := range n {
			beta[i] += step[i]
		}
	}
	var m verify.Model
	m.Intercept = beta[0]
	for f := range d {
		m.Coefficients[f] = beta[f+1] / sd[f]
		m.Intercept -= beta[f+1] * mean[f] / sd[f]
		if fixed[f] != nil {
			m.Coefficients[f] = *fixed[f]
		}
	}
	return m
}

// solve returns x with a·x = b, by Gaussian elimination with partial pivoting; a is positive
// definite here (a Hessian plus lambda on the diagonal).
func solve(a [dim][dim]float64, b [dim]float64) [dim]float64 {
	const n = dim
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		for r := c + 1; r < n; r++ {
			f := a[r][c] / a[c][c]
			for k := c; k < n; k++ {
				a[r][k] -= f * a[c][k]
			}
			b[r] -= f * b[c]
		}
	}
	var x [dim]float64
	for r := n - 1; r >= 0; r-- {
		s := b[r]
		for k := r + 1; k < n; k++ {
			s -= a[r][k] * x[k]
		}
		x[r] = s / a[r][r]
	}
	return x
}

// goName turns a feature name into the suffix of its Go constant: "weighted_coverage" ->
// "WeightedCoverage", "longest_run" -> "Run" as in verify.FeatureRun.
func goName(name string) string {
	switch name {
	case "longest_run":
		return "Run"
	}
	out := []byte{}
	up := true
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '_' {
			up = true
			continue
		}
		if up && 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		up = false
		out = append(out, c)
	}
	return string(out)
}
