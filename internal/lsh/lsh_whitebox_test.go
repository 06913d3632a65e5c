package lsh

import "testing"

func TestParamsBetter(t *testing.T) {
	tests := []struct {
		name string
		p, q params
		want bool
	}{
		{"lower cost", params{bands: 2, rows: 2, cost: 0.1}, params{bands: 4, rows: 4, cost: 0.2}, true},
		{"higher cost", params{bands: 4, rows: 4, cost: 0.2}, params{bands: 2, rows: 2, cost: 0.1}, false},
		{"tie, more permutations", params{bands: 4, rows: 4, cost: 0.1}, params{bands: 5, rows: 3, cost: 0.1}, true},
		{"tie, fewer permutations", params{bands: 5, rows: 3, cost: 0.1}, params{bands: 4, rows: 4, cost: 0.1}, false},
		{"tie, same permutations, fewer bands", params{bands: 2, rows: 8, cost: 0.1}, params{bands: 8, rows: 2, cost: 0.1}, true},
		{"tie, same permutations, more bands", params{bands: 8, rows: 2, cost: 0.1}, params{bands: 2, rows: 8, cost: 0.1}, false},
		{"identical", params{bands: 2, rows: 8, cost: 0.1}, params{bands: 2, rows: 8, cost: 0.1}, false},
	}
	for _, tt := range tests {
		if got := tt.p.better(tt.q); got != tt.want {
			t.Errorf("%s: %+v.better(%+v) = %v; want %v", tt.name, tt.p, tt.q, got, tt.want)
		}
	}
}
