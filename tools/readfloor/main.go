// Command readfloor measures the floor under dedupe's reading and analysis: it reads every
// file under the given paths and splits it into words, hashing each word with xxh3, and does
// nothing else (no decoding, normalisation, stemming or sketching). What dedupe spends above
// this floor is its analysis; scripts/bench-real.sh prints every stage's speed beside it.
//
// Usage:
//
//	readfloor [-workers n] PATH...
//
// Files are read on -workers goroutines (default: one per CPU), as a scan analyses on one per
// CPU. A word is a run of ASCII letters and digits and of non-ASCII bytes. It prints one line:
//
//	readfloor: files=59433 words=17937521 bytes=103366229 seconds=0.512 mb_per_s=201.9
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/zeebo/xxh3"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run returns the exit status: 0 for success, 2 for usage and I/O errors.
func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("readfloor", flag.ContinueOnError)
	fl.SetOutput(stderr)
	workers := fl.Int("workers", runtime.NumCPU(), "goroutines reading files (`n`)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: readfloor [-workers n] PATH...")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 || *workers < 1 {
		fl.Usage()
		return 2
	}
	start := time.Now()
	st, err := measure(fl.Args(), *workers)
	if err != nil {
		fmt.Fprintln(stderr, "readfloor:", err)
		return 2
	}
	secs := time.Since(start).Seconds()
	fmt.Fprintf(stdout, "readfloor: files=%d words=%d bytes=%d seconds=%.3f mb_per_s=%.1f\n",
		st.files, st.words, st.bytes, secs, float64(st.bytes)/1e6/secs)
	return 0
}

// stats is what measure counts.
type stats struct {
	files, words, bytes int64
	sum                 uint64 // xor of the word hashes, so that the hashing cannot be left out
}

func (s *stats) add(o stats) {
	s.files += o.files
	s.words += o.words
	s.bytes += o.bytes
	s.sum ^= o.sum
}

// measure reads every regular file under paths on workers goroutines and splits each into words.
func measure(paths []string, workers int) (stats, error) {
	names := make(chan string, 64*workers)
	var (
		mu    sync.Mutex
		total stats
		errs  []error
		wg    sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var st stats
			var buf []byte
			for name := range names {
				data, err := readFile(name, buf[:0])
				if err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
					continue
				}
				buf = data
				st.add(words(data))
				st.files++
			}
			mu.Lock()
			total.add(st)
			mu.Unlock()
		}()
	}
	var walkErr error
	for _, p := range paths {
		// A named path that is a symbolic link is followed, as a scan follows it; WalkDir
		// would report the link itself and read nothing below it.
		if resolved, err := filepath.EvalSymlinks(p); err == nil {
			p = resolved
		}
		walkErr = filepath.WalkDir(p, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() {
				names <- name
			}
			return nil
		})
		if walkErr != nil {
			break
		}
	}
	close(names)
	wg.Wait()
	return total, errors.Join(append(errs, walkErr)...)
}

// readFile appends the content of the file name to buf, which it reuses across files as a
// scan's reader reuses its buffers.
func readFile(name string, buf []byte) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// wordByte marks the bytes that belong to a word: ASCII letters and digits, and every byte
// of a multi-byte UTF-8 sequence.
var wordByte = func() (t [256]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
	}
	return t
}()

// words splits data into words and hashes each.
func words(data []byte) stats {
	st := stats{bytes: int64(len(data))}
	for i := 0; i < len(data); {
		if !wordByte[data[i]] {
			i++
			continue
		}
		j := i + 1
		for j < len(data) && wordByte[data[j]] {
			j++
		}
		st.sum ^= xxh3.Hash(data[i:j])
		st.words++
		i = j
	}
	return st
}
