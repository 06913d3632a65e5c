package ui

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// frames is the writer a Progress draws on in tests: mpb writes each frame in one call, which
// the test receives in order.
type frames chan string

func (f frames) Write(b []byte) (int, error) {
	f <- string(b)
	return len(b), nil
}

// redrawn is what mpb writes before a frame to draw it over the last one: the cursor up one
// line, and the screen cleared below it.
const redrawn = "\x1b[1A\x1b[J"

// next returns the next frame drawn on f, without the escape codes that draw it over the last
// one.
func (f frames) next(t *testing.T) string {
	t.Helper()
	select {
	case s := <-f:
		return strings.TrimPrefix(s, redrawn)
	case <-time.After(10 * time.Second):
		t.Fatal("no frame drawn in 10 s")
		return ""
	}
}

// testProgress returns a Progress drawing width columns on the frames it returns, without a
// ticker, whose stages begin 10 s before they are named, so that the time left shows.
func testProgress(width int) (*Progress, frames) {
	f := make(frames, 100)
	back := func() time.Time { return time.Now().Add(-10 * time.Second) }
	return newProgress(f, true, width, 0, back), f
}

// TestProgressLines checks the lines drawn for each kind of stage, from the first frame on:
// reading before and after its total is known, counted stages at 0% as they begin and later
// with the time left, and the line cleared by Done.
func TestProgressLines(t *testing.T) {
	p, f := testProgress(100)
	steps := []struct {
		do   func()
		want string
	}{
		{func() {}, "reading 0 B, 0 documents · 10s so far\n"},
		{func() {
			for range 3 {
				p.Read(1000)
			}
			p.frame()
		}, "reading 3.0 kB, 3 documents · 10s so far\n"},
		// 3,000 bytes in 10 s: 7,000 more take 23 s. The share is of all bytes, from byte 0.
		{func() { p.SetTotal(10_000) },
			"reading  30% [=======>                    ] 3.0 kB of 10.0 kB, 3 documents · 23s left\n"},
		{func() { p.Stage("signing", 200, "documents") },
			"signing   0% [                            ] 0 of 200 documents\n"},
		{func() {
			p.Advance(50)
			p.frame()
		}, "signing  25% [======>                     ] 50 of 200 documents · 30s left\n"},
		// 1,067 pairs in 10 s: 1,305 more take 12.2 s.
		{func() {
			p.Stage("verifying", 2372, "pairs")
			f.next(t) // at 0%
			p.Advance(1067)
			p.frame()
		}, "verifying  44% [============>               ] 1,067 of 2,372 pairs · 12s left\n"},
		{func() {
			p.Advance(2372 - 1067)
			p.frame()
		}, "verifying 100% [===========================>] 2,372 of 2,372 pairs\n"},
		// No documents: nothing to do, no share of it, no bar.
		{func() { p.Stage("counting words", 0, "documents") }, "counting words 0 of 0 documents\n"},
	}
	for i, s := range steps {
		s.do()
		if got := f.next(t); got != s.want {
			t.Errorf("frame %d:\n%q\nwant\n%q", i, got, s.want)
		}
	}
	p.Done()
	// The last frame, then the cursor back up and the line cleared.
	if got, want := f.next(t), steps[len(steps)-1].want; got != want {
		t.Errorf("last frame %q; want %q", got, want)
	}
	if got := <-f; got != redrawn {
		t.Errorf("Done wrote %q; want %q", got, redrawn)
	}
	p.Stage("passages", 5, "pairs") // after Done: counted, not drawn
	p.Done()
	select {
	case s := <-f:
		t.Errorf("drawn after Done: %q", s)
	default:
	}
	stages := p.Stages()
	var names []string
	for _, s := range stages {
		names = append(names, s[:strings.LastIndexByte(s, ' ')])
	}
	if got := strings.Join(names, ","); got != "reading,signing,verifying,counting words,passages" {
		t.Errorf("Stages() = %q; want reading, signing, verifying, counting words and passages", stages)
	}
}

// TestProgressReadingPastTotal checks that reading more than the measured size fills the bar
// and stops there, without a time left.
func TestProgressReadingPastTotal(t *testing.T) {
	p, f := testProgress(100)
	defer p.Done()
	f.next(t)
	p.SetTotal(1000)
	f.next(t)
	p.SetTotal(5000) // only the first total counts
	p.Read(1500)
	p.frame()
	if got, want := f.next(t), "reading 100% [===========================>] 1.5 kB of 1.5 kB, 1 document\n"; got != want {
		t.Errorf("past the total:\n%q\nwant\n%q", got, want)
	}
	p.Stage("signing", 1, "documents")
	f.next(t)
	p.SetTotal(100) // too late: ignored
	p.frame()
	if got, want := f.next(t), "signing   0% [                            ] 0 of 1 documents\n"; got != want {
		t.Errorf("SetTotal after reading:\n%q\nwant\n%q", got, want)
	}
}

// TestProgressWidth checks that a line too wide for the terminal is cut to its width, so that
// it never wraps: the bar narrows first, then the legend loses its end.
func TestProgressWidth(t *testing.T) {
	for _, tt := range []struct {
		width int
		want  string
	}{
		{80, "grouping candidates  25% [====>             ] 30,000 of 120,000 bands · 30s left\n"},
		{60, "grouping candidates  25%  30,000 of 120,000 bands · 30s left\n"},
		{50, "grouping candidates  25%  30,000 of 120,000 bands…\n"},
	} {
		p, f := testProgress(tt.width)
		f.next(t)
		p.Stage("grouping candidates", 120_000, "bands")
		f.next(t)
		p.Advance(30_000)
		p.frame()
		got := f.next(t)
		if got != tt.want || utf8.RuneCountInString(got) > tt.width+1 {
			t.Errorf("%d columns:\n%q\nwant\n%q", tt.width, got, tt.want)
		}
		p.Done()
	}
}

// TestProgressWrite checks that a line written while the progress line is drawn comes above
// it, and that it goes straight to the writer when nothing is drawn.
func TestProgressWrite(t *testing.T) {
	p, f := testProgress(100)
	f.next(t)
	if _, err := p.Write([]byte("warning: x\n")); err != nil {
		t.Fatal(err)
	}
	p.frame()
	if got, want := <-f, redrawn+"warning: x\nreading 0 B, 0 documents · 10s so far\n"; got != want {
		t.Errorf("frame after Write:\n%q\nwant\n%q", got, want)
	}
	p.Done()

	var out bytes.Buffer
	q := NewProgress(&out, false)
	if _, err := q.Write([]byte("warning: y\n")); err != nil || out.String() != "warning: y\n" {
		t.Errorf("Write without drawing: %v, output %q; want %q", err, out.String(), "warning: y\n")
	}
}

func TestProgressDisabled(t *testing.T) {
	var out bytes.Buffer
	p := NewProgress(&out, false)
	p.SetTotal(100)
	p.Read(40)
	p.Stage("signing", 10, "documents")
	p.Advance(10)
	p.Done()
	if s := out.String(); s != "" {
		t.Errorf("disabled Progress wrote %q", s)
	}
	if got := p.BytesRead(); got != 40 {
		t.Errorf("BytesRead() = %d; want 40", got)
	}
	if got := len(p.Stages()); got != 2 {
		t.Errorf("Stages() = %q; want reading and signing", p.Stages())
	}
}

// TestProgressConcurrent runs the counters, the stages and a fast ticker at once, for the race
// detector, and checks that Done returns and the counts are whole.
func TestProgressConcurrent(t *testing.T) {
	var out syncBuffer
	p := newProgress(&out, true, 80, time.Millisecond, time.Now)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for range 1000 {
				p.Read(100)
				p.Advance(1)
			}
		})
	}
	wg.Go(func() { p.SetTotal(200_000) })
	wg.Go(func() { p.Stage("signing", 2000, "documents") })
	wg.Wait()
	p.Done()
	if got := p.BytesRead(); got != 200_000 {
		t.Errorf("BytesRead() = %d; want 200000", got)
	}
	// Frames show the state when mpb draws them, which the goroutines race with: only the end
	// is certain.
	if s := out.String(); !strings.Contains(s, " documents") || !strings.HasSuffix(s, redrawn) {
		t.Errorf("output %q; want a progress line, cleared at the end", s)
	}
}

// syncBuffer is a bytes.Buffer safe for mpb's goroutine and the test's.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestProgressOneFrameALine checks that a frame asked for while mpb draws a line does not mix
// into it: mpb calls the head, the legend and the bar's filler one after the other, and a
// stage that began between them once drew "reading [=====>]0 B, 0 documents · 0s so far",
// the words of reading without a total around the full bar of the next stage.
func TestProgressOneFrameALine(t *testing.T) {
	p := &Progress{}
	p.shown.Store(&view{stage: newStage(readingStage, 0, "", time.Now())})
	head := p.head(decor.Statistics{})
	p.shown.Store(&view{stage: newStage("verifying", 4, "pairs", time.Now()), done: 4, total: 4})
	legend := p.legend(decor.Statistics{})
	var bar bytes.Buffer
	filler := mpb.BarStyle().Lbound("[").Filler("=").Tip(">").Padding(" ").Rbound("]").Build()
	if err := p.fill(filler).Fill(&bar, decor.Statistics{AvailableWidth: maxBar}); err != nil {
		t.Fatal(err)
	}
	if want := "0 B, 0 documents · 0s so far"; head != "reading " || legend != want || bar.Len() != 0 {
		t.Errorf("line %q %q %q; want %q %q and no bar: the frame head took", head, bar.String(), legend, "reading ", want)
	}
	// The next line draws the new frame whole.
	if head, legend = p.head(decor.Statistics{}), p.legend(decor.Statistics{}); head != "verifying 100% " || legend != " 4 of 4 pairs" {
		t.Errorf("next line %q ... %q; want %q ... %q", head, legend, "verifying 100% ", " 4 of 4 pairs")
	}
}
