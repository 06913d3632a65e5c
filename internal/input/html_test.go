package input_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/dedupe-dev/dedupe/internal/input"
)

func TestReadHTMLArticle(t *testing.T) {
	res, err := read(t, []string{"testdata/article.html"}, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := input.Document{
		Path: "testdata/article.html",
		Text: "Harbour crane collapse halts port traffic\n\n" +
			"A container crane collapsed onto the main quay of the northern harbour early on Tuesday, forcing the port authority to suspend all ship movements while engineers inspected the damage.\n\n" +
			"No one was injured in the collapse, which happened shortly before the morning shift began. Witnesses described a loud crack followed by the slow fall of the crane's boom across two loading berths.\n\n" +
			"The port authority said three vessels waiting to unload would be diverted to neighbouring terminals, and that it expected traffic to resume within forty-eight hours once the wreckage had been cleared.\n\n" +
			"Union representatives called for an independent investigation into the maintenance record of the crane, which had been in service for more than thirty years and was due for replacement next spring.",
		Title:    "Harbour crane collapse halts port traffic",
		Date:     time.Date(2024, 3, 5, 8, 30, 0, 0, time.UTC),
		Encoding: "utf-8",
		Format:   "html",
		Size:     2994,
	}
	checkResult(t, res, []input.Document{want}, nil)
	for _, boilerplate := range []string{
		"cookie", "Accept", "Home", "Subscribe", "Related stories", "Port expansion", "Reader comments",
		"First!", "Copyright", "Privacy", "dataLayer", "trackPageView", "font-family", "Coastal Herald",
	} {
		if len(res.docs) == 1 && strings.Contains(res.docs[0].Text, boilerplate) {
			t.Errorf("Text contains boilerplate %q", boilerplate)
		}
	}
}

// page returns a minimal HTML page with head and body content.
func page(head, body string) string {
	return "<!DOCTYPE html><html><head>" + head + "</head><body>" + body + "</body></html>"
}

func TestReadHTML(t *testing.T) {
	encode := func(e *charmap.Charmap, s string) string {
		b, err := e.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	const article = "<article><p>Первый абзац статьи.</p></article>"
	tests := []struct {
		name        string
		html        string
		text, title string
		date        time.Time
		enc         string
	}{
		{
			name: "paragraphs, line breaks and inline elements",
			html: page("<title>Inline test headline here</title>",
				"<article><h2>Section</h2><p>One <b>bold</b>move,\n  then<i> more</i>.</p><p>Line one<br>line two</p><ul><li>item</li></ul></article>"),
			text:  "Inline test headline here\n\nSection\n\nOne boldmove, then more.\n\nLine one\nline two\n\nitem",
			title: "Inline test headline here",
			enc:   "utf-8",
		},
		{
			name: "the paragraphs readability makes of divs of text stay apart",
			html: page("", "<div><div><span>Bridge vote</span></div><div>The council met on Monday evening to discuss the new bridge over the river and the budget for the coming year, which many residents have opposed at public meetings alpha</div><div>Omega The council met on Monday evening to discuss the new bridge over the river and the budget for the coming year, which many residents have opposed at public meetings.</div></div>"),
			text: "Bridge vote\n\nThe council met on Monday evening to discuss the new bridge over the river and the budget for the coming year, which many residents have opposed at public meetings alpha\n\nOmega The council met on Monday evening to discuss the new bridge over the river and the budget for the coming year, which many residents have opposed at public meetings.",
			enc:  "utf-8",
		},
		{
			name: "a site's chrome around a short article is left out: banners, menus, lists of links, boxes named as chrome",
			html: page("<title>Bridge vote</title>", `<div class="cookie-banner"><p>We use cookies to improve your experience on our website.</p></div>`+
				`<header><a href="/">The Ledger</a><div class="c-1"><ul><li><a href="/0">Budget Election</a></li><li><a href="/1">Army River</a></li><li><a href="/2">Bank Police</a></li></ul></div></header>`+
				`<div class="c-7f2a"><div class="c-hd"><span>Bridge vote</span></div><div class="c-bd">The council voted on Monday to build the new bridge.</div></div>`+
				`<div class="newsletter-box"><p>Get the best of The Ledger delivered to your inbox every morning.</p></div>`+
				`<div role="complementary"><p>Most read today in The Ledger.</p></div><footer><p>Copyright The Ledger.</p></footer>`),
			text:  "Bridge vote\n\nThe council voted on Monday to build the new bridge.",
			title: "Bridge vote",
			enc:   "utf-8",
		},
		{
			name: "an article in an element named as chrome is kept",
			html: page("", `<div class="story-share"><p>The council met on Monday evening to discuss the new bridge over the river and the budget for the coming year, which many residents have opposed at public meetings.</p></div><div class="share"><p>Share this.</p></div>`),
			text: "The council met on Monday evening to discuss the new bridge over the river and the budget for the coming year, which many residents have opposed at public meetings.",
			enc:  "utf-8",
		},
		{
			name: "names that say what an article is about or its state are no chrome; camel case and joined names are read",
			html: page("", `<div id="CybotCookiebotDialog"><p>We use cookies to give you the best experience.</p></div>`+
				`<article class="post tag-social-media category-sponsored has-comments article--comment"><p>The council voted on Monday to build the new bridge.</p></article>`+
				`<div class="most_read"><p>Most read: the mayor resigns after a long night of talks at the town hall.</p></div><div class="share-buttons-enabled share-tools"><p>Share this.</p></div>`),
			text: "The council voted on Monday to build the new bridge.",
			enc:  "utf-8",
		},
		{
			name: "a name of the article spares an element unless it also names a list of other stories; a paragraph is never chrome by name",
			html: page("", `<div class="related-content"><p>Other story: the mayor resigns after a long night of talks at the town hall.</p></div>`+
				`<div class="article-teaser"><p>The lede of the story, which tells who did what, where and when.</p></div><p class="nav lr ls">The body of the story, with the rest of what happened.</p>`),
			text: "The lede of the story, which tells who did what, where and when.\n\nThe body of the story, with the rest of what happened.",
			enc:  "utf-8",
		},
		{
			name: "a page with nothing but what is named as chrome is read as it is",
			html: page("", `<div class="comment"><p>A short opinion, marked as a comment by its site.</p></div>`+
				`<div class="comment"><p>Its second paragraph, marked so too.</p></div><div class="comment"><p>And its third.</p></div>`),
			text: "A short opinion, marked as a comment by its site.\n\nIts second paragraph, marked so too.\n\nAnd its third.",
			enc:  "utf-8",
		},
		{
			name: "headline in the body is not repeated",
			html: page("", "<article><p>Only a body paragraph.</p></article>"),
			text: "Only a body paragraph.",
			enc:  "utf-8",
		},
		{
			name: "meta charset is honoured for non-UTF-8 bytes",
			html: encode(charmap.Windows1251, page(`<meta charset="windows-1251">`, article)),
			text: "Первый абзац статьи.",
			enc:  "windows-1251",
		},
		{
			name: "http-equiv charset",
			html: encode(charmap.ISO8859_2, page(`<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">`, "<p>Zażółć gęślą jaźń.</p>")),
			text: "Zażółć gęślą jaźń.",
			enc:  "iso-8859-2",
		},
		{
			name: "undeclared 8-bit bytes are Windows-1252",
			html: page("", "<p>\x93Quoted\x94 caf\xe9</p>"),
			text: "“Quoted” café",
			enc:  "windows-1252",
		},
		{
			name: "a false UTF-8 declaration falls back to Windows-1252",
			html: page(`<meta charset="utf-8">`, "<p>\x93Quoted\x94</p>"),
			text: "“Quoted”",
			enc:  "windows-1252",
		},
		{
			name: "valid UTF-8 wins over a declared charset",
			html: page(`<meta charset="iso-8859-1">`, "<p>“Quoted” café</p>"),
			text: "“Quoted” café",
			enc:  "utf-8",
		},
		{
			name: "UTF-16 with byte order mark",
			html: "\xff\xfe<\x00p\x00>\x00h\x00\xe9\x00<\x00/\x00p\x00>\x00",
			text: "hé",
			enc:  "utf-16le",
		},
		{
			name: "date from meta name=date",
			html: page(`<meta name="date" content="2024-01-02">`, `<p>Dated, not <time datetime="2020-01-01">old</time>.</p>`),
			text: "Dated, not old.",
			date: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
			enc:  "utf-8",
		},
		{
			name: "date from the first time element",
			html: page("", `<p>Timed <time datetime="2024-01-02 03:04:05">then</time>, <time datetime="2020-01-01">not later</time>.</p>`),
			text: "Timed then, not later.",
			date: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
			enc:  "utf-8",
		},
		{
			name: "date from JSON-LD via readability",
			html: page(`<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2024-02-03T10:00:00Z"}</script>`, "<p>Linked data.</p>"),
			text: "Linked data.",
			date: time.Date(2024, 2, 3, 10, 0, 0, 0, time.UTC),
			enc:  "utf-8",
		},
		{
			name: "unparseable date is left zero",
			html: page(`<meta name="date" content="last Tuesday">`, "<p>Undated.</p>"),
			text: "Undated.",
			enc:  "utf-8",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := readIn(t, strings.NewReader(tt.html), input.Options{Format: "html"})
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, res, []input.Document{{
				Path: "-", Text: tt.text, Title: tt.title, Date: tt.date, Encoding: tt.enc, Format: "html", Size: int64(len(tt.html)),
			}}, nil)
		})
	}
}

func TestReadHTMLSkips(t *testing.T) {
	tests := []struct {
		name, html, reason string
	}{
		{"no body text", page("<title>Only a title</title>", "<script>var x = 1;</script>"), "no article text found"},
		{"empty", "", "no article text found"},
		{"binary", "<html>\x00\x01\x02", "binary file"},
		{"too deep", strings.Repeat("<div>", 600) + "<p>deep text</p>", "html nested deeper than 512 elements"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := readIn(t, strings.NewReader(tt.html), input.Options{Format: "html"})
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, res, nil, []input.Skip{{Path: "-", Reason: tt.reason}})
		})
	}
}

// TestReadHTMLCut checks that a page longer than 2*MaxBytes+8 bytes is read only that far,
// parsed as it stands and marked truncated, even though its text is short.
func TestReadHTMLCut(t *testing.T) {
	const opening = "<!DOCTYPE html><html><body><article><p>The opening paragraph is kept.</p><p>Cut "
	html := opening + strings.Repeat("<b>x</b>", 1000) + "</p></article></body></html>"
	const maxBytes = 64
	limit := 2*maxBytes + 8
	docs, skips := readStdin(t, []byte(html), input.Options{Format: "html", MaxBytes: maxBytes})
	want := []input.Document{{
		Path: "-", File: "-", Text: "The opening paragraph is kept.\n\nCut xxxxxxx", Encoding: "utf-8",
		Format: "html", Size: int64(limit), Truncated: true,
	}}
	if !reflect.DeepEqual(docs, want) || len(skips) != 0 {
		t.Errorf("Read = %+v, %+v; want %+v", docs, skips, want)
	}
}
