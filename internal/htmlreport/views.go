package htmlreport

import (
	"fmt"
	"html"
	"html/template"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// MaxPairs caps the pairs of members whose texts the scan's HTML report holds, the pairs
// with the representative first (see Comparisons). Each pair is compared again, as dedupe
// compare does; the report of 25,000 generated articles has 9,364.
const MaxPairs = 20000

// reportPage is what the "report" template renders.
type reportPage struct {
	Title     string
	Report    *report.Report
	Clusters  []clusterView // in report order: by id
	Params    []param
	Realigned bool // boilerplate was removed in the scan but not in the side-by-side texts
	Pairs     int  // pairs of members
	Missing   int  // of which the texts are not in the cluster scripts
	MaxPairs  int  // the most pairs with texts: MaxPairs
}

// clusterView is one cluster with what the page shows of it.
type clusterView struct {
	*report.Cluster
	Members   []memberView
	Relations string // the members' closest relations, closest first
	RelKey    string // sorts by the closest relation, then the loosest: "03" for exact and rewrite
	Date      string // the earliest member date, RFC 3339 in UTC, or ""
	RepTitle  string // the representative's title
	RepLead   string // without a title, the first words of the representative's text, when the page has it
	File      string // the URL of the cluster's script, relative to the page; "" when it has none
	RepIndex  int    // the representative's index among Members
}

// IndexOf returns the index of the member at path among c's members, -1 when there is none.
func (c *clusterView) IndexOf(path string) int {
	return slices.IndexFunc(c.Members, func(m memberView) bool { return m.Path == path })
}

// memberView is a member with its closest pair (see report.Cluster.Closest), as the text
// output shows it: nil for the representative.
type memberView struct {
	report.Member
	Index          int // 0-based, in the order of the cluster's members
	Representative bool
	Pair           *report.Pair
	Share          report.Ratio // how much of it is found in the pair's other member: its coverage or containment, the larger
	Of             int          // the 1-based number of the pair's other member, 0 for the representative
	Href           string       // a relative URL of the member's file, or "" when it is none
}

// param is one row of the parameters table.
type param struct {
	Name, Flag, Value string
}

// relationRank orders the relations from the closest copy to the loosest.
var relationRank = map[string]int{
	string(verify.Exact): 0, string(verify.NearExact): 1, string(verify.Partial): 2, string(verify.Rewrite): 3,
}

// newReportPage builds the page of rep. dir is the absolute folder of the page, for the links
// to the members; folder the name of the folder of the cluster scripts beside the page.
func newReportPage(rep *report.Report, comparisons map[[2]string]*explain.Comparison, dir, folder string) *reportPage {
	p := &reportPage{
		Report:    rep,
		Realigned: rep.Stats.BoilerplateSentences > 0,
		Params:    paramRows(rep.Params),
		MaxPairs:  MaxPairs,
		Title: fmt.Sprintf("dedupe report: %s in %s", report.Count(rep.Stats.Clusters, "cluster", "clusters"),
			report.Count(rep.Stats.Documents, "document", "documents")),
	}
	links := make(map[string]string) // a file's link, for the records of one file
	for i := range rep.Clusters {
		c := &rep.Clusters[i]
		cv := clusterView{Cluster: c}
		ranks := make(map[int]bool)
		texts := false
		for j, m := range c.Members {
			mv := memberView{Member: m, Index: j, Representative: m.Path == c.Representative, Href: memberLink(dir, m.Path, links)}
			if mv.Representative {
				cv.RepIndex = j
			}
			if pair, other, ok := c.Closest(m.Path); ok && !mv.Representative {
				mv.Pair = &pair
				mv.Share, _ = pair.ShareOf(m.Path)
				if other != c.Representative {
					mv.Of = slices.IndexFunc(c.Members, func(o report.Member) bool { return o.Path == other }) + 1
				}
				if r, ok := relationRank[pair.Relation]; ok {
					ranks[r] = true
				}
			}
			if t, err := time.Parse(time.RFC3339, m.Date); err == nil {
				// In UTC, so that the strings sort as the times do.
				if d := t.UTC().Format(time.RFC3339); cv.Date == "" || d < cv.Date {
					cv.Date = d
				}
			}
			if mv.Representative {
				cv.RepTitle = m.Title
			}
			for _, o := range c.Members[j+1:] {
				p.Pairs++
				if comparisons[[2]string{m.Path, o.Path}] != nil {
					texts = true
				} else {
					p.Missing++
				}
			}
			cv.Members = append(cv.Members, mv)
		}
		if cv.RepTitle == "" {
			cv.RepLead = lead(c, comparisons)
		}
		cv.Relations, cv.RelKey = relations(ranks)
		if texts || len(c.Pairs) > 0 {
			cv.File = (&url.URL{Path: folder + "/" + clusterFileName(c.ID)}).String()
		}
		p.Clusters = append(p.Clusters, cv)
	}
	return p
}

// leadWords is about how many characters of a representative's text the contents show when it
// has no title: a text file's first line is often its headline.
const leadWords = 90

// lead returns the first words of the text of c's representative, from a comparison of it that
// the page holds, or "" when it holds none: without a title, the contents showed a path alone,
// and every cluster had to be opened to learn which story it is.
func lead(c *report.Cluster, comparisons map[[2]string]*explain.Comparison) string {
	var sentences []string
	for _, m := range c.Members {
		if cmp := comparisons[[2]string{c.Representative, m.Path}]; cmp != nil {
			sentences = cmp.A.Sentences
			break
		}
		if cmp := comparisons[[2]string{m.Path, c.Representative}]; cmp != nil {
			sentences = cmp.B.Sentences
			break
		}
	}
	var words []string
	for _, s := range sentences {
		words = append(words, strings.Fields(s)...)
		if len(words) > leadWords {
			break
		}
	}
	return firstWords(words)
}

// firstWords returns the words that fit in about leadWords characters, joined by spaces, with
// " …" when some are left out.
func firstWords(words []string) string {
	var b strings.Builder
	for _, w := range words {
		if b.Len()+len(w) > leadWords {
			if b.Len() == 0 { // one long token, a rule of dashes: its start
				return string([]rune(w)[:min(leadWords/2, utf8.RuneCountInString(w))]) + " …"
			}
			return b.String() + " …"
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// relations words a cluster's set of relation ranks, closest first, and returns its sort key.
func relations(ranks map[int]bool) (label, key string) {
	var rs []int
	for r := range ranks {
		rs = append(rs, r)
	}
	if len(rs) == 0 {
		return "", "99"
	}
	slices.Sort(rs)
	names := make([]string, len(rs))
	for i, r := range rs {
		for rel, rank := range relationRank {
			if rank == r {
				names[i] = relationLabel(rel)
			}
		}
	}
	return strings.Join(names, ", "), strconv.Itoa(rs[0]) + strconv.Itoa(rs[len(rs)-1])
}

// memberLink returns the URL, relative to dir, of the file that holds the document at path:
// the file itself, or for a record of a JSON lines file ("a.jsonl#7", "a.jsonl#https://x/#top")
// that file, as dedupe compare finds it (input.FileOf); "" when neither is a file (standard
// input, a file gone since). seen caches the answers by file.
func memberLink(dir, path string, seen map[string]string) string {
	file := input.FileOf(path)
	if file == "" {
		return ""
	}
	if link, ok := seen[file]; ok {
		return link
	}
	link := ""
	if fi, err := os.Stat(file); err == nil && fi.Mode().IsRegular() {
		if abs, err := filepath.Abs(file); err == nil {
			if rel, err := filepath.Rel(dir, abs); err == nil {
				link = (&url.URL{Path: filepath.ToSlash(rel)}).String()
			} else { // another volume
				link = (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
			}
		}
	}
	seen[file] = link
	return link
}

// breakablePath returns path as HTML in which a line may break after a slash, an underscore,
// a hyphen, a dot or a hash, and nowhere else: file names wrap at their parts instead of
// mid-word.
func breakablePath(path string) template.HTML {
	// Escaped as text output escapes names (report.Text): a right-to-left override in a name
	// ("bidi\u202eexe.txt") would show it as another name, a line break as a space.
	path = report.Text(path)
	var b strings.Builder
	for i, r := range path {
		b.WriteString(html.EscapeString(string(r)))
		if strings.ContainsRune("/\\_-.#", r) && i < len(path)-1 {
			b.WriteString("<wbr>")
		}
	}
	return template.HTML(b.String())
}
