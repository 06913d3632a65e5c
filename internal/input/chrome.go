package input

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A scraped page holds its site's chrome around the article: navigation, a cookie banner, a
// newsletter box, share buttons, "most read" and "related stories" lists, comments. Readability
// leaves such elements out by their class and id names, but not on a page whose article is
// short: it then tries again without that rule and keeps them. Every page of a site then
// shares the chrome's sentences: on 4,280 pages of seven invented sites wrapped around chronam
// articles (a media-monitoring user's trial), 4,746 verified pairs joined two different
// articles of one site, and 72 of the 307 labelled copies were no longer found with their
// source. stripChrome removes such elements before readability reads the page.

// chromeTags are elements that hold a site's chrome and never an article.
var chromeTags = map[atom.Atom]bool{atom.Nav: true, atom.Footer: true, atom.Aside: true, atom.Dialog: true}

// chromeRoles are the ARIA roles of a site's chrome.
var chromeRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true, "search": true, "dialog": true,
}

// chromeWords are the words of class and id names that name a site's chrome. A name is cut
// into words at "-", "_" and a lower-case letter followed by a capital ("cookie-banner",
// "CybotCookiebotDialog"), and is also tried whole without them ("most_read"); see chromeByName.
var chromeWords = map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "breadcrumb": true, "breadcrumbs": true,
	"cookie": true, "cookies": true, "consent": true, "gdpr": true, "cmp": true, "cmplz": true, "cookiebot": true, "didomi": true,
	"newsletter": true, "subscribe": true, "signup": true, "paywall": true,
	"share": true, "sharing": true, "social": true,
	"comment": true, "comments": true,
	"related": true, "popular": true, "trending": true, "recommended": true, "teaser": true, "teasers": true, "mostread": true, "stories": true,
	"sidebar": true, "footer": true, "promo": true, "ad": true, "ads": true, "advert": true, "advertisement": true, "sponsored": true,
	"taboola": true, "outbrain": true,
}

// articleWords in a class or id name mark the article itself, as in Readability, whose rule
// spares such names too ("article-teaser", a lede; "entry-content"), unless the name also
// holds one of strongChrome ("related-content", "sidebar-content", "cookie-content").
var (
	articleWords = map[string]bool{"article": true, "body": true, "content": true, "main": true}
	strongChrome = map[string]bool{
		"related": true, "recommended": true, "trending": true, "popular": true, "mostread": true, "sidebar": true,
		"cookie": true, "cookies": true, "consent": true, "gdpr": true, "newsletter": true, "paywall": true,
		"taboola": true, "outbrain": true, "breadcrumb": true, "breadcrumbs": true,
	}
)

// textTags are elements of text, never chrome by their names: a paragraph styled with an
// atomic class such as "nav" is the article's.
var textTags = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Blockquote: true,
}

// State and taxonomy words: a name that begins with one of stateFirst, ends with one of
// stateLast or holds "tone" says what an element is about or in which state it is, not what
// it is. WordPress marks a post <article class="tag-social-media category-sponsored">, a page
// <body class="has-comments">, an opinion piece "tone-comment", a body "share-quote-enabled":
// read as chrome, such names threw the article away (8 of 62 pages imitating CMS markup, in a
// helper's trial).
var (
	stateFirst = map[string]bool{"tag": true, "category": true, "tone": true, "section": true, "has": true, "with": true, "is": true, "no": true}
	stateLast  = map[string]bool{"enabled": true, "disabled": true, "open": true, "active": true}
)

// nameWords returns the words of the class or id name c, in lower case: cut at "-", "_" and a
// lower-case letter followed by a capital ("CybotCookiebotDialog"), without a BEM modifier
// ("article--comment" is a kind of article).
func nameWords(c string) []string {
	if i := strings.Index(c, "--"); i > 0 {
		c = c[:i]
	}
	var words []string
	start := 0
	for i := 0; i <= len(c); i++ {
		camel := i > 0 && i < len(c) && 'a' <= c[i-1] && c[i-1] <= 'z' && 'A' <= c[i] && c[i] <= 'Z'
		if i < len(c) && c[i] != '-' && c[i] != '_' && !camel {
			continue
		}
		if start < i {
			words = append(words, strings.ToLower(c[start:i]))
		}
		start = i
		if i < len(c) && !camel {
			start++
		}
	}
	return words
}

// chromeByName reports whether n's class and id names make it chrome: one holds a word of
// chromeWords, or is one when its words are joined ("most_read"), and none holds a word of
// articleWords without one of strongChrome; state names do not count. A text element is never
// chrome by name.
func chromeByName(n *html.Node) bool {
	if textTags[n.DataAtom] {
		return false
	}
	chrome := false
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for _, c := range strings.Fields(a.Val) {
			words := nameWords(c)
			if len(words) == 0 || stateFirst[words[0]] || stateLast[words[len(words)-1]] || slices.Contains(words, "tone") {
				continue
			}
			joined, article, strong := strings.Join(words, ""), false, false
			for _, w := range words {
				article = article || articleWords[w]
				strong = strong || strongChrome[w]
				chrome = chrome || chromeWords[w]
			}
			strong = strong || strongChrome[joined]
			if article && !strong {
				return false
			}
			chrome = chrome || strong || chromeWords[joined]
		}
	}
	return chrome
}

// chromeShare is the most of a page's text an element may hold and be removed as chrome: a
// site that marks its article "story-share" or puts it in an <aside> keeps it.
const chromeShare = 0.5

// stripChrome removes from the page under root the elements that are a site's chrome (see
// chromeTags, chromeRoles, chromeWords) and the lists that are mostly links (linkDense), unless
// one holds more than chromeShare of the page's text.
func stripChrome(root *html.Node) {
	most := int(chromeShare * float64(textLen(root)))
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode && isChrome(c) && textLen(c) <= most {
				n.RemoveChild(c)
			} else {
				walk(c)
			}
			c = next
		}
	}
	walk(root)
}

// isChrome reports whether the element n is chrome by its tag, role or names, or a list of links.
func isChrome(n *html.Node) bool {
	if chromeTags[n.DataAtom] {
		return true
	}
	for _, a := range n.Attr {
		if a.Key == "role" && chromeRoles[strings.ToLower(strings.TrimSpace(a.Val))] {
			return true
		}
	}
	return chromeByName(n) || (n.DataAtom == atom.Ul || n.DataAtom == atom.Ol) && linkDense(n)
}

// linkDense reports whether the list n has at least three items and most of its text, four
// fifths, in links: a menu, a "most read" list, teasers of other articles.
func linkDense(n *html.Node) bool {
	items := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Li {
			items++
		}
	}
	all := textLen(n)
	return items >= 3 && all > 0 && float64(linkTextLen(n)) >= 0.8*float64(all)
}

// textLen returns the bytes of text under n, scripts and styles aside, each text node trimmed.
func textLen(n *html.Node) int {
	switch {
	case n.Type == html.TextNode:
		return len(strings.TrimSpace(n.Data))
	case n.Type == html.ElementNode && skipTags[n.DataAtom]:
		return 0
	}
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		total += textLen(c)
	}
	return total
}

// linkTextLen returns the bytes of text under n inside links.
func linkTextLen(n *html.Node) int {
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		return textLen(n)
	}
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		total += linkTextLen(c)
	}
	return total
}
