package report_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/report"
)

func TestRatioMarshalJSON(t *testing.T) {
	tests := []struct {
		r    report.Ratio
		want string
	}{
		{0, "0"},
		{1, "1"},
		{0.87654321, "0.8765"},
		{0.00005, "0.0001"},
		{0.00004, "0"},
		{123456789012.34567, "123456789012.34567"},
		{1e305, "1" + strings.Repeat("0", 305)},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.r)
		if err != nil || string(got) != tt.want {
			t.Errorf("Marshal(Ratio(%v)) = %s, %v; want %s", float64(tt.r), got, err, tt.want)
		}
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got, err := json.Marshal(report.Ratio(f)); err == nil {
			t.Errorf("Marshal(Ratio(%v)) = %s; want an error", f, got)
		}
	}
}

func TestCount(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0 clusters"}, {1, "1 cluster"}, {2, "2 clusters"}, {1000, "1000 clusters"}} {
		if got := report.Count(tt.n, "cluster", "clusters"); got != tt.want {
			t.Errorf("Count(%d) = %q; want %q", tt.n, got, tt.want)
		}
	}
}
