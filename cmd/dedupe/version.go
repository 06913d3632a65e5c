package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/normalize"
)

// version returns what --version prints after "dedupe": the module version and the VCS
// revision the binary was built from, as the Go toolchain recorded them.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown version: no build information)"
	}
	return describeBuild(info)
}

// describeBuild describes a build: "v1.2.0 (revision 0123456789ab, 2026-12-04T11:30:00Z,
// modified; go1.26.0)". A build from a checkout has version "(devel)" unless its commit is
// tagged; "go build" records the revision, its time and whether the tree had changes, "go
// run" and tests do not.
func describeBuild(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	var details []string
	if rev := settings["vcs.revision"]; rev != "" {
		details = append(details, "revision "+rev[:min(12, len(rev))])
	}
	if t := settings["vcs.time"]; t != "" {
		details = append(details, t)
	}
	if settings["vcs.modified"] == "true" {
		details = append(details, "modified")
	}
	built := info.GoVersion
	if len(details) > 0 {
		built = strings.Join(details, ", ") + "; " + built
	}
	return v + " (" + built + ")"
}

// indexVersion returns what decides whether this dedupe reads an index another built: "index
// format 9, normalizer 8" (index.FormatVersion, normalize.Version). Two builds that print the
// same line read each other's indexes.
func indexVersion() string {
	return fmt.Sprintf("index format %d, normalizer %d", index.FormatVersion, normalize.Version)
}
