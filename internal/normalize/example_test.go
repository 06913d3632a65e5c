package normalize_test

import (
	"fmt"

	"github.com/dedupe-dev/dedupe/internal/normalize"
)

func ExampleAnalyzer_Analyze() {
	a, err := normalize.New("english")
	if err != nil {
		panic(err)
	}
	doc := a.Analyze("Mr. Putin met U.S. envoys\u00a0\u2014 \u201Cthey\u2019re long-term.\u201D\r\nA heading")
	for _, s := range doc.Sentences {
		fmt.Printf("%q\n", doc.Text[s.Start:s.End])
		for _, tk := range doc.Tokens[s.First:s.Last] {
			word := doc.Text[tk.Start:tk.End]
			fmt.Printf("  %-8s %-7s stop=%v\n", word, a.Term(word), tk.Stop)
		}
	}
	// Output:
	// "Mr. Putin met U.S. envoys - \"they're long-term.\""
	//   Mr       mr      stop=false
	//   Putin    putin   stop=false
	//   met      met     stop=false
	//   U.S.     us      stop=false
	//   envoys   envoy   stop=false
	//   they're  they'r  stop=true
	//   long     long    stop=false
	//   term     term    stop=false
	// "A heading"
	//   A        a       stop=true
	//   heading  head    stop=false
}

func ExampleText() {
	fmt.Printf("%q\n", normalize.Text("\u201CCo\u00adoperation\u201D \u2013 ﬁnal\u00a0text\r\n"))
	// Output:
	// "\"Cooperation\" - final text\n"
}
