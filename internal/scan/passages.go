package scan

import (
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// ReportPassages returns passages, by sentence, as the report writes them: by byte offsets,
// from the sentences' ranges in each document's decoded text (a and b, [Document.Sentences]).
// It returns nil when either side's ranges are unknown.
func ReportPassages(passages []verify.Passage, a, b []normalize.Range) []report.Passage {
	if a == nil || b == nil {
		return nil
	}
	out := make([]report.Passage, len(passages))
	for i, p := range passages {
		out[i] = report.Passage{
			A:         report.Span{Start: int(a[p.A].Start), End: int(a[p.AEnd-1].End)},
			B:         report.Span{Start: int(b[p.B].Start), End: int(b[p.BEnd-1].End)},
			Sentences: p.Sentences,
			Verbatim:  p.Verbatim,
		}
	}
	return out
}
