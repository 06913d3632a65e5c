package input

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unsafe"
)

// readDocument reads src, of about hint bytes, as one text or HTML document.
func (r *reader) readDocument(src io.Reader, hint int64, disp, format string) error {
	// Plain text can be cut early: decoding turns every two raw bytes into at least one byte of
	// UTF-8 (UTF-16 is the worst case), so 2*MaxBytes+8 raw bytes decode to more than MaxBytes
	// whenever more input follows, and Truncated stays exact. HTML is cut there too: its parse
	// tree takes about ten times the page's bytes, so a page of hundreds of megabytes read whole
	// would need gigabytes. The parser closes what the cut leaves open, as browsers do.
	raw, buf, cut, err := readUpTo(src, hint, r.documentLimit())
	var damaged []Skip // the warning of a text read up to the damage or the limit
	if err != nil && len(raw) > 0 && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, errFileTooLong)) {
		// A gzip file cut short, or one past --max-file-bytes: the text read so far is
		// read, as the lines of a JSONL file before the damage are, with a warning.
		why := reason(err)
		if !errors.Is(err, errFileTooLong) {
			why += ": the text before it is read"
		}
		damaged, err, cut = []Skip{{Path: disp, Reason: why}}, nil, true
	}
	if err != nil {
		return r.skipErr(disp, 0, err)
	}
	if format == FormatText && r.format == FormatAuto && sniffSGML(raw) {
		// A collection of many records, read as it streams: what readUpTo read, then the rest.
		all := raw
		if cut {
			all = raw[:len(raw)+1] // the byte past the limit that told readUpTo more followed
		}
		err := r.readSGML(io.MultiReader(bytes.NewReader(all), src), disp)
		if buf != nil {
			readBuffers.Put(buf) // the records' texts are copies
		}
		return err
	}
	if format == FormatText {
		text, enc, err := decode(raw, cut, false)
		if err != nil {
			return r.skipErr(disp, 0, err)
		}
		if r.format != FormatAuto || !looksLikeHTML(text) {
			if strings.TrimSpace(text) == "" {
				if damaged != nil {
					return r.skip(damaged[0])
				}
				return r.skip(Skip{Path: disp, Reason: "empty file", NoText: true})
			}
			doc := Document{Text: text, Encoding: enc, Warnings: damaged}
			if buf != nil && endOf(text, raw) {
				doc.buf = buf
			}
			if disp == "-" && fileList(text) {
				doc.Warnings = []Skip{{Path: "-", Reason: `standard input looks like a list of files, read as one article: to read the files, use --files-from -`}}
			}
			return r.emitDocument(doc, disp, "", format, len(raw))
		}
		format = FormatHTML
	}
	page := &pendingPage{raw: raw, cut: cut, damaged: damaged, maxBytes: r.opts.MaxBytes}
	if deferPages(r.ctx) {
		doc := Document{Path: EscapeName(disp), File: EscapeName(disp), Format: format, Size: int64(len(raw)), page: page, buf: buf}
		return r.emit(doc)
	}
	doc := Document{Path: EscapeName(disp), File: EscapeName(disp), Format: format, Size: int64(len(raw)), page: page}
	why, err := doc.extract(r.ctx)
	if err != nil {
		return err
	}
	if why != "" {
		return r.skip(Skip{Path: disp, Reason: why})
	}
	return r.emit(doc)
}

// pendingPage is an HTML page read, to be extracted: the bytes read, whether the page was cut
// short (at the size limit or by damage, then described by damaged), and Options.MaxBytes.
type pendingPage struct {
	raw      []byte
	cut      bool
	damaged  []Skip
	maxBytes int64
}

// deferKey marks a context whose reader leaves HTML pages to be extracted by [Parallel]'s
// workers: extraction (parsing and readability, about 1.7 ms a page) on the one reading
// goroutine made a scan of pages run on one core.
type deferKey struct{}

// deferPages reports whether ctx asks a reader to leave pages unextracted.
func deferPages(ctx context.Context) bool { return ctx.Value(deferKey{}) != nil }

// extract extracts d's pending page into d, keeping its path, format, size and buffer; or
// returns why the page is skipped (no article text, nested too deeply), or ctx's error once
// ctx is cancelled. It does nothing to a document read whole.
func (d *Document) extract(ctx context.Context) (skip string, err error) {
	p := d.page
	if p == nil {
		return "", nil
	}
	doc, err := extractHTMLAsync(ctx, p.raw, p.cut)
	if cerr := ctx.Err(); cerr != nil {
		return "", cerr
	}
	if err != nil {
		return reason(err), nil
	}
	doc.Path, doc.File, doc.Format, doc.Size, doc.buf = d.Path, d.File, d.Format, d.Size, d.buf
	if doc.Date.IsZero() {
		doc.Date = d.Date // the path's date (Options.PathDates), set when d was emitted
	}
	// A page cut short counts as truncated even if its text fits in MaxBytes.
	doc.Truncated = p.cut && p.damaged == nil
	for _, w := range p.damaged {
		w.Path = EscapeName(w.Path)
		doc.Warnings = append(doc.Warnings, w)
	}
	var cut bool
	doc.Text, cut = truncate(doc.Text, p.maxBytes)
	doc.Truncated = doc.Truncated || cut
	*d = doc
	return "", nil
}

// documentLimit returns how many bytes of a text or HTML input readDocument reads, or -1 for
// all of them.
func (r *reader) documentLimit() int64 {
	if r.opts.MaxBytes > 0 {
		return 2*r.opts.MaxBytes + 8
	}
	return -1
}

// fileSize returns the bytes that reading the file name in format would report as Document.Size,
// as far as its metadata and, for gzip, its trailer tell; 0 when it cannot be measured, since
// Read would then skip it.
func (r *reader) fileSize(name string, gz bool, format string) int64 {
	fi, err := os.Stat(name)
	if err != nil {
		return 0
	}
	n := fi.Size()
	if gz {
		n = gzipSize(name, n)
	}
	if limit := r.documentLimit(); format != FormatJSONL && format != FormatSGML && limit >= 0 {
		n = min(n, limit)
	}
	if r.opts.MaxFileBytes > 0 {
		n = min(n, r.opts.MaxFileBytes)
	}
	return n
}

// gzipSize returns the uncompressed size of the gzip file name of size bytes as its trailer
// records it, or 0 when the file is too short or cannot be read.
func gzipSize(name string, size int64) int64 {
	// The last 4 bytes of a gzip member hold its uncompressed size modulo 2^32 (ISIZE in
	// RFC 1952), after at least 10 bytes of header and 8 of trailer.
	if size < 18 {
		return 0
	}
	f, err := os.Open(name)
	if err != nil {
		return 0
	}
	defer f.Close()
	var isize [4]byte
	if _, err := f.ReadAt(isize[:], size-4); err != nil {
		return 0
	}
	return int64(binary.LittleEndian.Uint32(isize[:]))
}

// emitDocument completes doc with the fields every format shares, applies MaxBytes and emits it:
// the document of the input file, or its record of that name when record is not "".
func (r *reader) emitDocument(doc Document, file, record, format string, size int) error {
	doc.File, doc.Format, doc.Size = EscapeName(file), format, int64(size)
	doc.Path = doc.File
	if record != "" {
		doc.Path = EscapeName(file + "#" + record)
	}
	for i := range doc.Warnings {
		doc.Warnings[i].Path = EscapeName(doc.Warnings[i].Path)
	}
	var cut bool
	doc.Text, cut = truncate(doc.Text, r.opts.MaxBytes)
	doc.Truncated = doc.Truncated || cut
	return r.emit(doc)
}

// endOf reports whether text is the end of raw's memory, as decode leaves valid UTF-8 (after a
// byte order mark), not a string of its own.
func endOf(text string, raw []byte) bool {
	return len(text) > 0 && len(text) <= len(raw) && unsafe.StringData(text) == &raw[len(raw)-len(text)]
}

// readUpTo reads src to the end, or only limit bytes when limit >= 0; cut reports whether
// more input followed. Like os.ReadFile it sizes the buffer up front, from size. It reads into
// a released buffer (see [Document.Release]) when one is large enough, and returns in buf the
// memory raw is in, to be released with the document; nil when it is too large to keep.
func readUpTo(src io.Reader, size, limit int64) (raw []byte, buf *[]byte, cut bool, err error) {
	if limit >= 0 {
		src = io.LimitReader(src, limit+1)
		size = min(size, limit+1)
	}
	// bytes.MinRead spare bytes let ReadFrom see EOF without growing the buffer.
	need := size + bytes.MinRead
	buf, _ = readBuffers.Get().(*[]byte)
	switch {
	case buf == nil:
		buf = new([]byte)
		fallthrough
	case int64(cap(*buf)) < need:
		*buf = make([]byte, 0, need)
	}
	b := bytes.NewBuffer((*buf)[:0])
	_, err = b.ReadFrom(src)
	raw = b.Bytes()
	if *buf = raw[:0]; cap(raw) > maxReleased {
		buf = nil
	}
	if limit >= 0 && int64(len(raw)) > limit {
		return raw[:limit], buf, true, err
	}
	return raw, buf, false, err
}

// errFileTooLong is wrapped by the error of a boundedReader that reached its limit.
var errFileTooLong = errors.New("input too long")

// boundedReader reads r until ctx is cancelled or more than limit bytes were asked for; limit
// 0 means no limit. Every input is read through one, so that no loop reading it, gunzip
// included, can outlast Ctrl-C or the cap.
type boundedReader struct {
	ctx         context.Context
	r           io.Reader
	left, limit int64
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if err := b.ctx.Err(); err != nil {
		return 0, err
	}
	if b.limit > 0 {
		if b.left <= 0 {
			// A file of exactly limit bytes ends here: only a byte more is past the bound (a
			// JSONL file of that size had a line after its last skipped).
			var one [1]byte
			if _, err := io.ReadFull(b.r, one[:]); err == io.EOF {
				return 0, io.EOF
			}
			return 0, fmt.Errorf("%w: more than %d bytes (--max-file-bytes), the rest is not read", errFileTooLong, b.limit)
		}
		p = p[:min(int64(len(p)), b.left)]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}
