package input

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// read walks paths for [Read] or [Size].
func (r *reader) read(paths []string) error {
	if overlap(paths) {
		r.seen = make(map[string]string)
	}
	r.named = namedPaths(paths)
	for _, p := range paths {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if p == "-" {
			if _, first := r.once("-", "-"); first {
				if err := r.readStdin(); err != nil {
					return err
				}
			}
			continue
		}
		fi, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return fmt.Errorf("open %q: %w", p, err)
		}
		disp := CleanName(p)
		switch {
		case err != nil:
			err = r.skipErr(p, 0, err)
		case r.excluded(disp, ""):
		case fi.IsDir():
			err = r.walk(p, disp, "")
		default:
			if by, ok := r.linkRead(p); ok {
				err = r.skipInput(disp, fmt.Sprintf("symlink to %q, read under that name", by))
				break
			}
			err = r.file(p, disp, "", true)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// overlap reports whether paths may name a file twice: one path is given twice, or is a
// folder holding another. Only then does read keep the names of the files it read (once),
// which for a million files takes a hundred megabytes; one folder's walk meets each file once.
func overlap(paths []string) bool {
	if len(paths) < 2 {
		return false
	}
	given := make(map[string]bool, len(paths))
	var abs, dirs []string
	for _, p := range paths {
		// By real paths: a folder named through a symlink to another one named ("real" and
		// "link/"), or a file through it, is the same.
		a, ok := realPath(p)
		if !ok {
			var err error
			if a, err = filepath.Abs(p); err != nil {
				return true
			}
		}
		if given[a] {
			return true
		}
		given[a] = true
		abs = append(abs, a)
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			dirs = append(dirs, a)
		}
	}
	for _, d := range dirs {
		for _, a := range abs {
			if strings.HasPrefix(a, d) && a != d && (strings.HasSuffix(d, string(filepath.Separator)) || a[len(d)] == filepath.Separator) {
				return true
			}
		}
	}
	return false
}

// A named path is a folder or a file that the command line names, by its display path and its
// real path (see realPath), for linkRead and Reads.
type namedPath struct {
	disp, real string
	dir, link  bool // a folder; a symlink
}

// namedPaths returns the folders and files among paths, as namedPath.
func namedPaths(paths []string) []namedPath {
	var named []namedPath
	for _, p := range paths {
		if p == "-" {
			continue
		}
		real, ok := realPath(p)
		fi, err := os.Stat(real)
		if !ok || err != nil {
			continue
		}
		named = append(named, namedPath{disp: CleanName(p), real: real, dir: fi.IsDir(), link: isLink(p)})
	}
	return named
}

// realPath returns the absolute path of name with every symlink resolved, and whether it
// could: name exists.
func realPath(name string) (string, bool) {
	real, err := filepath.EvalSymlinks(name)
	if err != nil {
		return "", false
	}
	real, err = filepath.Abs(real)
	return real, err == nil
}

// isLink reports whether name is a symlink.
func isLink(name string) bool {
	fi, err := os.Lstat(name)
	return err == nil && fi.Mode()&fs.ModeSymlink != 0
}

// linkRead returns the display path under which this read reads the file that the symlink
// link leads to, and true, when it reads it under another name: the file is named on the
// command line, or is in a folder named there where the walk meets it (not hidden, not
// excluded, admitted by the include patterns and by its extension). Such a link is skipped:
// read as well, it would make the file a copy of itself, and a copy to remove
// (--print-copies) while the link stayed. A link whose file the read does not meet otherwise
// is read.
func (r *reader) linkRead(link string) (string, bool) {
	if !isLink(link) {
		return "", false
	}
	real, ok := realPath(link)
	if !ok {
		return "", false
	}
	return r.meets(real, false)
}

// Reads reports whether [Read] of paths with opts reads the file name, under its name or
// another (a symlink to it). Commands check the files they will write with it, so that the
// report of a scan never replaces one of its inputs.
func Reads(paths []string, opts Options, name string) bool {
	real, ok := realPath(name)
	if !ok {
		return false
	}
	r := &reader{opts: opts, format: opts.Format, named: namedPaths(paths)}
	if r.format == "" {
		r.format = FormatAuto
	}
	_, ok = r.meets(real, true)
	return ok
}

// meets returns the display path under which the read meets the file of real path real, and
// true, when it does: real is named (by a symlink too, when links), or is below a folder named
// where the walk reads it.
func (r *reader) meets(real string, links bool) (string, bool) {
	for _, n := range r.named {
		if !n.dir {
			if n.real == real && (links || !n.link) {
				return n.disp, true
			}
			continue
		}
		rel, err := filepath.Rel(n.real, real)
		if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		if disp, ok := r.walked(n.disp, filepath.ToSlash(rel)); ok {
			return disp, true
		}
	}
	return "", false
}

// walked returns the display path of the file at the '/'-separated path rel below the named
// folder disp, and whether walking that folder reads it: no element of rel is hidden or
// excluded, and file would take it (see [reader.file]).
func (r *reader) walked(disp, rel string) (string, bool) {
	d, sub := disp, ""
	for _, elem := range strings.Split(rel, "/") {
		d, sub = filepath.Join(d, elem), path.Join(sub, elem)
		if strings.HasPrefix(elem, ".") || r.excluded(d, sub) {
			return "", false
		}
	}
	if len(r.opts.Include) > 0 {
		return d, r.matchAny(r.opts.Include, d, sub)
	}
	_, ext := fileType(path.Base(rel))
	_, known := extFormats[ext]
	return d, known || r.format != FormatAuto
}

// once reports whether the file name, shown as disp, is met for the first time in this read,
// and records it; it returns the display path it was first met under. Files are told apart by
// their real path (see realPath): a file met again through a symlink to its folder ("link/a.txt"
// for "real/a.txt") is the same file, which read twice was its own copy.
func (r *reader) once(name, disp string) (first string, ok bool) {
	if r.seen == nil {
		return disp, true
	}
	key, found := realPath(name)
	if !found {
		if abs, err := filepath.Abs(name); err == nil {
			key = abs
		}
	}
	if first, seen := r.seen[key]; seen {
		return first, false
	}
	r.seen[key] = disp
	return disp, true
}

// CleanName returns the name dedupe gives the file or folder named path: path cleaned
// (filepath.Clean), and "./-" for a file named "-" (or "./-#x" for one named "-#x"), which
// would otherwise have the name of standard input (or of a record on it), "-".
func CleanName(path string) string {
	if path == "-" {
		return path
	}
	return fileName(filepath.Clean(path))
}

// fileName returns name, clean, as the name of a file: "./-" for "-", "./-#x" for "-#x".
func fileName(name string) string {
	if name == "-" || strings.HasPrefix(name, "-#") {
		return "." + string(filepath.Separator) + name
	}
	return name
}

// walk reads directory dir whose display path is disp and whose path below the folder named
// on the command line is rel ("" for that folder).
func (r *reader) walk(dir, disp, rel string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		// ReadDir returns what it could read before failing: report, then use those.
		if err := r.skipErr(disp, 0, err); err != nil {
			return err
		}
	}
	// A directory of many files joins three paths for each: filepath.Join and path.Join clean
	// their result, which a name from ReadDir (one element, never "." or "..") below a clean
	// path cannot make unclean, so each path is tested once here and each name appended.
	joinDir := joiner(dir, filepath.Join, filepath.Clean, filepath.Separator)
	joinDisp := joiner(disp, filepath.Join, filepath.Clean, filepath.Separator)
	joinRel := joiner(rel, path.Join, path.Clean, '/')
	for _, e := range entries {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		name := e.Name()
		full, d, rl := joinDir(name), joinDisp(name), joinRel(name)
		if disp == "." {
			d = fileName(d) // a file named "-" in the working directory is not standard input
		}
		if strings.HasPrefix(name, ".") || r.excluded(d, rl) {
			continue
		}
		typ := e.Type()
		// A file --include leaves out is left out silently, as r.file leaves it, whatever it
		// is: a broken symlink or a FIFO it does not name is no input the user asked for.
		// A folder, or a symlink to one, may hold files it names.
		leftOut := len(r.opts.Include) > 0 && !typ.IsDir() && !r.matchAny(r.opts.Include, d, rl)
		if typ&fs.ModeSymlink != 0 {
			fi, err := os.Stat(full)
			switch {
			case leftOut && (err != nil || !fi.IsDir()):
				continue
			case errors.Is(err, fs.ErrNotExist):
				// The file it named is gone: as a file deleted, which --prune removes.
				err = r.skip(Skip{Path: d, Reason: "broken symlink", NoText: true})
			case err != nil:
				err = r.skipErr(d, 0, err)
			case fi.IsDir():
				// Following would need loop detection and could read a tree twice.
				err = r.skipInput(d, "symlink to a directory, not followed (name it to read it)")
			default:
				if by, ok := r.linkRead(full); ok {
					err = r.skipInput(d, fmt.Sprintf("symlink to %q, read under that name", by))
				} else {
					typ = fi.Mode().Type()
				}
			}
			if err != nil {
				return err
			}
		}
		switch {
		case typ&fs.ModeSymlink != 0:
			// Not resolved to a file; reported above.
		case typ.IsDir():
			err = r.walk(full, d, rl)
		case typ.IsRegular():
			err = r.file(full, d, rl, false)
		case leftOut:
		default:
			// FIFOs and devices could block forever or never end.
			err = r.skipInput(d, "not a regular file")
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// excluded reports whether the display path disp, or the path rel below the folder named on
// the command line, matches an exclude pattern; the caller then ignores the file or folder
// silently, as asked.
func (r *reader) excluded(disp, rel string) bool {
	return r.matchAny(r.opts.Exclude, disp, rel)
}

// matchAny reports whether disp, rel (when not "") or their base name matches one of patterns.
func (r *reader) matchAny(patterns []string, disp, rel string) bool {
	slashed := filepath.ToSlash(disp)
	base := path.Base(slashed)
	for _, p := range patterns {
		if matchGlob(p, slashed) || matchGlob(p, base) || rel != "" && matchGlob(p, rel) {
			return true
		}
	}
	return false
}

// joiner returns a function that joins dir and a name read from it (one element, never "."
// or "..") as join does: by appending the name when dir is clean and the result must be too,
// else by calling join. join and clean are filepath's or path's, sep their separator.
func joiner(dir string, join func(...string) string, clean func(string) string, sep byte) func(string) string {
	if dir == "" || dir == "." || dir[len(dir)-1] == sep || clean(dir) != dir || len(filepath.VolumeName(dir)) == len(dir) {
		return func(name string) string { return join(dir, name) }
	}
	return func(name string) string { return dir + string(sep) + name }
}
