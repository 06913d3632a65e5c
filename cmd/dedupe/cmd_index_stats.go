package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/report"
	"github.com/dedupe-dev/dedupe/internal/ui"
)

// IndexStatsOptions are the flags of dedupe index stats.
type IndexStatsOptions struct {
	DBOptions
	Format string
}

func newIndexStatsCommand(s streams) *cobra.Command {
	var opts IndexStatsOptions
	cmd := &cobra.Command{
		Use:   "stats --db <file> [flags]",
		Short: "Show an index's documents, parameters and size",
		Long: `Stats prints the number of documents and band entries in the index, its size on disk and
per document, the common shingles it leaves out of signatures, and every entry of its meta
bucket: the format version and the parameters it was built with (see docs/format.md).` + exitStatusHelp,
		Example: `  $ dedupe index stats --db archive.db
  $ dedupe index stats --db archive.db --format json | jq .documents`,
		Args: noArgs,
		PreRunE: func(*cobra.Command, []string) error {
			if err := opts.DBOptions.Finalize(); err != nil {
				return err
			}
			return enumFlag("--format", opts.Format, "text", "json")
		},
		RunE: func(*cobra.Command, []string) error {
			opts.noteWaits(s, false)
			return runIndexStats(opts, s)
		},
	}
	opts.DBOptions.AddFlags(cmd.Flags())
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `format`: text or json")
	return cmd
}

// indexStatsJSON is the JSON form of index stats.
type indexStatsJSON struct {
	Path             string            `json:"path"`
	Documents        int               `json:"documents"`
	BandEntries      int               `json:"band_entries"`
	NewBandEntries   int               `json:"new_band_entries"`
	AnchorEntries    int               `json:"anchor_entries"`
	CommonAnchors    int               `json:"common_anchors"`
	SizeBytes        int64             `json:"size_bytes"`
	BytesPerDocument int64             `json:"bytes_per_document"`
	CommonShingles   int               `json:"common_shingles"`
	CommonDocuments  int               `json:"common_documents"`
	Meta             map[string]string `json:"meta"`
}

func runIndexStats(opts IndexStatsOptions, s streams) error {
	ix, err := opts.open(true)
	if err != nil {
		return err
	}
	defer ix.Close()
	st, err := ix.Stats()
	if err != nil {
		return err
	}
	out := indexStatsJSON{
		Path:            ix.Path(),
		Documents:       st.Documents,
		BandEntries:     st.BandEntries,
		NewBandEntries:  st.NewBandEntries,
		AnchorEntries:   st.AnchorEntries,
		CommonAnchors:   st.CommonAnchors,
		SizeBytes:       st.Size,
		CommonShingles:  st.CommonShingles,
		CommonDocuments: st.CommonDocuments,
		Meta:            make(map[string]string, len(st.Meta)),
	}
	if st.Documents > 0 {
		out.BytesPerDocument = st.Size / int64(st.Documents)
	}
	for _, f := range st.Meta {
		out.Meta[f.Key] = f.Value
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	var b bytes.Buffer
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "index\t%s\n", report.Text(out.Path))
	fmt.Fprintf(tw, "documents\t%s\n", report.Int(out.Documents))
	fmt.Fprintf(tw, "band entries\t%s, of them %s new (in new_bands until they are merged into bands)\n", report.Int(out.BandEntries), report.Int(out.NewBandEntries))
	fmt.Fprintf(tw, "anchor entries\t%s, and %s common anchors\n", report.Int(out.AnchorEntries), report.Int(out.CommonAnchors))
	fmt.Fprintf(tw, "size\t%s (%s bytes, %s per document)\n", ui.Bytes(out.SizeBytes), report.Int(out.SizeBytes), report.Int(out.BytesPerDocument))
	if out.CommonDocuments > 0 {
		fmt.Fprintf(tw, "common shingles\t%s, learned from %s\n", report.Int(out.CommonShingles), report.Count(out.CommonDocuments, "document", "documents"))
	} else {
		fmt.Fprintf(tw, "common shingles\tnone yet: learned at %s documents\n", report.Int(index.CommonSample))
	}
	fmt.Fprintf(tw, "meta\t\n")
	for _, f := range st.Meta {
		fmt.Fprintf(tw, "  %s\t%s\n", report.Text(f.Key), report.Text(f.Value))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// "meta" heads the entries below it, whose column it shares, with nothing after it:
	// tabwriter pads it to the column all the same.
	_, err = s.Out.Write(metaPadded.ReplaceAll(b.Bytes(), []byte("meta\n")))
	return err
}

// metaPadded matches the line "meta" and the spaces tabwriter pads it with.
var metaPadded = regexp.MustCompile(`(?m)^meta +\n`)
