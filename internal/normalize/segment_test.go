package normalize_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
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
	checkQuoted(t, []quotedCase{{"首相は「必ず実現する」と述べた", "必ず ず実 実現 現す する"}})
}

// quotedCase is a text and the words (or units) of it an English analyzer marks quoted,
// space-separated.
type quotedCase struct{ text, want string }

// checkQuoted analyses the text of each case in English and checks the words marked quoted.
func checkQuoted(t *testing.T, cases []quotedCase) {
	t.Helper()
	a := newAnalyzer(t, "english")
	for _, tt := range cases {
		doc := a.Analyze(tt.text)
		var quoted []string
		for _, tk := range doc.Tokens {
			if tk.Quoted {
				quoted = append(quoted, doc.Text[tk.Start:tk.End])
			}
		}
		if got := strings.Join(quoted, " "); got != tt.want {
			t.Errorf("Analyze(%q): quoted %q; want %q", tt.text, got, tt.want)
		}
	}
}

// TestQuotedGuillemets checks that guillemets quote in pairs, either way round, and that one
// without its pair in the paragraph, as OCR makes of specks, quotes nothing.
func TestQuotedGuillemets(t *testing.T) {
	checkQuoted(t, []quotedCase{
		{"She said «we stay» and left.", "we stay"},
		{"Er sagte »wir bleiben« und ging.", "wir bleiben"},
		{"the cause of tb« massacre was found", ""},
		{"the issue «)f the campaign.\n\nHe said »no« today", "no"},
	})
}

// TestQuotedSingle checks that single quotation marks quote as British papers use them, in
// straight or curly marks, alone, inside double ones, or around them when a single one opens
// the text's first quotation, and that apostrophes quote nothing:
// inside a word, after a plural, before an elision or a year, or a stray mark OCR left.
func TestQuotedSingle(t *testing.T) {
	checkQuoted(t, []quotedCase{
		{"'I was terrified,' she told the court.", "I was terrified"},
		{"\u2018I was terrified,\u2019 she told the court.", "I was terrified"},
		{"He said: 'We will appeal.' The judge left.", "We will appeal"},
		{"She said 'no' and left.", "no"},
		{`He said, "She told me 'never' again."`, "She told me never again"},
		{"The boys' bikes and O'Brien's car, don't they?", ""},
		{"Rock 'em, said the class of '16, 'tis true.", ""},
		{"'I saw the boys' bikes,' he said.", "I saw the boys"},
		{"the issue 'f the campaign was\n\nnot settled", ""},
		{"year 'tiding December 31, the engineer issued 181 permits for 8,000 acres, Coos, 23; Tillamook,' 12", ""},
		{"the word thrift is 'a distasteful one to the ears of many of our citizens,' he said", ""},
		{"He called it 'a distasteful word' and left.", "a distasteful word"},
		{`'He told me "never" again,' she said. The jury left.`, "He told me never again"},
		{`It's true: 'We will appeal,' he said of the "unsafe" verdict.`, "We will appeal unsafe"},
		{`It's what he said: "We stay, 'come what may'" and left.`, "We stay come what may"},
		{"Land Office 'Business of all Kinds Transacted.\nFire, Life and Health Insurance.\nCome in and see them. Price $800.\n- !'\nPresuming", ""},
	})
}

// TestQuotedTeX checks that a text quoting as TeX and TREC's AP and WSJ archives do, two
// grave accents opening and two apostrophes closing, marks its quotations, after sentence
// punctuation and across a hard wrap too, with single marks inside; and that two apostrophes
// in a text without two grave accents, as OCR leaves them, quote nothing, nor do grave
// accents that mark code in reStructuredText and Markdown.
func TestQuotedTeX(t *testing.T) {
	checkQuoted(t, []quotedCase{
		{"``We will win,'' he said. ``Never.'' She left.", "We will win Never"},
		{"   ``The troops will stay where they are until the spring comes,''\nthe minister said, ``and `hold' the line.'' He left for Paris on\nMonday with his staff.", "The troops will stay where they are until the spring comes and hold the line"},
		{"Crowds cheered ``Date Rape'' verdicts, the boys' bikes.", "Date Rape"},
		{"the Kaiser's men marched '' into the town and '' sang", ""},
		{`He said "we stay" and left '' the hall.`, "we stay"},
		{"Call ``len(x)`` to count the items of the list before sorting them.", ""},
		{"Run it:\n\n```\nmake ``all''\n```\n\nand wait.", ""},
	})
}

// TestWrappedUnspaced analyses Chinese and Arabic hard-wrapped (at 20 characters, 30 with spaces), as plain-text
// archives keep wire copy: the analysis ends (the line tests stepped from word to word, and a
// Han character was a word they never stepped past), no line of either is taken for a headline
// in capitals, so the lines join into the text's sentences, and bigrams span the breaks.
func TestWrappedUnspaced(t *testing.T) {
	zh := "地震发生后，四川省立即启动二级应急响应。省委书记率工作组连夜赶赴震区指导抢险救灾工作。应急管理部派出工作组前往灾区，协助地方开展人员搜救和群众转移安置。据雅安市应急管理局介绍，震中附近的龙门乡受灾较重。"
	ar := "قال مسؤولون في وزارة الصحة إن عدد الضحايا ارتفع إلى اثني عشر شخصا. وأضافوا أن فرق الإنقاذ ما زالت تبحث عن مفقودين تحت الأنقاض في القرى الجبلية. وأعلنت الحكومة الحداد ثلاثة أيام في جميع أنحاء البلاد."
	for _, tt := range []struct {
		name, text string
		sentences  int
	}{{"chinese", zh, 4}, {"arabic", ar, 3}} {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			if strings.Contains(tt.text, " ") { // words wrapped at 30 characters
				n := 0
				for w := range strings.FieldsSeq(tt.text) {
					if k := utf8.RuneCountInString(w); n > 0 && n+1+k > 30 {
						b.WriteByte('\n')
						n = 0
					} else if n > 0 {
						b.WriteByte(' ')
						n++
					}
					b.WriteString(w)
					n += utf8.RuneCountInString(w)
				}
			} else { // characters wrapped at 20
				runes := []rune(tt.text)
				for i := 0; i < len(runes); i += 20 {
					b.WriteString(string(runes[i:min(i+20, len(runes))]))
					b.WriteByte('\n')
				}
			}
			doc := newAnalyzer(t, "auto").Analyze(b.String())
			if len(doc.Sentences) != tt.sentences {
				var got []string
				for _, s := range doc.Sentences {
					got = append(got, doc.Text[s.Start:s.End])
				}
				t.Errorf("%d sentences %q; want %d", len(doc.Sentences), got, tt.sentences)
			}
		})
	}
}

// TestHiraganaStop: a bigram written in hiragana only (particles, inflections) is a stop word;
// bigrams with kanji or katakana are content.
func TestHiraganaStop(t *testing.T) {
	a := newAnalyzer(t, "japanese")
	doc := a.Analyze("日本銀行は金利を引き上げている。")
	var stops, content []string
	for _, tk := range doc.Tokens {
		if tk.Stop {
			stops = append(stops, doc.Text[tk.Start:tk.End])
		} else {
			content = append(content, doc.Text[tk.Start:tk.End])
		}
	}
	if want := []string{"げて", "てい", "いる"}; !slices.Equal(stops, want) {
		t.Errorf("stop units %q; want %q", stops, want)
	}
	if !slices.Contains(content, "銀行") || !slices.Contains(content, "行は") || !slices.Contains(content, "上げ") {
		t.Errorf("content units %q; want those with kanji among them", content)
	}
}
