package input

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
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
// name can be. The address of a copy kept by the Wayback Machine
// (web.archive.org/web/<time>/<address>, the address escaped or not), Google's AMP viewer
// (google.com/amp/s/<address>, or a country's Google: google.co.uk, google.de), the AMP
// cache (<name>.cdn.ampproject.org/c/s/<address>) or Google News (news.google.com/articles/<id>
// and /rss/articles/<id>, an id that holds its address; see googleNewsAddress) is that of the
// page it holds: a scraper that went through them would otherwise make every site one. An
// address Google News keeps to itself (its ids since 2024 hold none) is news.google.com's, as a
// link shortener's is its own. A scan counts
// boilerplate per site as well as over the whole corpus (see Document.Site).
func SiteOf(rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	for range maxWrappers {
		inner, ok := wrapped(u)
		if !ok {
			break
		}
		u = inner
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

// maxWrappers is how many wrapping addresses SiteOf looks through (an AMP page archived by the
// Wayback Machine is two).
const maxWrappers = 3

// wrapped returns the address that u, an address of the Wayback Machine, Google's AMP viewer
// or the AMP cache, holds; false for any other address, or one whose inner address does not
// parse as an http or https URL.
func wrapped(u *url.URL) (*url.URL, bool) {
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	path := u.EscapedPath()
	var rest string
	var ok bool
	switch {
	case host == "news.google.com":
		return googleNewsAddress(path)
	case host == "web.archive.org" || host == "wayback.archive.org":
		// /web/20240305120000/https://example.com/x, or with a modifier: /web/20240305120000id_/...
		if rest, ok = strings.CutPrefix(path, "/web/"); ok {
			_, rest, ok = strings.Cut(rest, "/")
		}
	case isGoogle(host):
		rest, ok = strings.CutPrefix(path, "/amp/")
	case strings.HasSuffix(host, ".cdn.ampproject.org"):
		// /c/s/example.com/x (c: a page, v: a viewer's; s: over https)
		if rest, ok = strings.CutPrefix(path, "/c/"); !ok {
			rest, ok = strings.CutPrefix(path, "/v/")
		}
	}
	if !ok {
		return nil, false
	}
	// An archived address is at times escaped whole ("https%3A%2F%2Fexample.com%2Fx").
	if unescaped, err := url.PathUnescape(rest); err == nil && unescaped != rest && hasHTTPScheme(unescaped) {
		rest = unescaped
	}
	scheme := "http://"
	if inner, isHTTPS := strings.CutPrefix(rest, "s/"); isHTTPS {
		rest, scheme = inner, "https://"
	}
	// The Wayback Machine keeps the scheme, in any case, at times with one slash
	// ("https:/example.com"); an address of another scheme holds no site.
	if i := strings.Index(rest, ":/"); i >= 0 && !strings.Contains(rest[:i], "/") {
		switch strings.ToLower(rest[:i]) {
		case "http", "https":
			rest, scheme = strings.TrimPrefix(rest[i+2:], "/"), strings.ToLower(rest[:i])+"://"
		default:
			return nil, false
		}
	}
	inner, err := url.Parse(scheme + rest)
	if err != nil || inner.Host == "" {
		return nil, false
	}
	return inner, true
}

// googleNewsAddress returns the address that the id of a Google News article address holds,
// the path being /articles/<id> or /rss/articles/<id>: the id is, in base64 for URLs, a
// protocol buffer whose field 4 (the bytes 0x08 0x13 0x22 begin it) is the address, after
// its length as a varint ("CBMi" and the address's length, then the address). Ids of that
// kind were Google News's until 2024; false for any other path or id, and for an address
// that is not an http or https URL with a host.
func googleNewsAddress(path string) (*url.URL, bool) {
	id, ok := strings.CutPrefix(strings.TrimPrefix(path, "/rss"), "/articles/")
	if !ok || strings.Contains(id, "/") {
		return nil, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(id, "="))
	if err != nil {
		return nil, false
	}
	body, ok := bytes.CutPrefix(raw, []byte{0x08, 0x13, 0x22})
	if !ok {
		return nil, false
	}
	n, size := binary.Uvarint(body)
	if size <= 0 || n > uint64(len(body)-size) {
		return nil, false
	}
	address := string(body[size : size+int(n)])
	if !hasHTTPScheme(address) {
		return nil, false
	}
	inner, err := url.Parse(address)
	if err != nil || inner.Host == "" {
		return nil, false
	}
	return inner, true
}

// hasHTTPScheme reports whether s starts with "http:" or "https:", in any case.
func hasHTTPScheme(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	return ok && (strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https"))
}

// isGoogle reports whether host, in lower case, is one of Google's search domains, whose AMP
// viewer serves /amp/ pages: google.com and the countries' (google.de, google.co.uk,
// google.com.au), with or without "www.".
func isGoogle(host string) bool {
	tld, ok := strings.CutPrefix(strings.TrimPrefix(host, "www."), "google.")
	if !ok {
		return false
	}
	if tld == "com" {
		return true
	}
	if country, ok := strings.CutPrefix(tld, "co."); ok {
		tld = country
	} else if country, ok := strings.CutPrefix(tld, "com."); ok {
		tld = country
	}
	return len(tld) == 2 && 'a' <= tld[0] && tld[0] <= 'z' && 'a' <= tld[1] && tld[1] <= 'z'
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
