package paper

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/go-pdf/fpdf"

	"photoconsent/app/access"
	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/pupil"
	"photoconsent/app/register"
)

// FormWording is the version of the form's wording to print and its text
// for each purpose. A purpose without text gets the default wording.
type FormWording struct {
	Version string
	Texts   map[consent.Purpose]string
}

// FormPupil is the pupil a form is printed for.
type FormPupil struct {
	Name      string // as the school knows them
	LegalName string // printed too when it differs from Name
	Class     string
	Code      string // register.ShortCode of the pupil's ID
}

// FormsFor picks the pupils on roll today, of one class or all when class
// is empty, sorted by class and then surname, ready to print.
func FormsFor(ps []pupil.Pupil, class string, today civil.Date) ([]FormPupil, error) {
	class = strings.TrimSpace(class)
	var picked []pupil.Pupil
	for _, p := range ps {
		if p.OnRoll(today) && (class == "" || strings.EqualFold(strings.TrimSpace(p.Class), class)) {
			picked = append(picked, p)
		}
	}
	if len(picked) == 0 && class != "" {
		return nil, fmt.Errorf("no pupil on roll is in class %q", class)
	}
	slices.SortStableFunc(picked, func(a, b pupil.Pupil) int {
		return cmp.Or(strings.Compare(strings.TrimSpace(a.Class), strings.TrimSpace(b.Class)),
			strings.Compare(a.SortName(), b.SortName()))
	})
	out := make([]FormPupil, len(picked))
	for i, p := range picked {
		out[i] = FormPupil{Name: p.DisplayName(), LegalName: legalName(p), Class: strings.TrimSpace(p.Class),
			Code: register.ShortCode(p.ID)}
	}
	return out, nil
}

// legalName is the pupil's legal name when it differs from the one they use.
func legalName(p pupil.Pupil) string {
	legal := strings.TrimSpace(p.LegalForename + " " + p.LegalSurname)
	if legal == p.DisplayName() {
		return ""
	}
	return legal
}

// ErrWordingTooLong means the wording does not fit on one page even in
// the smallest type the form allows.
var ErrWordingTooLong = errors.New("the form's wording is too long to fit on one page")

// purposeTitles head each question on the form.
var purposeTitles = map[consent.Purpose]string{
	consent.School:     "The school's own use",
	consent.Social:     "Publicity and social media",
	consent.Press:      "Others outside the school",
	consent.Individual: "Your child on their own, for high-profile use",
}

// Forms writes one consent form per pupil, one page each, in the order
// given: the pupil's name and class, each purpose's wording with Yes and No
// boxes, lines for the parent or carer to fill in, and the pupil's code.
func Forms(w io.Writer, school string, wording FormWording, pupils []FormPupil) error {
	if len(pupils) == 0 {
		return errors.New("there are no pupils to print forms for")
	}
	texts := formTexts(wording)
	pdf := New()
	pdf.SetAutoPageBreak(false, 0) // each form is laid out to fit its page
	size, err := wordingSize(pdf, texts)
	if err != nil {
		return err
	}
	var code string
	SetFooter(pdf, func() string {
		return fmt.Sprintf("Form wording version %s · code %s", wording.Version, code)
	})
	for _, p := range pupils {
		pdf.AddPage() // finishes the previous page, footer and all
		code = p.Code
		formPage(pdf, school, p, texts, size)
	}
	return Write(pdf, w)
}

// formTexts fills in the default wording for any purpose left empty.
func formTexts(w FormWording) []string {
	defaults := register.DefaultWording(w.Version).Texts
	out := make([]string, len(consent.Purposes))
	for i, p := range consent.Purposes {
		out[i] = strings.TrimSpace(w.Texts[p])
		if out[i] == "" {
			out[i] = defaults[p]
		}
	}
	return out
}

// Where the parts of a form sit on the page, in millimetres from the top.
const (
	questionsTop = 72.0
	answersTop   = PageHeight - Margin - FooterHeight - 58
	boxesWidth   = 38.0 // the Yes and No boxes beside each question
	textWidth    = ContentWidth - boxesWidth
	questionGap  = 4.0
)

// Type sizes, in points, that the wording may shrink between.
const (
	largestWording  = 10.5
	smallestWording = 6.0
)

// wordingSize finds the largest type size at which every question fits
// between the heading and the parent's lines.
func wordingSize(pdf *fpdf.Fpdf, texts []string) (float64, error) {
	for size := largestWording; size >= smallestWording; size -= 0.5 {
		if questionsHeight(pdf, texts, size) <= answersTop-questionsTop {
			return size, nil
		}
	}
	return 0, ErrWordingTooLong
}

// lineHeight is the leading for type of the given size, in millimetres.
func lineHeight(size float64) float64 { return size * 0.3528 * 1.35 }

func questionsHeight(pdf *fpdf.Fpdf, texts []string, size float64) float64 {
	total := 0.0
	for i, text := range texts {
		total += questionHeight(pdf, consent.Purposes[i], text, size) + questionGap
	}
	return total
}

func questionHeight(pdf *fpdf.Fpdf, p consent.Purpose, text string, size float64) float64 {
	pdf.SetFont(Family, "B", size+0.5)
	title := len(pdf.SplitText(purposeTitles[p], textWidth))
	pdf.SetFont(Family, "", size)
	body := len(pdf.SplitText(text, textWidth))
	return max(float64(title+body)*lineHeight(size), 8)
}

// WriteForms prints the forms for one class, or for every pupil on roll
// when class is empty, with the school's name and the wording now in use.
// Office staff and the head may print them. It returns how many it wrote.
func WriteForms(s *register.Session, class string, w io.Writer) (int, error) {
	if err := s.Check(access.RecordConsent); err != nil {
		return 0, err
	}
	set, err := s.Settings()
	if err != nil {
		return 0, err
	}
	wording, err := s.Wording()
	if err != nil {
		return 0, err
	}
	ps, err := s.Pupils()
	if err != nil {
		return 0, err
	}
	forms, err := FormsFor(ps, class, civil.Today(s.Now()))
	if err != nil {
		return 0, err
	}
	fw := FormWording{Version: wording.Version, Texts: wording.Texts}
	return len(forms), Forms(w, set.SchoolName, fw, forms)
}
