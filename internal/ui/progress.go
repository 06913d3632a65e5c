// Package ui is the only package that knows about terminals: it draws dedupe's progress line on
// standard error and formats figures for people.
//
// The line is drawn by github.com/vbauerster/mpb/v8, chosen over schollz/progressbar, which
// dedupe used until issue 17 asked for a legend a user can read. progressbar's legend is fixed
// ("(1067/2372 pairs) [1s:17s]"), it shrinks its bar but never its description, so a legend in
// words written there wrapped at 80 columns, a bar of unknown length cannot take a total learnt
// later and count from zero, and a bar that reaches its maximum finishes and clears itself. mpb
// builds the line from decorators that dedupe writes in words, around a bar that takes the
// width they leave and is cut, not wrapped, at the terminal's width; a bar's total can change
// while it runs and it ends only when told; it computes the time left, redraws with cursor
// movements it also knows on Windows consoles, and prints other lines above the bar (see
// [Progress.Write]). It is kept up (v8.16.2, September 2026) and used by many command-line
// tools. Its own percentage (rounded to the nearest) and elapsed-time decorators are not used:
// see [view.head] and [view.legend].
package ui

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"

	"github.com/dedupe-dev/dedupe/internal/report"
)

// Progress counts documents and bytes read and the work done in each stage and, when enabled,
// draws one line on a terminal: the stage, the percentage done and a bar when the stage's total
// is known, then the counts and the time left in words:
//
//	reading  53% [=========>         ] 53.8 MB of 99.7 MB, 2,431 documents · 2s left
//	verifying  44% [============>               ] 1,067 of 2,372 pairs · 12s left
//
// The bar is 30 columns at most and narrows, then goes, so that the line fits the terminal;
// a line still too wide is cut at its end, never wrapped.
//
// The time left shows once the stage has run a second, at its average rate so far. Reading
// counts the bytes from the first one, against the size of the inputs once [Progress.SetTotal]
// tells it; until then, or when it cannot be known (standard input), the line shows the bytes
// and documents read and the time spent. Every stage is drawn as it begins, at 0%.
//
// Workers only add to counters; a goroutine takes them for a frame and asks mpb to draw it ten
// times a second, and at once when a stage begins. Its methods are safe for concurrent use.
type Progress struct {
	w     io.Writer
	start time.Time
	now   func() time.Time // the clock stages start by; tests move it back
	docs  atomic.Int64
	bytes atomic.Int64
	done  atomic.Int64          // units of the current stage done; reading counts bytes instead
	stage atomic.Pointer[stage] // the current stage
	shown atomic.Pointer[view]  // the last frame asked for
	drawn atomic.Pointer[view]  // the frame mpb is drawing: see [Progress.head]

	mu        sync.Mutex // guards the fields below and orders the frames
	stages    []string   // "name duration" of every finished stage
	container *mpb.Progress
	bar       *mpb.Bar       // nil when not drawing or after Done
	refresh   chan any       // asks the container for a frame
	stop      chan struct{}  // closed by Done to stop the ticker
	ticker    sync.WaitGroup // the goroutine that asks for frames
}

// stage is what the line shows of the stage the work is in; a new one replaces it as a whole.
type stage struct {
	name  string
	total int64  // units of work in the stage; 0 when not known
	unit  string // what a unit is, in the plural ("pairs"); "" for the bytes read
	since time.Time
	eta   decor.Decorator // mpb's time left at the average rate since the stage began
}

// readingStage is the stage a Progress begins in: reading documents, bytes counted by Read.
const readingStage = "reading"

const (
	redraw = 100 * time.Millisecond // how often the line is drawn again
	maxBar = 30                     // the bar's width at most, brackets included
)

// NewProgress returns a Progress, in the reading stage, that draws on w when enabled (stderr is
// a terminal and the user did not ask for quiet); otherwise it only counts. [Progress.Done]
// stops the drawing.
func NewProgress(w io.Writer, enabled bool) *Progress {
	width := 0
	// A terminal that reports no size (a pseudo-terminal from script(1), or a CI runner's not
	// yet sized) got no line at all: mpb draws as many rows as the terminal has, none. Hidden
	// behind a plain writer, it is drawn as a terminal of 80 columns.
	if f, ok := w.(*os.File); ok && enabled {
		if cols, rows, err := term.GetSize(int(f.Fd())); err == nil && (cols <= 0 || rows <= 0) {
			w, width = struct{ io.Writer }{f}, 80
		}
	}
	return newProgress(w, enabled, width, redraw, time.Now)
}

// newProgress is NewProgress drawing lines of width columns when w is not a terminal (0: 80;
// a terminal's own width counts otherwise), a frame every tick (0: only as a stage begins or
// when [Progress.frame] is called), and starting stages at now().
func newProgress(w io.Writer, enabled bool, width int, tick time.Duration, now func() time.Time) *Progress {
	p := &Progress{w: w, start: time.Now(), now: now}
	p.stage.Store(newStage(readingStage, 0, "", now()))
	if !enabled {
		return p
	}
	p.refresh = make(chan any, 1)
	opts := []mpb.ContainerOption{
		mpb.WithOutput(w),
		mpb.WithManualRefresh(p.refresh),
		// Enabled means that w is a terminal: mpb then moves the cursor up to redraw even when
		// it cannot tell (a test's buffer).
		mpb.ForceTTY(),
	}
	if width > 0 {
		opts = append(opts, mpb.WithWidth(width))
	}
	p.container = mpb.New(opts...)
	// The bar is made with no total, so that it never completes, and so disappears, on its
	// own: Done removes it. Its counts are not mpb's but those of the last frame asked for
	// (see [Progress.frame]), for the bar and the words around it alike.
	p.bar = p.container.New(0,
		mpb.BarStyle().Lbound("[").Filler("=").Tip(">").Padding(" ").Rbound("]"),
		mpb.BarWidth(maxBar),
		mpb.BarFillerTrim(), // the decorators hold the spaces, so that a line without a bar has one
		mpb.BarFillerMiddleware(p.fill),
		mpb.PrependDecorators(decor.Any(p.head)),
		mpb.AppendDecorators(decor.Any(p.legend)),
	)
	// The goroutine keeps its own stop: Done sets p.stop to nil before closing it.
	stop := make(chan struct{})
	p.stop = stop
	if tick > 0 {
		p.ticker.Go(func() {
			t := time.NewTicker(tick)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					p.frame()
				}
			}
		})
	}
	p.frame()
	return p
}

// newStage returns the stage name, begun at since.
func newStage(name string, total int64, unit string, since time.Time) *stage {
	// Rounded, not cut, to whole seconds, and at least one: mpb's Go style then shows "3s",
	// never "0s" while work remains.
	seconds := decor.TimeNormalizerFunc(func(d time.Duration) time.Duration { return max(d.Round(time.Second), time.Second) })
	return &stage{name, total, unit, since, decor.NewAverageETA(decor.ET_STYLE_GO, since, seconds)}
}

// view is what a frame shows: the stage and its counts, taken together so that the words
// of one frame are those of one stage.
type view struct {
	*stage
	done, total int64 // units done and in all (0: not known); bytes while reading
	docs        int64 // documents read
}

// head returns the words before the bar: the stage's name and, when its total is known, the
// share done, rounded down (not to the nearest, as mpb's decor.Percentage does): a stage is not
// shown done, 100%, while it still has time left.
func (v *view) head() string {
	if v.total <= 0 {
		return v.name + " "
	}
	return fmt.Sprintf("%s %3d%% ", v.name, v.done*100/v.total)
}

// legend returns the words after the bar: what is done of what, and the time left once the
// stage has run a second; reading without a total shows what was read and the time spent.
func (v *view) legend() string {
	var legend string
	switch {
	case v.unit != "":
		legend = fmt.Sprintf("%s of %s %s", report.Int(v.done), report.Int(v.total), v.unit)
	case v.total > 0:
		legend = fmt.Sprintf("%s of %s, %s", Bytes(v.done), Bytes(v.total), report.Count(v.docs, "document", "documents"))
	default:
		return fmt.Sprintf("%s, %s · %s so far", Bytes(v.done), report.Count(v.docs, "document", "documents"), time.Since(v.since).Truncate(time.Second))
	}
	if v.done > 0 && v.done < v.total && time.Since(v.since) >= time.Second {
		left, _ := v.eta.Decor(decor.Statistics{Current: v.done, Total: v.total})
		legend += " · " + left + " left"
	}
	if v.total > 0 {
		legend = " " + legend // after the bar; head's space comes before it
	}
	return legend
}

// head is the decorator before the bar. mpb draws a line by calling it first, then legend,
// then the bar's filler, one after the other; a frame asked for meanwhile (a stage begins, the
// reading total becomes known) must not mix into that line, which once showed the words of
// reading without a total around the full bar of the next stage. So head takes the last frame
// asked for, and legend and fill draw the same one.
func (p *Progress) head(decor.Statistics) string {
	v := p.shown.Load()
	p.drawn.Store(v)
	return v.head()
}

// legend is the decorator after the bar: the words of the frame head took.
func (p *Progress) legend(decor.Statistics) string { return p.drawn.Load().legend() }

// fill draws the bar of f with the counts of the frame head took, and only in a stage whose
// total is known: a bar that does not move says nothing.
func (p *Progress) fill(f mpb.BarFiller) mpb.BarFiller {
	return mpb.BarFillerFunc(func(w io.Writer, s decor.Statistics) error {
		v := p.drawn.Load()
		if v.total <= 0 {
			return nil
		}
		s.Current, s.Total = v.done, v.total
		return f.Fill(w, s)
	})
}

// frame takes the counters for the next frame and asks mpb to draw it. mpb draws on its own
// goroutines, later: the bar and the words then show the counts of one moment, those of the
// last frame asked for, whatever mpb's own counts of the bar are (they stay at 0).
func (p *Progress) frame() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar == nil {
		return
	}
	v := &view{stage: p.stage.Load(), done: p.done.Load(), docs: p.docs.Load()}
	if v.unit == "" {
		v.done = p.bytes.Load()
	}
	if v.total = v.stage.total; v.total > 0 {
		// A size measured in advance can fall short (a file that grew): the bar is then full,
		// not past its end.
		v.total = max(v.total, v.done)
	}
	p.shown.Store(v)
	select {
	case p.refresh <- nil:
	default: // a frame is already asked for; it will show these counts
	}
}

// Read records one document of n bytes.
func (p *Progress) Read(n int64) {
	p.docs.Add(1)
	p.bytes.Add(n)
}

// SetTotal tells the reading stage that it reads n bytes in all, summed as [Progress.Read]
// sums them, so that it shows the percentage done and the time left. It may be called from any
// goroutine while reading goes on; it does nothing when n <= 0 (unknown), when the total was
// already set, or once reading is over.
func (p *Progress) SetTotal(n int64) {
	if n <= 0 {
		return
	}
	p.mu.Lock()
	st := p.stage.Load()
	if st.name != readingStage || st.total > 0 {
		p.mu.Unlock()
		return
	}
	p.stage.Store(newStage(st.name, n, st.unit, st.since))
	p.mu.Unlock()
	p.frame()
}

// Stage records how long the previous stage took and begins stage name, which does total
// units of work (0: not counted) of unit, counted by [Progress.Advance]. The reading stage is
// the one a Progress begins in: naming it again keeps it as it is.
func (p *Progress) Stage(name string, total int, unit string) {
	p.mu.Lock()
	if name == readingStage && p.stage.Load().name == readingStage {
		p.mu.Unlock()
		return
	}
	p.endStage()
	p.done.Store(0)
	p.stage.Store(newStage(name, int64(total), unit, p.now()))
	p.mu.Unlock()
	p.frame()
}

// Advance records n more units of work done in the current stage.
func (p *Progress) Advance(n int) { p.done.Add(int64(n)) }

// endStage records the time the current stage took; p.mu is held.
func (p *Progress) endStage() {
	if st := p.stage.Load(); st.name != "" {
		p.stages = append(p.stages, fmt.Sprintf("%s %s", st.name, time.Since(st.since).Round(time.Millisecond)))
		p.stage.Store(&stage{since: st.since})
	}
}

// Stages returns how long each stage took, in order, for verbose output.
func (p *Progress) Stages() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.endStage()
	return p.stages
}

// Write writes b above the progress line while it is drawn (at its next frame), and to the
// Progress's writer otherwise, so that warnings printed while reading do not break the line.
func (p *Progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		return p.container.Write(b)
	}
	return p.w.Write(b)
}

// Done removes the line, after the last frame, and stops drawing; later calls only count. It
// may be called more than once.
func (p *Progress) Done() {
	p.mu.Lock()
	bar, container, stop := p.bar, p.container, p.stop
	p.bar, p.container, p.stop = nil, nil, nil
	p.mu.Unlock()
	if bar == nil {
		return
	}
	close(stop)
	p.ticker.Wait()
	bar.Abort(true) // true: the line is cleared
	container.Wait()
}

// BytesRead returns the bytes read so far.
func (p *Progress) BytesRead() int64 { return p.bytes.Load() }

// Elapsed returns the time since the Progress was made, rounded for people.
func (p *Progress) Elapsed() time.Duration {
	d := time.Since(p.start)
	if d > 10*time.Second {
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}

// Bytes formats n bytes for people: "512 B", "3.4 MB".
func Bytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}
