package input

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestCheckDepthCancel checks that the depth check honours a cancelled context, so that Ctrl-C
// stops a large page being read.
func TestCheckDepthCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := checkDepth(ctx, strings.Repeat("<p>x</p>", 1<<16)); !errors.Is(err, context.Canceled) {
		t.Errorf("checkDepth = %v, want context.Canceled", err)
	}
}
