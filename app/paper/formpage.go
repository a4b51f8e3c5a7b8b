package paper

import (
	"github.com/go-pdf/fpdf"

	"photoconsent/app/consent"
)

// The code box in the top right corner, in millimetres.
const (
	codeBoxWidth  = 44.0
	codeBoxHeight = 22.0
	codeBoxLeft   = PageWidth - Margin - codeBoxWidth
	headWidth     = ContentWidth - codeBoxWidth - 4 // beside the code box
)

const formIntro = "Please tick Yes or No for each question, then sign and return this form to the school office. " +
	"You can change your mind at any time by telling the office."

func formPage(pdf *fpdf.Fpdf, school string, p FormPupil, texts []string, size float64) {
	formHeading(pdf, school)
	codeBox(pdf, p.Code)
	pupilLines(pdf, p)
	pdf.SetXY(Margin, questionsTop-14)
	pdf.SetFont(Family, "", 9.5)
	pdf.MultiCell(ContentWidth, 4.6, formIntro, "", "L", false)
	y := questionsTop
	for i, text := range texts {
		y = question(pdf, consent.Purposes[i], text, size, y)
	}
	answerLines(pdf)
}

func formHeading(pdf *fpdf.Fpdf, school string) {
	pdf.SetXY(Margin, Margin)
	pdf.SetFont(Family, "", 11)
	pdf.CellFormat(headWidth, 5, fitText(pdf, school, headWidth), "", 2, "L", false, 0, "")
	pdf.SetFont(Family, "B", 16)
	pdf.CellFormat(headWidth, 9, "Photo and video consent", "", 2, "L", false, 0, "")
}

func codeBox(pdf *fpdf.Fpdf, code string) {
	pdf.SetLineWidth(0.6)
	pdf.Rect(codeBoxLeft, Margin, codeBoxWidth, codeBoxHeight, "D")
	pdf.SetLineWidth(0.2)
	pdf.SetXY(codeBoxLeft, Margin+1.5)
	pdf.SetFont(Family, "", 8)
	pdf.CellFormat(codeBoxWidth, 4, "Office code", "", 2, "C", false, 0, "")
	pdf.SetFont(Family, "B", 24)
	pdf.CellFormat(codeBoxWidth, 13, code, "", 2, "C", false, 0, "")
}

func pupilLines(pdf *fpdf.Fpdf, p FormPupil) {
	pdf.SetXY(Margin, Margin+16)
	size := 22.0
	pdf.SetFont(Family, "B", size)
	for size > 12 && pdf.GetStringWidth(p.Name) > headWidth {
		size--
		pdf.SetFont(Family, "B", size)
	}
	pdf.CellFormat(headWidth, 10, fitText(pdf, p.Name, headWidth), "", 2, "L", false, 0, "")
	pdf.SetFont(Family, "", 11)
	line := "Class: " + p.Class
	if p.Class == "" {
		line += "____________" // for the school to write in
	}
	if p.LegalName != "" && p.LegalName != p.Name {
		line += "      Legal name: " + p.LegalName
	}
	pdf.CellFormat(ContentWidth, 6, fitText(pdf, line, ContentWidth), "", 2, "L", false, 0, "")
}

// question draws one purpose's wording with its Yes and No boxes from y
// and returns where the next question starts.
func question(pdf *fpdf.Fpdf, p consent.Purpose, text string, size, y float64) float64 {
	lh := lineHeight(size)
	pdf.SetXY(Margin, y)
	pdf.SetFont(Family, "B", size+0.5)
	pdf.MultiCell(textWidth, lh, purposeTitles[p], "", "L", false)
	pdf.SetFont(Family, "", size)
	pdf.MultiCell(textWidth, lh, text, "", "L", false)
	tickBox(pdf, Margin+textWidth+4, y, "Yes")
	tickBox(pdf, Margin+textWidth+21, y, "No")
	next := y + questionHeight(pdf, p, text, size) + questionGap
	pdf.SetDrawColor(190, 190, 190)
	pdf.Line(Margin, next-questionGap/2, Margin+ContentWidth, next-questionGap/2)
	pdf.SetDrawColor(0, 0, 0)
	return next
}

func tickBox(pdf *fpdf.Fpdf, x, y float64, label string) {
	pdf.Rect(x, y+0.5, 6, 6, "D")
	pdf.SetXY(x+7, y+0.5)
	pdf.SetFont(Family, "B", 10)
	pdf.CellFormat(10, 6, label, "", 0, "L", false, 0, "")
}

// answerLines are the lines the parent or carer fills in.
func answerLines(pdf *fpdf.Fpdf) {
	pdf.SetXY(Margin, answersTop+2)
	pdf.SetFont(Family, "B", 10.5)
	pdf.CellFormat(ContentWidth, 6, "To be filled in by a parent or carer with parental responsibility", "", 2, "L", false, 0, "")
	y := answersTop + 12
	writeLine(pdf, "Parent or carer's name", Margin, ContentWidth, y)
	writeLine(pdf, "Relationship to the child", Margin, ContentWidth, y+14)
	writeLine(pdf, "Signature", Margin, ContentWidth*0.62, y+28)
	writeLine(pdf, "Date", Margin+ContentWidth*0.66, ContentWidth*0.34, y+28)
}

// writeLine is a label above a line to write on, w millimetres wide.
func writeLine(pdf *fpdf.Fpdf, label string, x, w, y float64) {
	pdf.SetXY(x, y)
	pdf.SetFont(Family, "", 9)
	pdf.CellFormat(w, 4, label, "", 0, "L", false, 0, "")
	pdf.Line(x, y+11, x+w, y+11)
}

// fitText cuts text that is wider than w, ending it with "…", so one long
// name cannot push a form onto a second page.
func fitText(pdf *fpdf.Fpdf, text string, w float64) string {
	if pdf.GetStringWidth(text) <= w {
		return text
	}
	runes := []rune(text)
	for len(runes) > 0 && pdf.GetStringWidth(string(runes)+"…") > w {
		runes = runes[:len(runes)-1]
	}
	return string(runes) + "…"
}
