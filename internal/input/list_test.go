package input_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/input"
)

func TestReadList(t *testing.T) {
	tests := []struct {
		in   string
		nul  bool
		want []string
	}{
		{"a.txt\nb dir/c.txt\n", false, []string{"a.txt", "b dir/c.txt"}},
		{"a.txt\r\n\r\n\nb.txt", false, []string{"a.txt", "b.txt"}},
		{"a\nb.txt\x00c.txt\x00\x00", true, []string{"a\nb.txt", "c.txt"}},
		{"a\r\x00", true, []string{"a\r"}},
		{"", false, nil},
		{"a.txt\n  \n\t\n b.txt\n", false, []string{"a.txt", " b.txt"}}, // blank lines left out, names kept as they are
		{"  \x00", true, []string{"  "}},
	}
	for _, tt := range tests {
		got, err := input.ReadList(strings.NewReader(tt.in), tt.nul)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ReadList(%q, %v) = %q, %v; want %q", tt.in, tt.nul, got, err, tt.want)
		}
	}
	const want = "the list holds NUL bytes, as find -print0 writes it: give -0 to read it so"
	if _, err := input.ReadList(strings.NewReader("a.txt\x00b.txt\x00"), false); err == nil || err.Error() != want {
		t.Errorf("ReadList of a NUL-separated list without nul: %v; want %q", err, want)
	}
}
