package htmlreport_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/htmlreport"
	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/passages"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestWritePassages renders the passages the seeds share: every occurrence beside the
// representative with copied runs marked, names escaped, and with a limit of one occurrence the
// others listed without their text.
func TestWritePassages(t *testing.T) {
	dir := t.TempDir()
	names, _ := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	for _, name := range names {
		b := testfs.ReadFile(t, name)
		base := filepath.Base(name)
		if strings.HasPrefix(base, "001") {
			base = "<b>001.txt"
		}
		if err := os.WriteFile(filepath.Join(dir, base), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	paths := []string{dir}
	rep, err := passages.Find(context.Background(), paths, nil, passages.DefaultOptions(), nil)
	if err != nil {
		t.Fatal(err)
	}
	texts, err := htmlreport.PassageTexts(context.Background(), rep, paths, nil, input.Options{}, 100)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := htmlreport.WritePassages(&buf, rep, texts, 100, dir); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		"<title>dedupe passages: 3 reprinted in 5 documents</title>",
		`<h3 id="passage-1-h">`, "3 occurrences", `<mark class="verbatim">`, "&lt;b&gt;001.<wbr>txt",
		// The contents, and each passage, say which text it is; occurrences link to their files.
		`<td><a href="#passage-1">Passage 1</a></td>`,
		`<p class="title lead" dir="auto">Steve Witkoff is in Moscow and is scheduled to meet with Russian President Vladimir Putin …</p>`,
		`<a href="000_92edbd9511bc3411.txt"><code>`, `<a href="%3Cb%3E001.txt"><code>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page does not hold %q", want)
		}
	}
	if strings.Contains(page, "<b>001") || strings.Contains(page, "not included") {
		t.Errorf("page holds a raw name or a missing text")
	}

	buf.Reset()
	if err := htmlreport.WritePassages(&buf, rep, texts, 1, ""); err != nil {
		t.Fatal(err)
	}
	if want := "4 of the 5 occurrences beside their representative are shown without their text"; !strings.Contains(buf.String(), want) {
		t.Errorf("page with a limit of 1 does not say %q", want)
	}
	if strings.Contains(buf.String(), `.txt"><code>`) {
		t.Errorf("page written with no folder links to files")
	}
}
