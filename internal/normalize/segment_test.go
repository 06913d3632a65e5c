package normalize_test

import (
	"slices"
	"strings"
	"testing"
)

// words returns the text of every token of the analysis of in.
func words(t *testing.T, in string) []string {
	t.Helper()
	doc := newAnalyzer(t, "english").Analyze(in)
	var got []string
	for _, tk := range doc.Tokens {
		got = append(got, doc.Text[tk.Start:tk.End])
	}
	return got
}

// TestUnspacedBigrams checks that scripts written without spaces are cut into overlapping
// character bigrams, that a Thai character keeps its marks, that Hangul keeps its spaces and
// that mixed scripts split where the script changes.
func TestUnspacedBigrams(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"中国经济", []string{"中国", "国经", "经济"}},
		{"中", []string{"中"}},
		{"中国GDP增长5.2%", []string{"中国", "GDP", "增长", "5.2"}},
		{"東京の株価", []string{"東京", "京の", "の株", "株価"}},
		{"カタカナー", []string{"カタ", "タカ", "カナ", "ナー"}},
		{"ｶﾀｶﾅ", []string{"カタ", "タカ", "カナ"}}, // half-width forms fold to full width
		{"ที่นี่", []string{"ที่นี่"}},
		{"ที่กรุง", []string{"ที่ก", "กรุ", "รุง"}},
		{"ສະບາຍດີ", []string{"ສະ", "ະບ", "ບາ", "າຍ", "ຍດີ"}}, // ະ is a letter in Lao
		{"ភ្នំពេញ", []string{"ភ្នំ", "នំពេ", "ពេញ"}},         // ្ and ំ are marks
		{"서울 정부는 발표했다", []string{"서울", "정부는", "발표했다"}},
		{"Tokyo東京Osaka", []string{"Tokyo", "東京", "Osaka"}},
		{"Москва и Берлин", []string{"Москва", "и", "Берлин"}},
	}
	for _, tt := range tests {
		if got := words(t, tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Analyze(%q) words = %q; want %q", tt.in, got, tt.want)
		}
	}
	a := newAnalyzer(t, "english")
	if got := a.Term("国经"); got != "国经" {
		t.Errorf("Term(%q) = %q; want the bigram itself", "国经", got)
	}
}

// TestSentencesAllScripts checks the sentence ends of scripts other than Latin.
func TestSentencesAllScripts(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"chinese", "国家统计局发布数据。经济增长5.2%！「我们很满意。」他说？",
			[]string{"国家统计局发布数据。", "经济增长5.2%!", "「我们很满意。」他说?"}},
		{"full-width", "株価が上がった．円は下がった！本当？",
			[]string{"株価が上がった.", "円は下がった!", "本当?"}},
		{"japanese quotes", "首相は『必ず実現する。』と述べた。会見は終わった。",
			[]string{"首相は『必ず実現する。』と述べた。", "会見は終わった。"}},
		{"arabic", "قال الوزير إن المحادثات مستمرة. هل ستنجح؟ لا أحد يعرف.",
			[]string{"قال الوزير إن المحادثات مستمرة.", "هل ستنجح؟", "لا أحد يعرف."}},
		{"urdu", "وزیر اعظم نے خطاب کیا۔ انہوں نے کہا کہ معیشت بہتر ہے۔",
			[]string{"وزیر اعظم نے خطاب کیا۔", "انہوں نے کہا کہ معیشت بہتر ہے۔"}},
		{"hindi", "प्रधानमंत्री ने भाषण दिया। उन्होंने कहा कि अर्थव्यवस्था मजबूत है।",
			[]string{"प्रधानमंत्री ने भाषण दिया।", "उन्होंने कहा कि अर्थव्यवस्था मजबूत है।"}},
		{"thai", "นายกรัฐมนตรีเดินทางถึงกรุงเทพ วันนี้ฝนตกหนัก",
			[]string{"นายกรัฐมนตรีเดินทางถึงกรุงเทพ", "วันนี้ฝนตกหนัก"}},
		{"russian", "«Переговоры продолжатся», — сказал он. Встреча прошла в Москве.",
			[]string{"«Переговоры продолжатся», - сказал он.", "Встреча прошла в Москве."}},
		{"guillemets", "Er sagte: «Wir bleiben.» Dann ging er.",
			[]string{"Er sagte: «Wir bleiben.»", "Dann ging er."}},
	}
	a := newAnalyzer(t, "english")
	for _, tt := range tests {
		doc := a.Analyze(tt.in)
		var got []string
		for _, s := range doc.Sentences {
			got = append(got, doc.Text[s.Start:s.End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: sentences\n%q\nwant\n%q", tt.name, got, tt.want)
		}
	}
}

// TestQuotedCornerBrackets checks that corner brackets and guillemets mark quoted words.
func TestQuotedCornerBrackets(t *testing.T) {
	a := newAnalyzer(t, "english")
	doc := a.Analyze("首相は「必ず実現する」と述べた")
	var quoted []string
	for _, tk := range doc.Tokens {
		if tk.Quoted {
			quoted = append(quoted, doc.Text[tk.Start:tk.End])
		}
	}
	if want := "必ず ず実 実現 現す する"; strings.Join(quoted, " ") != want {
		t.Errorf("quoted units = %q; want %q", quoted, want)
	}
}
