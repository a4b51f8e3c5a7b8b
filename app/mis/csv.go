package mis

import (
	"fmt"
	"slices"
	"strings"
)

// parseCSV reads a CSV report whose headings map to pupil fields.
func parseCSV(text string, m mapping) (*File, error) {
	recs := newRecords(text)
	mh, ahead, ok := findHeading(recs, m)
	if !ok {
		return nil, ErrEmpty
	}
	if !mh.header.Identifies() {
		return nil, ErrNoPupilColumns
	}
	f := &File{Format: CSV, Version: mh.header.Dialect, Warnings: mh.warnings}
	cols := newColumnSet(mh.header)
	next := func() (record, bool) {
		if len(ahead) > 0 {
			rec := ahead[0]
			ahead = ahead[1:]
			return rec, true
		}
		return recs.next()
	}
	for rec, ok := next(); ok; rec, ok = next() {
		if rec.blank() {
			continue
		}
		if cols.cutOff(rec) {
			f.Warnings = append(f.Warnings, fmt.Sprintf("row %d is incomplete, as if the file was cut off while being written, and was not read", rec.row))
			continue
		}
		if len(f.Rows) >= MaxRows {
			return nil, fmt.Errorf("it has more than %d rows: %w", MaxRows, ErrTooManyRows)
		}
		f.Rows = append(f.Rows, cols.row(rec))
	}
	restoreMobiles(f.Rows)
	return f, nil
}

// columnSet finds each field's cell in a record.
type columnSet struct {
	index    map[Field]int
	width    int   // number of headings
	contacts []int // contact numbers with at least one column, ascending
}

func newColumnSet(h Header) columnSet {
	c := columnSet{index: map[Field]int{}, width: len(h.Columns)}
	for i, col := range h.Columns {
		if col.Field == FieldIgnore {
			continue
		}
		c.index[col.Field] = i
		if n, _, ok := col.Field.Contact(); ok && !slices.Contains(c.contacts, n) {
			c.contacts = append(c.contacts, n)
		}
	}
	slices.Sort(c.contacts)
	return c
}

// get returns a field's trimmed cell, or "" when the file has no such
// column or the row is short.
func (c columnSet) get(rec record, f Field) string {
	i, ok := c.index[f]
	if !ok || i >= len(rec.fields) {
		return ""
	}
	return strings.TrimSpace(rec.fields[i])
}

func (c columnSet) has(f Field) bool {
	_, ok := c.index[f]
	return ok
}

// cutOff reports a last record that the end of the file interrupted: it
// has no line break after it and either an unclosed quote or fewer cells
// than headings. Half a row would import a truncated name or e-mail as if
// it were true, so it is left out with a file warning.
func (c columnSet) cutOff(rec record) bool {
	return !rec.ended && (rec.open || len(rec.fields) < c.width)
}
