package mis

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// Options changes how a CSV file is read. The zero Options reads every
// supported export automatically.
type Options struct {
	// Mapping says what a CSV column holds, by heading (matched exactly, then
	// ignoring case, spaces and punctuation). It overrides the automatic
	// mapping; FieldIgnore ("") means "do not read this column".
	Mapping map[string]Field
}

// Errors for files that cannot be read at all. Parse wraps them; check with
// errors.Is. Problems with single pupils are warnings, never errors.
var (
	ErrTooBig         = errors.New("the file is larger than any pupil export")
	ErrTooManyRows    = errors.New("the file has more pupils than any school")
	ErrEmpty          = errors.New("the file is empty")
	ErrNotText        = errors.New("the file is not a text file")
	ErrNotCSV         = errors.New("the file is not a csv file")
	ErrNotCTF         = errors.New("the xml file is not a common transfer file")
	ErrBadXML         = errors.New("the xml file is broken")
	ErrNoPupilColumns = errors.New("no column holds a pupil's name or UPN")
	ErrBadMapping     = errors.New("the column mapping names an unknown field")
)

// Parse reads one MIS export. The format comes from the content, not the
// file name, because schools rename files and Excel re-saves CSVs as .txt:
// a document whose root element is <CTfile> is a Common Transfer File, and
// anything else is read as CSV. The name is used only in error messages.
//
// Parse returns an error only when the file as a whole cannot be read. A
// pupil with a bad date, UPN or year is still returned, with warnings on its
// row; the only rows left out are ones cut off by the end of the file, and a
// file warning says so.
func Parse(name string, data []byte, opt Options) (*File, error) {
	f, err := parse(data, opt)
	if err != nil {
		if name == "" {
			name = "the file"
		}
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return f, nil
}

func parse(data []byte, opt Options) (*File, error) {
	m, err := newMapping(opt.Mapping)
	if err != nil {
		return nil, err
	}
	text, err := readableText(data)
	if err != nil {
		return nil, err
	}
	if looksXML(text) {
		return parseCTF(text)
	}
	return parseCSV(text, m)
}

// zipMagic starts an .xlsx workbook, the file people most often pick by
// mistake instead of the CSV they exported.
var zipMagic = []byte("PK\x03\x04")

// readableText checks the size and decodes the bytes to UTF-8 text.
func readableText(data []byte) (string, error) {
	if len(data) > MaxFileSize {
		return "", fmt.Errorf("it has %d bytes, more than %d: %w", len(data), MaxFileSize, ErrTooBig)
	}
	if bytes.HasPrefix(data, zipMagic) {
		return "", fmt.Errorf("it is a zip archive such as an Excel workbook: %w", ErrNotText)
	}
	text, err := decodeText(data)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrNotText, err)
	}
	if strings.TrimSpace(text) == "" {
		return "", ErrEmpty
	}
	if strings.ContainsRune(text, 0) {
		return "", ErrNotText
	}
	return text, nil
}

// looksXML reports whether the text starts, after blanks, with markup.
func looksXML(text string) bool {
	return strings.HasPrefix(strings.TrimLeft(text, " \t\r\n"), "<")
}
