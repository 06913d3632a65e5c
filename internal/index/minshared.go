package index

import (
	"math"
)

// MinShared returns the most band keys a query can require of its candidates while still
// finding a document of shingle Jaccard similarity jaccard with probability at least recall,
// and at least 1. Two such documents agree on a band with probability jaccard^rows, so the
// number of bands they share follows Binomial(bands, jaccard^rows): MinShared is the largest m
// whose upper tail P(shared >= m) is at least recall.
func MinShared(bands, rows int, jaccard, recall float64) int {
	p := math.Pow(jaccard, float64(rows))
	if bands < 1 || !(p > 0 && p < 1) {
		return 1
	}
	// Walk the probability mass function in log space, where (1-p)^bands cannot underflow.
	logPMF := float64(bands) * math.Log1p(-p) // log P(shared = m), from m = 0
	atMost := 0.0                             // P(shared <= m)
	for m := 0; m < bands; m++ {
		atMost += math.Exp(logPMF)
		if atMost > 1-recall { // P(shared >= m+1) < recall: m is the most to require
			return max(m, 1)
		}
		logPMF += math.Log(float64(bands-m)/float64(m+1)) + math.Log(p) - math.Log1p(-p)
	}
	return bands
}
