package input

import (
	"net"
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/idna"
)

// SiteOf returns the site of an article's address: the host of an absolute http or https URL,
// lower-case, without its port and without a leading "www.", "m." or "amp." (the same site's
// desktop, mobile and AMP pages); "" for anything else, and for a host longer than a host
// name can be. A scan counts boilerplate per site as
// well as over the whole corpus (see Document.Site).
func SiteOf(rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	// One host has several spellings: a trailing dot (the root of DNS), Unicode or its
	// Punycode (IDNA), any case.
	host := strings.TrimSuffix(u.Hostname(), ".")
	if ascii, err := idna.Lookup.ToASCII(host); err == nil {
		host = ascii
	}
	host = strings.ToLower(host)
	if len(host) > maxSite {
		return ""
	}
	if net.ParseIP(host) == nil {
		for _, prefix := range []string{"www.", "m.", "amp."} {
			if rest, ok := strings.CutPrefix(host, prefix); ok && strings.Contains(rest, ".") {
				host = rest
				break
			}
		}
	}
	return host
}

// pageSite returns the site of the page under root: that of its canonical URL, <link
// rel="canonical">, or else of its <meta property="og:url"> (see SiteOf); else its <meta
// property="og:site_name">, in lower case; "" when it has none of them.
func pageSite(root *html.Node) string {
	var ogURL, name string
	for n := range root.Descendants() {
		switch {
		case n.Type != html.ElementNode:
		case n.DataAtom == atom.Link && hasToken(attr(n, "rel"), "canonical"):
			if site := SiteOf(attr(n, "href")); site != "" {
				return site
			}
		case n.DataAtom != atom.Meta:
		case ogURL == "" && strings.EqualFold(attr(n, "property"), "og:url"):
			ogURL = attr(n, "content")
		case name == "" && strings.EqualFold(attr(n, "property"), "og:site_name"):
			name = siteName(attr(n, "content"))
		}
	}
	if site := SiteOf(ogURL); site != "" {
		return site
	}
	return name
}

// maxSite is the longest site kept, in bytes: a host name has at most 253. A longer name
// (an og:site_name of a megabyte) is garbage, and a site is kept with every document.
const maxSite = 253

// siteName returns a site's name as a page's og:site_name or a record's site field gives it:
// lower case, its spaces and control characters collapsed into single spaces, a host name as
// SiteOf gives it; "" when it is longer than a host name can be.
func siteName(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	if s = strings.ToLower(collapseSpace(s)); len(s) > maxSite {
		return ""
	}
	if strings.Contains(s, ".") && !strings.ContainsAny(s, " /") {
		// A host ("www.Example.com"), spelled as an address names it.
		if host := SiteOf("http://" + s); host != "" {
			return host
		}
	}
	return s
}

// hasToken reports whether the space-separated list s holds tok, in any case.
func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}
