package passages_test

import (
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/passages"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

var update = flag.Bool("update", false, "rewrite the parameter table of docs/passages.md from Specs")

// TestSpecs checks that every field of Options but Input has its row.
func TestSpecs(t *testing.T) {
	if err := passages.Specs.Check(reflect.TypeFor[passages.Options](), "Input"); err != nil {
		t.Error(err)
	}
}

// TestPassagesDoc checks that docs/passages.md ends with the table that Specs gives; run
// go test ./internal/passages -run TestPassagesDoc -update to rewrite it.
func TestPassagesDoc(t *testing.T) {
	const file = "../../docs/passages.md"
	const marker = "go test ./internal/passages -run TestPassagesDoc -update -->\n"
	got := testfs.ReadFile(t, file)
	head, _, ok := strings.Cut(string(got), marker)
	if !ok {
		t.Fatalf("%s lacks the marker %q", file, marker)
	}
	var b strings.Builder
	b.WriteString(head + marker + "\n" + passages.Specs.Markdown())
	if *update {
		if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if string(got) != b.String() {
		t.Errorf("%s is stale: run go test ./internal/passages -run TestPassagesDoc -update", file)
	}
}
