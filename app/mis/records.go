package mis

import (
	"strings"
)

// maxColumns bounds the cells kept per CSV record: no pupil report has more,
// and a line of a million commas must not become a million strings.
const maxColumns = 1000

// record is one CSV record as it stands in the file.
type record struct {
	fields []string
	row    int  // 1-based, as a spreadsheet numbers it (the heading row is 1)
	extra  int  // cells beyond maxColumns, not kept
	open   bool // the file ended inside a quoted cell
	ended  bool // a line break ended the record (false only for the file's last record)
}

// blank reports whether every cell is empty or spaces: spreadsheets leave
// such rows under the data, and they hold no pupil.
func (r record) blank() bool {
	for _, f := range r.fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return r.extra == 0
}

// records splits CSV text into records. It is hand-written rather than
// encoding/csv because it must keep going after a stray quote (names like
// O"Neill typed by mistake) and must tell a record cut off by the end of the
// file from a complete one, which encoding/csv does not report.
type records struct {
	text  string
	pos   int
	delim byte
	row   int
}

// newRecords prepares to read text, choosing the delimiter from an Excel
// "sep=" line or from the first line's commas, tabs and semicolons.
func newRecords(text string) *records {
	r := &records{text: text, delim: ','}
	if d, n, ok := sepLine(text); ok {
		r.delim, r.pos = d, n
		return r
	}
	r.delim = sniffDelimiter(firstLine(strings.TrimLeft(text, "\r\n")))
	return r
}

// sepLine reads Excel's "sep=;" hint, which Excel itself hides when it opens
// the file, so it is not counted as a row.
func sepLine(text string) (delim byte, skip int, ok bool) {
	if len(text) < 5 || !strings.EqualFold(text[:4], "sep=") || strings.IndexByte("\"\r\n", text[4]) >= 0 {
		return 0, 0, false
	}
	rest := text[5:]
	switch {
	case rest == "":
		return text[4], len(text), true
	case strings.HasPrefix(rest, "\r\n"):
		return text[4], 7, true
	case rest[0] == '\n' || rest[0] == '\r':
		return text[4], 6, true
	}
	return 0, 0, false
}

func firstLine(text string) string {
	if i := strings.IndexAny(text, "\r\n"); i >= 0 {
		return text[:i]
	}
	return text
}

// sniffDelimiter picks the most frequent of comma, tab and semicolon outside
// quotes; a comma wins ties because it is by far the most common.
func sniffDelimiter(line string) byte {
	counts := map[byte]int{}
	quoted := false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == '\t' || c == ';'):
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{'\t', ';'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// next returns the following record, or false at the end of the text.
// Empty lines are counted but not returned: they hold no pupil, and a file
// of nothing but line breaks must not cost a record each.
func (r *records) next() (record, bool) {
	for r.pos < len(r.text) && (r.text[r.pos] == '\n' || r.text[r.pos] == '\r') {
		if r.text[r.pos] == '\n' || !strings.HasPrefix(r.text[r.pos:], "\r\n") {
			r.row++
		}
		r.pos++
	}
	if r.pos >= len(r.text) {
		return record{}, false
	}
	r.row++
	rec := record{row: r.row}
	for {
		cell := r.cell(&rec)
		if len(rec.fields) < maxColumns {
			rec.fields = append(rec.fields, cell)
		} else {
			rec.extra++
		}
		if r.pos >= len(r.text) {
			return rec, true
		}
		switch r.text[r.pos] {
		case r.delim:
			r.pos++
		case '\r':
			r.pos++
			if r.pos < len(r.text) && r.text[r.pos] == '\n' {
				r.pos++
			}
			rec.ended = true
			return rec, true
		default: // '\n'
			r.pos++
			rec.ended = true
			return rec, true
		}
	}
}

// cell reads one cell and leaves pos on the delimiter, line break or end.
func (r *records) cell(rec *record) string {
	if r.pos < len(r.text) && r.text[r.pos] == '"' {
		r.pos++
		quoted := r.quoted(rec)
		return quoted + r.plain()
	}
	return r.plain()
}

// plain reads unquoted text up to the delimiter or a line break. A quote
// inside it is kept as a character.
func (r *records) plain() string {
	start := r.pos
	for r.pos < len(r.text) {
		c := r.text[r.pos]
		if c == r.delim || c == '\r' || c == '\n' {
			break
		}
		r.pos++
	}
	return r.text[start:r.pos]
}

// quoted reads a quoted cell's content after its opening quote, turning ""
// into ". Text between the closing quote and the delimiter is left for plain,
// so "abc"def reads as abcdef instead of failing.
func (r *records) quoted(rec *record) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(r.text[r.pos:], '"')
		if i < 0 {
			b.WriteString(r.text[r.pos:])
			r.pos = len(r.text)
			rec.open = true
			return b.String()
		}
		b.WriteString(r.text[r.pos : r.pos+i])
		r.pos += i + 1
		if r.pos < len(r.text) && r.text[r.pos] == '"' {
			b.WriteByte('"')
			r.pos++
			continue
		}
		return b.String()
	}
}
