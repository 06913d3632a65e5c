package verify_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/testfs"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// weather is one issue of a daily weather report: the same frame every day, other figures.
func weather(high, low, rain, wind, noon string) string {
	return "Weather report for the city and vicinity.\n" +
		"Fair tonight and tomorrow, with the highest temperature of " + high + " degrees expected in the afternoon.\n" +
		"The lowest temperature last night was " + low + " degrees at the municipal airport station.\n" +
		"Rainfall in the last twenty four hours measured " + rain + " inches at the river gauge.\n" +
		"Winds from the northwest blew at " + wind + " miles an hour during the morning hours.\n" +
		"The barometer stood at " + noon + " inches at noon and was rising slowly.\n"
}

// TestTemplatesAreNotCopies: two days' issues of one weather report share every frame word
// but none of their figures, and are not duplicates; a writethru of one issue that updates a
// single figure still is.
func TestTemplatesAreNotCopies(t *testing.T) {
	v := verify.TestVerifier(t)
	sk := textSketcher(t)
	monday := sk(weather("41", "28", "0.12", "14", "30.12"))
	tuesday := sk(weather("37", "22", "0.48", "21", "29.87"))
	writethru := sk(weather("41", "28", "0.12", "18", "30.12"))

	r, err := v.Explain(t.Context(), monday, tuesday)
	if err != nil {
		t.Fatal(err)
	}
	if r.Duplicate || r.TemplateSentences != 5 || r.AlignedSentences != 1 {
		t.Errorf("two issues of a template: duplicate %v, %d template and %d copied sentences; want false, 5, 1",
			r.Duplicate, r.TemplateSentences, r.AlignedSentences)
	}
	if r := v.Verify(monday, writethru); !r.Duplicate || r.TemplateSentences != 1 {
		t.Errorf("a writethru with one figure updated: duplicate %v, %d template sentences; want true, 1", r.Duplicate, r.TemplateSentences)
	}
}

// TestQuotationOnly: two reports of one speech that share the speaker's words but none of
// their narration are not scored, and Unscored says why; the same narration around the
// quotation is scored.
func TestQuotationOnly(t *testing.T) {
	v := verify.TestVerifier(t)
	sk := textSketcher(t)
	// Long enough that its shingles, which count half as quoted, still make more copied
	// words than MinCopied: the gate on quotations, not the one on copied words, decides.
	quote := `"We will rebuild every bridge the river took from us, we will pay the farmers who lost their harvest in the flood, and we will not rest until the last family of the valley has a roof over its head again before the winter comes," said Governor Hale. "The engineers of the state will survey every levee, every culvert and every county road of the valley before the spring floods return to the orchards and pastures along the river."`
	a := sk("The governor toured the flooded valley by boat on Tuesday and met the mayors of six towns.\n\n" + quote + "\n\nHe left for the capital in the evening.")
	b := sk("Crowds lined the square of Millbrook, where the governor spoke from the steps of the courthouse to some two thousand people.\n\n" + quote + "\n\nThe legislature meets next week.")
	r, err := v.Explain(t.Context(), a, b)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := v.Params().Unscored(&r), "only quotations shared, no narration"; r.Duplicate || got != want || r.QuotedSentences != 2 {
		t.Errorf("one shared quotation: duplicate %v, %d quoted sentences, unscored %q; want false, 2, %q", r.Duplicate, r.QuotedSentences, got, want)
	}
	if r := v.Verify(a, a); v.Params().Unscored(&r) != "" {
		t.Errorf("a text against itself: unscored %q; want scored", v.Params().Unscored(&r))
	}
}

// rollCall is one issue of a roll call: how the same ten members of a delegation voted on a
// bill, one line each.
func rollCall(bill, day string, votes [10]string) string {
	members := [10]string{
		"Jane Roe (R)", "John Doe (D)", "Mary Major (D)", "Richard Miles (R)", "Ann Fisher (R)",
		"Carl Benton (D)", "Edith Crane (D)", "Frank Hollis (R)", "Grace Lund (D)", "Henry Oakes (R)",
	}
	text := "How Vermont Members Voted\n\nMONTPELIER (AP) - Here is how members of the Vermont " +
		"delegation voted on " + day + " on the bill to " + bill + ".\n\nA yes vote is a vote to pass the bill.\n\n"
	for i, m := range members {
		text += m + " " + votes[i] + "\n"
	}
	return text
}

// TestRollCallsAreNotCopies: two issues of one roll call list the same members with other
// votes, and four of the ten members voted alike: every short line (the ten rows and the
// title) is a template instance and the pair is not a duplicate. Before rows were template
// instances it was (score 0.97, dedupe compare), as 17,199 pairs of issues of one roll call were among the
// 104,000 generated articles of make bench. A reprint that corrects one vote still is a
// duplicate: one row with another value is a misprint or an update.
func TestRollCallsAreNotCopies(t *testing.T) {
	v := verify.TestVerifier(t)
	sk := textSketcher(t)
	monday := rollCall("raise the tax on imported steel and fund the state highway board", "Monday",
		[10]string{"Yes", "No", "Yes", "Not voting", "Yes", "No", "Yes", "No", "Yes", "No"})
	friday := rollCall("extend the fishing season on the northern lakes by two weeks", "Friday",
		[10]string{"Yes", "Yes", "No", "Not voting", "No", "No", "Yes", "Yes", "No", "Not voting"})
	corrected := rollCall("raise the tax on imported steel and fund the state highway board", "Monday",
		[10]string{"Yes", "No", "Yes", "Not voting", "Yes", "No", "Yes", "No", "Yes", "Yes"})

	r, err := v.Explain(t.Context(), sk(monday), sk(friday))
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, a := range r.Aligned {
		if a.Row {
			rows++
		}
	}
	if got, want := v.Params().Unscored(&r), "more template sentences than copied ones"; r.Duplicate || got != want || rows != 11 {
		t.Errorf("two issues of a roll call: duplicate %v, %d rows of a table in two issues, unscored %q; want false, 11, %q",
			r.Duplicate, rows, got, want)
	}
	if r := v.Verify(sk(monday), sk(corrected)); !r.Duplicate || r.TemplateSentences != 0 {
		t.Errorf("a roll call with one vote corrected: duplicate %v, %d template sentences; want true, 0", r.Duplicate, r.TemplateSentences)
	}
}

// TestRollCallOtherBill: a delegation votes mostly along party lines, so two roll calls on
// other bills may differ in two votes of ten; their titles and tallies have other figures, and
// with them the rows are one table in two issues. A notice reprinted with a long sentence of
// its formula copied stays a duplicate, though its short lines (dates, signatures) have other
// figures: copied prose is no table.
func TestRollCallOtherBill(t *testing.T) {
	v := verify.TestVerifier(t)
	sk := textSketcher(t)
	titled := func(bill, tally string, votes [10]string) string {
		return "How Vermont Members Voted on H.R. " + bill + "\n\nThe bill passed " + tally + ".\n\n" +
			rollCall("pass the appropriations for the fiscal year", "Monday", votes)
	}
	party := [10]string{"Yes", "No", "No", "Yes", "Yes", "No", "No", "Yes", "No", "Yes"}
	other := party
	other[1], other[8] = "Yes", "Not voting"
	r, err := v.Explain(t.Context(), sk(titled("3585", "299 to 179", party)), sk(titled("2389", "222 to 212", other)))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := v.Params().Unscored(&r), "more template sentences than copied ones"; r.Duplicate || got != want {
		t.Errorf("two roll calls on other bills, two votes apart: duplicate %v, unscored %q; want false, %q", r.Duplicate, got, want)
	}

	notice := func(date, first, last string) string {
		return "Notice is hereby given that Mildred S. Nelson, widow of Richard Nelson, deceased, has filed in this court " +
			"her petition praying for letters of administration of said estate and that the same will be heard on Monday, " +
			"the 31st day of January, at ten o'clock in the forenoon of said day, at the courtroom of said court in Holbrook, " +
			"and all persons interested in said estate are notified then and there to appear and show cause.\n" +
			"Dated January " + date + ".\nLloyd C. Henning, Clerk.\nFirst publication " + first + ".\nLast publication " + last + ".\n(Seal) Superior Court.\n"
	}
	if r := v.Verify(sk(notice("10, 1916", "January 14", "February 4")), sk(notice("15", "January 21", "February 11"))); !r.Duplicate {
		t.Errorf("a notice reprinted with other dates beside it: duplicate %v, %d template sentences; want true", r.Duplicate, r.TemplateSentences)
	}
}

// caucus is a town committee's caucus warning: one formula every town prints, with its own
// town, hall and committee.
func caucus(town, hall, chairman string) string {
	return "DEMOCRATIC CAUCUS IN THE TOWN HALL\n" +
		"The Democratic voters of the town of " + town + " are hereby warned to meet in caucus Saturday evening at eight o'clock at " + hall + " in said " + town + " for the following purposes.\n" +
		"First. To place in nomination candidates of said Democratic party for town offices to be voted for at the annual town meeting of said town of " + town + " to be held on the first Tuesday of March.\n" +
		"Second. To transact any other business found necessary when met.\n" +
		chairman + ", Chairman of the Democratic Town Committee.\n"
}

// TestOtherNames: two towns' caucus warnings fill one formula with other names, the same two
// towns in each sentence that names one, and are not scored; the same warning reprinted with
// its town misread once by OCR is a copy, and so is a story whose hero's name is misread the
// same way twice, among sentences that outweigh those two.
func TestOtherNames(t *testing.T) {
	v := verify.TestVerifier(t)
	sk := textSketcher(t)
	bennington := sk(caucus("Bennington", "the Apollo hall on South street", "E. J. Tiffany"))
	arlington := sk(caucus("Arlington", "the Grange hall on Main street", "D. J. Conroy"))
	r, err := v.Explain(t.Context(), bennington, arlington)
	if err != nil {
		t.Fatal(err)
	}
	named := namedSentences(r)
	// Scored, the formula would pass for a copy.
	if got, want := v.Params().Unscored(&r), "sentences naming other parties outweigh the copied ones"; r.Duplicate || got != want || named != 2 || r.Score < v.Params().MinScore {
		t.Errorf("two towns' caucus warnings: duplicate %v, unscored %q, %d sentences naming other parties, score %.2f; want false, %q, 2, at least %.2f",
			r.Duplicate, got, named, r.Score, want, v.Params().MinScore)
	}

	misread := sk(strings.Replace(caucus("Bennington", "the Apollo hall on South street", "E. J. Tiffany"), "of Bennington", "of Benningtou", 1))
	if r := v.Verify(bennington, misread); !r.Duplicate || r.NamedWords != 0 {
		t.Errorf("a reprint with the town misread once: duplicate %v, %d named words; want true, 0", r.Duplicate, r.NamedWords)
	}

	story := func(name string) string {
		return "The steamer Rosalind left the harbour at dawn with a cargo of timber and salt fish.\n" +
			"Captain " + name + " stood on the bridge and watched the fog roll over the breakwater.\n" +
			"The pilot boat turned back at the lighthouse as the swell rose from the east.\n" +
			"By noon the wind had shifted and the mate ordered the topsails reefed.\n" +
			"Captain " + name + " went below to study the charts of the northern channel.\n" +
			"The crew sang as they hauled the lines, though the sky was darkening quickly.\n" +
			"Before nightfall the Rosalind had rounded the cape and found calmer water.\n"
	}
	r, err = v.Explain(t.Context(), sk(story("Gastell")), sk(story("Gasteil")))
	if err != nil {
		t.Fatal(err)
	}
	named = namedSentences(r)
	if !r.Duplicate || named != 2 {
		t.Errorf("a story with its hero's name misread the same way twice: duplicate %v, %d sentences naming other parties; want true, 2", r.Duplicate, named)
	}
}

// TestSynonymsAreNoNames: a rewrite that puts one rare word for another wherever it stands (an
// article spinner's synonym) fills no frame with other names, however often it does, since the
// word is not written with a capital letter; two copies that name the ship otherwise in the
// same places do, in the two sentences where the name has a shared word on either side (the
// first sentence's name has none before it), and are still copies.
func TestSynonymsAreNoNames(t *testing.T) {
	v := verify.TestVerifier(t)
	sk := textSketcher(t)
	voyage := func(boat string) string {
		return "The " + boat + " left the quay at dawn with a cargo of timber and salt fish.\n" +
			"Captain Hale stood on the deck of the " + boat + " and watched the fog roll over the breakwater.\n" +
			"The pilot turned back at the lighthouse as the swell rose from the east.\n" +
			"By noon the wind had shifted and the mate ordered the topsails reefed.\n" +
			"Before nightfall the " + boat + " had rounded the cape and found calmer water.\n" +
			"The crew sang as they hauled the lines, though the sky was darkening quickly.\n"
	}
	r, err := v.Explain(t.Context(), sk(voyage("schooner")), sk(voyage("sloop")))
	if err != nil {
		t.Fatal(err)
	}
	if named := namedSentences(r); !r.Duplicate || named != 0 || r.NamedWords != 0 {
		t.Errorf("a synonym put for a rare word throughout: duplicate %v, %d sentences naming other parties, %d named words; want true, 0, 0",
			r.Duplicate, named, r.NamedWords)
	}
	r, err = v.Explain(t.Context(), sk(voyage("Rosalind")), sk(voyage("Marguerite")))
	if err != nil {
		t.Fatal(err)
	}
	if named := namedSentences(r); !r.Duplicate || named != 2 || r.AlignedSentences != 6 {
		t.Errorf("one voyage told of two ships: duplicate %v, %d sentences naming other parties, %d copied sentences; want true, 2, 6",
			r.Duplicate, named, r.AlignedSentences)
	}
}

// namedSentences counts the aligned sentences of r that fill one frame with other names.
func namedSentences(r verify.Result) int {
	n := 0
	for _, al := range r.Aligned {
		if al.Names {
			n++
		}
	}
	return n
}

// TestOtherNamesLargeCorpus: in a corpus of 10,000 documents, words in 2% of them are names
// as they are in a corpus of 100 (nameShare), and two towns' caucus warnings weighed by its
// frequencies still fill one formula with other names.
func TestOtherNamesLargeCorpus(t *testing.T) {
	v := verify.TestVerifier(t)
	sk := textSketcher(t)
	bennington := sk(caucus("Bennington", "the Apollo hall on South street", "E. J. Tiffany"))
	arlington := sk(caucus("Arlington", "the Grange hall on Main street", "D. J. Conroy"))
	// The words the two share are in half the documents, the others in 2%.
	in := map[uint32]int{} // 1: in bennington, 2: in arlington, 3: in both
	for _, term := range bennington.Terms {
		in[term] |= 1
	}
	for _, term := range arlington.Terms {
		in[term] |= 2
	}
	df := verify.DocFreq{Docs: 10_000}
	for term, sides := range in {
		if sides == 3 {
			df.AddCount(term, 5_000)
		} else {
			df.AddCount(term, 200)
		}
	}
	v.SetWeights(verify.NewWeights(&df, 0))
	r, err := v.Explain(t.Context(), bennington, arlington)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := v.Params().Unscored(&r), "sentences naming other parties outweigh the copied ones"; r.Duplicate || got != want {
		t.Errorf("two towns' caucus warnings in a large corpus: duplicate %v, unscored %q, %d sentences naming other parties; want false, %q",
			r.Duplicate, got, namedSentences(r), want)
	}
}

// TestTableFiguresAreNoEvidence: two leagues' standings under one header share rows of small
// figures ("3 2 1 0 7") but no team. Their shingles of figures alone are not shared evidence,
// and their figures add nothing to a run: the pair shares the header's shingles only, and a
// run no longer than the header's.
func TestTableFiguresAreNoEvidence(t *testing.T) {
	v := verify.TestVerifier(t)
	sk := textSketcher(t)
	north := sk("Standings of the Northern League clubs after the matches of Saturday.\n" +
		"Alpha Rovers 3 2 1 0 7\nBeta United 3 1 1 1 4\nGamma Athletic 3 0 2 1 2\nDelta Wanderers 3 0 1 2 1\n")
	south := sk("Standings of the Southern League clubs after the matches of Saturday.\n" +
		"Epsilon Rangers 3 2 1 0 7\nZeta Town 3 1 1 1 4\nEta City 3 0 2 1 2\nTheta Harriers 3 0 1 2 1\n")
	r, err := v.Explain(t.Context(), north, south)
	if err != nil {
		t.Fatal(err)
	}
	// The header's shared shingles: "league clubs", "clubs matches", "matches saturday", of 28
	// shingles on either side.
	if r.Duplicate || r.Containment != 3.0/28 || r.LongestRun != 4 || r.SkippingRun != 4 {
		t.Errorf("two leagues' tables: duplicate %v, containment %.4f, run %d, skipping run %d; want false, %.4f, 4, 4",
			r.Duplicate, r.Containment, r.LongestRun, r.SkippingRun, 3.0/28)
	}
}

// TestTablesOfOtherFigures: two issues of a paper's OCR'd market table, whose figures stand on
// lines of their own away from the labels they fill (the chronam dev set's p129 and p141),
// are two tables of other figures and are not scored; the same table reprinted with a few
// figures misread, and a story that updates one figure, are still duplicates.
func TestTablesOfOtherFigures(t *testing.T) {
	v := verify.TestVerifier(t)
	sk := textSketcher(t)
	read := func(path string) string {
		b := testfs.ReadFile(t, filepath.Join("../../testdata/chronam/articles", path))
		return string(b)
	}
	for _, pair := range [][2]string{
		{"19160118/sn82014682-ed-1_seq-1_a04.txt", "19160203/sn82014682-ed-2_seq-1_a04.txt"}, // p129, stock prices
		{"19160112/sn86063381-ed-1_seq-1_a02.txt", "19160208/sn86063381-ed-1_seq-1_a10.txt"}, // p141, grain and produce
	} {
		r, err := v.Explain(t.Context(), sk(read(pair[0])), sk(read(pair[1])))
		if err != nil {
			t.Fatal(err)
		}
		low := min(r.OtherFiguresA, r.OtherFiguresB)
		if why := v.Params().Unscored(&r); r.Duplicate || low < v.Params().TableFigures || !strings.HasPrefix(why, "two tables of other figures: ") {
			t.Errorf("%s ~ %s: duplicate %v, other figures %.3f and %.3f, unscored %q; want false, both at least %.2f, two tables of other figures",
				pair[0], pair[1], r.Duplicate, r.OtherFiguresA, r.OtherFiguresB, why, v.Params().TableFigures)
		}
	}

	stocks := read("19160118/sn82014682-ed-1_seq-1_a04.txt")
	misread := strings.NewReplacer("\n254\n", "\n264\n", "\n106\n", "\n10G\n", "\n68\n", "\n6S\n").Replace(stocks)
	if misread == stocks {
		t.Fatal("the misreadings changed nothing")
	}
	if r := v.Verify(sk(stocks), sk(misread)); !r.Duplicate || r.OtherFiguresA == 0 || r.OtherFiguresA >= v.Params().TableFigures {
		t.Errorf("a table reprinted with 3 figures misread: duplicate %v, other figures %.3f; want true, above 0 and below %.2f",
			r.Duplicate, r.OtherFiguresA, v.Params().TableFigures)
	}
	monday := sk(weather("41", "28", "0.12", "14", "30.12"))
	writethru := sk(weather("41", "28", "0.12", "18", "30.12"))
	if r := v.Verify(monday, writethru); !r.Duplicate {
		t.Errorf("a writethru with one figure updated: duplicate %v, other figures %.3f and %.3f; want true", r.Duplicate, r.OtherFiguresA, r.OtherFiguresB)
	}
}
