package report

import "fmt"

// DecisionText names the decision the scan applied and what chose it, as scan's summary and
// the HTML report say it: "standard decision (median garble share 0.0408 across 59,271
// documents in English)". It is "" for a report without a decision. ("median garble 0 of 5
// documents" read as a count of documents.)
func (s Stats) DecisionText() string {
	if s.Decision == "" || s.GarbleMedian == nil {
		return ""
	}
	if *s.GarbleMedian < 0 {
		return fmt.Sprintf("%s decision (no document in English to judge its text)", s.Decision)
	}
	return fmt.Sprintf("%s decision (median garble share %.3g across %s in English)", s.Decision, float64(*s.GarbleMedian),
		Count(s.GarbleDocuments, "document", "documents"))
}

// DecisionNote says what the decision the scan applied leaves out, when it leaves something
// out: "--decision standard also finds heavy rewrites and partial copies" of the strict
// decision, "" of the others.
func (s Stats) DecisionNote() string {
	if s.Decision != "strict" || s.GarbleMedian == nil { // verify.DecisionStrict, which report does not import
		return ""
	}
	return "--decision standard also finds heavy rewrites and partial copies"
}
