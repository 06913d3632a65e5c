package archive

import (
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/report"
)

// Report is the result of a check, written as JSON; its field names are a contract like those
// of scan's report.Report.
type Report struct {
	Version int `json:"version"`
	// Root and Inputs are as in report.Report: the working directory relative paths are
	// relative to, and the paths checked as given. The command that knows them sets them.
	Root      string           `json:"root"`
	Inputs    []string         `json:"inputs"`
	Index     string           `json:"index"`
	Params    report.Params    `json:"params"`
	Stats     Stats            `json:"stats"`
	Documents []CheckedDoc     `json:"documents"`
	Skipped   []report.Skip    `json:"skipped"`
	Warnings  []report.Warning `json:"warnings"`
}

// Stats counts what a check did.
type Stats struct {
	Archived       int `json:"archived"`   // documents in the index when the check began
	Checked        int `json:"checked"`    // new documents read and checked
	Duplicates     int `json:"duplicates"` // checked documents with at least one match
	Skipped        int `json:"skipped"`
	MinShared      int `json:"min_shared"`      // band keys a candidate shared at least
	CandidatePairs int `json:"candidate_pairs"` // archived documents verified
	VerifiedPairs  int `json:"verified_pairs"`  // matches reported
	// ArchivedMatches counts the matches of checked documents archived under their own path
	// whose archived version matched too, not reported: no copy the change made.
	ArchivedMatches  int `json:"archived_matches"`
	OversizedBuckets int `json:"oversized_buckets"`
	Added            int `json:"added"` // documents then added to the index or replaced in it
}

// CheckedDoc is one checked document and the archived documents it duplicates.
type CheckedDoc struct {
	report.Member
	Duplicate bool          `json:"duplicate"`
	Matches   []report.Pair `json:"matches"`
}

// WriteReport writes rep to w in format: "json" (indented, the default for any other value),
// "jsonl" (one checked document per line, then a line for each skipped input and warning,
// with "type" "skipped" or "warning", as scan's JSON lines have them), "text" (the duplicates
// for people) or "github" (GitHub Actions workflow commands).
func WriteReport(w io.Writer, format string, rep *Report) error {
	return report.Buffered(w, func(w io.Writer) error {
		switch format {
		case "jsonl":
			if err := report.WriteLines(w, rep.Documents); err != nil {
				return err
			}
			return report.WriteProblemRecords(w, rep.Skipped, rep.Warnings)
		case "text":
			return writeText(w, rep)
		case "github":
			return writeGitHub(w, rep)
		default:
			return report.WriteIndented(w, rep)
		}
	})
}

// writeText lists the duplicates for people: one line per match under each new document. Names
// are escaped by report.Text: this is the format CI logs and the pre-commit hook show, where a
// line break in a file name could start a line GitHub runs as a workflow command.
func writeText(w io.Writer, rep *Report) error {
	var b strings.Builder
	st := rep.Stats
	fmt.Fprintf(&b, "%s checked against %s archived, %s skipped: %s\n",
		report.Count(st.Checked, "document", "documents"), report.Int(st.Archived), report.Int(st.Skipped),
		report.Count(st.Duplicates, "duplicate", "duplicates"))
	for _, d := range rep.Documents {
		if !d.Duplicate {
			continue
		}
		fmt.Fprintf(&b, "\n%s (%s) duplicates:\n", report.Text(d.Path), report.Count(d.Words, "word", "words"))
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		for _, m := range d.Matches {
			src := ""
			if m.Source != "" {
				src = "\tsource " + report.Text(m.Source)
			}
			fmt.Fprintf(tw, "  %s\t%s\tscore %.2f\tjaccard %.2f%s\n", report.Text(m.A), m.Relation, m.Score, m.Jaccard, src)
		}
		tw.Flush()
	}
	report.WriteProblemsText(&b, rep.Skipped, rep.Warnings)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeGitHub writes a GitHub Actions workflow command per duplicate, an error annotation on
// the new article naming the archived articles it copies, a warning per skipped input and one
// per input read with a problem (not UTF-8, truncated), which --strict fails on. GitHub shows
// them on the files of a pull request; the step still fails by the exit status. A JSONL or
// SGML record is annotated on the file that holds it, its name starting the message, so that
// two records of one file are told apart.
func writeGitHub(w io.Writer, rep *Report) error {
	var b strings.Builder
	annotate := func(kind, path string, line int, title, message string) {
		file, at := annotatedFile(path), ""
		if line > 0 {
			at = fmt.Sprintf(",line=%d", line)
		}
		if file != path && !strings.HasPrefix(message, path) {
			message = path + ": " + message
		}
		fmt.Fprintf(&b, "::%s file=%s%s,title=%s::%s\n", kind, githubProperty(file), at, githubProperty(title), githubMessage(message))
	}
	if n := rep.Stats.Duplicates; n > githubShown {
		// GitHub shows a step's first githubShown error annotations: the count first, so that
		// it is among them and says the log holds the rest.
		fmt.Fprintf(&b, "::error title=%s::%s\n", githubProperty("dedupe found "+report.Count(n, "copy", "copies")+" of archived articles"),
			githubMessage(fmt.Sprintf("%s of the %s articles checked copy archived ones; GitHub shows the first annotations of a step, the log lists them all", report.Int(n), report.Int(rep.Stats.Checked))))
	}
	for _, d := range rep.Documents {
		if !d.Duplicate {
			continue
		}
		matches := make([]string, len(d.Matches))
		for i, m := range d.Matches {
			matches[i] = fmt.Sprintf("%s (%s, score %.2f, jaccard %.2f)", m.A, m.Relation, m.Score, m.Jaccard)
		}
		annotate("error", d.Path, 0, "Copy of an archived article (dedupe)",
			report.Count(len(matches), "match", "matches")+" in the archive: "+strings.Join(matches, "; "))
	}
	for _, sk := range rep.Skipped {
		annotate("warning", sk.Path, sk.Line, "Not checked by dedupe", sk.Reason)
	}
	for _, wn := range rep.Warnings {
		if wn.Path != "" {
			annotate("warning", wn.Path, wn.Line, "Read with a problem (dedupe)", wn.Message)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// githubShown is how many error annotations of a step GitHub shows (docs of
// actions/toolkit, "problem matchers": ten a step, fifty a job).
const githubShown = 10

// annotatedFile returns the file a GitHub annotation of the document path names, so that
// GitHub can attach it: the name on disk (input.UnescapeName, when that is valid UTF-8, which
// GitHub needs), and for a JSONL or SGML record ("export.jsonl#a0") the file that holds it.
func annotatedFile(path string) string {
	if raw := input.UnescapeName(path); utf8.ValidString(raw) {
		path = raw
	}
	if _, err := os.Stat(path); err != nil {
		if i := strings.LastIndexByte(path, '#'); i > 0 {
			if fi, err := os.Stat(path[:i]); err == nil && !fi.IsDir() {
				return path[:i]
			}
		}
	}
	return path
}

// githubMessage escapes the message of a workflow command: a percent sign or a line break would
// end or garble it.
var githubMessage = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace

// githubProperty escapes a property value of a workflow command, where colons and commas
// separate too.
var githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace
