package input_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/dedupe-dev/dedupe/internal/input"
)

func ExampleRead() {
	archive := `{"id": "ap-1", "headline": "Port reopens", "text": "The port reopened on Friday.", "date": "2024-03-08"}
{"text": "A record without an id."}
{"headline": "No body"}
`
	opts := input.Options{Format: "jsonl"}
	err := input.Read(context.Background(), []string{"-"}, strings.NewReader(archive), opts,
		func(d input.Document) error {
			fmt.Printf("%s %s %q: %s\n", d.Path, d.Date.Format("2006-01-02"), d.Title, d.Text)
			return nil
		},
		func(s input.Skip) error {
			fmt.Printf("skipped %s line %d: %s\n", s.Path, s.Line, s.Reason)
			return nil
		})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// -#ap-1 2024-03-08 "Port reopens": The port reopened on Friday.
	// -#L2 0001-01-01 "": A record without an id.
	// skipped - line 3: no text field (tried "text", "content", "body", "article", "html"); the record has "headline"
}
