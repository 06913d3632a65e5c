package scan

import (
	"context"

	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// findPassages lists the aligned passages of every verified pair of res. The verification
// keeps only counts, since most candidates are not duplicates; the few verified pairs are
// aligned again here, on the same sketches (boilerplate removed), so the passages are those
// behind the pair's figures.
func findPassages(ctx context.Context, res *Result, opts *Options) error {
	parallel(ctx, opts.workers(), len(res.Pairs), func() func(i int) {
		v, _ := verify.New(opts.Verify) // parameters were validated by Run
		return func(i int) {
			p := &res.Pairs[i]
			// An error is cancellation, which the caller reports.
			p.Passages, _ = v.Passages(ctx, &res.Documents[p.A].Sketch, &res.Documents[p.B].Sketch)
		}
	})
	return ctx.Err()
}

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
