// Command peer runs the peer that issue 15 measures dedupe against: github.com/ekzhu/minhash-lsh
// configured as in the run on the AP 1989 newswire (word 2-grams, 256 permutations,
// threshold 0.45, no verification), on the same folders dedupe scans, so that anyone can repeat
// the comparison (scripts/bench-peer.sh runs both).
//
// Usage:
//
//	peer [-workers n] [-perms n] [-threshold t] PATH...
//
// It reads every .txt file under the paths and turns each into the set of its word 2-grams:
// words are runs of Unicode letters and digits, lower-cased, and a 2-gram is two consecutive
// words joined by a space. Each set gets a MinHash signature of -perms permutations from
// minhashlsh.NewMinhash (seed 42, as the library's own all-pairs command), on -workers
// goroutines (default: one per CPU, as dedupe analyses on one per CPU). The signatures go into
// minhashlsh.NewMinhashLSH at -threshold, which picks its bands and rows from the threshold,
// on one goroutine (the index's Add is not safe for concurrent use), and every document is then queried, again on -workers goroutines; every other document a
// query returns is a candidate pair. Nothing verifies the candidates, as in the issue: the
// peer's work ends where dedupe's verification begins. A document with fewer than two words
// has no 2-gram and is not indexed (an empty signature would match every other empty one).
//
// It prints one line, with the time of each stage (signing includes reading the files):
//
//	peer: files=59433 indexed=59433 bytes=99692117 k=5 l=47 candidate_pairs=9850 sign_s=37.280 index_s=43.806 query_s=23.393 total_s=104.478
//
// candidate_pairs counts each unordered pair of documents once. peer is a Go module of its own
// so that the dedupe module does not depend on minhash-lsh.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	minhashlsh "github.com/ekzhu/minhash-lsh"
)

// seed is the MinHash seed of the library's all-pairs command (cmd/minhash-lsh-all-pair).
const seed = 42

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run returns the exit status: 0 for success, 2 for usage and I/O errors.
func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("peer", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var cfg config
	fl.IntVar(&cfg.workers, "workers", runtime.NumCPU(), "goroutines signing and querying (`n`)")
	fl.IntVar(&cfg.perms, "perms", 256, "MinHash permutations (`n`)")
	fl.Float64Var(&cfg.threshold, "threshold", 0.45, "Jaccard similarity threshold of the LSH index (`t`)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: peer [-workers n] [-perms n] [-threshold t] PATH...")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 || cfg.workers < 1 || cfg.perms < 1 || cfg.threshold <= 0 || cfg.threshold >= 1 {
		fl.Usage()
		return 2
	}
	res, err := measure(fl.Args(), cfg)
	if err != nil {
		fmt.Fprintln(stderr, "peer:", err)
		return 2
	}
	fmt.Fprintf(stdout, "peer: files=%d indexed=%d bytes=%d k=%d l=%d candidate_pairs=%d sign_s=%.3f index_s=%.3f query_s=%.3f total_s=%.3f\n",
		res.files, res.indexed, res.bytes, res.k, res.l, res.pairs,
		res.sign.Seconds(), res.index.Seconds(), res.query.Seconds(), (res.sign + res.index + res.query).Seconds())
	return 0
}

// config holds the flags.
type config struct {
	workers   int
	perms     int
	threshold float64
}

// result is what measure counts and times.
type result struct {
	files, indexed, bytes int
	k, l                  int   // rows per band and bands, as minhash-lsh chose them
	pairs                 int64 // candidate pairs, each unordered pair once
	sign, index, query    time.Duration
}

// measure signs every .txt file under paths, indexes the signatures and queries each.
func measure(paths []string, cfg config) (result, error) {
	var res result
	start := time.Now()
	var names []string
	for _, p := range paths {
		err := filepath.WalkDir(p, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() && strings.HasSuffix(name, ".txt") {
				names = append(names, name)
			}
			return nil
		})
		if err != nil {
			return res, err
		}
	}
	res.files = len(names)
	sigs := make([][]uint64, len(names)) // nil: no 2-gram
	var size atomic.Int64
	err := parallel(len(names), cfg.workers, func(i int) error {
		data, err := os.ReadFile(names[i])
		if err != nil {
			return err
		}
		size.Add(int64(len(data)))
		sigs[i] = sign(data, cfg.perms)
		return nil
	})
	if err != nil {
		return res, err
	}
	res.bytes = int(size.Load())
	res.sign = time.Since(start)

	start = time.Now()
	lsh := minhashlsh.NewMinhashLSH(cfg.perms, cfg.threshold)
	res.k, res.l = lsh.Params()
	for i, sig := range sigs {
		if sig != nil {
			lsh.Add(i, sig)
			res.indexed++
		}
	}
	lsh.Index()
	res.index = time.Since(start)

	start = time.Now()
	var pairs atomic.Int64
	err = parallel(len(sigs), cfg.workers, func(i int) error {
		if sigs[i] == nil {
			return nil
		}
		n := 0
		for _, key := range lsh.Query(sigs[i]) {
			// The index's bands are symmetric: j answers i's query when i answers j's, so
			// counting only the later document counts each pair once.
			if key.(int) > i {
				n++
			}
		}
		pairs.Add(int64(n))
		return nil
	})
	res.pairs = pairs.Load()
	res.query = time.Since(start)
	return res, err
}

// parallel calls f(0) ... f(n-1) on workers goroutines and returns the errors it returned.
func parallel(n, workers int, f func(i int) error) error {
	var next atomic.Int64
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if err := f(i); err != nil {
					errs[w] = errors.Join(errs[w], err)
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// sign returns the MinHash signature of the word 2-grams of text with perms permutations, or
// nil when text has fewer than two words.
func sign(text []byte, perms int) []uint64 {
	words := words(text)
	if len(words) < 2 {
		return nil
	}
	mh := minhashlsh.NewMinhash(seed, perms)
	var gram []byte
	for i := 1; i < len(words); i++ {
		// A 2-gram seen twice leaves the minimums as they are: pushing every occurrence
		// signs the set of 2-grams.
		gram = append(append(append(gram[:0], words[i-1]...), ' '), words[i]...)
		mh.Push(gram)
	}
	return mh.Signature()
}

// words splits text into lower-cased words: runs of Unicode letters and digits. Invalid UTF-8
// bytes separate words. The words share one new buffer.
func words(text []byte) [][]byte {
	text = bytes.ToLower(text)
	var out [][]byte
	start := -1 // the first byte of the word being read, or -1 between words
	for i := 0; i < len(text); {
		c := text[i]
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text[i:])
		}
		inWord := 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c >= utf8.RuneSelf && r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			out = append(out, text[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		out = append(out, text[start:])
	}
	return out
}
