package normalize_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/normalize"
)

// sentenceTexts returns the sentences of text as Readable shows them.
func sentenceTexts(t *testing.T, text string) []string {
	t.Helper()
	a := newAnalyzer(t, "english")
	doc := a.Analyze(text)
	out := make([]string, len(doc.Sentences))
	for i := range doc.Sentences {
		out[i] = normalize.Readable(doc.Text[doc.Sentences[i].Start:doc.Sentences[i].End])
	}
	return out
}

func TestHardWrappedSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{
			name: "paragraph per line: every line break ends a sentence",
			in:   "A headline without a full stop\nThe first paragraph of the story runs on for a while and ends here.\nA second paragraph",
			want: []string{"A headline without a full stop", "The first paragraph of the story runs on for a while and ends here.", "A second paragraph"},
		},
		{
			name: "wrapped column: lines join, a short line ends the paragraph",
			in:   "LONDON, Jan. 3.-The British steamer\nPersia was sunk in the Mediter-\nranean Sea on Thursday by a sub-\nmarine, the admiralty announced\nto-day.\nMore than two hundred persons were\naboard the ship when she went down\noff the island of Crete.\n",
			want: []string{
				"LONDON, Jan. 3.-The British steamer Persia was sunk in the Mediterranean Sea on Thursday by a submarine, the admiralty announced to-day.",
				"More than two hundred persons were aboard the ship when she went down off the island of Crete.",
			},
		},
		{
			name: "headlines in capitals and blank lines separate units",
			in:   "PERSIA SUNK BY SUBMARINE\nAMERICAN CONSUL ON BOARD\nLONDON, Jan. 3.-The British steamer\nPersia was sunk in the Mediterranean\nSea on Thursday, the admiralty said\n\nWASHINGTON, Jan. 3.-Officials here\nawait full reports from the consul\nat Alexandria before acting.\n",
			want: []string{
				"PERSIA SUNK BY SUBMARINE", "AMERICAN CONSUL ON BOARD",
				"LONDON, Jan. 3.-The British steamer Persia was sunk in the Mediterranean Sea on Thursday, the admiralty said",
				"WASHINGTON, Jan. 3.-Officials here await full reports from the consul at Alexandria before acting.",
			},
		},
		{
			name: "a title-case heading after a sentence's end stands alone",
			in:   "The talks went on for hours in the capital and\nended late in the evening without any deal.\nLimited Options for Washington if Talks Stall\nOfficials say that Washington still has some\nlevers to pull if the talks reach an impasse.\n",
			want: []string{
				"The talks went on for hours in the capital and ended late in the evening without any deal.",
				"Limited Options for Washington if Talks Stall",
				"Officials say that Washington still has some levers to pull if the talks reach an impasse.",
			},
		},
		{
			name: "an abbreviation at a soft break does not end the sentence",
			in:   "The meeting was called by Gov.\nJohnson and Sen. Smith on the\nmorning of the third, and both of\nthem spoke at length to the crowd.\n",
			want: []string{"The meeting was called by Gov. Johnson and Sen. Smith on the morning of the third, and both of them spoke at length to the crowd."},
		},
		{
			name: "CRLF wraps like LF",
			in:   "The British steamer Persia was\r\nsunk in the Mediterranean Sea on\r\nThursday by a submarine, the\r\nadmiralty announced to-day.\r\n",
			want: []string{"The British steamer Persia was sunk in the Mediterranean Sea on Thursday by a submarine, the admiralty announced to-day."},
		},
	}
	for _, tt := range tests {
		if got := sentenceTexts(t, tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// TestHyphenatedAcrossLines: a word hyphenated at a soft break is one token with the term of
// the whole word, whose range covers both halves; at a hard break the halves stay apart.
func TestHyphenatedAcrossLines(t *testing.T) {
	a := newAnalyzer(t, "english")
	wrapped := "The steamer was sunk in the Mediter-\nranean Sea on Thursday by a sub-\nmarine, the admiralty announced\nin London late on Monday night.\n"
	// Typesetting software and OCR mark the break with a soft hyphen.
	soft := strings.ReplaceAll(wrapped, "-\n", "\u00AD\n")
	for _, text := range []string{wrapped, soft} {
		doc := a.Analyze(text)
		var words []string
		for _, tk := range doc.Tokens {
			words = append(words, a.Term(doc.Text[tk.Start:tk.End]))
		}
		for _, w := range []string{"mediterranean", "submarin"} {
			if !slices.Contains(words, w) {
				t.Errorf("terms of the wrapped text %q lack %q", words, w)
			}
		}
	}
	one := "Mediter-\nranean"
	if got := a.Analyze(one); len(got.Tokens) != 2 {
		t.Errorf("%q (too few lines to be wrapped): %d tokens; want 2", one, len(got.Tokens))
	}
}

// TestHyphenatedAfterAnyLine: in a hard-wrapped text a word hyphenated across a break is one
// word whatever the line it ends: a short OCR line, or one that reads as a heading (no word of
// four letters in lower case), which made the break hard, cut the word between two sentences,
// and began a passage inside it.
func TestHyphenatedAfterAnyLine(t *testing.T) {
	text := "The envoys of the two powers said on Monday that\n" +
		"they met in Geneva at the end of Novem-\n" +
		"ber to work through a trimmed-down plan, and the\n" +
		"infor-\n" +
		"mation they gave was read to the senate on Tuesday\n" +
		"by the clerk, who spoke for an hour to the members.\n"
	want := []string{"The envoys of the two powers said on Monday that they met in Geneva at the end of November to work through a trimmed-down plan, and the information they gave was read to the senate on Tuesday by the clerk, who spoke for an hour to the members."}
	if got := sentenceTexts(t, text); !slices.Equal(got, want) {
		t.Errorf("sentences:\n got %q\nwant %q", got, want)
	}
}

// TestCapitalsText: a text written in capitals, as telegraph copy is, gives the content words
// of the same text in lower case, hard-wrapped lines joined as in lower case, and no
// capitalised word; a headline in capitals above lower-case text is still one.
func TestCapitalsText(t *testing.T) {
	a := newAnalyzer(t, "english")
	text := "The steamer Persia was sunk in the Mediterranean on Thursday by a submarine,\n" +
		"the admiralty announced in London late on Monday night. Of the passengers\n" +
		"and crew of the liner, most were saved by the boats of a passing ship and\n" +
		"landed at Alexandria, where the consul met them at the quay on Tuesday.\n"
	content := func(text string) (terms []uint64, sentences, capitals int) {
		doc := a.Analyze(text)
		for _, tk := range doc.Tokens {
			if !tk.Stop {
				terms = append(terms, tk.Hash)
			}
			if tk.Capital {
				capitals++
			}
		}
		return terms, len(doc.Sentences), capitals
	}
	lower, lowerSents, _ := content(text)
	upper, upperSents, capitals := content(strings.ToUpper(text))
	if !slices.Equal(lower, upper) || lowerSents != upperSents || capitals != 0 {
		t.Errorf("in capitals: %d content words, %d sentences, %d capitalised; want the %d and %d of lower case, none",
			len(upper), upperSents, capitals, len(lower), lowerSents)
	}
	headed := "PERSIA SUNK BY SUBMARINE\n" + text
	if got := sentenceTexts(t, headed); len(got) == 0 || got[0] != "PERSIA SUNK BY SUBMARINE" {
		t.Errorf("sentences of a text under a headline in capitals: %q", got)
	}
}

// TestReadable: line breaks of any convention become spaces, and a word hyphenated across one,
// with a hyphen or a soft hyphen, is whole again; a hyphen before a capital or a break after a
// dash stays.
func TestReadable(t *testing.T) {
	for in, want := range map[string]string{
		"  one line  ":                    "one line",
		"the Mediter-\nranean Sea":        "the Mediterranean Sea",
		"the Mediter-\r\nranean Sea":      "the Mediterranean Sea",
		"the Mediter\u00AD\r\nranean Sea": "the Mediterranean Sea",
		"the Mediter\u00AD\nranean Sea":   "the Mediterranean Sea",
		"old\rMac":                        "old Mac",
		"Austro-\nHungarian army":         "Austro- Hungarian army",
		"a pause --\nthen":                "a pause -- then",
		"4½ fronts\r\non the line":        "4½ fronts on the line",
	} {
		if got := normalize.Readable(in); got != want {
			t.Errorf("Readable(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestSentencesOtherLanguages: the abbreviations and dates of other languages end no sentence:
// German "3. Oktober", "ca." and "z. B.", Spanish "EE. UU." and "Sra.", Greek "κ." and
// Arabic "د." and "م." (each text has five sentences, written for a test of languages).
func TestSentencesOtherLanguages(t *testing.T) {
	for _, tt := range []struct{ lang, text string }{
		{"german", "Am 3. Oktober feiert Deutschland den Tag der Deutschen Einheit mit einem großen Fest in Hamburg. Bundeskanzler Olaf Scholz hält dort am Vormittag eine Rede vor rund 4.000 geladenen Gästen. Die Polizei rechnet mit ca. 500.000 Besuchern, z. B. aus Schleswig-Holstein und Niedersachsen. Dr. Anna Weber vom Senat sagte, die Vorbereitungen liefen seit dem 15. Mai nach Plan. Die Feier endet am 4. Oktober gegen 23 Uhr mit einem Feuerwerk über der Elbe."},
		{"spanish", "El presidente de EE. UU. llegó a Madrid el martes para una visita oficial de dos días. La Sra. García, ministra de Exteriores, lo recibió en el aeropuerto de Barajas a primera hora de la mañana. El Dr. Pérez, portavoz del Gobierno, explicó que la agenda incluye una reunión sobre defensa. Ambos líderes firmarán un acuerdo sobre energía y comercio el miércoles por la tarde. La visita termina con una cena de gala en el Palacio Real."},
		{"greek", "Ο υπουργός Οικονομικών συναντήθηκε με τον κ. Παπαδόπουλο στο υπουργείο την Τρίτη το απόγευμα. Η συνάντηση διήρκεσε δύο ώρες και αφορούσε τον νέο προϋπολογισμό του κράτους. Ο κ. Παπαδόπουλος δήλωσε ότι οι συζητήσεις ήταν εποικοδομητικές και ουσιαστικές. Ο προϋπολογισμός θα κατατεθεί στη Βουλή τον Νοέμβριο, σύμφωνα με την κυβέρνηση. Η αντιπολίτευση ζητά περισσότερες κοινωνικές δαπάνες για το επόμενο έτος."},
		{"arabic", "افتتح وزير الصحة د. أحمد الخالدي مستشفى جديدا في العاصمة صباح الاثنين بحضور عدد من المسؤولين. ويضم المستشفى 400 سرير وعشرة غرف للعمليات الجراحية المتقدمة. وقال م. سامي العلي مدير المشروع إن البناء استغرق ثلاث سنوات كاملة. وأضاف أن المستشفى سيبدأ استقبال المرضى مطلع الشهر المقبل. وتبلغ تكلفة المشروع نحو 120 مليون دولار بتمويل حكومي كامل."},
	} {
		a := newAnalyzer(t, tt.lang)
		if doc := a.Analyze(tt.text); len(doc.Sentences) != 5 {
			var got []string
			for _, s := range doc.Sentences {
				got = append(got, doc.Text[s.Start:s.End])
			}
			t.Errorf("%s: %d sentences %q; want 5", tt.lang, len(got), got)
		}
	}
}
