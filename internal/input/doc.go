// Package input turns the paths a user names into decoded documents: it walks folders, picks
// a format per file, gunzips, decodes to UTF-8 and, for HTML, extracts the article text.
// It does no normalisation; that is the next stage's job. Everything it cannot use becomes a
// [Skip] with a short reason, so that nothing is dropped silently and one bad file never ends
// a run over a large archive.
//
// # Walking
//
// [Read] walks folders recursively in lexical order and reads explicitly named files in the
// order given, so repeated runs see documents in the same order. Names starting with "." are
// ignored inside folders. Symlinks to files are read, but for a link to a file that is read
// under another name (named, or met in a folder walked), which is reported instead: two names
// of one file are no copies, and removing one "copy" must not remove the file and keep a link
// to it. Symlinks to folders are reported and not followed, which rules out loops and trees
// read twice. FIFOs and devices inside folders are
// skipped because reading them could block forever. [Size] walks the same way to tell in
// advance about how many bytes Read will read, for a progress bar.
//
// # Display paths
//
// [Document.Path] is the path as given, cleaned ("./news/" is "news"), joined with the path
// below it for the files of a folder: it names the file from where the command ran, as find
// and rg print paths, however many paths were given. JSONL records get "file.jsonl#<id>", or
// "file.jsonl#L<line>" when they have no id; SGML records likewise get "file#<id>", their
// DOCNO or NEWID; stdin is "-". A file named twice (a folder and a file in it, or one name
// twice) is read once, where it was first named; so is stdin.
// Names are unique within a file: a name already given, as an id or as another record's
// "L<line>", gets "~2" appended ("~3" where that is taken too, and so on), with a warning
// naming the file and line in [Document.Warnings]. A record whose id is longer than 8 KiB is
// skipped, since an index could not keep its name.
// Paths are valid UTF-8: a byte of a file name that is not UTF-8 is shown as "\xff" and a
// backslash before "x" and two hex digits as "\x5c" ([EscapeName]), so that the JSON output
// names every file exactly and "index rm" takes the name back. They may hold newlines and
// other control characters: printers must escape them (encoding/json does; text output goes
// through report.Text, which extends this "\xHH" to control characters and keeps it as it is).
//
// # Formats
//
// By extension, case-insensitively: .txt, .text, .md and no extension are text; .html, .htm
// and .xhtml are HTML; .jsonl and .ndjson are JSON Lines; .sgml and .sgm are SGML news
// collections. Each may end in ".gz" and is then gunzipped as a stream. In auto format, text
// that starts with "<!doctype html", "<html" or "<head" (after an XML declaration and
// comments, such as a browser's "saved from url=") is read as HTML, and text that starts with
// "<DOC>" or "<REUTERS" as SGML (the AP newswire's files have no extension). Inside folders,
// other extensions are skipped as "unsupported file type" unless an include pattern selects
// them; explicitly named files of unknown type are read as text, but for ".json": JSON Lines
// when it starts with "{" (pandas saves them so), skipped with the jq command that converts it
// when it is a JSON array. A format given in
// [Options.Format] applies to every file regardless of extension.
//
// A JSON line's text may be marked up as HTML, as news APIs and CMS exports give an article's
// body (two tags or more of paragraphs, divisions, breaks, links, lists...): it is then read as
// HTML, a paragraph per block element, without looking for the article in it as a page's
// text is looked for. A JSON line's date (the first of the date fields it holds) is RFC 3339 with or without a
// zone or a time, RSS's RFC 1123 and 822 forms, "2006/01/02", "January 2, 2006", a year and
// month or a year alone ("1916-02", "1916", or the number 1916: its first day), or a number
// (in a string or not) of Unix seconds from 1e6 on, or of milliseconds above 1e11. A record whose date
// field holds something else is read undated, with a warning naming its line.
//
// # SGML
//
// A collection holds many articles, each a record: <DOC>…</DOC> in the TREC collections (the
// AP and Wall Street Journal newswires of TIPSTER, the Los Angeles Times, the Financial Times),
// <REUTERS …>…</REUTERS> in Reuters-21578; <doc>…</doc> and its elements in lower case too, as
// some tools write them. A record's text is that of its TEXT elements without their tags,
// entities decoded; its title the first HEAD, HEADLINE, HL or TITLE (a TITLE inside TEXT, as
// Reuters has it, is left out of the text); its date the DATE element's (Reuters, the LA
// Times, the Financial Times) or DD's (the Wall Street Journal) when it reads as one, else the
// time the AP's FILEID gives ("AP-NR-01-01-89 2358EST"); its name its DOCNO, or the NEWID
// attribute. It is read as JSON Lines are, line by line and within the same limits; a record
// without text, one the input ends inside and text outside records are skipped, naming the
// line, and a record whose end tag was lost ends where the next one starts, with a warning.
//
// # Encodings
//
// A UTF-8 byte order mark is stripped and UTF-16 marks select a UTF-16 decoder. Unmarked input
// is UTF-8 when it is valid UTF-8, since random 8-bit text almost never is, or when more of
// its characters of several bytes are valid UTF-8 than its bytes are not (a damaged byte, a
// character cut in two: the invalid bytes become U+FFFD, with a warning). HTML then honours
// its <meta charset>; all else is read as Windows-1252, which is what most mislabelled
// "ISO-8859-1" archives really are (curly quotes at 0x93 and 0x94). A NUL in the first 8 KiB
// of decoded text marks a binary file; UTF-16 without a byte order mark therefore reads as
// binary. JSONL lines are decoded one by one: UTF-8, else Windows-1252.
//
// # HTML
//
// Article text is found by github.com/go-shiori/go-readability, a port of Mozilla's
// Readability, which scores blocks by text and link density and drops navigation, banners,
// comments, scripts and footers. Text is the title, a blank line, then one paragraph per block
// element separated by blank lines, so later stages can still see paragraph breaks. The date
// is readability's (JSON-LD, Open Graph, Dublin Core), else <meta name="date">, else the first
// <time datetime>.
//
// # Limits
//
// [Options.MaxBytes] cuts each Text at a rune boundary. For plain text only about twice that
// many bytes are read: every two input bytes decode to at least one byte of UTF-8, so the cut
// is still detected exactly. HTML pages are cut at the same number of bytes, since their parse
// tree takes about ten times their size; the parser closes the elements the cut leaves open,
// and the document is marked truncated. JSONL is read line by line and a line longer than
// [Options.MaxLineBytes] is discarded while it is read, so memory stays bounded however large
// the file or the line. [Options.MaxFileBytes] caps the bytes read from any one input after
// gunzip and [Options.MaxLines] the lines of a JSONL input, blank ones included: a small gzip
// file can hold gigabytes of nothing. The rest of a longer input is skipped, naming the line
// where reading stopped; a text or HTML file past the cap, or a gzip file cut short, is read
// up to there, with a warning. One JSONL or SGML input lists its first 1,000 skipped lines one by
// one and the others as one skip that counts them, so that a file of millions of bad lines
// does not make a report of millions.
//
// An HTML page is refused ("html nested deeper than 512 elements") before it is parsed when a
// pass of the tokenizer estimates its nesting beyond 2,048 elements, since the parser's time
// grows with the square of the depth; the parsed tree must then be at most 512 deep.
//
// Reading honours cancellation of its context between lines and reads and inside the depth
// check, so that Ctrl-C stops it within a fraction of a second whatever the input; an HTML
// page in the parser or readability, which cannot be interrupted, is left to finish unseen.
package input
