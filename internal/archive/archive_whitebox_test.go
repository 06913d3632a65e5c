package archive

import (
	"testing"
)

func TestAddBatchSize(t *testing.T) {
	for _, tt := range []struct{ indexed, batch, want int }{
		{0, AddBatch, 1000}, {15999, AddBatch, 1000}, {16000, AddBatch, 2000}, {100000, AddBatch, 12000},
		{1000000, AddBatch, 25000}, {0, 10, 10}, {160, 10, 20}, {1000000, 10, 250},
	} {
		if got := addBatchSize(tt.indexed, tt.batch); got != tt.want {
			t.Errorf("addBatchSize(%d, %d) = %d; want %d", tt.indexed, tt.batch, got, tt.want)
		}
	}
}

func TestGitHubMessage(t *testing.T) {
	if got, want := githubMessage("50% done\r\nnext"), "50%25 done%0D%0Anext"; got != want {
		t.Errorf("githubMessage = %q; want %q", got, want)
	}
}
