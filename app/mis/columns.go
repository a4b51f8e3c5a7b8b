package mis

import (
	"fmt"
	"slices"
	"strings"
)

// Header is a CSV file's heading row and what each column was taken to hold.
// A UI shows it so the user can map the columns the parser did not know and
// pass the result back as Options.Mapping.
type Header struct {
	Columns []Column // in file order
	Unknown []string // headings with no automatic meaning, in file order
	Dialect string   // "SIMS", "Arbor" or "" when the wording is not one MIS's
	Row     int      // the heading row's number in the file (title rows may come before it)
}

// Column is one CSV column.
type Column struct {
	Name  string // the heading as written, trimmed
	Field Field  // FieldIgnore when unknown, deliberately ignored or giving way to another column for the same field
	Known bool   // recognised or mapped, even if deliberately ignored; an empty heading counts as known
}

// Identifies reports whether the columns include a pupil's name or UPN, the
// least a row needs to be matched to a child.
func (h Header) Identifies() bool {
	for _, c := range h.Columns {
		switch c.Field {
		case FieldUPN, FieldLegalForename, FieldLegalSurname, FieldPreferredForename,
			FieldPreferredSurname, FieldFullName:
			return true
		}
	}
	return false
}

// Columns reads the heading row of a CSV export and maps it automatically.
// It does not fail when no column identifies a pupil, so that a UI can still
// offer the headings for mapping; Parse does.
func Columns(data []byte) (Header, error) {
	text, err := readableText(data)
	if err != nil {
		return Header{}, fmt.Errorf("read headings: %w", err)
	}
	if looksXML(text) {
		return Header{}, fmt.Errorf("read headings: %w", ErrNotCSV)
	}
	head, _, ok := findHeading(newRecords(text), mapping{})
	if !ok {
		return Header{}, fmt.Errorf("read headings: %w", ErrEmpty)
	}
	return head.header, nil
}

// mapping is the user's Options.Mapping, looked up by exact heading first
// and then by normalised heading.
type mapping struct {
	exact map[string]Field
	keyed map[string]Field
}

// newMapping checks the user's mapping. Keys that normalise alike are taken
// in sorted order, so the result never depends on map iteration.
func newMapping(m map[string]Field) (mapping, error) {
	out := mapping{exact: map[string]Field{}, keyed: map[string]Field{}}
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		f := m[name]
		if !f.Valid() {
			return mapping{}, fmt.Errorf("mapping for column %q names field %q: %w", name, f, ErrBadMapping)
		}
		out.exact[strings.TrimSpace(name)] = f
		if k := headingKey(name); k != "" {
			if _, taken := out.keyed[k]; !taken {
				out.keyed[k] = f
			}
		}
	}
	return out, nil
}

func (m mapping) lookup(name string) (Field, bool) {
	if f, ok := m.exact[name]; ok {
		return f, true
	}
	f, ok := m.keyed[headingKey(name)]
	return f, ok
}

// mappedHeader is a Header together with the file-level warnings its
// mapping gives.
type mappedHeader struct {
	header   Header
	warnings []string
}

// mapHeadings gives each heading its field: the user's mapping first, then
// the automatic one. A field is held by one column only, because silently
// merging two columns could mix two children's or two contacts' data: a
// column the user mapped wins over an automatic one, otherwise the first
// column wins, and the others are not read, with a warning.
func mapHeadings(cells []string, row int, m mapping) mappedHeader {
	out := mappedHeader{header: Header{Row: row}}
	cols, mapped, votes := headingFields(cells, m)
	byUser := map[Field]bool{}
	for i, col := range cols {
		if mapped[i] {
			byUser[col.Field] = true
		}
	}
	taken := map[Field]bool{}
	for i, col := range cols {
		switch {
		case !col.Known:
			out.header.Unknown = append(out.header.Unknown, col.Name)
			out.warnings = append(out.warnings, fmt.Sprintf("column '%s' is not used", col.Name))
		case col.Field == FieldIgnore:
		case taken[col.Field] || (byUser[col.Field] && !mapped[i]):
			out.warnings = append(out.warnings, fmt.Sprintf("column '%s' holds the same thing as another column and is not used", col.Name))
			col.Field = FieldIgnore
		}
		taken[col.Field] = true
		out.header.Columns = append(out.header.Columns, col)
	}
	out.header.Dialect = dialectOf(votes)
	return out
}

// headingFields looks each heading up, reporting which ones the user mapped
// and how many headings each MIS's wording matched.
func headingFields(cells []string, m mapping) (cols []Column, mapped []bool, votes map[string]int) {
	votes = map[string]int{}
	for _, cell := range cells {
		col := Column{Name: strings.TrimSpace(cell)}
		if h, ok := autoHeading(headingKey(col.Name)); ok {
			col.Field, col.Known = h.field, true
			votes[h.dialect]++
		}
		f, byUser := m.lookup(col.Name)
		if byUser {
			col.Field, col.Known = f, true
		}
		if col.Name == "" {
			col.Known = true // an empty heading above trailing commas
		}
		cols = append(cols, col)
		mapped = append(mapped, byUser)
	}
	return cols, mapped, votes
}

// dialectOf names the MIS whose wording most headings used.
func dialectOf(votes map[string]int) string {
	switch sims, arbor := votes[dialectSIMS], votes[dialectArbor]; {
	case sims > arbor:
		return dialectSIMS
	case arbor > sims:
		return dialectArbor
	}
	return ""
}

// headingSearch is how many non-blank rows may come before the headings:
// some reports put a title and a date above them.
const headingSearch = 10

// findHeading reads up to headingSearch non-blank records and takes the
// first that identifies a pupil as the heading row, else the first record.
// It returns the records after the heading that it has already read.
func findHeading(recs *records, m mapping) (mappedHeader, []record, bool) {
	var ahead []record
	for len(ahead) < headingSearch {
		rec, ok := recs.next()
		if !ok {
			break
		}
		if !rec.blank() {
			ahead = append(ahead, rec)
		}
	}
	if len(ahead) == 0 {
		return mappedHeader{}, nil, false
	}
	for i, rec := range ahead {
		if mh := mapHeadings(rec.fields, rec.row, m); mh.header.Identifies() {
			if i > 0 {
				mh.warnings = append([]string{skippedAbove(i)}, mh.warnings...)
			}
			return mh, ahead[i+1:], true
		}
	}
	return mapHeadings(ahead[0].fields, ahead[0].row, m), ahead[1:], true
}

func skippedAbove(n int) string {
	if n == 1 {
		return "the row above the headings was not read"
	}
	return fmt.Sprintf("the %d rows above the headings were not read", n)
}
