package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// The test page is the front page of The Hawaiian Gazette (Honolulu,
// sn83025121) of 4 January 1916, from Chronicling America (public domain).
const testPage = "testdata/19160104_sn83025121-ed-1_seq-1.txt"

func TestSplitPage(t *testing.T) {
	page := testfs.ReadFile(t, testPage)
	arts := Split(page, 60)
	// The first line of every article after the first, as cut by the rule.
	want := []string{
		"MILITARY FORTIFICATIONS r",
		"TANK CAUSES FATALITIES",
		"PACIFIC COAST GALE",
		"OF 1 1 ZONE",
		"AIRMAN ADVOCATES",
		"FAMOUS BRAZILIAN",
		"N. Y. K. CHANGES ITS ROUTE-",
		"CZAR'S ENVOY TO JAPAN - .",
		"TURKISH AND TEUTON",
		"FORD PARTY LOCKED UP",
		"YUAN SHIH-KArNAMES '",
		"EIIIREfAIIILAIID",
		"ITALIAN GOVERNMENT : v",
		"FRANCE TO REQUISITION'",
		"SLAV FORCES HURL BACK",
		"CONGRESS F",
		"NAVY SOON TO LEAVE \"",
	}
	if len(arts) != len(want)+1 {
		t.Fatalf("got %d articles, want %d", len(arts), len(want)+1)
	}
	for i, w := range want {
		first, _, _ := strings.Cut(string(arts[i+1]), "\n")
		if first != w {
			t.Errorf("article %d starts %q, want %q", i+2, first, w)
		}
	}
	// The articles are the page's lines, in order, none lost or changed.
	if got := bytes.Join(arts, nil); !bytes.Equal(got, page) {
		t.Errorf("articles joined differ from the page")
	}
	for i, a := range arts {
		if n := bodyWords(a); n < 60 {
			t.Errorf("article %d has %d body words, fewer than 60", i+1, n)
		}
	}
	// Deterministic.
	again := Split(page, 60)
	for i := range arts {
		if !bytes.Equal(arts[i], again[i]) {
			t.Fatalf("second split differs at article %d", i+1)
		}
	}
}

func bodyWords(a []byte) int {
	n := 0
	for _, l := range strings.Split(string(a), "\n") {
		if !IsHeading(l) {
			n += countWords(l)
		}
	}
	return n
}

func TestSplitRules(t *testing.T) {
	body := strings.Repeat("the quick brown fox jumps over the lazy dog and runs\n", 7) // 77 words
	short := "a short item of a few words only\n"
	page := "MASTHEAD OF THE PAPER\n" + body +
		"FIRST HEADLINE\nSECOND DECK LINE\n" + short +
		"ANOTHER HEADLINE\n" + body +
		"LAST HEADLINE\n" + short
	arts := Split([]byte(page), 60)
	if len(arts) != 2 {
		t.Fatalf("got %d articles, want 2: %q", len(arts), arts)
	}
	// The short piece under FIRST HEADLINE merges forward into the next
	// article; the short last piece joins the article before it.
	if want := "FIRST HEADLINE\nSECOND DECK LINE\n" + short + "ANOTHER HEADLINE\n" + body + "LAST HEADLINE\n" + short; string(arts[1]) != want {
		t.Errorf("second article = %q, want %q", arts[1], want)
	}
	if got := Split([]byte(short), 60); len(got) != 0 {
		t.Errorf("a page under 60 words gave %d articles", len(got))
	}
}

func TestIsHeading(t *testing.T) {
	for line, want := range map[string]bool{
		"TANK CAUSES FATALITIES":         true,
		"CZAR'S ENVOY TO JAPAN - .":      true,
		"WASHINGTON, Jan. 4.":            true, // a dateline line joins the heading run
		"The gales which have been seen": false,
		"J00":                            false,
		"I V":                            false,
		strings.Repeat("LONG RUN-TOGETHER COLUMNS ", 4): false,
	} {
		if got := IsHeading(line); got != want {
			t.Errorf("IsHeading(%q) = %v, want %v", line, got, want)
		}
	}
}

func TestRun(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	page := testfs.ReadFile(t, testPage)
	testfs.WriteFiles(t, in, map[string][]byte{"dates/19160104/sn83025121-ed-1_seq-1.txt": page})
	if code := run([]string{in, out}, io.Discard, io.Discard); code != 0 {
		t.Fatalf("exit %d", code)
	}
	got := testfs.ReadFile(t, filepath.Join(out, "19160104", "sn83025121-ed-1_seq-1_a03.txt"))
	if !strings.HasPrefix(string(got), "TANK CAUSES FATALITIES\n") {
		t.Errorf("a03 starts %q", got[:40])
	}
}
