package passages_test

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/passages"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// filler returns n made-up words drawn with r: text that no other page shares.
func filler(r *rand.Rand, n int) string {
	syllables := []string{"ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "pe", "du", "ga", "zo", "bi", "fe", "hu", "ja"}
	words := make([]string, n)
	for i := range words {
		var b strings.Builder
		for range 3 + r.IntN(2) {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		words[i] = b.String()
		if i%12 == 11 {
			words[i] += "."
		}
	}
	return strings.Join(words, " ")
}

// story is a wire story of 90 words; masthead is a paper's standing header of 64.
const (
	story    = `Alexandria, Egypt, Jan. 4. Charles Grant of Boston, one of the two Americans known to have been on board the British steamship Persia when she was sunk in the Mediterranean, told today how the vessel went down within five minutes after the explosion. Grant was picked up by a boat after floating about on the wreckage until four o'clock in the morning, when he saw five boats. Those in one boat sang hymns while the others were calling out good-bye to the sinking ship.`
	masthead = `The Evening Herald, published every afternoon except Sunday by the Herald Publishing Company, entered at the post office as second class matter, subscription rates by carrier ten cents the week, by mail four dollars the year, payable in advance always. Telephone the business office for advertising rates, classified notices and the delivery of the paper to new homes.`
)

// ocr misreads a few letters of s and wraps it in lines of about 35 characters, hyphenating
// a word now and then, as OCR'd newspaper columns are.
func ocr(s string) string {
	s = strings.NewReplacer("Boston", "Bostcn", "explosion", "exploslon", "wreckage", "wreck-\nage").Replace(s)
	var b strings.Builder
	line := 0
	for _, w := range strings.Fields(s) {
		if line+len(w) > 35 {
			b.WriteString("\n")
			line = 0
		} else if line > 0 {
			b.WriteString(" ")
		}
		b.WriteString(w)
		line += len(w) + 1
	}
	return b.String()
}

// writePages writes the test corpus: three papers on three days; the story is on three pages of
// 4 January (once OCR'd and hard-wrapped with CRLF, once cut before its last sentence) and
// again in the times of 10 January; the herald prints its masthead on both its days. It
// returns the folder as ".", the working directory of the rest of the test.
func writePages(t *testing.T) (dir string, texts map[string]string) {
	dir = t.TempDir()
	r := rand.New(rand.NewPCG(1, 2))
	cut := story[:strings.Index(story, " Those in one boat")]
	texts = map[string]string{
		"herald/19160104.txt": masthead + "\n\n" + filler(r, 300) + "\n\n" + story + "\n\n" + filler(r, 200),
		"herald/19160105.txt": masthead + "\n\n" + filler(r, 400),
		"star/19160104.txt":   filler(r, 150) + "\r\n\r\n" + strings.ReplaceAll(ocr(story), "\n", "\r\n") + "\r\n\r\n" + filler(r, 150),
		"star/19160105.txt":   filler(r, 400),
		"times/19160104.txt":  filler(r, 50) + "\n\n" + cut + "\n\n" + filler(r, 300),
		"times/19160110.txt":  filler(r, 100) + "\n\n" + story + "\n\n" + filler(r, 200),
	}
	testfs.WriteFiles(t, dir, texts)
	// Documents are named as the command line names them: from inside the folder, "." names
	// them by the paths above.
	t.Chdir(dir)
	return ".", texts
}

func TestFind(t *testing.T) {
	dir, texts := writePages(t)
	o := passages.DefaultOptions()
	o.Input.PathDates = 1
	rep, err := passages.Find(t.Context(), []string{dir}, nil, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Clusters) != 1 {
		t.Fatalf("%d clusters; want 1: %+v", len(rep.Clusters), rep.Clusters)
	}
	c := rep.Clusters[0]
	var got []string
	for _, oc := range c.Occurrences {
		got = append(got, oc.Path)
		text := strings.Join(strings.Fields(strings.ReplaceAll(texts[oc.Path][oc.Start:oc.End], "-\r\n", "")), " ")
		// The passage runs from the story's first content words to its last, as printed.
		if !strings.HasPrefix(text, "Alexandria, Egypt, Jan. 4. Charles Grant of Bost") || !strings.Contains(text, "five minutes") {
			t.Errorf("%s bytes %d-%d = %q; want the story", oc.Path, oc.Start, oc.End, text)
		}
		if want := "1916-01-" + oc.Path[len(oc.Path)-6:len(oc.Path)-4]; oc.Date != want {
			t.Errorf("%s: date %q; want %s from the path", oc.Path, oc.Date, want)
		}
	}
	if want := []string{"herald/19160104.txt", "star/19160104.txt", "times/19160104.txt", "times/19160110.txt"}; !reflect.DeepEqual(got, want) {
		t.Errorf("occurrences in %q; want %q", got, want)
	}
	// The OCR'd copy counts a word more ("wreck-age" across a line end): the longest of the day.
	if c.Size != 4 || c.Representative != c.Occurrences[1] || c.Rule != "earliest_date" {
		t.Errorf("size %d, representative %+v by %s; want 4, the longest of the earliest day, %+v", c.Size, c.Representative, c.Rule, c.Occurrences[1])
	}
	// The masthead is shared by the herald's two pages, the story by the times's: reuse within
	// a series, left out and counted.
	if rep.Stats.SeriesPassages != 2 || rep.Stats.Documents != 6 || rep.Stats.Occurrences != 4 {
		t.Errorf("stats %+v; want 6 documents, 4 occurrences and 2 series passages", rep.Stats)
	}

	// Without --path-dates 1, the default, a path dates nothing.
	rep, err = passages.Find(t.Context(), []string{dir}, nil, passages.DefaultOptions(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, oc := range rep.Clusters[0].Occurrences {
		if oc.Date != "" {
			t.Errorf("--path-dates 0: %s dated %s", oc.Path, oc.Date)
		}
	}

	o = passages.DefaultOptions()
	o.WithinSeries = 1
	rep, err = passages.Find(t.Context(), []string{dir}, nil, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Clusters) != 2 || rep.Clusters[1].Size != 2 || rep.Clusters[1].Occurrences[0].Path != "herald/19160104.txt" || rep.Stats.SeriesPassages != 0 {
		t.Errorf("--within-series 1: clusters %+v, stats %+v; want the story and the masthead", rep.Clusters, rep.Stats)
	}
}

func TestFindSeriesAndDays(t *testing.T) {
	dir, _ := writePages(t)
	o := passages.DefaultOptions()
	o.Input.PathDates = 1
	o.MaxDays = 3
	rep, err := passages.Find(t.Context(), []string{dir}, nil, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Clusters) != 1 || rep.Clusters[0].Size != 3 || rep.Stats.SeriesPassages != 1 {
		t.Errorf("--max-days 3: clusters %+v, stats %+v; want the story on 4 January only, and the masthead within its series", rep.Clusters, rep.Stats)
	}

	o.WithinSeries, o.MaxDays = 1, 0
	all, err := passages.Find(t.Context(), []string{dir}, nil, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Series by a regular expression: every page is its own series, so the masthead counts.
	o.Series = `[0-9]+`
	o.WithinSeries, o.MaxDays = 0, 0
	own, err := passages.Find(t.Context(), []string{dir}, nil, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(own.Clusters, all.Clusters) {
		t.Errorf("--series '[0-9]+': clusters %+v; want those of --within-series 1, %+v", own.Clusters, all.Clusters)
	}
	if len(own.Warnings) != 0 {
		t.Errorf("--series '[0-9]+': warnings %+v; want none", own.Warnings)
	}

	// A rule that names no document's series is a typo until shown otherwise: said.
	o.Series = `NOMATCH`
	none, err := passages.Find(t.Context(), []string{dir}, nil, o, nil)
	want := []report.Warning{{Message: `--series "NOMATCH" names the series of no document: no passage is left out as within one series`}}
	if err != nil || !reflect.DeepEqual(none.Warnings, want) || !reflect.DeepEqual(none.Clusters, all.Clusters) {
		t.Errorf("--series NOMATCH: warnings %+v, %v; want %+v and the clusters of --within-series 1", none.Warnings, err, want)
	}
	// --max-days without dates compares every pair, and says so.
	o = passages.DefaultOptions()
	o.MaxDays = 3
	undated, err := passages.Find(t.Context(), []string{dir}, nil, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantDays := []report.Warning{{Message: "--max-days 3: no document has a date, so every pair is compared (dates come from the input, or from the path with --path-dates 1)"}}
	if !reflect.DeepEqual(undated.Warnings, wantDays) {
		t.Errorf("--max-days 3 without dates: warnings %+v; want %+v", undated.Warnings, wantDays)
	}
}

// TestFindWorkers checks that the report does not depend on the number of workers, and that
// inputs that give no document are listed.
func TestFindWorkers(t *testing.T) {
	dir, _ := writePages(t)
	record := `{"id":"x","text":"Five words are too few."}` + "\n" // each renamed, with a warning
	records := strings.Repeat(record, 1002) + "not JSON\n" + record
	testfs.WriteFiles(t, dir, map[string]string{"empty.txt": "", "short.txt": "Five words are too few.", "short.jsonl": records})
	var reports []*passages.Report
	for _, w := range []int{1, 4} {
		o := passages.DefaultOptions()
		o.Workers = w
		rep, err := passages.Find(t.Context(), []string{dir}, nil, o, nil)
		if err != nil {
			t.Fatal(err)
		}
		reports = append(reports, rep)
	}
	if !reflect.DeepEqual(reports[0], reports[1]) {
		t.Errorf("reports differ with 1 and 4 workers:\n%+v\n%+v", reports[0], reports[1])
	}
	// Of one file's records too short, the first 1,000 are listed with their warnings, the
	// others counted, and their warnings with them; the warning that later renames are not
	// listed is not lost with its record; a line that is no record comes between the counts of
	// the records before and after it.
	tooShort := "too short: 5 words, --min-words is 40"
	want := []report.Skip{
		{Path: "short.jsonl#x~1000", Line: 1000, Reason: tooShort},
		{Path: "short.jsonl#x~1001", Line: 1001, Count: 2, Reason: "2 more records skipped from here on, not listed one by one (the 1000 before are), nor the warnings of the 2 of them that have some; the first: " + tooShort +
			`; line 1002: name "x" already used in this file: renamed "x~1002"; the records of this file renamed after this one are not listed one by one (the 1000 before are)`},
		{Path: "short.jsonl", Line: 1003, Reason: "invalid JSON: invalid character 'o' in literal null (expecting 'u')"},
		{Path: "short.jsonl#x~1003", Line: 1004, Count: 1, Reason: "1 more record skipped from here on, not listed one by one (the 1000 before are); the first: " + tooShort},
		{Path: "short.txt", Reason: tooShort},
	}
	got := reports[0].Skipped
	if len(got) != 1005 || got[0] != (report.Skip{Path: "empty.txt", Reason: "empty file"}) || !reflect.DeepEqual(got[1000:], want) {
		t.Errorf("%d skipped, the first %+v, from the 1001st %+v; want 1005, empty.txt, %+v", len(got), got[0], got[min(1000, len(got)):], want)
	}
	if n := reports[0].Stats.Skipped; n != 1006 {
		t.Errorf("stats: %d skipped, want 1006", n)
	}
	if n := len(reports[0].Warnings); n != 999 {
		t.Errorf("%d warnings, want 999: those of the records listed", n)
	}
}

// TestSeriesRule: by default a document's series is the first folder below the one named; a
// file named itself, or a record of one, has none, so that naming pages one by one
// ("week/*/*.txt") does not put them all in the series "week" and leave every passage out;
// nor has a document whose first folder is a day or a year, which says when it was printed, not
// by whom (a number of another length, a paper's LCCN, names it).
func TestSeriesRule(t *testing.T) {
	o := passages.DefaultOptions()
	seriesOf, err := o.SeriesRule([]string{"pages", "week/19160110/a.txt", "feeds/p.jsonl", "."})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"pages/sn123/19160110.txt": "sn123",
		"pages/top.txt":            "",
		"week/19160110/a.txt":      "",
		"feeds/p.jsonl#L3":         "",
		"other/x/y.txt":            "other",
		"pages/19160110/sn1.txt":   "",
		"2024/03/05/a.txt":         "",
		"2024-03-05/a.txt":         "",
		"2010270504/19160110.txt":  "2010270504", // a paper's LCCN, all digits
		"12345/a.txt":              "12345",
	} {
		if got := seriesOf(path); got != want {
			t.Errorf("series of %q = %q; want %q", path, got, want)
		}
	}
	o.Series = `([a-z]+)-ed-`
	if seriesOf, err = o.SeriesRule(nil); err != nil || seriesOf("x/sn-ed-1.txt") != "sn" || seriesOf("none.txt") != "" {
		t.Errorf("--series %s: %v", o.Series, err)
	}
}
