package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/dedupe-dev/dedupe/internal/input"
)

// Extracted is one document as dedupe extract writes it in JSON Lines. Its keys are those
// scan reads by default (id, title, date, site, text), so that the lines scan as the inputs
// did: a folder of HTML pages becomes records that --write-unique can write.
type Extracted struct {
	ID       string `json:"id"`
	Title    string `json:"title,omitempty"`
	Date     string `json:"date,omitempty"`
	Site     string `json:"site,omitempty"`
	Format   string `json:"format"`
	Encoding string `json:"encoding,omitempty"`
	Text     string `json:"text"`
}

// WriteExtracted writes d to w as one line of JSON (Extracted), with <, > and & as they are.
func WriteExtracted(w io.Writer, d *input.Document) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(Extracted{ID: d.Path, Title: d.Title, Date: FormatDate(d.Date), Site: d.Site, Format: d.Format, Encoding: SourceEncoding(d.Encoding), Text: d.Text})
}

// WriteExtractedText writes d to w for people: a line "==> path <==" (with the date when the
// input gives one), the text, and a blank line.
func WriteExtractedText(w io.Writer, d *input.Document) error {
	head := Text(d.Path)
	if date := FormatDate(d.Date); date != "" {
		head += " (" + ShortDate(date) + ")"
	}
	_, err := fmt.Fprintf(w, "==> %s <==\n%s\n\n", head, d.Text)
	return err
}
