package normalize

import "testing"

// TestIsTitleCase covers both ways isTitleCase rules a line out: hasLowerWord's byte scan for
// an ASCII word in lower case after a space, and the loop over the words for what that scan
// leaves (a lower-case word after punctuation, or not in ASCII).
func TestIsTitleCase(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Limited Options for Washington if Talks Stall", true},
		{"Steve Witkoff's 19-Point Proposal Faces Major Obstacles  ", true},
		{"Officials say that Washington still has some", false}, // "that", after a space
		{"levers Pulled Across Many Nations", false},            // at the start of the line
		{"Great Powers Meet (without Result) Again", false},     // after a bracket: the loop
		{"Grand Élan Of élan Parisien Today", false},            // not ASCII: the loop
		{"Grand Events Of the Week Ahead", true},                // "the" is short
		{"Grand Events Of The Week Ahead.", false},              // ends as a clause does
		{"Only Two Longer", false},                              // two long words
		{"", false},
	}
	for _, tt := range tests {
		if got := isTitleCase(tt.line); got != tt.want {
			t.Errorf("isTitleCase(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}
