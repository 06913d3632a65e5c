package corpusgen

// StopWords exposes the stop-word list to the black-box tests, which
// measure the text with it.
var StopWords = stopWords
