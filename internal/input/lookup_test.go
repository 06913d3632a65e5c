package input_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestLookup checks that every name Read gives finds its document again, and the errors for
// names that find none (issue 17, item 3).
func TestLookup(t *testing.T) {
	dir := t.TempDir()
	records := `{"id": "a0", "text": "first"}
{"text": "no id"}
{"id": "a0", "text": "same id again"}
{"id": "x#y", "text": "hash in the id"}
`
	testfs.WriteFiles(t, dir, map[string]string{
		"news/a.txt":      "plain",
		"news/b#c.txt":    "hash in the file name",
		"arc.jsonl":       records,
		"arc.jsonl.gz":    testfs.Gzip(t, records),
		"empty.txt":       "",
		"news/a.jsonl#a0": "a file named like a record",
		"bad.jsonl":       `{"id": "ok", "text": "read"}` + "\n" + `{"id": "notext"}` + "\n",
		"bare.jsonl":      strings.Repeat(`{"id": "bare"}`+"\n", 1200),
		// Names that Read escapes: a byte that is not UTF-8, a backslash before "x41".
		"news/bad\xffname.txt": "not UTF-8 in the name",
		`news/a\x41b.txt`:      "an escape in the name",
	})
	t.Chdir(dir)

	// Every name Read gives is found, with its text.
	res, err := read(t, []string{"."}, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.docs {
		for _, name := range []string{d.Path, "./" + d.Path} {
			got, err := input.Lookup(context.Background(), name, nil, input.Options{})
			if err != nil || got.Text != d.Text || got.Path != d.Path {
				t.Errorf("Lookup(%q) = %q (%q), %v; want %q (%q)", name, got.Path, got.Text, err, d.Path, d.Text)
			}
		}
	}
	if len(res.docs) != 13 {
		t.Errorf("%d documents read; want 13", len(res.docs))
	}

	stdin := func() *strings.Reader { return strings.NewReader(records) }
	for _, tt := range []struct {
		name string
		opts input.Options
		text string
	}{
		{"arc.jsonl#a0~2", input.Options{}, "same id again"},
		{"arc.jsonl.gz#L2", input.Options{}, "no id"},
		{"arc.jsonl#x#y", input.Options{}, "hash in the id"},
		{"-#x#y", input.Options{Format: "jsonl"}, "hash in the id"},
		{"-", input.Options{Format: "text"}, records},
		// An existing file is the file, though a folder walk skips its extension.
		{"news/a.jsonl#a0", input.Options{}, "a file named like a record"},
	} {
		got, err := input.Lookup(context.Background(), tt.name, stdin(), tt.opts)
		if err != nil || got.Text != strings.TrimSpace(tt.text) && got.Text != tt.text {
			t.Errorf("Lookup(%q) = %q, %v; want %q", tt.name, got.Text, err, tt.text)
		}
	}

	for _, tt := range []struct{ name, want string }{
		{"arc.jsonl#a9", `"arc.jsonl#a9": no record named "a9" in "arc.jsonl"`},
		{"bad.jsonl#notext", `"bad.jsonl#notext": no record named "notext" in "bad.jsonl", unless it is a record of it that was skipped (line 2: no text field (tried "text", "content", "body", "article", "html"); the record has "id")`},
		// The lines skipped past those a file lists one by one are counted too.
		{"bare.jsonl#bare", `"bare.jsonl#bare": no record named "bare" in "bare.jsonl", unless it is a record of it that was skipped (line 1: no text field (tried "text", "content", "body", "article", "html"); the record has "id"; line 2: no text field (tried "text", "content", "body", "article", "html"); the record has "id"; line 3: no text field (tried "text", "content", "body", "article", "html"); the record has "id"; 1197 more)`},
		{"arc.jsonl", `"arc.jsonl" holds 4 documents: name one as "arc.jsonl#a0", as scan does`},
		{"nothere.jsonl#a0", `open "nothere.jsonl#a0": no such file or directory`},
		{"news#a.txt", `open "news#a.txt": no such file or directory`},
		{"empty.txt", `"empty.txt": empty file`},
		{"-", `"-": empty file`},
		{"-#x", `"-#x": no record named "x" in "-": standard input is read as one text unless it starts with "{" or --input-format says jsonl or sgml`},
		{"-", `"-" holds 4 documents: name one as "-#a0", as scan does`},
	} {
		in := ""
		switch tt.want {
		case `"-" holds 4 documents: name one as "-#a0", as scan does`:
			in = records // JSON Lines piped in: read as records
		case `"-#x": no record named "x" in "-": standard input is read as one text unless it starts with "{" or --input-format says jsonl or sgml`:
			in = "id x: a plain text, no record"
		}
		_, err := input.Lookup(context.Background(), tt.name, strings.NewReader(in), input.Options{})
		if err == nil || err.Error() != tt.want {
			t.Errorf("Lookup(%q) error = %v; want %s", tt.name, err, tt.want)
		}
	}
}
