package ui

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a bytes.Buffer safe for the bar's own goroutine and the test's.
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

// left returns how many bytes the bar of p still takes before it is full, or -1 for a spinner.
func left(p *Progress) int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	st := p.bar.State()
	if st.Max < 0 {
		return -1
	}
	return st.Max - st.CurrentNum
}

func TestProgressTotal(t *testing.T) {
	var out syncBuffer
	p := NewProgress(&out, true)
	defer p.Done()
	p.Stage("reading")
	for range 3 {
		p.Read(1000)
	}
	if got := left(p); got != -1 {
		t.Fatalf("before SetTotal: %d bytes left; want a spinner", got)
	}
	p.SetTotal(10_000)
	if got := left(p); got != 7000 {
		t.Errorf("after SetTotal(10000) with 3000 read: %d bytes left; want 7000", got)
	}
	p.SetTotal(50_000) // only the first total counts
	p.Read(6000)
	if got := left(p); got != 1000 {
		t.Errorf("after reading 9000 of 10000: %d bytes left; want 1000", got)
	}
	// Reading past the total never fills the bar, which would remove it.
	p.Read(1000)
	p.Read(5000)
	if got := left(p); got <= 0 || p.bar.IsFinished() {
		t.Errorf("after reading past the total: %d bytes left, finished %v; want a bar still drawn", got, p.bar.IsFinished())
	}
	if got := p.BytesRead(); got != 15_000 {
		t.Errorf("BytesRead() = %d; want 15000", got)
	}

	p.Stage("signing")
	if got := left(p); got != -1 {
		t.Errorf("after reading: %d bytes left; want a spinner", got)
	}
	p.SetTotal(100) // too late: ignored
	if got := left(p); got != -1 {
		t.Errorf("SetTotal after reading: %d bytes left; want a spinner", got)
	}
	if s := out.String(); !strings.Contains(s, "reading (") || !strings.Contains(s, "signing (6 documents)") {
		t.Errorf("bar output %q; want the reading and signing stages", s)
	}
	p.Done()
	p.Stage("verifying") // after Done: counted, not drawn
	if s := out.String(); strings.Contains(s, "verifying") {
		t.Errorf("bar output %q after Done; want nothing more", s)
	}
	if got, want := len(p.Stages()), 3; got != want {
		t.Errorf("Stages() = %q; want %d stages", p.Stages(), want)
	}
}

func TestProgressUnknownTotal(t *testing.T) {
	p := NewProgress(&syncBuffer{}, true)
	defer p.Done()
	p.Read(10)
	for _, n := range []int64{-1, 0} {
		p.SetTotal(n)
		if got := left(p); got != -1 {
			t.Errorf("SetTotal(%d): %d bytes left; want a spinner", n, got)
		}
	}
}

func TestProgressDisabled(t *testing.T) {
	var out syncBuffer
	p := NewProgress(&out, false)
	p.Stage("reading")
	p.SetTotal(100)
	p.Read(40)
	p.Stage("signing")
	p.Done()
	if s := out.String(); s != "" {
		t.Errorf("disabled Progress wrote %q", s)
	}
	if got := p.BytesRead(); got != 40 {
		t.Errorf("BytesRead() = %d; want 40", got)
	}
}

func TestProgressConcurrent(t *testing.T) {
	p := NewProgress(&syncBuffer{}, true)
	p.Stage("reading")
	var wg sync.WaitGroup
	wg.Go(func() {
		for range 1000 {
			p.Read(100)
		}
	})
	wg.Go(func() { p.SetTotal(100_000) })
	wg.Wait()
	if got := left(p); got <= 0 {
		t.Errorf("after reading the whole total: %d bytes left; want a bar still drawn", got)
	}
	p.Stage("signing")
	p.Done()
	if got := p.BytesRead(); got != 100_000 {
		t.Errorf("BytesRead() = %d; want 100000", got)
	}
}
