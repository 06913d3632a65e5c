package normalize

import (
	"os"
	"testing"
)

// ReadFiles returns the text of every file of paths, in order, failing tb if one cannot be
// read. It is exported for the tests of package normalize_test, which read the same fixtures.
func ReadFiles(tb testing.TB, paths []string) []string {
	tb.Helper()
	texts := make([]string, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	return texts
}
