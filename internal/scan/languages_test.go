package scan_test

import (
	"reflect"
	"slices"
	"testing"
)

// languageFolders are the folders of testdata/languages, one per language.
var languageFolders = []string{"ar", "de", "es", "hi", "ja", "ko", "ru", "th", "ur", "zh"}

// TestLanguageFixtures scans each language's article, light edit, heavy rewrite and independent
// report with the default options: the first three make one cluster, the fourth stays alone.
func TestLanguageFixtures(t *testing.T) {
	for _, lang := range languageFolders {
		t.Run(lang, func(t *testing.T) {
			got, _ := clusters(t, "../../testdata/languages/"+lang)
			want := [][]string{{"1-article.txt", "2-light.txt", "3-heavy.txt"}}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("clusters = %v; want %v", got, want)
			}
		})
	}
}

// TestLanguagesTogether scans the forty articles at once: each language's copies make their
// own cluster and nothing is grouped across languages, not even German and Spanish reports of
// one fire that share its names and figures.
func TestLanguagesTogether(t *testing.T) {
	got, _ := clusters(t, "../../testdata/languages")
	var want [][]string
	for _, lang := range languageFolders {
		want = append(want, []string{lang + "/1-article.txt", lang + "/2-light.txt", lang + "/3-heavy.txt"})
	}
	sortClusters(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("clusters = %v; want %v", got, want)
	}
}

// sortClusters sorts each cluster's paths and the clusters by their first path.
func sortClusters(cs [][]string) {
	for _, c := range cs {
		slices.Sort(c)
	}
	slices.SortFunc(cs, func(a, b []string) int { return slices.Compare(a, b) })
}
