package report_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/report"
)

// TestWriteFile checks that WriteFile writes a new file and replaces an old one, leaves the
// old one as it was and no temporary file when writing fails, and writes a device in place.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "r.json")
	put := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	for _, content := range []string{"first", "second"} {
		if err := report.WriteFile(file, put(content)); err != nil {
			t.Fatalf("WriteFile(%q): %v", content, err)
		}
		if got, err := os.ReadFile(file); err != nil || string(got) != content {
			t.Errorf("after WriteFile(%q) the file holds %q, %v", content, got, err)
		}
	}

	fail := errors.New("disk full")
	err := report.WriteFile(file, func(w io.Writer) error {
		io.WriteString(w, "half")
		return fail
	})
	if !errors.Is(err, fail) {
		t.Errorf("WriteFile with a failing write = %v; want it to wrap %v", err, fail)
	}
	if got, err := os.ReadFile(file); err != nil || string(got) != "second" {
		t.Errorf("after a failed write the file holds %q, %v; want the old %q", got, err, "second")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%s holds %v; want only r.json, no temporary file", dir, entries)
	}

	if err := report.WriteFile(os.DevNull, put("gone")); err != nil {
		t.Errorf("WriteFile(%s) = %v; want it written in place", os.DevNull, err)
	}
}

// TestWriteFileLinkAndMode: a symlink is followed, so that the file it names is replaced and
// the link stays one, and a file replaced keeps its permissions.
func TestWriteFileLinkAndMode(t *testing.T) {
	dir := t.TempDir()
	real, link := filepath.Join(dir, "2026-12-06.json"), filepath.Join(dir, "latest.json")
	if err := os.WriteFile(real, []byte("old"), 0o664); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(real, 0o664); err != nil { // whatever the umask
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Base(real), link); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteFile(link, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("%s: %v, %v; want the symlink kept", link, fi, err)
	}
	if b, err := os.ReadFile(real); err != nil || string(b) != "new" {
		t.Errorf("%s holds %q, %v; want the new content", real, b, err)
	}
	if fi, err := os.Stat(real); err != nil || fi.Mode().Perm() != 0o664 {
		t.Errorf("%s: mode %v, %v; want 0664 kept", real, fi.Mode().Perm(), err)
	}
}
