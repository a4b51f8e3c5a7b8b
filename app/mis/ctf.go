package mis

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The CTF elements the parser reads; everything else (attendance,
// assessments, SEN, vendor SuppInfo) is skipped. Elements are matched by
// local name, so the 2010 schema namespace, which no recent file uses, is
// accepted too. The struct fields are strings because every value is
// checked later, with a warning rather than a failed decode.
type ctfHeader struct {
	Version  string `xml:"CTFversion"`
	DateTime string `xml:"DateTime"`
	Source   struct {
		LEA          string `xml:"LEA"`
		Estab        string `xml:"Estab"`
		URN          string `xml:"URN"`
		Name         string `xml:"SchoolName"`
		AcademicYear string `xml:"AcademicYear"`
	} `xml:"SourceSchool"`
}

type ctfPupil struct {
	UPN      string `xml:"UPN"`
	Surname  string `xml:"Surname"`
	Forename string `xml:"Forename"`
	DOB      string `xml:"DOB"`
	Sex      string `xml:"Sex"`    // CTF 24 onwards
	Gender   string `xml:"Gender"` // CTF 23 and before
	Basic    struct {
		FormerUPN         string `xml:"FormerUPN"`
		PreferredSurname  string `xml:"PreferredSurname"`
		PreferredForename string `xml:"PreferredForename"`
		FormerSurname     string `xml:"FormerSurname"`
		MiddleNames       string `xml:"MiddleNames"`
		NCyearActual      string `xml:"NCyearActual"`
	} `xml:"BasicDetails"`
	Contacts list[ctfContact] `xml:"Contacts"`
	Schools  list[ctfSchool]  `xml:"SchoolHistory"`
}

type ctfContact struct {
	Order          string         `xml:"Order"`
	Title          string         `xml:"Title"`
	Surname        string         `xml:"Surname"`
	Forename       string         `xml:"Forename"`
	MiddleNames    string         `xml:"MiddleNames"`
	Relationship   string         `xml:"Relationship"`
	Responsibility string         `xml:"Responsibility"`
	AddressAsPupil string         `xml:"Address>AddressAsPupil"`
	Phones         list[ctfPhone] `xml:"Phones"`
	Email          string         `xml:"Email"`
}

type ctfPhone struct {
	Type   string `xml:"TelephoneType"`
	Number string `xml:"PhoneNo"`
}

type ctfSchool struct {
	LEA     string `xml:"LEA"`
	Estab   string `xml:"Estab"`
	Entry   string `xml:"EntryDate"`
	Leaving string `xml:"LeavingDate"`
}

func (ctfContact) element() string { return "Contact" }
func (ctfPhone) element() string   { return "Phone" }
func (ctfSchool) element() string  { return "School" }

// ctfDoc is what a streaming read of a CTF collects.
type ctfDoc struct {
	header    ctfHeader
	hasHeader bool
	pupils    []ctfPupil
}

// errCutOff marks a CTF that broke off after some pupils were read.
var errCutOff = errors.New("the xml breaks off")

// parseCTF reads a Common Transfer File. It streams pupil by pupil so that
// a file cut off part-way still gives every complete pupil before the break
// (with a file warning), and so that MaxRows is enforced before memory is.
func parseCTF(text string) (*File, error) {
	d := xml.NewDecoder(strings.NewReader(text))
	// The text is already UTF-8 whatever the declaration says.
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	if err := enterRoot(d); err != nil {
		return nil, err
	}
	var doc ctfDoc
	err := doc.read(d)
	var warnings []string
	switch {
	case errors.Is(err, ErrTooManyRows):
		return nil, err
	case err != nil && len(doc.pupils) == 0:
		return nil, fmt.Errorf("%w: %s", ErrBadXML, breakReason(err))
	case err != nil:
		warnings = append(warnings, fmt.Sprintf("the file breaks off after pupil %d (%s); the pupils after that were not read", len(doc.pupils), breakReason(err)))
	}
	return doc.file(warnings), nil
}

// enterRoot reads up to the root element and checks it is <CTfile>.
func enterRoot(d *xml.Decoder) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return fmt.Errorf("%w: %s", ErrBadXML, breakReason(err))
		}
		if se, ok := tok.(xml.StartElement); ok {
			if !strings.EqualFold(se.Name.Local, "CTfile") {
				return ErrNotCTF
			}
			return nil
		}
	}
}

// read collects the header and the pupils under <CTFpupilData>, skipping
// every other section.
func (doc *ctfDoc) read(d *xml.Decoder) error {
	inData := false
	for {
		tok, err := d.Token()
		if err != nil {
			return fmt.Errorf("%w: %w", errCutOff, err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if !inData {
				return nil // </CTfile>: anything after it is ignored
			}
			inData = false
		case xml.StartElement:
			if err := doc.element(d, t, &inData); err != nil {
				return err
			}
		}
	}
}

func (doc *ctfDoc) element(d *xml.Decoder, t xml.StartElement, inData *bool) error {
	switch name := t.Name.Local; {
	case !*inData && name == "Header":
		doc.hasHeader = true
		return decodeOrCutOff(d, &doc.header, t)
	case !*inData && name == "CTFpupilData":
		*inData = true
		return nil
	case *inData && name == "Pupil":
		if len(doc.pupils) >= MaxRows {
			return fmt.Errorf("it has more than %d pupils: %w", MaxRows, ErrTooManyRows)
		}
		var p ctfPupil
		if err := decodeOrCutOff(d, &p, t); err != nil {
			return err
		}
		doc.pupils = append(doc.pupils, p)
		return nil
	}
	if err := d.Skip(); err != nil {
		return fmt.Errorf("%w: %w", errCutOff, err)
	}
	return nil
}

func decodeOrCutOff(d *xml.Decoder, v any, t xml.StartElement) error {
	if err := d.DecodeElement(v, &t); err != nil {
		return fmt.Errorf("%w: %w", errCutOff, err)
	}
	return nil
}

// breakReason describes an XML error by line, not by its text, which may
// quote the data around the break.
func breakReason(err error) string {
	var se *xml.SyntaxError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.As(err, &se) && se.Msg == "unexpected EOF":
		return "the file ends too early"
	case errors.As(err, &se):
		return fmt.Sprintf("the XML is not well formed at line %d", se.Line)
	}
	return "the XML is not well formed"
}
