package input_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestReadBOMlessUTF16: a file skipped as binary whose bytes look like UTF-16 text without a
// byte order mark says so. It was "binary file" alone, which sent the user looking for a
// damaged file.
func TestReadBOMlessUTF16(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"le.txt":   "h\x00e\x00l\x00l\x00o\x00 \x00t\x00h\x00e\x00r\x00e\x00\n\x00",
		"be.txt":   "\x00h\x00e\x00l\x00l\x00o\x00 \x00t\x00h\x00e\x00r\x00e",
		"le.jsonl": "{\x00}\x00\n\x00{\x00}\x00\n\x00",
		"x.txt":    "\x00\x00\x00\x00ab\x00\x00\x00\x00",
	})
	res, err := readDir(t, dir, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, res, nil, []input.Skip{
		{Path: "be.txt", Reason: "binary file: UTF-16BE text without a byte order mark, it seems (iconv -f UTF-16BE -t UTF-8 makes UTF-8 of it)"},
		{Path: "le.jsonl", Reason: "binary file: UTF-16LE text without a byte order mark, it seems (iconv -f UTF-16LE -t UTF-8 makes UTF-8 of it)"},
		{Path: "le.txt", Reason: "binary file: UTF-16LE text without a byte order mark, it seems (iconv -f UTF-16LE -t UTF-8 makes UTF-8 of it)"},
		{Path: "x.txt", Reason: "binary file"},
	})
}

// TestReadIncludeLeavesLinksOut: a link --include does not name is left out silently, as a
// file it does not name is (it listed "gone.txt: broken symlink" under --include '*.md'); a
// link to a folder, which may hold files it names, is still listed.
func TestReadIncludeLeavesLinksOut(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{"sub/a.txt": "a", "sub/b.md": "b"})
	for name, target := range map[string]string{
		"gone.txt": "missing.txt",                 // a broken link
		"self.txt": "self.txt",                    // a link to itself
		"c.txt":    filepath.Join("sub", "a.txt"), // a file the walk reads itself
		"other":    filepath.Join(dir, "sub"),     // a linked folder
	} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("symlinks not supported: %v", err)
		}
	}
	res, err := readDir(t, dir, input.Options{Include: []string{"*.md"}})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, res, []input.Document{text("sub/b.md", "b", "utf-8", 1)}, []input.Skip{
		{Path: "other", Reason: "symlink to a directory, not followed (name it to read it)"},
	})
}
