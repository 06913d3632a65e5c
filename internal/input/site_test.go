package input_test

import (
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
)

func TestSiteOf(t *testing.T) {
	tests := []struct{ url, site string }{
		{"https://www.Example.com/news/1", "example.com"},
		{"http://example.com:8080/a?b=c#d", "example.com"},
		{" https://m.example.co.uk/x ", "example.co.uk"},
		{"https://amp.news.example.org/x", "news.example.org"},
		{"https://news.example.org/x", "news.example.org"},
		{"https://www.com/", "www.com"},          // no site left without the prefix
		{"http://127.0.0.1:8000/x", "127.0.0.1"}, // an address keeps its numbers
		{"https://[::1]/x", "::1"},
		{"/news/1", ""},
		{"www.example.com/news/1", ""},
		{"ftp://example.com/x", ""},
		{"12345", ""},
		{"https://", ""},
		{"%zz", ""},
		{"https://" + strings.Repeat("a", 250) + ".com/", ""}, // longer than a host name can be
		{"https://www.example.com./news", "example.com"},      // the root's dot
		{"https://www.bücher.example/x", "xn--bcher-kva.example"},
		{"https://www.xn--bcher-kva.example/x", "xn--bcher-kva.example"},
		// Copies kept by the Wayback Machine and served by AMP viewers are the page's site.
		{"https://web.archive.org/web/20240305120000/https://www.herald.example/news/1", "herald.example"},
		{"http://web.archive.org/web/20240305120000id_/http:/herald.example/news/1", "herald.example"},
		{"https://web.archive.org/web/2024/herald.example/news/1", "herald.example"},
		{"https://www.google.com/amp/s/www.herald.example/news/1.amp", "herald.example"},
		{"https://www-herald-example.cdn.ampproject.org/c/s/herald.example/news/1", "herald.example"},
		{"https://web.archive.org/web/20240305/https://www.google.com/amp/s/herald.example/1", "herald.example"},
		{"https://web.archive.org/", "web.archive.org"},
		{"https://web.archive.org/web/20240305/", "web.archive.org"},
		{"https://www.google.com/search?q=herald", "google.com"},
		{"https://web.archive.org/web/2024/HTTPS://www.Herald.example/1", "herald.example"},
		{"https://web.archive.org/web/2024/ftp://files.herald.example/1", "web.archive.org"},
		{"https://web.archive.org/web/2024/https%3A%2F%2Fwww.herald.example%2Fnews%2F1", "herald.example"},
		{"https://web.archive.org/web/2024id_/HTTP%3A%2F%2Fherald.example/1", "herald.example"},
		{"https://web.archive.org/web/2024/ftp%3A%2F%2Ffiles.herald.example/1", "web.archive.org"},
		{"https://web.archive.org/web/2024/https%3A%2F%2F%zz", ""}, // not a URL at all
		{"https://www.google.co.uk/amp/s/www.herald.example/news/1.amp", "herald.example"},
		{"https://google.de/amp/s/herald.example/1", "herald.example"},
		{"https://www.google.com.au/amp/herald.example/1", "herald.example"},
		{"https://google.evil.example/amp/s/herald.example/1", "google.evil.example"},
		// Google News's article ids before 2024 hold the address; later ones do not.
		{"https://news.google.com/articles/CBMiIWh0dHBzOi8vd3d3LmhlcmFsZC5leGFtcGxlL25ld3MvMQ?hl=en-US&gl=US", "herald.example"},
		{"https://news.google.com/rss/articles/CBMiIWh0dHBzOi8vd3d3LmhlcmFsZC5leGFtcGxlL25ld3MvMdIBBWh0dHBz?oc=5", "herald.example"},
		{"https://news.google.com/articles/CBMiC0FVX3lxTE5hQ2R0", "news.google.com"},
		{"https://news.google.com/articles/CBMiFmZ0cDovL2hlcmFsZC5leGFtcGxlL3g", "news.google.com"}, // ftp://
		{"https://news.google.com/articles/CBMiIWh0dHBzOi8vd3d3", "news.google.com"},                // cut short
		{"https://news.google.com/articles/not-base64!", "news.google.com"},
		{"https://news.google.com/topics/CBMiIWh0dHBzOi8vd3d3LmhlcmFsZC5leGFtcGxlL25ld3MvMQ", "news.google.com"},
		{"https://web.archive.org/web/2023/https://news.google.com/articles/CBMiIWh0dHBzOi8vd3d3LmhlcmFsZC5leGFtcGxlL25ld3MvMQ", "herald.example"},
		{"https://www.google.co.uk/search?q=herald", "google.co.uk"},
	}
	for _, tt := range tests {
		if got := input.SiteOf(tt.url); got != tt.site {
			t.Errorf("SiteOf(%q) = %q; want %q", tt.url, got, tt.site)
		}
	}
}

// TestReadSite checks where a document's site comes from: an HTML page's canonical URL, else
// its og:url, else its og:site_name; a JSONL record's site field (dedupe extract's), else its id when it is a URL,
// else its url field, else its page's.
func TestReadSite(t *testing.T) {
	const body = "<article><p>The council met on Monday evening to discuss the new bridge over the river.</p></article>"
	pages := []struct{ name, head, site string }{
		{"canonical", `<link rel="canonical" href="https://www.herald.example/news/1"><meta property="og:url" content="https://other.example/1">`, "herald.example"},
		{"og:url", `<meta property="og:url" content="https://m.herald.example/news/1">`, "herald.example"},
		{"canonical among other rel tokens", `<link rel="alternate Canonical" href="http://herald.example/1">`, "herald.example"},
		{"relative canonical, then og:url", `<link rel="canonical" href="/news/1"><meta property="og:url" content="https://herald.example/1">`, "herald.example"},
		{"og:site_name after the addresses", `<meta property="og:site_name" content=" The  Herald "><meta property="og:url" content="https://herald.example/1">`, "herald.example"},
		{"og:site_name alone", `<meta property="og:site_name" content=" The  Herald ">`, "the herald"},
		{"og:site_name that is a host", `<meta property="og:site_name" content="www.Herald.example">`, "herald.example"},
		{"og:site_name with control characters", "<meta property=\"og:site_name\" content=\"The\x01Herald\">", "the herald"},
		{"og:site_name too long", `<meta property="og:site_name" content="` + strings.Repeat("Herald ", 40) + `">`, ""},
		{"none", `<title>No address</title>`, ""},
	}
	for _, tt := range pages {
		t.Run(tt.name, func(t *testing.T) {
			res, err := readIn(t, strings.NewReader(page(tt.head, body)), input.Options{Format: "html"})
			if err != nil || len(res.docs) != 1 {
				t.Fatalf("read %d documents, error %v; want 1", len(res.docs), err)
			}
			if got := res.docs[0].Site; got != tt.site {
				t.Errorf("Site = %q; want %q", got, tt.site)
			}
		})
	}
	html := strings.ReplaceAll(page(`<link rel="canonical" href="https://www.courier.example/a">`, body), `"`, `\"`)
	records := `{"id":"https://www.ledger.example/1","url":"https://courier.example/1","text":"t"}` + "\n" +
		`{"id":"42","url":"https://www.courier.example/2","text":"t"}` + "\n" +
		`{"id":"43","html":"` + html + `"}` + "\n" +
		`{"url":"https://www.ledger.example/3","html":"` + html + `"}` + "\n" +
		`{"id":"44","url":"courier.example/5","text":"t"}` + "\n" +
		`{"id":"https://www.ledger.example/6","site":" Herald.Example ","text":"t"}` + "\n" +
		`{"id":"https://www.ledger.example/7","site":"` + strings.Repeat("x", 254) + `","text":"t"}`
	res, err := readIn(t, strings.NewReader(records), input.Options{Format: "jsonl", TextField: "text,html"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.docs {
		got = append(got, d.Site)
	}
	if want := []string{"ledger.example", "courier.example", "courier.example", "ledger.example", "", "herald.example", "ledger.example"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sites of the records = %q; want %q (skips %v)", got, want, res.skips)
	}
}

// FuzzSiteOf checks that any address gives a site in lower case, no longer than a host name
// (253 bytes), without a panic, through every wrapper SiteOf looks into.
func FuzzSiteOf(f *testing.F) {
	for _, seed := range []string{
		"https://www.example.com/news/1",
		"https://web.archive.org/web/20240305/https%3A%2F%2Fexample.com%2Fx",
		"https://www.google.co.uk/amp/s/herald.example/1",
		"https://news.google.com/rss/articles/CBMiIWh0dHBzOi8vd3d3LmhlcmFsZC5leGFtcGxlL25ld3MvMQ?oc=5",
		"https://news.google.com/articles/CBMi_____w",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, address string) {
		site := input.SiteOf(address)
		if site != strings.ToLower(site) || len(site) > 253 {
			t.Errorf("SiteOf(%q) = %q", address, site)
		}
	})
}
