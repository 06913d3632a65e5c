package input

import (
	"path"
	"strings"
)

// matchGlob reports whether the '/'-separated name matches pattern: [path.Match] applied
// segment by segment, where a segment that is exactly "**" matches zero or more segments.
// A malformed pattern matches nothing; [validGlob] reports it up front.
func matchGlob(pattern, name string) bool {
	return matchSegments(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchSegments(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			// Try every split point; patterns are short, so the backtracking stays cheap.
			for i := len(name); i >= 0; i-- {
				if matchSegments(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// validGlob returns [path.ErrBadPattern] if pattern is malformed.
func validGlob(pattern string) error {
	for seg := range strings.SplitSeq(pattern, "/") {
		// Match checks the whole pattern's syntax even when the name does not match.
		if _, err := path.Match(seg, ""); err != nil {
			return err
		}
	}
	return nil
}
