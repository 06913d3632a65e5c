package archive_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// names lists the names of the items scan.Analyze delivers for paths, skips marked.
func names(t *testing.T, in []string, stdin string) []string {
	t.Helper()
	var got []string
	err := scan.Analyze(context.Background(), in, strings.NewReader(stdin), scan.DefaultOptions(), nil, func(it scan.Item) error {
		if it.Skip != nil {
			got = append(got, "skip "+it.Skip.Path)
		} else {
			got = append(got, it.Doc.Path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestAnalyzeNames: a folder's documents are named by the folder as given joined with the path
// below it, a file by its cleaned name, whether a path comes alone or with others, and one
// call over several paths delivers what a call per path would, in the order given.
func TestAnalyzeNames(t *testing.T) {
	dir := t.TempDir()
	text := strings.Repeat("The council voted on the harbour budget after a long debate. ", 8)
	testfs.WriteFiles(t, dir, map[string]string{"a/x.txt": text, "a/sub/y.txt": text, "a/short.txt": "too short", "b.txt": text})
	sep := string(filepath.Separator)
	folder, file := dir+sep+"a"+sep, dir+sep+"."+sep+"b.txt"
	in := []string{folder, file, "-"}
	want := []string{
		"skip " + filepath.Join(dir, "a") + sep + "short.txt",
		filepath.Join(dir, "a") + sep + "sub/y.txt",
		filepath.Join(dir, "a") + sep + "x.txt",
		filepath.Join(dir, "b.txt"),
		"-",
	}
	if got := names(t, in, text); !reflect.DeepEqual(got, want) {
		t.Errorf("Analyze(%q) names\n%q\nwant\n%q", in, got, want)
	}
	var each []string
	for _, p := range in {
		each = append(each, names(t, []string{p}, text)...)
	}
	if !reflect.DeepEqual(each, want) {
		t.Errorf("Analyze of each path alone names\n%q\nwant\n%q", each, want)
	}
}
