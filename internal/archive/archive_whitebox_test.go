package archive

import (
	"os"
	"path/filepath"
	"testing"
)

func TestAddBatchSize(t *testing.T) {
	for _, tt := range []struct{ indexed, batch, want int }{
		{0, AddBatch, 1000}, {15999, AddBatch, 1000}, {16000, AddBatch, 2000}, {100000, AddBatch, 12000},
		{1000000, AddBatch, 25000}, {0, 10, 10}, {160, 10, 20}, {1000000, 10, 250},
	} {
		if got := addBatchSize(tt.indexed, tt.batch); got != tt.want {
			t.Errorf("addBatchSize(%d, %d) = %d; want %d", tt.indexed, tt.batch, got, tt.want)
		}
	}
}

func TestGitHubMessage(t *testing.T) {
	if got, want := githubMessage("50% done\r\nnext"), "50%25 done%0D%0Anext"; got != want {
		t.Errorf("githubMessage = %q; want %q", got, want)
	}
}

// TestAnnotatedFile: an annotation names the file on disk that GitHub can attach it to: a
// record's file, a name without its escapes, a file whose name holds "#" as it is.
func TestAnnotatedFile(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"export.jsonl", `a\x41b.txt`, "b#c.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for path, want := range map[string]string{
		"export.jsonl#a0":  "export.jsonl",
		`a\x5cx41b.txt`:    `a\x41b.txt`,
		"b#c.txt":          "b#c.txt",
		"gone.jsonl#a0":    "gone.jsonl#a0",
		"bad\\xffname.txt": "bad\\xffname.txt", // not UTF-8 raw: left escaped
	} {
		if got := annotatedFile(filepath.Join(dir, path)); got != filepath.Join(dir, want) {
			t.Errorf("annotatedFile(%q) = %q; want %q", path, got, filepath.Join(dir, want))
		}
	}
}
