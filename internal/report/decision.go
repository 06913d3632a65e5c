package report

import "fmt"

// DecisionText names the decision the scan applied and what chose it, as scan's summary line
// and the HTML report say it: "standard decision (median garble share 0.0408 across 59,271
// documents in English)"; of the strict decision it adds what that leaves out. It is "" for a
// report without a decision. ("median garble 0 of 5 documents" read as a count of documents.)
func (s Stats) DecisionText() string {
	if s.Decision == "" || s.GarbleMedian == nil {
		return ""
	}
	if *s.GarbleMedian < 0 {
		return fmt.Sprintf("%s decision (no document in English to judge its text)", s.Decision)
	}
	text := fmt.Sprintf("%s decision (median garble share %.3g across %s in English)", s.Decision, float64(*s.GarbleMedian),
		Count(s.GarbleDocuments, "document", "documents"))
	if s.Decision == "strict" { // verify.DecisionStrict, which report does not import
		text += ": --decision standard also finds heavy rewrites and partial copies"
	}
	return text
}
