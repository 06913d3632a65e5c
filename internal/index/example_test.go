package index_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// Example indexes an article, then checks a rewrite of it and an unrelated article against
// the index, as dedupe check does.
func Example() {
	dir, err := os.MkdirTemp("", "index-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ix, err := index.Create(filepath.Join(dir, "archive.db"), index.TestParams(), index.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()

	an, _ := normalize.New("english")
	doc := func(path, text string) index.Document {
		return index.Document{Path: path, Sketch: sketch.New(an.Analyze(text))}
	}
	archived := doc("2025/strike.txt", "Dock workers walked out at the port of Harwich on Monday after talks on pay collapsed. "+
		"The union said the strike would last a week. Shipping lines diverted twelve vessels to Felixstowe. "+
		"The port authority called the walkout irresponsible and urged a return to negotiations.")
	if _, err := ix.Add([]index.Document{archived}); err != nil {
		log.Fatal(err)
	}

	v, _ := verify.New(verify.DefaultParams())
	for _, d := range []index.Document{
		doc("new/rewrite.txt", "Port workers at Harwich walked out on Monday after pay talks collapsed. "+
			"The union said the stoppage would last a week. Shipping lines diverted twelve ships to Felixstowe. "+
			"The port authority called the walkout irresponsible and urged a return to talks."),
		doc("new/other.txt", "The city council approved a new budget on Tuesday, raising spending on schools and "+
			"libraries while cutting the road maintenance programme by a tenth."),
	} {
		cands, _, err := ix.Query(&d.Sketch, index.QueryOptions{})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d candidates\n", d.Path, len(cands))
		for _, c := range cands {
			r := v.Verify(&c.Sketch, &d.Sketch)
			fmt.Printf("  %s: duplicate %v, %s\n", c.Path, r.Duplicate, r.Relation)
		}
	}
	// Output:
	// new/rewrite.txt: 1 candidates
	//   2025/strike.txt: duplicate true, rewrite
	// new/other.txt: 0 candidates
}
