package lsh

import (
	"errors"
	"fmt"
	"math"
)

// Probability returns the chance that two documents with Jaccard similarity s
// share at least one band key when signatures are cut into bands of rows
// values: 1-(1-s^rows)^bands. It expects s in [0, 1] and bands, rows >= 1.
func Probability(s float64, bands, rows int) float64 {
	// -expm1(b*log1p(-x)) equals 1-(1-x)^b but keeps full precision when
	// x = s^rows is tiny, where 1-x would round to 1.
	return -math.Expm1(float64(bands) * math.Log1p(-math.Pow(s, float64(rows))))
}

// simpsonSteps is the number of intervals of Simpson's rule in
// [OptimalParams]; it must be even. The integrands are polynomials of degree
// bands*rows, smooth enough for an error far below the gaps between
// neighbouring parameter choices.
const simpsonSteps = 1000

// OptimalParams returns the bands and rows that minimise fpWeight*FP + fnWeight*FN
// among the choices that use every permutation they can (for each rows r,
// bands = numPerm/r, so that no permutation computed is wasted and recall is as
// high as the rows allow), where FP is the integral of
// [Probability] over [0, threshold] (pairs below the threshold becoming
// candidates) and FN the integral of 1-Probability over [threshold, 1]
// (pairs above it missed). This is datasketch's MinHashLSH parameter choice,
// except that datasketch also tries fewer bands, which leaves permutations
// unused; the integrals are computed with Simpson's rule over 1000 intervals.
//
// Of parameters with equal cost it prefers the one using more permutations
// (bands*rows closest to numPerm), then fewer bands. threshold must lie in
// (0, 1), numPerm be at least 1, and the weights be finite, non-negative and
// not both zero.
func OptimalParams(threshold float64, numPerm int, fpWeight, fnWeight float64) (bands, rows int, err error) {
	switch {
	case !(threshold > 0 && threshold < 1):
		return 0, 0, fmt.Errorf("lsh: threshold %v outside (0, 1)", threshold)
	case numPerm < 1:
		return 0, 0, fmt.Errorf("lsh: number of permutations must be at least 1, got %d", numPerm)
	}
	if err := checkWeight(fpWeight); err != nil {
		return 0, 0, fmt.Errorf("lsh: false positive weight: %w", err)
	}
	if err := checkWeight(fnWeight); err != nil {
		return 0, 0, fmt.Errorf("lsh: false negative weight: %w", err)
	}
	if fpWeight == 0 && fnWeight == 0 {
		return 0, 0, errors.New("lsh: false positive and false negative weights are both zero")
	}

	below, above := newCurve(0, threshold), newCurve(threshold, 1)
	best := params{cost: math.Inf(1)}
	// For each rows r, the bands that use every permutation they can: s^r
	// follows from s^(r-1) by one multiplication per node, and (1-s^r)^b by b
	// multiplications, with no calls to Pow.
	for r := 1; r <= numPerm; r++ {
		b := numPerm / r
		below.setRows(b)
		above.setRows(b)
		p := params{bands: b, rows: r, cost: fpWeight*below.hitArea() + fnWeight*above.missArea()}
		if p.better(best) {
			best = p
		}
	}
	return best.bands, best.rows, nil
}

func checkWeight(w float64) error {
	if !(w >= 0) || math.IsInf(w, 1) {
		return fmt.Errorf("%v is not a finite non-negative number", w)
	}
	return nil
}

// params is a choice of bands and rows and its weighted error.
type params struct {
	bands, rows int
	cost        float64
}

// better reports whether p should be preferred to q: lower cost, then more
// permutations used, then fewer bands. The full order makes the result
// independent of the search order.
func (p params) better(q params) bool {
	if p.cost != q.cost {
		return p.cost < q.cost
	}
	if pn, qn := p.bands*p.rows, q.bands*q.rows; pn != qn {
		return pn > qn
	}
	return p.bands < q.bands
}

// curve holds the nodes of Simpson's rule on an interval of similarities s,
// and at each node the miss probability (1-s^r)^b of the rows r and bands b
// last set by setRows.
type curve struct {
	s, w []float64 // nodes and their Simpson weights
	pow  []float64 // s^r
	miss []float64 // (1-s^r)^b
}

func newCurve(lo, hi float64) *curve {
	n := simpsonSteps + 1
	c := &curve{s: make([]float64, n), w: make([]float64, n), pow: make([]float64, n), miss: make([]float64, n)}
	h := (hi - lo) / simpsonSteps
	for i := range n {
		c.s[i] = lo + float64(i)*h
		switch {
		case i == 0 || i == simpsonSteps:
			c.w[i] = h / 3
		case i%2 == 1:
			c.w[i] = 4 * h / 3
		default:
			c.w[i] = 2 * h / 3
		}
		c.pow[i] = 1
	}
	return c
}

// setRows moves from r to r+1 rows (starting at r = 0) and sets b bands. The
// power (1-s^r)^b is b multiplications in a row at each node, four nodes at a
// time so that the processor overlaps them; multiplied a band at a time into
// memory, for every b up to numPerm/r, it took 8% of the instructions of a
// scan of 2,782 articles. Each node's product is the same sequence of
// roundings either way.
func (c *curve) setRows(b int) {
	pow, miss := c.pow[:len(c.s)], c.miss[:len(c.s)]
	for i, s := range c.s {
		pow[i] *= s
	}
	i := 0
	for ; i+4 <= len(miss); i += 4 {
		q0, q1, q2, q3 := 1-pow[i], 1-pow[i+1], 1-pow[i+2], 1-pow[i+3]
		m0, m1, m2, m3 := 1.0, 1.0, 1.0, 1.0
		for range b {
			m0 *= q0
			m1 *= q1
			m2 *= q2
			m3 *= q3
		}
		miss[i], miss[i+1], miss[i+2], miss[i+3] = m0, m1, m2, m3
	}
	for ; i < len(miss); i++ {
		q, m := 1-pow[i], 1.0
		for range b {
			m *= q
		}
		miss[i] = m
	}
}

// missArea returns the integral of (1-s^r)^b over the interval.
func (c *curve) missArea() float64 {
	w := c.w[:len(c.miss)]
	var a float64
	for i, m := range c.miss {
		a += w[i] * m
	}
	return a
}

// hitArea returns the integral of 1-(1-s^r)^b over the interval.
func (c *curve) hitArea() float64 {
	w := c.w[:len(c.miss)]
	var a float64
	for i, m := range c.miss {
		a += w[i] * (1 - m)
	}
	return a
}
