package media

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"photoconsent/app/metadata"
	"photoconsent/app/names"
)

// Pupils is where names come from: the register's pupils, or a --names list.
type Pupils struct {
	index *names.Index
	label map[string]string // person ID → the name a report shows
}

// NewPupils builds the name index once, for a whole batch.
func NewPupils(people []names.Person) *Pupils {
	p := &Pupils{index: names.NewIndex(people), label: make(map[string]string, len(people))}
	for _, person := range people {
		p.label[person.ID] = label(person)
	}
	return p
}

func label(p names.Person) string {
	first := func(s []string) string {
		if len(s) == 0 {
			return ""
		}
		return s[0]
	}
	return strings.TrimSpace(first(p.Forenames) + " " + first(p.Surnames))
}

// Find returns the pupils' names in text, as the name index finds them;
// the publishing gate uses it for captions, with the same index as files.
func (p *Pupils) Find(text string) []names.Match {
	if p == nil {
		return nil
	}
	return p.index.Find(text)
}

// find adds the names in text to the report. A forename alone can belong
// to hundreds of pupils in a large school: such warnings become one entry
// naming a few of them and counting the rest.
func (p *Pupils) find(r *Report, where, text string) {
	if p == nil || text == "" {
		return
	}
	var warned []int // indexes into r.Names of this text's warnings
	for _, m := range p.index.Find(text) {
		n := Name{Where: where, Text: m.Text, Pupil: p.label[m.PersonID], Severity: m.Severity}
		if m.Severity == names.Warn {
			if i := sameWords(r.Names, warned, m.Text); i >= 0 {
				r.Names[i].also = append(r.Names[i].also, n.Pupil)
				continue
			}
			warned = append(warned, len(r.Names))
		}
		r.Names = append(r.Names, n)
	}
	for _, i := range warned {
		r.Names[i].Pupil = listPupils(r.Names[i].Pupil, r.Names[i].also)
		r.Names[i].also = nil
	}
}

func sameWords(ns []Name, among []int, text string) int {
	for _, i := range among {
		if ns[i].Text == text {
			return i
		}
	}
	return -1
}

// listPupils names up to three pupils and counts the rest.
func listPupils(first string, also []string) string {
	all := append([]string{first}, also...)
	switch {
	case len(all) == 1:
		return first
	case len(all) <= 3:
		return strings.Join(all[:len(all)-1], ", ") + " or " + all[len(all)-1]
	}
	return fmt.Sprintf("%s or %d other pupils", strings.Join(all[:2], ", "), len(all)-2)
}

// opened is a file being checked: its handle, size, format and findings.
type opened struct {
	f        *os.File
	size     int64
	format   Format
	h        handler
	findings metadata.Findings
}

// Check reads one file and reports its location, identity and names. It
// never writes anything.
func Check(path string, pupils *Pupils) Report {
	r := Report{File: path}
	o, err := inspect(path, &r, pupils)
	if o != nil {
		o.f.Close()
	}
	if err != nil {
		r.Error = Sentence(err)
	}
	return r
}

// inspect opens path and fills in everything Check reports. The caller
// closes o.f when o is not nil.
func inspect(path string, r *Report, pupils *Pupils) (*opened, error) {
	o, err := openMedia(path, r, pupils)
	if err != nil {
		return o, err
	}
	// A damaged file can still say where it was taken: report what was
	// found before the damage, and the damage.
	found, err := o.h.inspect(o.f, o.size)
	o.report(r, found, pupils)
	return o, err
}

// openMedia opens path, tells its format and finds its parser, checking
// the file name for pupils' names on the way.
func openMedia(path string, r *Report, pupils *Pupils) (*opened, error) {
	pupils.find(r, "file name", filepath.Base(path))
	f, err := openFile(path, os.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	o := &opened{f: f}
	st, err := f.Stat()
	if err != nil {
		return o, err
	}
	if st.IsDir() {
		return o, errors.New("is a folder")
	}
	o.size = st.Size()
	head := make([]byte, sniffLen)
	n, err := f.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return o, err
	}
	var name string
	o.format, name = Sniff(head[:n])
	r.Format = string(o.format)
	h, ok := handlers[o.format]
	if !ok {
		if name != "" {
			return o, fmt.Errorf("%w (%s)", ErrUnsupported, name)
		}
		return o, ErrUnsupported
	}
	o.h = h
	return o, nil
}

// report puts a parser's findings in the report, with the names in them.
func (o *opened) report(r *Report, found metadata.Findings, pupils *Pupils) {
	o.findings = found
	r.Location = found.Location
	r.Identity = found.Identity
	r.Camera = found.Camera
	for _, l := range r.Location {
		if l.Unremovable {
			r.Unremovable = append(r.Unremovable, l)
		}
	}
	for _, t := range found.Texts {
		pupils.find(r, t.Where, t.Text)
	}
}

// ErrUnsupported is a file that is not a photo or video PhotoConsent reads.
var ErrUnsupported = errors.New("not a photo or video format PhotoConsent can read")

// Sentence is the reason a report gives for a file it could not handle.
func Sentence(err error) string {
	var pe *os.PathError
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "no such file"
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	case errors.As(err, &pe):
		return pe.Err.Error()
	}
	return err.Error()
}
