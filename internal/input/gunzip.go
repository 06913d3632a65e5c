package input

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
)

// gunzipped reads the gzip members of its source one after the other, as gzip -d does, and
// ends at zeros after a member: padding to a block (a tape's, an upload's), which gzip -d
// ignores too; gzip.Reader, reading on for another member, failed there with "invalid
// header", and a whole article went as unreadable. Other bytes that begin no member fail as
// before (gzip.ErrHeader): they may be a member damaged, whose records would otherwise go
// unnoticed. Bytes after a member that start as a member does and end before its header does
// are a member cut short: io.ErrUnexpectedEOF.
type gunzipped struct {
	z   *gzip.Reader
	src *bufio.Reader
}

// newGunzipped returns a reader of the gzip data in r (a *bufio.Reader is read as it is; its
// buffered bytes are the data's).
func newGunzipped(r io.Reader) (*gunzipped, error) {
	src, ok := r.(*bufio.Reader)
	if !ok {
		src = bufio.NewReader(r)
	}
	z, err := gzip.NewReader(src)
	if err != nil {
		return nil, err
	}
	z.Multistream(false)
	return &gunzipped{z: z, src: src}, nil
}

func (g *gunzipped) Read(p []byte) (int, error) {
	for {
		n, err := g.z.Read(p)
		if err != io.EOF {
			return n, err
		}
		// The end of a member: another follows, or the data ends, or bytes that begin no
		// member do.
		next, _ := g.src.Peek(len(gzipMagic))
		if len(next) == 0 {
			return n, io.EOF
		}
		if !bytes.HasPrefix(next, gzipMagic) && !bytes.HasPrefix(gzipMagic, next) {
			if zeros(g.src) {
				return n, io.EOF
			}
			return n, gzip.ErrHeader
		}
		if err := g.z.Reset(g.src); err != nil {
			return n, err // a member cut short or damaged
		}
		g.z.Multistream(false)
		if n > 0 {
			return n, nil
		}
	}
}

func (g *gunzipped) Close() error { return g.z.Close() }

// zeros reads src to its end and reports whether it held only zero bytes.
func zeros(src *bufio.Reader) bool {
	for {
		b, err := src.ReadByte()
		if err != nil {
			return true
		}
		if b != 0 {
			return false
		}
	}
}
