package input

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	readability "github.com/go-shiori/go-readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// errNoArticle marks an HTML page in which readability found no text.
var errNoArticle = errors.New("no article text found")

// maxDepth bounds the nesting of a page handed to readability, whose run time grows
// steeply with depth (seconds at a few thousand levels). Blink's HTML parser caps depth at
// 512 too; real pages stay far below it.
const maxDepth = 512

// extractHTML decodes and parses an HTML page and returns its title, date, site, encoding and main
// text: the headline, a blank line, then the article's paragraphs separated by blank lines.
// Boilerplate (navigation, banners, comments, scripts) is left to readability to remove.
// cut says raw is only the start of the page. A page nested too deeply for the parser to
// handle quickly is refused before it is parsed (see checkDepth).
func extractHTML(ctx context.Context, raw []byte, cut bool) (Document, error) {
	text, enc, err := decode(raw, cut, true)
	if err != nil {
		return Document{}, err
	}
	doc, err := extractPage(ctx, text)
	if err != nil {
		return Document{}, err
	}
	doc.Encoding, doc.declared = enc, enc == "windows-1252" && declares1252(raw)
	return doc, nil
}

// extractPage is extractHTML for a page already decoded: its title, date, site and main text.
func extractPage(ctx context.Context, text string) (doc Document, err error) {
	if err := checkDepth(ctx, text); err != nil {
		return Document{}, err
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return Document{}, err
	}
	// checkDepth only estimates; the parsed tree is what readability gets.
	if tooDeep(root, maxDepth) {
		return Document{}, errTooDeep
	}
	// readability is a large port of browser code; one odd page must not end the walk.
	defer func() {
		if p := recover(); p != nil {
			doc, err = Document{}, fmt.Errorf("html extraction failed: %v", p)
		}
	}()
	date, site := metaDate(root), pageSite(root) // before stripChrome, which may remove a <time>
	stripChrome(root)
	art, body, err := article(root)
	if err == nil && body == "" {
		// The page held nothing but what stripChrome took for chrome (an article marked with
		// a word of chromeWords): read as it is, as before.
		if root, err = html.Parse(strings.NewReader(text)); err == nil {
			art, body, err = article(root)
		}
	}
	if err != nil {
		return Document{}, err
	}
	if body == "" {
		return Document{}, errNoArticle
	}
	title := collapseSpace(art.Title)
	if title != "" && !strings.HasPrefix(body, title) {
		body = title + "\n\n" + body
	}
	if art.PublishedTime != nil {
		date = *art.PublishedTime
	}
	return Document{Text: body, Title: title, Date: date, Site: site}, nil
}

// article returns what readability finds in the page under root, and its text as blockText
// writes it ("" when it finds none).
func article(root *html.Node) (readability.Article, string, error) {
	art, err := readability.FromDocument(root, nil)
	if err != nil || art.Node == nil {
		return art, "", err
	}
	// Node is the first child of readability's wrapper; the wrapper may hold more.
	return art, blockText(art.Node.Parent), nil
}

// pageStart matches the start of a whole HTML page, as a scraper stores it: a doctype, or an
// <html>, <head> or <body> tag, after white space.
var pageStart = regexp.MustCompile(`(?i)^\s*<(!doctype\s+html|html|head|body)[\s>]`)

// isPage reports whether s, the text of a JSONL record, is a whole HTML page rather than an
// article's body marked up (isMarkup): it starts with one of the tags of pageStart. A page
// holds its site's navigation, banners and teasers around the article, which extractPage
// leaves out and markupText keeps. Prose that names a tag further on ("the <head> element")
// is no page.
func isPage(s string) bool {
	return pageStart.MatchString(s[:min(len(s), 1024)])
}

// metaCharset matches a <meta charset> or http-equiv declaration, its label the submatch.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]*charset\s*=\s*["']?\s*([a-z0-9._:-]+)`)

// declares1252 reports whether the page raw declares, in its first kilobyte where browsers
// look, a charset read as Windows-1252 (windows-1252, iso-8859-1, latin1, us-ascii...): read
// as it says, it needs no warning, as a page declaring koi8-r gets none.
func declares1252(raw []byte) bool {
	m := metaCharset.FindSubmatch(raw[:min(len(raw), 1024)])
	if m == nil {
		return false
	}
	_, name := charset.Lookup(string(m[1]))
	return name == "windows-1252"
}

// extractHTMLAsync is extractHTML, but returns ctx.Err() as soon as ctx is cancelled. Past
// the depth check, parsing and readability cannot be interrupted and take seconds on a page of
// megabytes (16 MB: 5 s), so on Ctrl-C the extraction is left to finish unseen.
func extractHTMLAsync(ctx context.Context, raw []byte, cut bool) (Document, error) {
	return unlessCancelled(ctx, func() (Document, error) { return extractHTML(ctx, raw, cut) })
}

// extractPageAsync is extractPage as extractHTMLAsync is extractHTML: a whole page in a JSON
// Lines record of 30 MB kept Ctrl-C waiting 1.1-1.8 s.
func extractPageAsync(ctx context.Context, text string) (Document, error) {
	return unlessCancelled(ctx, func() (Document, error) { return extractPage(ctx, text) })
}

// unlessCancelled returns what extract returns, or ctx.Err() as soon as ctx is cancelled,
// leaving extract to finish unseen.
func unlessCancelled(ctx context.Context, extract func() (Document, error)) (Document, error) {
	type result struct {
		doc Document
		err error
	}
	done := make(chan result, 1) // buffered: an abandoned extraction must not block
	go func() {
		doc, err := extract()
		done <- result{doc, err}
	}()
	select {
	case res := <-done:
		return res.doc, res.err
	case <-ctx.Done():
		return Document{}, ctx.Err()
	}
}

// markupTag matches the tags of text marked up as HTML: paragraphs, breaks, divisions,
// headings, lists, links, emphasis, figures, each with attributes as HTML writes them
// (name="value", name='value', name=value, name), so that OCR noise between angle brackets
// ("<i ;. ? ? iM-t ? 11 >") is no tag. Its first group is the tag's name.
var markupTag = regexp.MustCompile(`(?i)</?(p|div|br|span|a|h[1-6]|li|ul|ol|aside|section|article|blockquote|strong|em|b|i|figure|figcaption|img|table|tr|td)(?:\s+[a-z][a-z0-9:_-]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=]+))?)*\s*/?>`)

// markupBlocks are the tags of markupTag that lay out a body of text, as a CMS export marks its
// paragraphs; the others (emphasis, links) also stand in plain text that names a title in
// italics ("<i>The Times</i>").
var markupBlocks = map[string]bool{
	"p": true, "div": true, "br": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "aside": true, "section": true, "article": true, "blockquote": true,
	"figure": true, "table": true, "tr": true, "td": true,
}

// maxMarkupTags is how many tags isMarkup looks at for one that lays out a body of text.
const maxMarkupTags = 64

// isMarkup reports whether s, the text of a JSONL record, is HTML (as news APIs and CMS
// exports give an article's body): it holds at least two of the tags of markupTag, one of them
// among the first maxMarkupTags a block (markupBlocks). Read as HTML, a plain text with two tags
// in it lost the words between them and its offsets (a title in italics, OCR noise: 39 of the
// 59,433 chronam articles).
func isMarkup(s string) bool {
	if strings.IndexByte(s, '<') < 0 {
		return false
	}
	tags := markupTag.FindAllStringSubmatchIndex(s, maxMarkupTags)
	// An element that holds nothing ("<p></p>") lays out no text: OCR'd pages of the chronam
	// collection hold such pairs between lines of plain text (33 of its 59,433 articles).
	kept, block := 0, false
	for i := 0; i < len(tags); i++ {
		m := tags[i]
		name := strings.ToLower(s[m[2]:m[3]])
		if i+1 < len(tags) && s[m[0]+1] != '/' {
			next := tags[i+1]
			if s[next[0]+1] == '/' && strings.EqualFold(s[next[2]:next[3]], name) && strings.TrimSpace(s[m[1]:next[0]]) == "" {
				i++
				continue
			}
		}
		kept++
		block = block || markupBlocks[name]
	}
	return kept >= 2 && block
}

// markupText returns the text of the HTML s as blockText writes it: a paragraph per block
// element, scripts and styles left out, entities decoded. It does not look for an article in
// it, as extractHTML does with a page: s is one already. Markup nested too deeply to parse
// quickly is refused (errTooDeep) before it is parsed, as a page is: parsed, 50,000 nested divs
// in a JSON Lines text field took 18 s, and the markup was then kept as the text, tags as words.
func markupText(ctx context.Context, s string) (string, error) {
	if err := checkDepth(ctx, s); err != nil {
		return "", err
	}
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return "", err
	}
	if tooDeep(root, maxDepth) {
		return "", errTooDeep
	}
	return blockText(root), nil
}

// tooDeep reports whether the tree under n is more than limit nodes deep.
func tooDeep(n *html.Node, limit int) bool {
	if limit < 0 {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if tooDeep(c, limit-1) {
			return true
		}
	}
	return false
}

// blockText returns the text under n as paragraphs, one per block element, separated by blank
// lines; white space inside a paragraph is collapsed to single spaces and <br> breaks a line.
func blockText(n *html.Node) string {
	var w paragraphWriter
	w.walk(n)
	w.flush()
	return strings.Join(w.paras, "\n\n")
}

// paragraphWriter collects the text of a node tree paragraph by paragraph.
type paragraphWriter struct {
	paras []string        // finished paragraphs
	cur   strings.Builder // the paragraph being written
	space bool            // white space seen since the last word
}

// skipTags hold no readable text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true,
}

// blockTags start and end a paragraph.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Caption: true, atom.Dd: true, atom.Details: true, atom.Div: true, atom.Dl: true,
	atom.Dt: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true,
	atom.Table: true, atom.Td: true, atom.Th: true, atom.Tr: true, atom.Ul: true,
}

func (w *paragraphWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode, html.DocumentNode:
	default:
		return
	}
	tag := n.DataAtom
	if tag == 0 {
		// An element readability made (the <p> it turns a <div> of text into) has its name
		// but no atom: read by the atom alone, two such paragraphs ran into one word.
		tag = atom.Lookup([]byte(n.Data))
	}
	if skipTags[tag] {
		return
	}
	if tag == atom.Br {
		if w.cur.Len() > 0 {
			w.cur.WriteByte('\n')
		}
		w.space = false
		return
	}
	block := blockTags[tag]
	if block {
		w.flush()
	}
	for c := range n.ChildNodes() {
		w.walk(c)
	}
	if block {
		w.flush()
	}
}

// text appends s to the current paragraph with runs of white space collapsed.
func (w *paragraphWriter) text(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			w.space = true
			continue
		}
		if w.space && w.cur.Len() > 0 && !strings.HasSuffix(w.cur.String(), "\n") {
			w.cur.WriteByte(' ')
		}
		w.space = false
		w.cur.WriteRune(r)
	}
}

// flush ends the current paragraph.
func (w *paragraphWriter) flush() {
	if p := strings.TrimSpace(w.cur.String()); p != "" {
		w.paras = append(w.paras, p)
	}
	w.cur.Reset()
	w.space = false
}

// collapseSpace trims s and collapses its runs of white space to single spaces.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// metaDate finds a publication date readability did not: <meta property="article:published_time">,
// <meta name="date">, then the first <time datetime>. It returns the zero time if none parses.
func metaDate(root *html.Node) time.Time {
	var published, dated, timed string
	for n := range root.Descendants() {
		switch {
		case n.Type != html.ElementNode:
		case n.DataAtom == atom.Meta && strings.EqualFold(attr(n, "property"), "article:published_time"):
			published = attr(n, "content")
		case n.DataAtom == atom.Meta && strings.EqualFold(attr(n, "name"), "date"):
			dated = attr(n, "content")
		case n.DataAtom == atom.Time && timed == "":
			timed = attr(n, "datetime")
		}
	}
	for _, s := range []string{published, dated, timed} {
		if t, ok := parseDate(s); ok {
			return t
		}
	}
	return time.Time{}
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
