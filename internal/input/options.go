package input

import (
	"fmt"
	"slices"

	"github.com/dedupe-dev/dedupe/internal/param"
)

// Options controls [Read]. The zero value reads everything in auto format without limits;
// [DefaultOptions] has the limits dedupe's commands and dedupe-beam start from.
type Options struct {
	// Include and Exclude hold glob patterns in [path.Match] syntax where a "**" segment matches
	// any number of directories. A pattern is tried against the '/'-separated display path,
	// against the path below the folder named (so "drafts/**" excludes "site/drafts/a.txt" of
	// the folder "site") and against the base name. Exclude wins and also prunes directories; an empty Include admits
	// every file with a known extension, a non-empty one admits exactly the files it matches.
	Include, Exclude []string

	// Format is "auto" (or ""): by extension, with HTML and SGML sniffed in text files; or
	// "text", "html", "jsonl" or "sgml" to read every file (and stdin) that way.
	Format string

	// IDField, TextField, DateField and TitleField name JSONL fields as dotted paths ("meta.id"),
	// several separated by commas, tried in order as the defaults are ("maintext,content").
	// Empty means the defaults: id: "id", "url"; text: "text", "content", "body", "article";
	// date: "date", "published", "published_at", "pubDate"; title: "title", "headline". A text
	// field may hold a string or an array of strings, its paragraphs.
	IDField, TextField, DateField, TitleField string

	// MaxBytes caps Document.Text: longer text is cut at a rune boundary at or below MaxBytes
	// bytes and Truncated is set. 0 means no limit. Plain text and HTML are read only up to
	// 2*MaxBytes+8 bytes, which then is their Size; an HTML page cut there is parsed as far as
	// it goes and is marked Truncated whatever the length of its text.
	MaxBytes int64

	// MaxLineBytes caps a JSONL or SGML line; a longer one is skipped without being held in
	// memory. 0 means no limit.
	MaxLineBytes int

	// MaxFileBytes caps the bytes read from one input after gunzip, so that a small gzip file
	// cannot make a run read for hours; the rest of a longer input is skipped, with the JSONL
	// line where reading stopped, or, for a text or HTML file, with a warning on the document
	// read up to there. 0 means no limit.
	MaxFileBytes int64

	// MaxLines caps the lines read from one JSONL or SGML input, blank ones included: the rest
	// is skipped, naming the line. 0 means no limit.
	MaxLines int

	// PathDates, when 1, dates a document that has no date of its own by the first date its
	// path holds (see PathDate): archives file their pages in folders by day. 0: never.
	PathDates int

	// Raw sets Document.Raw of JSONL records.
	Raw bool
}

// The format names of [Document.Format] and [Options.Format].
const (
	FormatAuto  = "auto"
	FormatText  = "text"
	FormatHTML  = "html"
	FormatJSONL = "jsonl"
	FormatSGML  = "sgml"
)

// Specs describes the settings of Options that are flags of dedupe's commands and of
// dedupe-beam: one row per setting (package param), so that both have the same flags with the
// same defaults. The include and exclude patterns, lists, are flags of the commands that read
// folders; Raw is for callers, not users. None is recorded with a result.
var Specs = param.Table{
	{Field: "Format", Flag: "input-format", Name: "Input format", Default: FormatAuto,
		Help: "read inputs as `format`: auto, text, html, jsonl or sgml"},
	{Field: "IDField", Flag: "id-field", Name: "JSONL id fields", Default: "",
		Help: "JSONL `fields` holding the article id, the first found, comma-separated (default id, url)"},
	{Field: "TextField", Flag: "text-field", Name: "JSONL text fields", Default: "",
		Help: "JSONL `fields` holding the text (a string or an array of paragraphs), the first found, comma-separated (default text, content, body, article, html)"},
	{Field: "DateField", Flag: "date-field", Name: "JSONL date fields", Default: "",
		Help: "JSONL `fields` holding the date, the first found, comma-separated (default date, published, published_at, pubDate)"},
	{Field: "TitleField", Flag: "title-field", Name: "JSONL title fields", Default: "",
		Help: "JSONL `fields` holding the title, the first found, comma-separated (default title, headline)"},
	{Field: "MaxBytes", Flag: "max-bytes", Name: "Longest document", Default: int64(16 << 20), Range: "[0, ∞)",
		Help: "truncate documents longer than `n` bytes, with a warning (0: no limit)"},
	{Field: "MaxLineBytes", Flag: "max-line-bytes", Name: "Longest JSONL or SGML line", Default: 64 << 20, Range: "[0, ∞)",
		Help: "skip JSONL and SGML lines longer than `n` bytes, naming the line (0: no limit)"},
	{Field: "MaxFileBytes", Flag: "max-file-bytes", Name: "Most bytes read of a file", Default: int64(4 << 30), Range: "[0, ∞)",
		Help: "read at most `n` bytes of a file after gunzip, naming the file (0: no limit)"},
	{Field: "PathDates", Flag: "path-dates", Name: "Dates from paths", Default: 0, Range: "[0, 1]",
		Help: "1: date a document without a date of its own by the first date in its path (2024-03-05, 2024/03/05 or 20240305 as folders or a name's start); 0: never (`n`)"},
	{Field: "MaxLines", Flag: "max-lines", Name: "Most lines read of a file", Default: 10_000_000, Range: "[0, ∞)",
		Help: "read at most `n` lines of a JSONL or SGML file, naming the file (0: no limit)"},
}

// DefaultOptions returns the options of Specs at their defaults: what dedupe's commands and
// dedupe-beam read with when given no flag.
func DefaultOptions() Options { return param.Defaults[Options](Specs) }

// Validate checks the format, the limits against their ranges in Specs, and the include and
// exclude patterns, so that a run can refuse them before it starts (dedupe-beam refused an
// unknown format only when it read a file).
func (o *Options) Validate() error {
	if err := Specs.Validate(o); err != nil {
		return err
	}
	switch o.Format {
	case "", FormatAuto, FormatText, FormatHTML, FormatJSONL, FormatSGML:
	default:
		return fmt.Errorf("unknown format %q (want auto, text, html, jsonl or sgml)", o.Format)
	}
	for _, p := range slices.Concat(o.Include, o.Exclude) {
		if err := validGlob(p); err != nil {
			return fmt.Errorf("pattern %q: %w", p, err)
		}
	}
	return nil
}
