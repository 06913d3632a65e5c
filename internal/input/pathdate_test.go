package input_test

import (
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

func TestPathDate(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		path string
		want time.Time
	}{
		{"arts/19160216/sn85038022-ed-1_seq-1_a01.txt", day(1916, 2, 16)},
		{"site/2024/03/05/story.html", day(2024, 3, 5)},
		{"site/2024/03/05-story.html", day(2024, 3, 5)},
		{"feeds/2024-03-05.jsonl#a7", day(2024, 3, 5)},
		{"feeds/2024_03_05_wire.txt", day(2024, 3, 5)},
		{"20240305-wire.txt", day(2024, 3, 5)},
		{"a/2024-03-05/2023-01-01.txt", day(2024, 3, 5)}, // the first
		{"arts/sn85038022-ed-1.txt", time.Time{}},        // an id of eight digits: no month 50
		{"arts/2010218519-ed-1.txt", time.Time{}},        // ten digits
		{"gen/docs/000/0000048.txt", time.Time{}},
		{"a/20240230.txt", time.Time{}}, // 30 February
		{"a/2024/3/5/x.txt", time.Time{}},
		{"a/2024/03/051/x.txt", time.Time{}},
		{"a/9999-01-01.txt", time.Time{}},
		{"", time.Time{}},
	}
	for _, tt := range tests {
		got, ok := input.PathDate(tt.path)
		if !got.Equal(tt.want) || ok == tt.want.IsZero() {
			t.Errorf("PathDate(%q) = %v, %v; want %v", tt.path, got, ok, tt.want)
		}
	}
}

// TestReadPathDates: with PathDates, a document without a date of its own takes its path's;
// a record's own date wins; without PathDates nothing is dated by its path.
func TestReadPathDates(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"19160216/a.txt":      "a story",
		"19160216/wire.jsonl": `{"id":"own","text":"dated","date":"1916-02-15"}` + "\n" + `{"id":"none","text":"undated"}` + "\n",
		"undated/b.txt":       "another story",
	})
	for _, pathDates := range []int{0, 1} {
		res, err := readDir(t, dir, input.Options{PathDates: pathDates})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, d := range res.docs {
			got[strings.TrimPrefix(d.Path, dir+"/")] = d.Date.Format(time.DateOnly)
		}
		feb16 := "1916-02-16"
		if pathDates == 0 {
			feb16 = "0001-01-01"
		}
		want := map[string]string{"19160216/a.txt": feb16, "19160216/wire.jsonl#own": "1916-02-15", "19160216/wire.jsonl#none": feb16, "undated/b.txt": "0001-01-01"}
		if !maps.Equal(got, want) {
			t.Errorf("PathDates %d: dates %v; want %v", pathDates, got, want)
		}
	}
}
