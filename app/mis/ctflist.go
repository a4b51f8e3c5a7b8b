package mis

import (
	"encoding/xml"
)

// maxListItems bounds the contacts, phones or schools kept per pupil. Real
// files have a handful; a hostile one could repeat <Contact/> millions of
// times inside one pupil and exhaust memory without it.
const maxListItems = 50

// item is a repeated CTF element that knows its own name.
type item interface {
	element() string
}

// list decodes the repeated children of a CTF container element such as
// <Contacts>, keeping at most maxListItems of them and counting the rest.
type list[T item] struct {
	items   []T
	dropped int
}

// UnmarshalXML reads the container's children one at a time.
func (l *list[T]) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var zero T
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if err := l.child(d, t, zero.element()); err != nil {
				return err
			}
		}
	}
}

func (l *list[T]) child(d *xml.Decoder, t xml.StartElement, name string) error {
	if t.Name.Local != name {
		return d.Skip()
	}
	if len(l.items) >= maxListItems {
		l.dropped++
		return d.Skip()
	}
	var v T
	if err := d.DecodeElement(&v, &t); err != nil {
		return err
	}
	l.items = append(l.items, v)
	return nil
}
