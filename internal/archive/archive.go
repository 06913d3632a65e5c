// Package archive keeps an index of a news archive in step with the archive's files and checks
// new articles against it: it is what dedupe index add and dedupe check do beyond their flags.
//
// Documents are read and analysed by scan.Analyze. Their names, package input's (the path as
// given, cleaned, joined with the path below it for the files of a folder), are their ids in
// the index, so that "index add archive/" and "check archive/2024/story.txt" agree. An
// [Adder] writes documents to the index in batches that grow with it. A [Checker] checks new
// documents against the index a batch at a time and fills a [Report], which [WriteReport]
// writes as JSON, JSON lines, text or GitHub annotations.
package archive
