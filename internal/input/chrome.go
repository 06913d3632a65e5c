package input

import (
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

// chromeWords are the words of class and id names that name a site's chrome; a name is cut
// into words at "-", "_" and spaces ("cookie-banner", "most_read", "share buttons").
var chromeWords = map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "breadcrumb": true, "breadcrumbs": true,
	"cookie": true, "cookies": true, "consent": true, "gdpr": true,
	"newsletter": true, "subscribe": true, "signup": true,
	"share": true, "sharing": true, "social": true,
	"comment": true, "comments": true,
	"related": true, "popular": true, "trending": true, "recommended": true, "teaser": true, "teasers": true,
	"sidebar": true, "footer": true, "promo": true, "advert": true, "advertisement": true, "ads": true, "sponsored": true,
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
		switch a.Key {
		case "role":
			if chromeRoles[strings.ToLower(strings.TrimSpace(a.Val))] {
				return true
			}
		case "class", "id":
			for w := range strings.FieldsFuncSeq(strings.ToLower(a.Val), func(r rune) bool { return r == '-' || r == '_' || r == ' ' || r == '\t' || r == '\n' }) {
				if chromeWords[w] {
					return true
				}
			}
		}
	}
	return (n.DataAtom == atom.Ul || n.DataAtom == atom.Ol) && linkDense(n)
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

// textLen returns the bytes of text under n, scripts and styles aside, white space included.
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
