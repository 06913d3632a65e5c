package input_test

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestReadThroughLinkedFolder: a file named, or walked, through a symlink to its folder as well
// as through the folder is the same file: read once, under the name first met, and skipped
// under the other, saying so. Read twice, it was its own copy, and --print-copies listed it
// for removal.
func TestReadThroughLinkedFolder(t *testing.T) {
	testfs.WorkIn(t, map[string]string{"real/a.txt": "a"})
	if err := os.Symlink("real", "link"); err != nil {
		t.Skip("no symlinks here:", err)
	}
	for _, tt := range []struct {
		paths      []string
		read, skip string
	}{
		{[]string{"real/a.txt", "link/a.txt"}, "real/a.txt", "link/a.txt"},
		{[]string{"real", "link"}, "real/a.txt", "link/a.txt"},
		{[]string{"link", "real/a.txt"}, "link/a.txt", "real/a.txt"},
	} {
		res, err := read(t, tt.paths, input.Options{})
		want := []input.Skip{{Path: tt.skip, Reason: fmt.Sprintf("the same file as %q, read under that name", tt.read)}}
		if err != nil || len(res.docs) != 1 || res.docs[0].Path != tt.read || !reflect.DeepEqual(res.skips, want) {
			t.Errorf("Read(%q): %d documents %+v, skips %+v, %v; want %s read and %+v", tt.paths, len(res.docs), res.docs, res.skips, err, tt.read, want)
		}
	}
}

// TestReadFileNamedDash: a file named "-" in the working directory, read through its folder or
// by name, is named "./-", which compare finds, and not "-", standard input's name.
func TestReadFileNamedDash(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{"-": "a file named dash", "b.txt": "another file"})
	t.Chdir(dir)
	for _, paths := range [][]string{{"."}, {"./-", "b.txt"}} {
		res, err := read(t, paths, input.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, d := range res.docs {
			names = append(names, d.Path)
		}
		if want := []string{"./-", "b.txt"}; !slices.Equal(names, want) {
			t.Errorf("Read(%q) names %q; want %q", paths, names, want)
		}
	}
	d, err := input.Lookup(context.Background(), "./-", nil, input.Options{})
	if err != nil || d.Text != "a file named dash" {
		t.Errorf("Lookup(./-) = %q, %v; want the file's text", d.Text, err)
	}
}
