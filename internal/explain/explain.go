// Package explain answers "why are these two documents grouped?": it analyses two texts,
// verifies them, and lays out their aligned sentences side by side with their scores.
//
// A scan keeps only sketches, not texts, so explaining a pair means analysing both texts again;
// the analysis is deterministic, so the sentences are the ones the verifier aligned.
package explain

import (
	"context"

	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// Document is one side of a comparison.
type Document struct {
	Path      string   `json:"path"`
	Words     int      `json:"words"`
	Sentences []string `json:"-"` // the normalised text of every sentence
	// Ranges holds every sentence's byte range in the text as given to Compare.
	Ranges []normalize.Range `json:"-"`
	Title  string            `json:"title,omitempty"`
	Date   string            `json:"date,omitempty"`
	// Encoding is set when the input was not plain UTF-8, as a scan's member's: the passages'
	// offsets index the text it decoded to.
	Encoding string `json:"encoding,omitempty"`
	Lang     string `json:"lang,omitempty"` // the language the text was analysed in
}

// SentencePair is one pair of aligned sentences.
type SentencePair struct {
	A          int     `json:"a"` // sentence index in A
	B          int     `json:"b"`
	Similarity float64 `json:"similarity"`
	// Verbatim reports whether the two sentences have the same words (after normalisation and
	// stemming); otherwise the sentence was rewritten.
	Verbatim bool `json:"verbatim"`
	// Template reports that the two sentences hold different figures in one frame: they are
	// aligned but not counted as copied (see verify.Alignment.Template).
	Template bool `json:"template"`
	// Row reports that the template is a row of one table in two issues, with other values or
	// labels, or printed alike by chance (see verify.Alignment.Row); present only when true.
	Row bool `json:"row,omitempty"`
	// Names reports that the two sentences fill one frame with other names: the same two
	// capitalised words, each in one text only, swap in two or more aligned sentences (see
	// verify.Alignment.Names). The sentences still count as copied; present only when true.
	Names bool `json:"names,omitempty"`
	// Quoted reports that both sentences are mostly quotation: aligned, not counted as copied.
	Quoted bool   `json:"quoted"`
	TextA  string `json:"text_a"`
	TextB  string `json:"text_b"`
}

// Comparison is the full explanation of a pair.
type Comparison struct {
	A       Document       `json:"a"`
	B       Document       `json:"b"`
	Result  verify.Result  `json:"-"`
	Aligned []SentencePair `json:"aligned"`
	// Passages merges the aligned sentences that follow one another in both texts (see
	// verify.Passages); A.Ranges and B.Ranges give their bytes.
	Passages []verify.Passage `json:"-"`
	// Unscored names the gate before the score that the pair failed (verify.Params.Unscored),
	// or is "" when the score decided it, exact pairs aside.
	Unscored string `json:"-"`
	// Decision is the decision that applied, verify.DecisionStandard or verify.DecisionStrict
	// (the verifier's Params.Decision; auto is decided as standard). Unstrict says why the
	// strict decision refuses the pair (verify.Params.Unstrict), whichever applied, for a pair
	// the score alone calls a duplicate that is not exact; "" otherwise.
	Decision string `json:"-"`
	Unstrict string `json:"-"`
}

// Tools returns the analyser of language and the verifier of p that [Compare] takes. Both
// keep scratch buffers: a goroutine that compares needs its own.
func Tools(language string, p verify.Params) (*normalize.Analyzer, *verify.Verifier, error) {
	an, err := normalize.New(language)
	if err != nil {
		return nil, nil, err
	}
	v, err := verify.New(p)
	return an, v, err
}

// Compare analyses the texts of a and b (a.Path and b.Path name them) and verifies them with v.
// It fails only when ctx is cancelled during the verification.
func Compare(ctx context.Context, an *normalize.Analyzer, v *verify.Verifier, a, b Document, textA, textB string) (*Comparison, error) {
	return CompareAnalysed(ctx, v, a, b, Analyse(an, textA), Analyse(an, textB))
}

// Analysed is a text analysed for [CompareAnalysed]: what a comparison reads of one side,
// made once for all the comparisons of a document with others.
type Analysed struct {
	doc       normalize.Document
	sketch    sketch.Sketch
	sentences []string
	ranges    []normalize.Range
}

// Analyse analyses text with an for [CompareAnalysed].
func Analyse(an *normalize.Analyzer, text string) *Analysed {
	d := an.Analyze(text)
	ranges := d.SourceRanges(text)
	return &Analysed{doc: d, sketch: sketch.New(d), sentences: sentenceTexts(text, ranges), ranges: ranges}
}

// CompareAnalysed is [Compare] of texts analysed already: xa is a's, xb is b's. The
// comparison shares their sentences and ranges, which it must not modify.
func CompareAnalysed(ctx context.Context, v *verify.Verifier, a, b Document, xa, xb *Analysed) (*Comparison, error) {
	r, err := v.Explain(ctx, &xa.sketch, &xb.sketch)
	if err != nil {
		return nil, err
	}
	p := v.Params()
	c := &Comparison{A: a, B: b, Result: r, Unscored: p.Unscored(&r), Decision: verify.DecisionStandard}
	if p.Decision == verify.DecisionStrict {
		c.Decision = verify.DecisionStrict
	}
	if c.Unscored == "" && r.Relation != verify.Exact && r.Score >= p.MinScore {
		c.Unstrict = p.Unstrict(&r)
	}
	c.A.Words, c.B.Words = len(xa.doc.Tokens), len(xb.doc.Tokens)
	c.A.Lang, c.B.Lang = xa.doc.Lang, xb.doc.Lang
	c.A.Sentences, c.B.Sentences = xa.sentences, xb.sentences
	c.A.Ranges, c.B.Ranges = xa.ranges, xb.ranges
	c.Passages = verify.Passages(&xa.sketch, &xb.sketch, r.Aligned)
	for _, al := range c.Result.Aligned {
		c.Aligned = append(c.Aligned, SentencePair{
			A:          al.A,
			B:          al.B,
			Similarity: al.Similarity,
			Verbatim:   sameTerms(xa.doc, xb.doc, al.A, al.B),
			Template:   al.Template,
			Row:        al.Row,
			Names:      al.Names,
			Quoted:     al.Quoted,
			TextA:      c.A.Sentences[al.A],
			TextB:      c.B.Sentences[al.B],
		})
	}
	return c, nil
}

// sentenceTexts returns the text of each sentence, at ranges in text, as a reader wants it
// (normalize.Readable): the article's own characters, not the normalised ones ("4½", not
// "41⁄2"; an accented letter of a misread file as it was read), with its line breaks undone.
func sentenceTexts(text string, ranges []normalize.Range) []string {
	out := make([]string, len(ranges))
	for i, r := range ranges {
		out[i] = normalize.Readable(text[r.Start:r.End])
	}
	return out
}

// sameTerms reports whether sentence i of a and sentence j of b have the same words in the same
// order.
func sameTerms(a, b normalize.Document, i, j int) bool {
	sa, sb := a.Sentences[i], b.Sentences[j]
	ta, tb := a.Tokens[sa.First:sa.Last], b.Tokens[sb.First:sb.Last]
	if len(ta) != len(tb) {
		return false
	}
	for k := range ta {
		if ta[k].Hash != tb[k].Hash {
			return false
		}
	}
	return true
}
