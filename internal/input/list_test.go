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
	}
	for _, tt := range tests {
		got, err := input.ReadList(strings.NewReader(tt.in), tt.nul)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ReadList(%q, %v) = %q, %v; want %q", tt.in, tt.nul, got, err, tt.want)
		}
	}
}
