package normalize_test

import (
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/normalize"
)

func TestHeadline(t *testing.T) {
	an := normalize.TestAnalyzer(t)
	body := "\nNEW YORK (AP) _ The stock market edged up in early trading\ntoday.\n\nThe Dow Jones average of 30 industrials was up 4.32 at\n2,354.94 shortly after the opening bell.\n"
	tests := []struct {
		name, text string
		want       bool
	}{
		{"wire story exported as text", "Stocks Open Higher" + body, true},
		{"after blank lines", "\n\n  Stocks Open Higher" + body, true},
		{"a headline of two words", "Mortgage Rates\nWASHINGTON (AP) _ Rates on fixed-rate home mortgages slipped this week.", true},
		{"a page's title, a blank line, the body", "Tornadoes Rake Texas Panhandle\n\nTornadoes tore through the Texas Panhandle on Wednesday.", true},
		{"in capitals, with a stop", "SIX-YEAR-OLD HAD CROUP.\n\"I have a little girl six years old who has a good deal of trouble.\"", true},
		{"the story's first sentence", "The stock market edged up in early trading today.\nThe Dow rose.", false},
		{"a lead-in ending with a colon", "Extended forecast for Georgia for Saturday through Monday:\nNORTH GEORGIA: Fair Saturday.", false},
		{"a first line that goes on", "Stocks Open Higher as the Dow gains. The stock market edged up.\nThe Dow rose.", false},
		{"a long first line without a stop", "Albany 23 12 cdy Atlanta 48 33 clr Boston 30 21 cdy Chicago 25 18 sno Denver 40 22 clr\nDallas 60 41 clr", false},
		{"a line alone", "Stocks Open Higher", false},
		{"a wrapped line cut short", "The Federal Reserve is expected to\nenter the U.S. Government securities market to add temporary reserves, economists said.", false},
		// A line in capitals heads no text written in capitals; a short one without a stop does.
		{"a text in capitals, its headline", strings.ToUpper("Stocks open higher" + body), true},
		{"a text in capitals, its first line a sentence's start", strings.ToUpper(strings.TrimPrefix(body, "\n") + "Gainers had a 2-1 lead over losers in the early\ntally of New York Stock Exchange-listed issues.\n"), false},
	}
	for _, tt := range tests {
		doc := an.Analyze(tt.text)
		if got := doc.Headline(); got != tt.want {
			t.Errorf("%s: Headline() = %v; want %v (sentences %d)", tt.name, got, tt.want, len(doc.Sentences))
		}
	}
}
