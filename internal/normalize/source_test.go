package normalize_test

import (
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/normalize"
)

func TestSourceRanges(t *testing.T) {
	tests := []struct {
		name, raw string
		want      []string // each sentence as cut from raw
	}{
		{"ascii", "One two three. Four five six.", []string{"One two three.", "Four five six."}},
		{"crlf", "One two.\r\nThree four.\r\nFive.", []string{"One two.", "Three four.", "Five."}},
		{"curly quotes", "\u201CWe go,\u201D he said. Caf\u00e9 nearby.", []string{"\u201CWe go,\u201D he said.", "Caf\u00e9 nearby."}},
		{"decomposed accent", "Cafe\u0301 open. Next one.", []string{"Cafe\u0301 open.", "Next one."}},
		{"bom and ligature", "\uFEFFThe \uFB01nal word. Done here.", []string{"The \uFB01nal word.", "Done here."}},
		// Full-width commas and question marks become ASCII under NFKC; a line of Chinese has no
		// ASCII byte to cut it at, yet each sentence maps to its own characters.
		{"chinese full-width", "地震发生后，四川省启动应急响应。截至14日，已有12人遇难！谁负责？下一句。", []string{"地震发生后，四川省启动应急响应。", "截至14日，已有12人遇难！", "谁负责？", "下一句。"}},
		{"japanese half-width kana", "東京で地震があった。ｶﾀｶﾅの文、続く。", []string{"東京で地震があった。", "ｶﾀｶﾅの文、続く。"}},
	}
	an := normalize.TestAnalyzer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := an.Analyze(tt.raw)
			var got []string
			for _, r := range doc.SourceRanges(tt.raw) {
				got = append(got, tt.raw[r.Start:r.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("SourceRanges(%q) cut %q; want %q", tt.raw, got, tt.want)
			}
		})
	}
}
