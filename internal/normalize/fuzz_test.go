package normalize_test

import (
	"testing"
	"unicode/utf8"

	"github.com/zeebo/xxh3"

	"github.com/dedupe-dev/dedupe/internal/normalize"
)

// FuzzAnalyze checks the invariants that later stages rely on: valid,
// idempotent text and token and sentence ranges that stay inside it.
func FuzzAnalyze(f *testing.F) {
	for _, s := range readSeeds(f) {
		f.Add(s)
	}
	for _, s := range []string{
		"", ".", "U.S.", "a.b.", "A. B. C", "Mr. X. Y", "1,200.50.", "'s", "don'", "x\u0301\u200b\u0301",
		"\u201C\u2019\u2014\u00a0\u00ad\r\n\r", "\xff\xfe", "e\u200B\u0301", "\uFE58\u2033", "U.S.'s. The end",
		"?! \"Q\" (a.) ¿Qué? ¡Sí!", "\u0301\u0301 start with marks", "J.\nR. R.", "“”‘’", "\u2029\u0085", "doesn\u0092t \u0099\u0080\u008C\u0301",
	} {
		f.Add(s)
	}
	// Every language, for the third-party stemmers must not panic either.
	var analyzers []*normalize.Analyzer
	for _, lang := range normalize.Languages() {
		analyzers = append(analyzers, newAnalyzer(f, lang))
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if len(raw) > 1<<16 {
			t.Skip("long inputs add nothing but time")
		}
		for _, a := range analyzers {
			checkDocument(t, a, raw, a.Analyze(raw))
		}
	})
}

func checkDocument(t *testing.T, a *normalize.Analyzer, raw string, doc normalize.Document) {
	t.Helper()
	if !utf8.ValidString(doc.Text) {
		t.Fatalf("Text(%q) = %q is not valid UTF-8", raw, doc.Text)
	}
	if doc.Text != normalize.Text(raw) {
		t.Fatalf("Analyze(%q).Text = %q; want Text() = %q", raw, doc.Text, normalize.Text(raw))
	}
	if again := normalize.Text(doc.Text); again != doc.Text {
		t.Fatalf("Text not idempotent on %q: %q then %q", raw, doc.Text, again)
	}
	n := int32(len(doc.Text))
	for i, tk := range doc.Tokens {
		if tk.Start < 0 || tk.Start >= tk.End || tk.End > n {
			t.Fatalf("token %d of %q has range [%d, %d) in %d bytes", i, doc.Text, tk.Start, tk.End, n)
		}
		if i > 0 && tk.Start < doc.Tokens[i-1].End {
			t.Fatalf("token %d of %q overlaps the one before", i, doc.Text)
		}
		if word := doc.Text[tk.Start:tk.End]; tk.Hash != xxh3.HashString(a.Term(word)) {
			t.Fatalf("token %q of %q: hash is not that of Term %q", word, doc.Text, a.Term(word))
		}
	}
	var last int32
	for i, s := range doc.Sentences {
		if s.Start < 0 || s.Start >= s.End || s.End > n {
			t.Fatalf("sentence %d of %q has range [%d, %d) in %d bytes", i, doc.Text, s.Start, s.End, n)
		}
		if s.First != last || s.First >= s.Last || s.Last > int32(len(doc.Tokens)) {
			t.Fatalf("sentence %d of %q has tokens [%d, %d) after %d of %d", i, doc.Text, s.First, s.Last, last, len(doc.Tokens))
		}
		if doc.Tokens[s.First].Start < s.Start || doc.Tokens[s.Last-1].End > s.End {
			t.Fatalf("sentence %d of %q does not hold its tokens", i, doc.Text)
		}
		last = s.Last
	}
	if last != int32(len(doc.Tokens)) {
		t.Fatalf("sentences of %q cover %d of %d tokens", doc.Text, last, len(doc.Tokens))
	}
}
