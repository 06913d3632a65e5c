package input

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
)

// gunzipped reads the gzip members of its source one after the other, as gzip -d does, and
// ends at bytes after a member that begin no other: padding to a block (the zeros of a tape or
// of an upload) or garbage appended. gzip -d keeps the data and warns of them ("trailing
// garbage ignored"); gzip.Reader, reading on for another member, failed there with "invalid
// header", and a whole article went as unreadable. Bytes after a member that start as a member
// does and end before its header does are a member cut short: io.ErrUnexpectedEOF.
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
		if len(next) == 0 || !bytes.HasPrefix(next, gzipMagic) && !bytes.HasPrefix(gzipMagic, next) {
			return n, io.EOF
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
