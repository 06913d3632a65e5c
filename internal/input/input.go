package input

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Document is one article as read from disk, decoded to UTF-8 but not otherwise normalised.
type Document struct {
	Path      string    // display path (see the package doc), escaped by EscapeName
	File      string    // the display path of the file it was read from: Path, but for a JSONL or SGML record, whose Path adds "#" and its name
	Text      string    // article text, valid UTF-8; for HTML the headline, then body paragraphs
	Title     string    // HTML og:title or <title>, JSONL title field; "" when unknown
	Date      time.Time // published date; the zero time when unknown
	Site      string    // the site it comes from: the host of an HTML page's canonical URL or og:url (see SiteOf), else its og:site_name; a JSONL record's site field or URL; "" when unknown
	Encoding  string    // "utf-8", "utf-8-bom", "utf-8-replaced" and "utf-8-bom-replaced" (invalid bytes replaced), "utf-16le", "utf-16be", "utf-32le", "utf-32be", "windows-1252" or an HTML <meta charset>
	Format    string    // "text", "html", "jsonl" or "sgml"
	Line      int       // the line of a JSONL record, or the line an SGML record starts on; 0 for a file
	Size      int64     // bytes read for this document after gunzip, before decoding; see Options.MaxBytes
	Truncated bool      // Text was cut at Options.MaxBytes
	// Warnings are problems met while reading that did not stop the document being read, as
	// a JSONL record renamed because its name was taken; nil when none.
	Warnings []Skip
	// Raw is, with Options.Raw, the line of a JSONL record as it is in the input (after gunzip
	// and UTF-16 decoding, without its line end), so that a record can be written out again
	// byte for byte; nil otherwise. It belongs to Read and is valid only until emit returns.
	Raw []byte

	// buf holds the memory that Text was read into, for Release; nil when Text has memory of
	// its own (decoded from another encoding, extracted from HTML or JSONL).
	buf *[]byte
	// declared says that an HTML page named its Encoding: a Windows-1252 page so declared
	// gets no "not valid UTF-8" warning.
	declared bool
	// page is an HTML page read but not yet extracted, which [Parallel]'s workers extract
	// (see deferPages); nil for a document read whole.
	page *pendingPage
}

// Release hands the memory that d.Text was read into, unless it is memory of its own, back to
// [Read], which reads later inputs into it; d.Text becomes "". Only a caller that is done with d.Text and with every string that
// shares its memory (substrings of it, fields of d) may call it; calling it is optional, and a
// document never released is collected as any other memory.
//
// A scan analyses each text once and keeps only its sketch, so without it each input was read
// into new memory, which the collector then had to reclaim: a third of what the reading stage
// allocated on the chronam articles, and the collector, which runs each time the heap grows by
// a quarter of what is live (GOGC 25), ran about once per 2 MB of text, marking every document
// read so far each time.
func (d *Document) Release() {
	if d.buf != nil {
		readBuffers.Put(d.buf)
	}
	d.buf, d.Text = nil, ""
}

// readBuffers holds the buffers of released documents. A buffer smaller than the next input
// needs is dropped, and one of the size it needs made instead, so that the buffers in use grow
// to the size of the larger inputs; none larger than maxReleased is kept.
var readBuffers sync.Pool

// maxReleased is the largest buffer that Release keeps for later inputs: reading a few larger
// files costs little more than the system calls, and a pool of large buffers would hold on to
// memory that the rest of a run could use.
const maxReleased = 1 << 20

// AllWarnings returns d.Warnings followed by the warnings that d's other fields imply: text
// that was not valid UTF-8 and was decoded as Windows-1252 (unless an HTML page declared it)
// or had bytes replaced, and text cut at maxBytes, the Options.MaxBytes d was read with. It
// appends to d.Warnings.
func (d *Document) AllWarnings(maxBytes int64) []Skip {
	w := d.Warnings
	switch d.Encoding {
	case "windows-1252":
		if !d.declared {
			w = append(w, Skip{Path: d.Path, Line: d.Line, Reason: "not valid UTF-8: decoded as Windows-1252"})
		}
	case "utf-8-replaced", "utf-8-bom-replaced":
		w = append(w, Skip{Path: d.Path, Line: d.Line, Reason: "not valid UTF-8: read as UTF-8, its invalid bytes replaced with U+FFFD"})
	}
	if d.Truncated {
		w = append(w, Skip{Path: d.Path, Line: d.Line, Reason: fmt.Sprintf("longer than %d bytes (--max-bytes): truncated", maxBytes)})
	}
	return w
}

// Skip records an input that produced no document, with a one-line lower-case reason.
// Line is the 1-based JSONL line, or 0 when the whole input is skipped. Path is escaped by
// [EscapeName], as Document.Path is.
type Skip struct {
	Path   string
	Line   int
	Reason string
	// Count is, for an entry that stands for several skipped inputs (the lines of a file
	// past the first it lists one by one, see maxLineSkips), how many; 0 for one.
	Count int
	// NoText is set when the input was read and holds too little text to use: an empty
	// file, record or text field, a page with no article text, fewer words than the scan's
	// least; or it is a symlink to a file gone. Every other skip is a problem reading the
	// input (an I/O error, a file cut short, a line that is no record, a limit reached),
	// which may hide documents that are still there.
	NoText bool
}

// fileType returns whether the file named base is gzipped and its extension, lower case,
// without ".gz": "a.JSONL.gz" is gzipped ".jsonl". A query string that wget keeps in a page's
// name ("index.html?p=8") is not part of the extension.
func fileType(base string) (gz bool, ext string) {
	base = strings.ToLower(base)
	if i := strings.IndexByte(base, '?'); i > 0 {
		base = base[:i]
	}
	gz = strings.HasSuffix(base, ".gz")
	return gz, filepath.Ext(strings.TrimSuffix(base, ".gz"))
}

// extFormats maps lower-case file extensions to formats; a ".gz" suffix is stripped first.
var extFormats = map[string]string{
	"": FormatText, ".txt": FormatText, ".text": FormatText, ".md": FormatText,
	".html": FormatHTML, ".htm": FormatHTML, ".xhtml": FormatHTML,
	".jsonl": FormatJSONL, ".ndjson": FormatJSONL,
	".sgml": FormatSGML, ".sgm": FormatSGML,
}

// Read walks paths in a stable order and calls emit for every document and skip for every input
// it cannot use. Directories are walked recursively in lexical order; files given explicitly are
// read in the order given, "-" reads stdin (one document, or many with Format "jsonl"); a nil
// stdin means [os.Stdin]. No paths means nothing is read.
//
// Read returns an error only for fatal conditions: invalid Options, a path given in paths that
// does not exist (`open "x": no such file or directory`, matching [fs.ErrNotExist]), ctx being
// cancelled (ctx.Err()), or emit or skip returning an error, which is returned unchanged.
// Everything else (unreadable or binary file, bad JSONL line, unreadable sub-directory, symlinked
// directory, file vanished between listing and reading) becomes a Skip and the walk goes on.
// emit and skip are called from the calling goroutine, one at a time, in walk order.
func Read(ctx context.Context, paths []string, stdin io.Reader, opts Options, emit func(Document) error, skip func(Skip) error) error {
	r, err := newReader(ctx, opts, emit, skip)
	if err != nil {
		return err
	}
	r.stdin = stdin
	if r.stdin == nil {
		r.stdin = os.Stdin
	}
	if err := r.read(paths); err != nil {
		return err
	}
	// Cancelled in the last input's read (a pipe closed under it), the walk found no next
	// input to stop before.
	return ctx.Err()
}

// Size returns about how many bytes [Read] with the same paths and opts will report through
// [Document.Size], summed over its documents, without reading the files: it walks the same
// files by the same rules and takes each one's size from its metadata. A gzip file counts its
// uncompressed size as its trailer records it (modulo 4 GiB, and for the last member only);
// plain text and HTML count at most the bytes [Options.MaxBytes] lets Read take from them.
// The answer is exact for text and HTML files that Read turns into documents. It is larger
// than the sum for JSONL files, which count whole while a document's Size leaves out its line
// end, and for files that Read skips, since telling those apart needs reading them.
//
// Size returns -1 when paths include "-", as standard input cannot be measured in advance,
// and the errors Read would return before reading anything: invalid Options, a path that does
// not exist, or ctx being cancelled.
func Size(ctx context.Context, paths []string, opts Options) (int64, error) {
	if slices.Contains(paths, "-") {
		return -1, nil
	}
	r, err := newReader(ctx, opts, nil, func(Skip) error { return nil })
	if err != nil {
		return 0, err
	}
	r.sizeOnly = true
	if err := r.read(paths); err != nil {
		return 0, err
	}
	return r.size, nil
}

// reader carries the state of one [Read] call.
type reader struct {
	ctx      context.Context
	opts     Options
	emit     func(Document) error
	skip     func(Skip) error
	format   string            // Options.Format, "" replaced by "auto"
	seen     map[string]string // files read so far, by real path, when several paths could name one twice (see once)
	named    []namedPath       // the paths named, for symlinks to files read under another name
	stdin    io.Reader         // read for "-"; nil with sizeOnly
	stdinGz  bool              // stdin was gzip data: the jq hint for "-" gunzips it, as a ".gz" file's does
	fields   jsonFields
	sizeOnly bool  // measure files for [Size] instead of reading them
	size     int64 // bytes measured so far, with sizeOnly
}

func newReader(ctx context.Context, opts Options, emit func(Document) error, skip func(Skip) error) (*reader, error) {
	// Paths are raw while walking, for the include and exclude patterns, and escaped on
	// their way out.
	escapedSkip := func(s Skip) error {
		s.Path = EscapeName(s.Path)
		return skip(s)
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if opts.PathDates == 1 {
		dated := emit
		emit = func(d Document) error {
			if d.Date.IsZero() {
				d.Date, _ = PathDate(d.Path)
			}
			return dated(d)
		}
	}
	r := &reader{ctx: ctx, opts: opts, emit: emit, skip: escapedSkip, format: opts.Format, fields: newJSONFields(opts)}
	if r.format == "" {
		r.format = FormatAuto
	}
	if r.opts.MaxLineBytes <= 0 {
		r.opts.MaxLineBytes = math.MaxInt / 2 // no limit, as 0 is for the other limits; halved, as readLine adds to it
	}
	return r, nil
}

// file reads the file name, shown as disp and found at rel below the folder named on the
// command line, unless Include leaves it out or it was read before. explicit files were named
// by the user, so an unknown extension is read as text instead of being skipped.
func (r *reader) file(name, disp, rel string, explicit bool) error {
	if len(r.opts.Include) > 0 && !r.matchAny(r.opts.Include, disp, rel) {
		return nil
	}
	if first, ok := r.once(name, disp); !ok {
		if first == disp {
			return nil // named twice, as itself or in its folder
		}
		return r.skipInput(disp, fmt.Sprintf("the same file as %q, read under that name", first))
	}
	gz, ext := fileType(filepath.Base(name))
	format, known := extFormats[ext]
	switch {
	case r.format != FormatAuto:
		format = r.format
	case !known && !explicit && len(r.opts.Include) == 0:
		if gz {
			ext += ".gz"
		}
		return r.skipInput(disp, fmt.Sprintf("unsupported file type %q", ext))
	case ext == ".json":
		format = formatJSON
	case !known:
		format = FormatText
	}
	if r.sizeOnly {
		r.size += r.fileSize(name, gz, format)
		return nil
	}

	open := openFile
	if explicit {
		open = r.openNamed
	}
	f, size, err := open(name)
	if err != nil {
		if ctxErr := r.ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		return r.skipErr(disp, 0, err)
	}
	defer f.Close()
	var src io.Reader = f
	if gz {
		zr, err := newGunzipped(f)
		if err != nil {
			return r.skipErr(disp, 0, err)
		}
		defer zr.Close()
		src, size = zr, 0
	}
	return r.stream(src, size, disp, format)
}

// readStdin reads the standard input Read was given as the input "-", gunzipped when it is
// gzip data (zcat left out of a pipe made it a binary file), and as JSON Lines in auto format
// when it starts with "{".
func (r *reader) readStdin() error {
	format := r.format
	if format == FormatAuto {
		format = FormatText
	}
	hint := sizeHint(r.stdin)
	br := bufio.NewReaderSize(r.stdin, 64<<10)
	if magic, _ := br.Peek(len(gzipMagic)); bytes.Equal(magic, gzipMagic) {
		zr, err := newGunzipped(br)
		if err != nil {
			return r.skipErr("-", 0, err)
		}
		defer zr.Close()
		br, hint = bufio.NewReaderSize(zr, 64<<10), 0
		r.stdinGz = true
	}
	if r.format == FormatAuto {
		head, _ := br.Peek(br.Size())
		format = stdinFormat(head)
	}
	return r.stream(br, hint, "-", format)
}

// stdinFormat returns the format Read reads standard input in, in auto format, from head, its
// first bytes (gunzipped): as for a ".json" file, JSON Lines when it starts with "{" (piped in,
// they were read as one document of all of them), and a JSON array of objects, which is
// skipped with the jq command, in UTF-8, UTF-16 or UTF-32 alike; text otherwise.
func stdinFormat(head []byte) string {
	head, _ = headText(head)
	switch first := firstNonSpace(head); {
	case first == '{':
		return FormatJSONL
	case first == '[' && arrayOfObjects(head):
		return formatJSON
	}
	return FormatText
}

// HoldsRecords reports whether standard input, as Read reads it in auto format through br,
// holds records with names of their own, JSON Lines or SGML, or a JSON array of objects,
// which Read skips with the jq command that makes JSON Lines of it, rather than one text:
// from what br's buffer holds once filled (gunzipped, when it is gzip data), reading nothing.
// A command that archives what it reads asks before it starts, since a text read from
// standard input has no name to archive it under; it tells them apart as Read does (see
// stdinFormat), so that a JSON array gets the jq command there too, not a refusal.
func HoldsRecords(br *bufio.Reader) bool {
	head, _ := br.Peek(br.Size())
	if bytes.HasPrefix(head, gzipMagic) {
		zr, err := gzip.NewReader(bytes.NewReader(head))
		if err != nil {
			return false
		}
		// The buffer may end inside the stream: what it decompresses to is enough.
		head, _ = io.ReadAll(io.LimitReader(zr, 4<<10))
	}
	return stdinFormat(head) != FormatText || sniffSGML(head)
}

// firstNonSpace returns the first byte of ahead, what a buffer peeked at the start of an
// input (nothing read, so that line numbers still count from the start), that is not white
// space (nor part of a UTF-8 byte order mark); 0 when there is none.
func firstNonSpace(ahead []byte) byte {
	for _, b := range ahead {
		switch b {
		case ' ', '\t', '\r', '\n', 0xef, 0xbb, 0xbf:
			continue
		}
		return b
	}
	return 0
}

// arrayOfObjects reports whether ahead, the start of an input that starts with "[" after white
// space, starts a JSON array of objects: "[", "{", then a quoted name or "}", white space
// between, as far as ahead goes. A text that starts with a bracket ("[Editor's note]",
// "[{citation needed}]") does not.
func arrayOfObjects(ahead []byte) bool {
	ahead = bytes.TrimLeft(ahead, " \t\r\n\xef\xbb\xbf")
	for _, want := range []byte("[{") {
		if len(ahead) == 0 || ahead[0] != want {
			return false
		}
		ahead = bytes.TrimLeft(ahead[1:], " \t\r\n")
	}
	return len(ahead) > 0 && (ahead[0] == '"' || ahead[0] == '}')
}

// gzipMagic starts every gzip stream.
var gzipMagic = []byte{0x1f, 0x8b}

// formatJSON is the format of a file named ".json" that the user named or included, which
// stream reads as its first byte says: JSON Lines, as pandas saves them by default, or a JSON
// array, which it skips with the command that makes JSON Lines of it.
const formatJSON = "json"

// jq returns the shell command that runs jq's filter over the JSON file disp in the encoding
// enc ("" for UTF-8), gunzipped first when its name ends in ".gz" or it is standard input that
// was gzip data, and made UTF-8 first when it is UTF-16 or UTF-32, which jq cannot read,
// printing each value the filter gives on one line: the JSON Lines that dedupe reads.
func (r *reader) jq(disp, filter, enc string) string {
	var steps []string
	from := " " + shellQuote(disp) // the first step reads the file; standard input, a pipe
	if disp == "-" {
		from = ""
	}
	// Standard input's name cannot say it is gzip data, which jq fails on.
	if strings.HasSuffix(strings.ToLower(disp), ".gz") || disp == "-" && r.stdinGz {
		steps, from = append(steps, "gunzip -c"+from), ""
	}
	if name, ok := strings.CutPrefix(enc, "utf-"); ok && name != "8" && !strings.HasPrefix(name, "8-") {
		steps, from = append(steps, "iconv -f UTF-"+strings.ToUpper(name[:2])+" -t UTF-8"+from), ""
	}
	return strings.Join(append(steps, "jq -c '"+filter+"'"+from), " | ")
}

// shellQuote returns s as a POSIX shell word: as it is when it holds only characters no shell
// reads otherwise, else in single quotes.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:@%+,=") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// stream reads one input of the given format, of about hint bytes (0 when unknown), from src.
func (r *reader) stream(src io.Reader, hint int64, disp, format string) error {
	if format == formatJSON {
		br := bufio.NewReader(src)
		head, err := br.Peek(br.Size())
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return r.skipErr(disp, 0, err)
		}
		head, enc := headText(head) // a UTF-16 array was read as text
		switch firstNonSpace(head) {
		case '{':
			format = FormatJSONL
		case '[':
			return r.skipInput(disp, fmt.Sprintf("a JSON array: dedupe reads JSON Lines, an object a line (%s > records.jsonl)", r.jq(disp, ".[]", enc)))
		default:
			format = FormatText
		}
		src = br
	}
	src = &boundedReader{ctx: r.ctx, r: src, left: r.opts.MaxFileBytes, limit: r.opts.MaxFileBytes}
	var read func(io.Reader, string) error
	switch format {
	case FormatJSONL:
		read = r.readJSONL
	case FormatSGML:
		read = r.readSGML
	default:
		return r.readDocument(src, hint, disp, format)
	}
	listed := r.boundLineSkips(disp)
	err := read(src, disp)
	if lerr := listed(); err == nil {
		err = lerr
	}
	return err
}

// maxLineSkips is how many skipped lines one JSONL or SGML input lists one by one.
const maxLineSkips = 1000

// boundLineSkips makes r list at most maxLineSkips skipped lines of the input disp, until the
// function it returns is called: that lists the others as one skip, by the first of them and
// their number, and restores r. Ten million lines of "{}" in a 29 kB gzip file made ten million
// skips: 8.5 GB of memory and a report of 1.5 GB.
func (r *reader) boundLineSkips(disp string) func() error {
	skip := r.skip
	listed, more, from := 0, 0, 0
	r.skip = func(s Skip) error {
		if s.Line == 0 {
			return skip(s)
		}
		if listed++; listed <= maxLineSkips {
			return skip(s)
		}
		if more++; more == 1 {
			from = s.Line
		}
		return nil
	}
	return func() error {
		r.skip = skip
		if more == 0 {
			return nil
		}
		return skip(Skip{Path: disp, Line: from, Count: more,
			Reason: fmt.Sprintf("%d more lines skipped from here on, not listed one by one (the %d before are)", more, maxLineSkips)})
	}
}

// sizeHint returns the size of src if it is a file, else 0.
func sizeHint(src io.Reader) int64 {
	if f, ok := src.(*os.File); ok {
		if fi, err := f.Stat(); err == nil {
			return fi.Size()
		}
	}
	return 0
}

// skipInput reports the whole input disp as skipped for reason.
func (r *reader) skipInput(disp, reason string) error {
	return r.skip(Skip{Path: disp, Reason: reason})
}

// skipRest reports the lines of the JSONL or SGML input disp from line on as skipped because
// reading them failed with err (a gzip file cut short: the records before it are read).
func (r *reader) skipRest(disp string, line int, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return r.skip(Skip{Path: disp, Line: line, Reason: "unexpected end of file: the file is cut short here, the lines before it are read"})
	}
	return r.skipErr(disp, line, err)
}

// skipErr reports disp (at line, or 0) as skipped because of err, unless err is the
// cancellation of the run, which it returns.
func (r *reader) skipErr(disp string, line int, err error) error {
	if cerr := r.ctx.Err(); cerr != nil && errors.Is(err, cerr) {
		return cerr
	}
	return r.skip(Skip{Path: disp, Line: line, Reason: reason(err), NoText: errors.Is(err, errNoArticle)})
}

// errBinary marks input that looks like binary data rather than text.
var errBinary = errors.New("binary file")

// reason turns err into a short skip reason. The path is dropped since the Skip carries it.
func reason(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, fs.ErrNotExist):
		return "file vanished before it could be read"
	case errors.Is(err, syscall.ELOOP):
		return "symlink loop"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "unexpected end of file"
	case errors.Is(err, errFileTooLong):
		return strings.TrimPrefix(err.Error(), errFileTooLong.Error()+": ")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}
