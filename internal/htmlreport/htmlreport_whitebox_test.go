package htmlreport

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/passages"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/scan"
)

func TestVerbatimSpans(t *testing.T) {
	v := func(s string) span { return span{Text: s, Verbatim: true} }
	r := func(s string) span { return span{Text: s} }
	sp := func(s span, space string) span { s.Space = space; return s }
	long := strings.Repeat("word ", 2100)
	tests := []struct {
		name   string
		a, b   string
		wa, wb []span
	}{
		{
			name: "shared run in the middle",
			a:    "In the original 28-point plan, Russia also demanded Ukraine reduce its forces.",
			b:    "In the original 28-point plan, Russia also demanded that Ukraine reduce its army.",
			wa:   []span{sp(v("In the original 28-point plan, Russia also demanded Ukraine reduce its"), " "), r("forces.")},
			wb: []span{sp(v("In the original 28-point plan, Russia also demanded"), " "), sp(r("that"), " "),
				sp(v("Ukraine reduce its"), " "), r("army.")},
		},
		{
			name: "case and punctuation are ignored",
			a:    "U.S. officials said on Monday",
			b:    "us officials said on Tuesday",
			wa:   []span{sp(v("U.S. officials said on"), " "), r("Monday")},
			wb:   []span{sp(v("us officials said on"), " "), r("Tuesday")},
		},
		{
			name: "two shared words are not a run",
			a:    "The minister resigned on Friday.",
			b:    "On Friday, the cabinet fell.",
			wa:   []span{r("The minister resigned on Friday.")},
			wb:   []span{r("On Friday, the cabinet fell.")},
		},
		{
			name: "same words throughout",
			a:    "Talks resume  today.",
			b:    "talks resume today",
			wa:   []span{v("Talks resume  today.")},
			wb:   []span{v("talks resume today")},
		},
		{
			name: "the earliest of equal runs",
			a:    "one two three four five six",
			b:    "four five six and one two three",
			wa:   []span{sp(v("one two three"), " "), r("four five six")},
			wb:   []span{sp(r("four five six and"), " "), v("one two three")},
		},
		{
			name: "empty",
		},
		{
			name: "the same words after stemming: a plural differs as written",
			a:    "The steamer turned turtle while the boat was lowered",
			b:    "The steamer turned turtle while the boats were lowered",
			wa:   []span{sp(v("The steamer turned turtle while the"), " "), r("boat was lowered")},
			wb:   []span{sp(v("The steamer turned turtle while the"), " "), r("boats were lowered")},
		},
		{
			name: "too long to compare word by word, the same words: one verbatim span",
			a:    long,
			b:    long,
			wa:   []span{{Text: strings.TrimSpace(long), Space: " ", Verbatim: true}},
			wb:   []span{{Text: strings.TrimSpace(long), Space: " ", Verbatim: true}},
		},
		{
			name: "too long to compare word by word, repeating itself throughout: unmarked",
			a:    long + "end",
			b:    "start " + long,
			wa:   []span{{Text: long + "end"}},
			wb:   []span{{Text: "start " + strings.TrimSpace(long), Space: " "}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ga, gb := verbatimSpans(tt.a, tt.b)
			if !slices.Equal(ga, tt.wa) || !slices.Equal(gb, tt.wb) {
				t.Errorf("verbatimSpans(%q, %q) =\n%+v\n%+v\nwant\n%+v\n%+v", tt.a, tt.b, ga, gb, tt.wa, tt.wb)
			}
			for _, c := range []struct {
				spans []span
				text  string
			}{{ga, tt.a}, {gb, tt.b}} {
				var b strings.Builder
				for _, s := range c.spans {
					b.WriteString(s.Text + s.Space)
				}
				if b.String() != c.text {
					t.Errorf("spans join to %q; want %q", b.String(), c.text)
				}
			}
		})
	}
}

// TestVerbatimSpansLong checks the texts too long for the word-by-word comparison: a passage
// of 3,000 words that two texts of 5,000 words share, in other places, is marked, and only it,
// though a few words of the text around it recur throughout both.
func TestVerbatimSpansLong(t *testing.T) {
	text := func(prefix string, n int) []string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = fmt.Sprintf("%s%d", prefix, i)
			if i%10 == 5 {
				ws[i] = "the" // a word both texts repeat, outside the passage too
			}
		}
		return ws
	}
	shared := text("p", 3000)
	a := slices.Concat(text("a", 500), shared, text("x", 1500))
	b := slices.Concat(text("b", 1800), shared, text("y", 200))
	sa, sb := verbatimSpans(strings.Join(a, " "), strings.Join(b, " "))
	wantA := []span{{Text: strings.Join(a[:500], " "), Space: " "}, {Text: strings.Join(shared, " "), Space: " ", Verbatim: true}, {Text: strings.Join(a[3500:], " ")}}
	wantB := []span{{Text: strings.Join(b[:1800], " "), Space: " "}, {Text: strings.Join(shared, " "), Space: " ", Verbatim: true}, {Text: strings.Join(b[4800:], " ")}}
	if !slices.Equal(sa, wantA) || !slices.Equal(sb, wantB) {
		t.Errorf("got %d and %d spans, verbatim %v and %v; want the shared passage alone", len(sa), len(sb), verbatimTexts(sa), verbatimTexts(sb))
	}
}

// verbatimTexts returns the first words of the verbatim spans, for a failure message.
func verbatimTexts(spans []span) []string {
	var out []string
	for _, s := range spans {
		if s.Verbatim {
			out = append(out, strings.Join(strings.Fields(s.Text)[:min(3, len(strings.Fields(s.Text)))], " "))
		}
	}
	return out
}

// TestParamRows checks that every recorded setting of scan.Specs has a row, named and flagged
// as in its spec and valued as in the report.
func TestParamRows(t *testing.T) {
	o := scan.DefaultOptions()
	rows := paramRows(o.ReportParams(0.03, 256, 256, 1, scan.Specs))
	for _, s := range scan.Specs {
		if s.Key == "" {
			continue
		}
		want := param{Name: s.Name, Flag: "--" + s.Flag, Value: fmt.Sprint(s.Get(&o))}
		switch s.Key {
		case "threshold":
			want.Value = "0.03"
		case "num_perm", "bands":
			want.Value = "256"
		case "rows":
			want.Value = "1"
		}
		if !slices.Contains(rows, want) {
			t.Errorf("no row %+v for %s among %+v", want, s.Field, rows)
		}
	}
}

func TestBreakablePath(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"000_92edbd9511bc3411.txt", "000_<wbr>92edbd9511bc3411.<wbr>txt"},
		{"a/b-c.jsonl#id", "a/<wbr>b-<wbr>c.<wbr>jsonl#<wbr>id"},
		{"trailing/", "trailing/"},
		{`<x>&"`, "&lt;x&gt;&amp;&#34;"},
		{"", ""},
	} {
		if got := string(breakablePath(tt.in)); got != tt.want {
			t.Errorf("breakablePath(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestEncodeSpans: span lengths are counted in UTF-16 code units, as JavaScript slices strings:
// é is one, 😀 two, so "Café 😀 opens" is 13.
func TestEncodeSpans(t *testing.T) {
	spans := []span{{Text: "Café 😀 opens", Space: " ", Verbatim: true}, {Text: "today.", Verbatim: false}}
	if got, want := encodeSpans(spans), []int{13, 1, 1, 6, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("encodeSpans(%+v) = %v; want %v", spans, got, want)
	}
}

// TestCut: an occurrence's text has its line breaks undone, a word hyphenated across one
// whole ("rela- tions" was shown), and its runs of white space as one space.
func TestCut(t *testing.T) {
	texts := map[string]string{"p.txt": "xx the foreign rela-\r\ntions of the  promis\u00ad\ning\tstate yy"}
	got, ok := cut(texts, passages.Occurrence{Path: "p.txt", Start: 3, End: len(texts["p.txt"]) - 3})
	if want := "the foreign relations of the promising state"; !ok || got != want {
		t.Errorf("cut = %q, %v; want %q", got, ok, want)
	}
	if _, ok := cut(texts, passages.Occurrence{Path: "p.txt", Start: 3, End: 99}); ok {
		t.Error("cut past the end of the text reported a text")
	}
}

// TestBreakablePathEscapes: a name is shown escaped as text output escapes it: a right-to-left
// override would show "bidi\u202eexe.txt" as "biditxt.exe", a line feed as a space.
func TestBreakablePathEscapes(t *testing.T) {
	for _, name := range []string{"bidi\u202eexe.txt", "x\ny.txt"} {
		got := string(breakablePath(name))
		if strings.ContainsAny(got, "\u202e\n") || !strings.Contains(got, `\`) {
			t.Errorf("breakablePath(%q) = %q; want the control escaped", name, got)
		}
	}
}

// TestPairsToCompareClosest: in a cluster too large for all its pairs, a member's closest
// pair is compared too when its partner is not the representative, so that the page can show
// why the member was grouped.
func TestPairsToCompareClosest(t *testing.T) {
	c := report.Cluster{Representative: "m0"}
	for i := range AllPairsMax + 2 {
		c.Members = append(c.Members, report.Member{Path: fmt.Sprintf("m%d", i)})
		if i > 0 {
			c.Pairs = append(c.Pairs, report.Pair{A: "m0", B: fmt.Sprintf("m%d", i), Relation: "partial", Score: 0.61})
		}
	}
	c.Pairs = append(c.Pairs, report.Pair{A: "m5", B: "m7", Relation: "exact", Score: 1})
	got := pairsToCompare(&report.Report{Clusters: []report.Cluster{c}}, 0)
	if !slices.Contains(got, [2]string{"m5", "m7"}) || slices.Contains(got, [2]string{"m7", "m5"}) {
		t.Errorf("pairs %q; want {m5, m7}, in member order, beside those with the representative", got)
	}
	if n := len(got); n != AllPairsMax+2 {
		t.Errorf("%d pairs; want %d: one with the representative a member, and {m5, m7} once", n, AllPairsMax+2)
	}
}

// TestLead: a representative without a title shows its first words, cut at about leadWords
// characters, and the start of a first token longer than that (a rule of dashes).
func TestLead(t *testing.T) {
	c := &report.Cluster{Representative: "r", Members: []report.Member{{Path: "r"}, {Path: "m"}}}
	for _, tt := range []struct {
		sentences []string
		want      string
	}{
		{[]string{"Short headline.", "And a body."}, "Short headline. And a body."},
		{[]string{strings.Repeat("word ", 30)}, strings.TrimSpace(strings.Repeat("word ", 18)) + " …"},
		{[]string{strings.Repeat("-", 120) + " HEADLINE"}, strings.Repeat("-", leadWords/2) + " …"},
	} {
		cmps := map[[2]string]*explain.Comparison{{"r", "m"}: {A: explain.Document{Sentences: tt.sentences}}}
		if got := lead(c, cmps); got != tt.want {
			t.Errorf("lead(%.20q) = %q; want %q", tt.sentences, got, tt.want)
		}
	}
}
