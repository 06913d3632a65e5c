package archive

import (
	"path/filepath"
	"testing"
)

func TestJoinDisplay(t *testing.T) {
	sep := string(filepath.Separator)
	tests := []struct{ dir, rel, want string }{
		{"archive", "2024/a.txt", "archive" + sep + "2024/a.txt"},
		{"archive" + sep, "a.txt", "archive" + sep + "a.txt"},
		{"." + sep + "archive", "a.txt", "archive" + sep + "a.txt"},
		{".", "a.txt", "a.txt"},
		{sep, "a.txt", sep + "a.txt"},
		{"x", "part.jsonl#https://example.com/a/../b", "x" + sep + "part.jsonl#https://example.com/a/../b"},
	}
	for _, tt := range tests {
		if got := joinDisplay(tt.dir, tt.rel); got != tt.want {
			t.Errorf("joinDisplay(%q, %q) = %q; want %q", tt.dir, tt.rel, got, tt.want)
		}
	}
}

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
