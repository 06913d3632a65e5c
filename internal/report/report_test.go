package report_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

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
	}{{0, "0 clusters"}, {1, "1 cluster"}, {2, "2 clusters"}, {1000, "1,000 clusters"}} {
		if got := report.Count(tt.n, "cluster", "clusters"); got != tt.want {
			t.Errorf("Count(%d) = %q; want %q", tt.n, got, tt.want)
		}
	}
}

// TestInt: counts for people have their digits grouped in thousands, as the progress line
// wrote them, where summaries, text reports and HTML wrote "59433".
func TestInt(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {59433, "59,433"}, {119610, "119,610"}, {1234567, "1,234,567"},
		{-1, "-1"}, {-1067, "-1,067"}, {-123456, "-123,456"}, {math.MinInt64, "-9,223,372,036,854,775,808"}} {
		if got := report.Int(tt.n); got != tt.want {
			t.Errorf("Int(%d) = %q; want %q", tt.n, got, tt.want)
		}
	}
}

// TestDates checks a member's date as the JSON writes it and as the text and HTML reports show
// it.
func TestDates(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	if got := report.FormatDate(time.Time{}); got != "" {
		t.Errorf("FormatDate(zero) = %q; want \"\"", got)
	}
	if got, want := report.FormatDate(time.Date(2025, 12, 1, 9, 30, 5, 5e8, paris)), "2025-12-01T08:30:05Z"; got != want {
		t.Errorf("FormatDate = %q; want %q", got, want)
	}
	for _, tt := range []struct{ date, want string }{
		{"2025-12-01T00:00:00Z", "2025-12-01"},
		{"2025-12-01T14:05:09Z", "2025-12-01 14:05 UTC"},
		{"2025-12-01T01:00:00+01:00", "2025-12-01"},
		{"2025-12-01T09:30:00-05:00", "2025-12-01 14:30 UTC"},
		{"last Tuesday", "last Tuesday"},
		{"", ""},
	} {
		if got := report.ShortDate(tt.date); got != tt.want {
			t.Errorf("ShortDate(%q) = %q; want %q", tt.date, got, tt.want)
		}
	}
}

func TestDecisionText(t *testing.T) {
	median := func(r report.Ratio) *report.Ratio { return &r }
	tests := []struct {
		stats report.Stats
		want  string
	}{
		{report.Stats{}, ""},
		{report.Stats{Decision: "standard"}, ""}, // no median: nothing to say why
		{report.Stats{Decision: "standard", GarbleMedian: median(0.0408), GarbleDocuments: 59271},
			"standard decision (median garble share 0.0408 across 59,271 documents in English)"},
		{report.Stats{Decision: "strict", GarbleMedian: median(0), GarbleDocuments: 1},
			"strict decision (median garble share 0 across 1 document in English)"},
		{report.Stats{Decision: "standard", GarbleMedian: median(-1)},
			"standard decision (no document in English to judge its text)"},
	}
	for _, tt := range tests {
		if got := tt.stats.DecisionText(); got != tt.want {
			t.Errorf("%+v: DecisionText() = %q; want %q", tt.stats, got, tt.want)
		}
		note := ""
		if tt.stats.Decision == "strict" {
			note = "--decision standard also finds heavy rewrites and partial copies"
		}
		if got := tt.stats.DecisionNote(); got != note {
			t.Errorf("%+v: DecisionNote() = %q; want %q", tt.stats, got, note)
		}
	}
}
