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
type Progress struct {
	start time.Time
	docs  atomic.Int64
	bytes atomic.Int64

	mu     sync.Mutex // guards bar, stages and since
	bar    *progressbar.ProgressBar
	stages []string // "name: duration" of every finished stage
	stage  string
	since  time.Time
}

// NewProgress returns a Progress that draws on w when enabled (stderr is a terminal and the
// user did not ask for quiet); otherwise it only counts.
func NewProgress(w io.Writer, enabled bool) *Progress {
	p := &Progress{start: time.Now()}
	if enabled {
		p.bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("reading"),
			progressbar.OptionShowBytes(true),
			progressbar.OptionShowCount(),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

// Read records one document of n bytes.
func (p *Progress) Read(n int64) {
	p.docs.Add(1)
	p.bytes.Add(n)
	if p.bar != nil {
		p.mu.Lock()
		p.bar.Add64(n)
		p.mu.Unlock()
	}
}

// Stage shows the name of the stage the work is in and records how long the previous one took.
func (p *Progress) Stage(name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.endStage()
	p.stage, p.since = name, time.Now()
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("%s (%d documents)", name, p.docs.Load()))
	}
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

// Done removes the bar.
func (p *Progress) Done() {
	if p.bar != nil {
		p.mu.Lock()
		p.bar.Finish()
		p.mu.Unlock()
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
