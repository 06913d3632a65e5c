package input

// WithoutBuffer returns d without the memory that Release would hand back, for tests that
// compare documents field by field.
func WithoutBuffer(d Document) Document {
	d.buf = nil
	return d
}
