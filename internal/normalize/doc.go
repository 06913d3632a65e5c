// Package normalize turns raw article text into the words and sentences that
// the rest of dedupe compares: it normalises the characters, cuts words, marks
// stop words, stems and hashes each word, and splits sentences.
//
// Two copies of a wire story should give the same token hashes wherever their
// words agree, whatever their encoding, typography or case. Everything here
// serves that, and [Version] changes whenever a rule below changes the hashes
// that an on-disk index holds.
//
// # Characters
//
// [Text] applies Unicode NFKC (full-width forms, ligatures, compatibility
// spaces), then folds what NFKC leaves alone but publishing systems vary:
// curly quotes and primes become ASCII ' and ", all dashes and the minus sign
// become '-', Unicode spaces become ' ', soft hyphens and zero-width
// characters disappear, CRLF and CR become LF and invalid UTF-8 becomes
// U+FFFD. Case, punctuation and line breaks stay, because Document.Text is
// shown to users and sentences end at line breaks. Text is idempotent.
//
// # Words
//
// A word is a run of letters, digits and combining marks. An apostrophe
// between word characters stays inside ("don't"); hyphens split ("long-term"
// is "long" and "term"), so hyphenation choices do not matter. A comma or dot
// between digits stays too: "600,000" and "1,200.50" are single tokens whose
// term is the lower-cased text as written, unstemmed, like every word with a
// digit. Single letters joined by dots form an acronym ("U.S.", "e.g.") whose
// term drops the dots, so "U.S." and "US" share the term "us".
//
// Scripts written without spaces between words (Han, Hiragana, Katakana, Thai,
// Lao, Khmer, Myanmar) are cut into overlapping character bigrams instead,
// as search engines index them: "中国经济" gives the units "中国", "国经" and
// "经济", each a token whose term is its text, never a stop word; a character
// keeps its combining marks. A word stops where such a script starts, so
// mixed text ("中国GDP增长5.2%") gives "中国", "GDP", "增长" and "5.2".
// Hangul is written with spaces and cut at them like Latin. segment.go says
// why bigrams and not a dictionary.
//
// A word's term is its lower-cased form, without an English possessive 's,
// stemmed with the Snowball stemmer of the language
// (github.com/kljensen/snowball), so "running" and "runs" both give "run".
// Before stemming, the letters that a script's writers use interchangeably
// fold (fold.go): Arabic alef, yeh, kaf and heh variants, tatweel and short
// vowels, the Persian/Urdu yeh and kaf, the Devanagari nukta, Hebrew points.
// [Token.Hash] is the xxh3 hash of the term; nothing after this package needs
// the term itself, and [Analyzer.Term] recomputes it for display.
//
// # Stop words
//
// Stop words stay tokens, flagged [Token.Stop], so that callers can shingle
// either every word or content words only. English uses a list of 165: the
// Snowball English list plus "can", "just", "now" and "will", less the
// contractions in 's, which are found without it ("it's" as "it"). French,
// Hungarian, Norwegian, Russian, Spanish and Swedish use the lists shipped
// with their kljensen/snowball stemmer, which can be surprising (the French
// one lacks "les"); the other languages the stopwords-iso lists embedded from
// stopwords/ (language.go lists which language has which). Acronyms are never stop
// words, and neither is a word of two or more letters written in capitals
// ("US", "WHO", "IT"), which in news is nearly always an acronym.
//
// # Languages
//
// An Analyzer works in one of [Languages], or with [Auto] detects each
// document's language from its script and its stop words (detect.go) and
// records it in [Document.Lang]. Cutting words and sentences depends on the
// script of each word, never on the language, so a document mixing scripts is
// cut right whatever its language; the language decides only stop words and
// stems. Languages without a Snowball stemmer keep their words unstemmed.
//
// # Sentences
//
// A sentence ends at every hard line break and where '.', '!' or '?', possibly with
// closing quotes or brackets, is followed by space and then an upper-case
// letter, a digit or an opening quote. A dot after a title such as "Mr." or
// "Dr." never ends a sentence. After other abbreviations ("Jan.", "Inc."),
// acronyms ("U.S.") and initials ("J.") it ends one only before a capitalised
// stop word, as in "sanctions by the U.S. The talks", which keeps "U.S.
// officials" and "J. R. R. Tolkien" whole. Dots inside numbers are part of
// the number. Sentences without tokens are dropped.
//
// Other scripts: the ideographic full stop 。, the Arabic question mark ؟, the
// Devanagari danda । and ॥ and the Urdu full stop ۔ always end a sentence
// (NFKC has made the full-width ！？． ASCII), and so do '.', '!' and '?'
// after text without spaces or before it, since such text puts no space
// there. After closing quotes (」』» and the rest) a word that follows
// directly continues the sentence the quote stands in (「…。」と述べた). In
// scripts without case (Arabic, Devanagari) any letter after the space starts
// a sentence, as a capital does in Latin. Thai and Lao, which have no
// sentence punctuation, end a sentence at a space between two of their
// characters: they write spaces only between clauses and sentences. Corner
// brackets 「」『』 and guillemets mark quoted words as '"' does; guillemets
// only in pairs, «…» or »…«, within a paragraph: OCR makes lone ones of specks.
// In a text without double quotation marks, single ones quote too, as British
// papers use them ('I was terrified,' she told the court), where they are not
// apostrophes (see singleQuote). A text with two grave accents in a row quotes
// as TeX and the AP and WSJ archives of TREC do, two grave accents opening a
// quotation and two apostrophes closing it (see texQuotes).
//
// Most news text has a paragraph per line and headings on lines of their own,
// so there every line break is hard. Hard-wrapped text (wire archives, e-mail,
// OCR'd newspaper columns) breaks lines where the column ends: there a line
// break inside a paragraph is soft, a space, and a word hyphenated across it
// ("Ma-\njor") is one word. Which text is hard-wrapped and which breaks end a
// paragraph (blank lines, indentation, a short last line, headlines in
// capitals or title case) is decided per text from its line lengths; lines.go
// gives the rule. [Readable] shows a sentence with its line breaks undone.
//
// # Performance
//
// Analyze is the hot path of a scan. Each [Analyzer] caches the hash and stop
// flag of every surface form it has met, keyed by a hash of the form (see
// stemCache), so that a known word costs one probe and no allocation; only
// new words are lower-cased, stemmed and hashed. A document costs a handful
// of allocations: the normalised text when it differs from the input, and
// the token and sentence slices.
package normalize
