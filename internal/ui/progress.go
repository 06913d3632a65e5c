// Package ui is the only package that knows about terminals: it draws dedupe's progress bar on
// standard error and formats figures for people.
package ui

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Progress counts documents and bytes read and, when enabled, draws a progress bar with the
// current stage, documents read and throughput. Its methods are safe for concurrent use. It
// uses github.com/schollz/progressbar/v3, which redraws at a bounded rate and handles terminal
// width, rather than a hand-made renderer.
//
// While reading, the bar is a spinner with the bytes read and the rate; once [Progress.SetTotal]
// tells how many bytes there are, it shows the percentage done and the time left as well. When a
// stage other than "reading" begins, each stage gets a spinner with its name, the number of
// documents and the time spent in it.
type Progress struct {
	w       io.Writer
	enabled bool // draw a bar; fixed at creation
	start   time.Time
	docs    atomic.Int64
	bytes   atomic.Int64

	mu      sync.Mutex               // guards the fields below
	bar     *progressbar.ProgressBar // nil when not drawing or after Done
	reading bool                     // bar is the reading bar, not a later stage's spinner
	fed     int64                    // bytes added to the reading bar
	left    int64                    // bytes the reading bar takes before it is full; 0 while the total is unknown
	stages  []string                 // "name: duration" of every finished stage
	stage   string
	since   time.Time
}

// readingStage is the name of the stage that reads the documents, as [Progress.Stage] gets it.
const readingStage = "reading"

// NewProgress returns a Progress that draws on w when enabled (stderr is a terminal and the
// user did not ask for quiet); otherwise it only counts.
func NewProgress(w io.Writer, enabled bool) *Progress {
	p := &Progress{w: w, enabled: enabled, start: time.Now()}
	if enabled {
		// The total is unknown at first (a spinner). The bar's end is not shown next to the
		// bytes read: SetTotal sets it relative to where the spinner stopped, not to zero.
		p.bar = newBar(w, readingStage,
			progressbar.OptionShowBytes(true),
			progressbar.OptionShowCount(),
			progressbar.OptionShowTotalBytes(false))
		p.reading = true
	}
	return p
}

// newBar returns a spinner (length unknown) drawing on w with the description desc.
func newBar(w io.Writer, desc string, opts ...progressbar.Option) *progressbar.ProgressBar {
	return progressbar.NewOptions64(-1, append([]progressbar.Option{
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionThrottle(100 * time.Millisecond),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionClearOnFinish(),
	}, opts...)...)
}

// Read records one document of n bytes.
func (p *Progress) Read(n int64) {
	docs := p.docs.Add(1)
	p.bytes.Add(n)
	if !p.enabled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.reading {
		return
	}
	if p.left > 0 {
		if n >= p.left {
			// The total fell short (files that grew, gzip files of several members): move the
			// end so that the bar does not finish, and disappear, while reading goes on.
			p.bar.ChangeMax64(p.bar.GetMax64() + n + 1 - p.left)
			p.left = n + 1
		}
		p.left -= n
	}
	p.fed += n
	p.bar.Describe(fmt.Sprintf("%s (%d documents)", readingStage, docs))
	p.bar.Add64(n)
}

// SetTotal tells the bar that reading takes n bytes in all, summed as [Read] sums them, so that
// it shows the percentage done and the time left. It may be called from any goroutine while
// reading goes on; it does nothing when n <= 0 (unknown), when the total was already set, or
// once reading is over.
func (p *Progress) SetTotal(n int64) {
	if !p.enabled || n <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.reading || p.left > 0 {
		return
	}
	// A spinner's position is not the bytes read so far, and progressbar cannot change it
	// without counting those bytes again, which would distort the rate and so the time left.
	// The end is rather set the bytes still to read ahead of the position: the time left is
	// exact and the percentage is that of what remained when the total became known.
	p.left = max(n-p.fed, 1)
	p.bar.ChangeMax64(p.bar.State().CurrentNum + p.left)
}

// Stage shows the name of the stage the work is in and records how long the previous one took.
func (p *Progress) Stage(name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.endStage()
	p.stage, p.since = name, time.Now()
	if p.bar == nil {
		return
	}
	desc := fmt.Sprintf("%s (%d documents)", name, p.docs.Load())
	if p.reading && name == readingStage {
		p.bar.Describe(desc)
		return
	}
	p.reading = false
	p.bar.Finish()
	p.bar = newBar(p.w, desc, progressbar.OptionSetRenderBlankState(true))
}

func (p *Progress) endStage() {
	if p.stage != "" {
		p.stages = append(p.stages, fmt.Sprintf("%s %s", p.stage, time.Since(p.since).Round(time.Millisecond)))
		p.stage = ""
	}
}

// Stages returns how long each stage took, in order, for verbose output.
func (p *Progress) Stages() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.endStage()
	return p.stages
}

// Done removes the bar; later calls only count.
func (p *Progress) Done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
		p.bar, p.reading = nil, false
	}
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
