package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/mis"
	"photoconsent/app/register"
)

// showPreview lays out the plan: counts, details, column mapping and Apply.
func (m *importScreen) showPreview() {
	m.preview.Objects = nil
	m.stats = map[string]*widget.Label{}
	if pl := m.plan; pl != nil {
		m.preview.Add(m.summary(pl))
		m.preview.Add(m.details(pl))
	}
	if len(m.header.Unknown) > 0 {
		m.preview.Add(m.mappingCard())
	}
	if m.plan != nil {
		m.preview.Add(m.applyCard())
	}
	m.preview.Refresh()
}

func formatWords(pl *register.Plan) string {
	switch pl.Format {
	case mis.CTF:
		if pl.Version != "" {
			return "Common Transfer File, version " + pl.Version
		}
		return "Common Transfer File"
	case mis.CSV:
		if pl.Version != "" {
			return "CSV report in " + pl.Version + " style"
		}
		return "CSV report"
	}
	return string(pl.Format)
}

func (m *importScreen) summary(pl *register.Plan) fyne.CanvasObject {
	tiles := container.NewGridWithColumns(6)
	add := func(key, label string, n int, imp widget.Importance) {
		num := widget.NewLabelWithStyle(fmt.Sprint(n), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		num.SizeName = theme.SizeNameHeadingText
		num.Importance = imp
		m.stats[key] = num
		words := widget.NewLabelWithStyle(label, fyne.TextAlignCenter, fyne.TextStyle{})
		words.Wrapping = fyne.TextWrapWord
		tiles.Add(card(num, words))
	}
	warn := widget.MediumImportance
	if len(pl.Warnings) > 0 {
		warn = widget.WarningImportance
	}
	left := widget.MediumImportance
	if len(pl.Left) > 0 {
		left = widget.WarningImportance
	}
	add("new", "new pupils", len(pl.New), widget.HighImportance)
	add("updated", "updated", len(pl.Updated), widget.MediumImportance)
	add("unchanged", "unchanged", pl.Unchanged, widget.LowImportance)
	add("left", "marked as left", len(pl.Left), left)
	add("answers", "MIS consent answers", len(pl.Answers), widget.MediumImportance)
	add("warnings", "warnings", len(pl.Warnings), warn)
	return container.NewVBox(
		subheading("Preview of "+pl.FileName),
		hint(formatWords(pl)+". Nothing has been changed yet."),
		tiles,
	)
}

func (m *importScreen) details(pl *register.Plan) fyne.CanvasObject {
	acc := widget.NewAccordion()
	acc.MultiOpen = true
	if len(pl.Warnings) > 0 {
		acc.Append(widget.NewAccordionItem(fmt.Sprintf("Warnings (%d)", len(pl.Warnings)), warningList(pl.Warnings)))
	}
	if len(pl.New) > 0 {
		acc.Append(widget.NewAccordionItem(fmt.Sprintf("New pupils (%d)", len(pl.New)), incomingList(pl.New, false)))
	}
	if len(pl.Updated) > 0 {
		acc.Append(widget.NewAccordionItem(fmt.Sprintf("What changes for updated pupils (%d)", len(pl.Updated)), incomingList(pl.Updated, true)))
	}
	if len(pl.Left) > 0 {
		acc.Append(widget.NewAccordionItem(fmt.Sprintf("Pupils to be marked as left (%d)", len(pl.Left)), incomingList(pl.Left, false)))
	}
	if len(pl.Answers) > 0 {
		acc.Append(widget.NewAccordionItem(fmt.Sprintf("Consent answers from the MIS (%d)", len(pl.Answers)), hint(
			"The MIS's photo-consent column is recorded for the school's own use only, as an answer from nobody named. Any answer a parent gives the school later takes its place.")))
	}
	if len(acc.Items) == 0 {
		return hint("Everything in this file is already in the register.")
	}
	for i, item := range acc.Items { // open what is short enough to read at a glance
		if strings.HasPrefix(item.Title, "Warnings") || (strings.HasPrefix(item.Title, "New pupils") && len(pl.New) <= 10) {
			acc.Open(i)
		}
	}
	return acc
}

func warningList(ws []register.Warning) fyne.CanvasObject {
	grid := container.New(layout.NewFormLayout())
	for _, w := range ws {
		where := "Whole file"
		if w.Line > 0 {
			where = fmt.Sprintf("Line %d", w.Line)
			if w.Name != "" {
				where += " · " + w.Name
			}
		}
		grid.Add(bold(where))
		grid.Add(wrapped(plain(w.Message)))
	}
	return grid
}

func incomingList(in []register.Incoming, changes bool) fyne.CanvasObject {
	box := container.NewVBox()
	for _, p := range in {
		name := p.Pupil.DisplayName()
		var facts []string
		if p.Pupil.Class != "" {
			facts = append(facts, p.Pupil.Class)
		}
		if y := yearWords(p.Pupil.Year); y != "" {
			facts = append(facts, y)
		}
		if p.Line > 0 {
			facts = append(facts, fmt.Sprintf("line %d", p.Line))
		}
		head := bold(name)
		if len(facts) > 0 {
			head = bold(name + "  —  " + strings.Join(facts, ", "))
		}
		if !changes {
			box.Add(head)
			continue
		}
		lines := []fyne.CanvasObject{head}
		for _, c := range p.Changes {
			lines = append(lines, wrapped("    "+c.String()))
		}
		box.Add(container.New(layout.NewCustomPaddedVBoxLayout(0), lines...))
	}
	return box
}

// fieldChoices are the words offered for mapping an unknown column.
func fieldChoices() ([]string, map[string]mis.Field) {
	words := map[mis.Field]string{
		mis.FieldUPN: "UPN", mis.FieldFormerUPN: "Former UPN", mis.FieldAdno: "Admission number",
		mis.FieldLegalForename: "Legal forename", mis.FieldMiddleNames: "Middle names",
		mis.FieldLegalSurname: "Legal surname", mis.FieldPreferredForename: "Preferred forename",
		mis.FieldPreferredSurname: "Preferred surname", mis.FieldFormerSurname: "Former surname",
		mis.FieldFullName: "Full name (in one column)", mis.FieldSex: "Sex", mis.FieldDOB: "Date of birth",
		mis.FieldYear: "Year group", mis.FieldClass: "Class (registration group)",
		mis.FieldAdmission: "Admission date", mis.FieldLeaving: "Leaving date",
		mis.FieldPhotoConsent: "Photo consent (the MIS's own column)",
	}
	parts := map[mis.ContactPart]string{
		mis.ContactTitle: "title", mis.ContactForename: "forename", mis.ContactSurname: "surname",
		mis.ContactName: "full name", mis.ContactRelationship: "relationship",
		mis.ContactResponsibility: "parental responsibility", mis.ContactMobile: "mobile", mis.ContactEmail: "e-mail",
	}
	const notUsed = "Not used"
	opts := []string{notUsed}
	back := map[string]mis.Field{notUsed: mis.FieldIgnore}
	for _, f := range mis.PupilFields() {
		w := words[f]
		if w == "" {
			w = string(f)
		}
		opts = append(opts, w)
		back[w] = f
	}
	for n := 1; n <= 4; n++ {
		for _, p := range mis.ContactParts() {
			w := fmt.Sprintf("Contact %d: %s", n, parts[p])
			opts = append(opts, w)
			back[w] = mis.ContactField(n, p)
		}
	}
	return opts, back
}

// mappingCard asks what each unrecognised CSV column holds.
func (m *importScreen) mappingCard() fyne.CanvasObject {
	opts, back := fieldChoices()
	m.columns = map[string]*widget.Select{}
	grid := container.New(layout.NewFormLayout())
	for _, h := range m.header.Unknown {
		sel := widget.NewSelect(opts, nil)
		sel.SetSelected("Not used")
		if f, ok := m.mapping[h]; ok {
			for w, g := range back {
				if g == f {
					sel.SetSelected(w)
				}
			}
		}
		name := h
		sel.OnChanged = func(w string) { m.mapping[name] = back[w] }
		m.columns[h] = sel
		grid.Add(bold(h))
		grid.Add(container.NewHBox(fixedWidth(320, sel)))
	}
	again := widget.NewButtonWithIcon("Check again with these columns", theme.ViewRefreshIcon(), m.replan)
	m.again = again
	return card(
		subheading("Columns PhotoConsent did not recognise"),
		hint("Say what each column holds, or leave it as Not used. Then check again."),
		grid,
		container.NewHBox(again),
	)
}
