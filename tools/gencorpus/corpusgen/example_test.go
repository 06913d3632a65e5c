package corpusgen_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/dedupe-dev/dedupe/tools/gencorpus/corpusgen"
)

// A corpus is planned at once and its articles are built on demand, in any
// order; the same seed always gives the same articles.
func ExampleCorpus_Article() {
	c, err := corpusgen.New(corpusgen.Config{N: 1000, Seed: 1})
	if err != nil {
		panic(err)
	}
	kinds := map[corpusgen.Kind]int{}
	for i := range c.Len() {
		kinds[c.Article(i).Kind]++
	}
	fmt.Println(c.Len(), "articles,", kinds[corpusgen.KindUnique], "unique,", kinds[corpusgen.KindOriginal], "originals,", kinds[corpusgen.KindTemplate], "issues of series")
	a := c.Article(1)
	fmt.Println(a.ID, a.Kind, a.Event, a.Date.Format("2006-01-02"), a.Words, "words")
	fmt.Println(a.Title)
	fmt.Println(c.Path(1, corpusgen.FormatTxt), c.Path(1, corpusgen.FormatJSONLGz))
	// Output:
	// 1040 articles, 729 unique, 96 originals, 40 issues of series
	// 0000001 unique e00054 2017-09-12 1053 words
	// Enteenson Fadou Quoucktheasting Atroustyoo and Eazai be Wufrodai Doutrastvist Ouchootral
	// 000/0000001.txt part-000.jsonl.gz#0000001
}

func ExampleEvaluate() {
	truth := strings.NewReader(`{"path":"a.txt","group":"g1","kind":"original","event":"e1"}
{"path":"b.txt","group":"g1","kind":"rewrite","event":"e1"}
{"path":"c.txt","group":"","kind":"unique","event":"e1"}
`)
	result := strings.NewReader(`{"version":1,"stats":{"documents":3},"clusters":[
{"id":1,"size":3,"members":[{"path":"a.txt"},{"path":"b.txt"},{"path":"c.txt"}]}]}`)
	r, err := corpusgen.Evaluate(truth, result)
	if err != nil {
		panic(err)
	}
	r.WriteText(os.Stdout)
	// Output:
	// documents                         3
	// scanned                           3
	// clusters                          1
	// candidate pairs                   0
	// verified pairs                    0
	//
	// kind           copies    found   recall
	// exact               0        0        -
	// near_exact          0        0        -
	// rewrite             1        1   1.0000
	// partial             0        0        -
	// all                 1        1   1.0000
	//
	// co-clustered pairs                3
	// same-group pairs                  1
	// pair precision               0.3333
	// same-event false joins            1
	// series pairs                      0
	// template joins                    0
	// cross-series joins                0
}
