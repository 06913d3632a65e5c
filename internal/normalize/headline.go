package normalize

import "strings"

// maxHeadlineWords is the most words, stop words included, of a first line in lower and upper
// case that reads as a headline: a wire headline has three to ten ("Stocks Open Higher",
// "Fixed-Rate Mortgages Down Again"), and a first paragraph of a dozen words or more that ends
// without a stop is a table's row or a list's line more often than a title.
const maxHeadlineWords = 12

// Headline reports whether the first sentence of d is the document's headline: a unit of its
// own at the start of the text (nothing but space before it, the end of a line after it, more
// sentences after that) that is in capitals (but not in a text written in capitals, see
// capitalsText), or has at most maxHeadlineWords words and does not end as a sentence or a
// clause does (with . ! ? , ; or :, before closing quotes or brackets, or with a stop word).
//
// A story exported as plain text (a wire archive's files, a page's text, which the HTML reader
// starts with its title, an article cut from an OCR'd page) begins with its headline, which
// SGML and JSON Lines keep in a field of their own. The issues of a series repeat theirs
// ("Stocks Open Higher", "Mortgage Rates") where a copy is often headed anew, so a headline
// says what a story is about more than where its words came from (see verify's strict
// decision).
func (d *Document) Headline() bool {
	if len(d.Sentences) < 2 {
		return false
	}
	s := d.Sentences[0]
	start, end := int(s.Start), int(s.End)
	if strings.TrimSpace(d.Text[:start]) != "" || !isBlank(d.Text[end:lineEnd(d.Text, end)]) {
		return false
	}
	line := d.Text[start:end]
	if isCapitalsLine(line) && !capitalsText(d.Text) {
		return true
	}
	// A line of a hard-wrapped paragraph cut short ("The Federal Reserve is expected to", where
	// a Reuters story's dateline was taken out of its first line) goes on: it ends in a stop
	// word, as a headline does not.
	return int(s.Last-s.First) <= maxHeadlineWords && !endsClause(line) && !d.Tokens[s.Last-1].Stop
}

// endsClause reports whether line ends with sentence or clause punctuation, possibly followed
// by closing quotes or brackets (see endsSentence).
func endsClause(line string) bool {
	i := len(line)
	for i > 0 && isCloser(line[i-1]) {
		i--
	}
	if i == 0 {
		return false
	}
	switch line[i-1] {
	case '.', '!', '?', ',', ';', ':':
		return true
	}
	return false
}
