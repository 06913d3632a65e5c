package input

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// tokenDepthLimit bounds the nesting [checkDepth] estimates before html.Parse runs. The tree
// builder scans its stack of open elements for most tags, so its time grows with the square of
// the depth (10,000 nested divs: 1.7 s; 100,000: 230 s). The estimate may run above the true
// depth on sloppy pages, hence a limit above maxDepth, which the parsed tree must then meet:
// at this depth a parse takes well under a tenth of a second.
const tokenDepthLimit = 4 * maxDepth

// cancelEvery is how many tokens checkDepth reads between looks at its context: a few
// milliseconds of work, so that Ctrl-C is honoured at once.
const cancelEvery = 1 << 12

// errTooDeep is the skip reason of a page nested beyond the limits.
var errTooDeep = fmt.Errorf("html nested deeper than %d elements", maxDepth)

// checkDepth tokenizes text, estimating the parser's stack of open elements without building a
// tree, and returns errTooDeep once the estimate passes tokenDepthLimit, or ctx.Err(). It takes
// time linear in the page, however deep or ill-formed.
//
// The estimate follows the parser where pages commonly leave elements open: an end tag closes
// the nearest open element of its name, unless a special element such as div or table lies in
// between (for the end tag of a special element: a table or cell), as the parser then ignores
// it; a p, li, td and the like closes an open element of its own name unless a special element
// lies in between. Void elements and self-closing tags inside svg or math open nothing. Where
// it is unsure, the estimate stays above the parser's depth rather than below.
func checkDepth(ctx context.Context, text string) error {
	z := html.NewTokenizer(strings.NewReader(text))
	var d depthEstimate
	for n := 1; ; n++ {
		if n%cancelEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		switch z.Next() {
		case html.ErrorToken:
			// io.EOF, or the end of a cut page: either way the page is as deep as it gets.
			return nil
		case html.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if voidTags[a] {
				continue
			}
			d.implyEnds(string(name), a)
			d.open(string(name), a)
		case html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if d.foreign > 0 || voidTags[a] {
				continue
			}
			// In HTML "<div/>" opens a div like "<div>" does.
			d.open(string(name), a)
		case html.EndTagToken:
			name, _ := z.TagName()
			// The parser closes a special element if it is in scope, any other at the
			// first special element.
			bound := boundSpecial
			if specialTags[atom.Lookup(name)] {
				bound = boundScope
			}
			d.close(string(name), bound)
		}
		if len(d.stack) > tokenDepthLimit {
			return errTooDeep
		}
	}
}

// depthEstimate is checkDepth's estimate of the parser's stack of open elements. Every
// operation takes constant time, amortised: scanning the stack for the element an end tag
// closes would make a page of many stray end tags quadratic again.
type depthEstimate struct {
	stack   []openTag
	at      map[string][]int // stack indexes of the open elements by name, bottom to top
	foreign int              // svg and math elements open: there a self-closing tag opens nothing
}

// openTag is an element on a depthEstimate's stack.
type openTag struct {
	name string // custom elements have no atom, so names tell elements apart
	atom atom.Atom
	// bounds holds, for each kind of bound, the index of the topmost element of that kind at
	// or below this one, or -1: the elements at which close stops looking.
	bounds [numBounds]int
}

// The kinds of element at which the parser stops looking for the element a tag closes.
const (
	boundSpecial = iota // special elements: for the end tags of other elements, and for p
	boundScope          // scopeTags: for the end tags of special elements and for table parts
	boundList           // special elements but address, div and p: for li, dd and dt
	numBounds
)

// isBound reports whether an element a is a bound of kind k.
func isBound(k int, a atom.Atom) bool {
	switch k {
	case boundScope:
		return scopeTags[a]
	case boundList:
		return specialTags[a] && a != atom.Address && a != atom.Div && a != atom.P
	}
	return specialTags[a]
}

// implyEnds closes what the start tag of name closes implicitly: "<p>a<p>b" and "<li>a<li>b"
// make siblings, and a new row or cell ends the open cell and row, as the parser does.
func (d *depthEstimate) implyEnds(name string, a atom.Atom) {
	switch a {
	case atom.Li, atom.Dd, atom.Dt:
		d.close(name, boundList)
	case atom.Tbody, atom.Thead, atom.Tfoot:
		for _, t := range []string{"td", "th", "tr", "tbody", "thead", "tfoot"} {
			d.close(t, boundScope)
		}
	case atom.Tr:
		for _, t := range []string{"td", "th", "tr"} {
			d.close(t, boundScope)
		}
	case atom.Td, atom.Th:
		d.close("td", boundScope)
		d.close("th", boundScope)
	case atom.P, atom.Option, atom.Optgroup, atom.Rb, atom.Rp, atom.Rt, atom.Rtc:
		d.close(name, boundSpecial)
	}
}

// open pushes an element.
func (d *depthEstimate) open(name string, a atom.Atom) {
	if d.at == nil {
		d.at = make(map[string][]int)
	}
	i := len(d.stack)
	t := openTag{name: name, atom: a, bounds: [numBounds]int{-1, -1, -1}}
	if i > 0 {
		t.bounds = d.stack[i-1].bounds
	}
	for k := range numBounds {
		if isBound(k, a) {
			t.bounds[k] = i
		}
	}
	d.stack = append(d.stack, t)
	d.at[name] = append(d.at[name], i)
	if a == atom.Svg || a == atom.Math {
		d.foreign++
	}
}

// close pops the nearest element named name, with every element above it, unless an element of
// another name that is a bound of the given kind comes first: the parser then ignores the tag.
func (d *depthEstimate) close(name string, bound int) {
	at := d.at[name]
	if len(at) == 0 {
		return
	}
	if i := at[len(at)-1]; i < d.stack[len(d.stack)-1].bounds[bound] {
		return
	}
	i := at[len(at)-1]
	for _, t := range d.stack[i:] {
		d.at[t.name] = d.at[t.name][:len(d.at[t.name])-1]
		if t.atom == atom.Svg || t.atom == atom.Math {
			d.foreign--
		}
	}
	d.stack = d.stack[:i]
}

// voidTags never have content, so they never stay open.
var voidTags = tagSet(atom.Area, atom.Base, atom.Basefont, atom.Bgsound, atom.Br, atom.Col,
	atom.Embed, atom.Frame, atom.Hr, atom.Img, atom.Input, atom.Keygen, atom.Link, atom.Meta,
	atom.Param, atom.Source, atom.Track, atom.Wbr)

// specialTags are the HTML standard's special elements, at which the parser stops looking for
// the element an end tag closes.
var specialTags = tagSet(atom.Address, atom.Applet, atom.Area, atom.Article, atom.Aside,
	atom.Base, atom.Basefont, atom.Bgsound, atom.Blockquote, atom.Body, atom.Br, atom.Button,
	atom.Caption, atom.Center, atom.Col, atom.Colgroup, atom.Dd, atom.Details, atom.Dir,
	atom.Div, atom.Dl, atom.Dt, atom.Embed, atom.Fieldset, atom.Figcaption, atom.Figure,
	atom.Footer, atom.Form, atom.Frame, atom.Frameset, atom.H1, atom.H2, atom.H3, atom.H4,
	atom.H5, atom.H6, atom.Head, atom.Header, atom.Hgroup, atom.Hr, atom.Html, atom.Iframe,
	atom.Img, atom.Input, atom.Keygen, atom.Li, atom.Link, atom.Listing, atom.Main,
	atom.Marquee, atom.Menu, atom.Meta, atom.Nav, atom.Noembed, atom.Noframes, atom.Noscript,
	atom.Object, atom.Ol, atom.P, atom.Param, atom.Plaintext, atom.Pre, atom.Script,
	atom.Section, atom.Select, atom.Source, atom.Style, atom.Summary, atom.Table,
	atom.Tbody, atom.Td, atom.Template, atom.Textarea, atom.Tfoot, atom.Th, atom.Thead,
	atom.Title, atom.Tr, atom.Track, atom.Ul, atom.Wbr, atom.Xmp)

// scopeTags bound the scope in which the parser looks for the special element an end tag
// closes: "</div>" inside a table cell does not close the div around the table.
var scopeTags = tagSet(atom.Applet, atom.Caption, atom.Html, atom.Table, atom.Td, atom.Th,
	atom.Marquee, atom.Object, atom.Template, atom.Svg, atom.Math)

// tagSet returns the set of tags.
func tagSet(tags ...atom.Atom) map[atom.Atom]bool {
	m := make(map[atom.Atom]bool, len(tags))
	for _, t := range tags {
		m[t] = true
	}
	return m
}
