// Command gencorpus generates a synthetic news corpus with planted
// duplicates, and scores dedupe's JSON result against it.
//
// Usage:
//
//	gencorpus -n 10000 -seed 1 -out DIR [-format txt|jsonl|jsonl.gz]
//	gencorpus eval -truth DIR/truth.jsonl -result result.json [-json]
//
// The first form writes the articles under DIR/docs and their planted
// groups to DIR/truth.jsonl; scan DIR/docs with dedupe. The second prints,
// per kind of copy, the fraction found with its original, the pair
// precision, the clusters that join independent reports of one event and
// the template joins (two issues of one templated series clustered or
// linked).
// README.md describes the files and the scores; package corpusgen, the
// generator, what the corpus holds.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/dedupe-dev/dedupe/tools/gencorpus/corpusgen"
)

func main() { os.Exit(run(os.Args[1:])) }

// run returns the exit status: 0 for success, 2 for usage and I/O errors,
// 130 when interrupted.
func run(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var err error
	if len(args) > 0 && args[0] == "eval" {
		err = runEval(args[1:], os.Stdout)
	} else {
		err = runGenerate(ctx, args, os.Stderr)
	}
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(os.Stderr, "gencorpus: interrupted")
		return 130
	}
	fmt.Fprintln(os.Stderr, "gencorpus:", err)
	return 2
}

// runGenerate writes a corpus and a one-line summary to log.
func runGenerate(ctx context.Context, args []string, log io.Writer) error {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	n := fs.Int("n", 10000, "generate `n` news articles, and 4% as many issues of templated series")
	seed := fs.Uint64("seed", 1, "random `seed`; the same seed and -n give the same corpus")
	out := fs.String("out", "", "write the corpus to `dir` (required)")
	format := fs.String("format", "txt", "article `format`: txt, jsonl or jsonl.gz")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 || *out == "" {
		fs.Usage()
		return errors.New("-out is required and takes no arguments")
	}
	f, err := corpusgen.ParseFormat(*format)
	if err != nil {
		return err
	}
	c, err := corpusgen.New(corpusgen.Config{N: *n, Seed: *seed})
	if err != nil {
		return err
	}
	start := time.Now()
	if err := c.Write(ctx, *out, f); err != nil {
		return err
	}
	elapsed := time.Since(start)
	fmt.Fprintf(log, "gencorpus: %d articles in %s (%.0f articles/s)\n",
		c.Len(), elapsed.Round(time.Millisecond), float64(c.Len())/elapsed.Seconds())
	return nil
}

// runEval scores a result and prints the report to w.
func runEval(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("gencorpus eval", flag.ContinueOnError)
	truthPath := fs.String("truth", "", "the corpus's truth.jsonl `file` (required)")
	resultPath := fs.String("result", "", "dedupe's JSON result `file` (required)")
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 || *truthPath == "" || *resultPath == "" {
		fs.Usage()
		return errors.New("-truth and -result are required and take no arguments")
	}
	truth, err := os.Open(*truthPath)
	if err != nil {
		return err
	}
	defer truth.Close()
	result, err := os.Open(*resultPath)
	if err != nil {
		return err
	}
	defer result.Close()
	r, err := corpusgen.Evaluate(truth, result)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(w).Encode(r)
	}
	return r.WriteText(w)
}
