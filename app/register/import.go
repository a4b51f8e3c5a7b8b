package register

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"time"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/mis"
	"photoconsent/app/pupil"
)

// ImportOptions say how to read a file and what it means.
type ImportOptions struct {
	// Mapping maps CSV headers the parser does not know to pupil fields.
	Mapping map[string]mis.Field
	// Full says the file lists every pupil on roll, so pupils missing from it
	// are marked as left (never deleted). Off by default: a class list must
	// not make the rest of the school leave.
	Full bool
	// ConsentPurposes are the purposes the MIS's single photo-consent column
	// answers. Empty means the school's own use only: a "Yes" in the MIS is
	// not taken as consent for the press or social media.
	ConsentPurposes []consent.Purpose
}

func (o ImportOptions) purposes() []consent.Purpose {
	if len(o.ConsentPurposes) == 0 {
		return []consent.Purpose{consent.School}
	}
	return o.ConsentPurposes
}

// Plan is what an import will do, shown before anything is written.
type Plan struct {
	FileName  string
	Format    mis.Format
	Version   string
	New       []Incoming
	Updated   []Incoming
	Unchanged int
	Left      []Incoming
	Answers   []consent.Record // photo-consent answers carried over from the MIS
	Warnings  []Warning

	// The file itself, kept so ApplyImport can re-plan. The parsed rows are
	// not kept: with 50,000 pupils they cost several times the file's size.
	data       []byte
	exportedAt time.Time
	opt        ImportOptions
}

// Incoming is one pupil the import adds, updates or marks as left.
type Incoming struct {
	Line    int // row in the file; 0 for a pupil not in it
	Pupil   pupil.Pupil
	Changes []Change // for an update: what differs
}

// Warning is a problem with one row (Line > 0) or the whole file (Line 0).
type Warning struct {
	Line    int
	Name    string // the pupil's name, for the person previewing the import
	Message string
}

// Empty reports whether applying the plan would change nothing.
func (p *Plan) Empty() bool {
	return len(p.New) == 0 && len(p.Updated) == 0 && len(p.Left) == 0 && len(p.Answers) == 0
}

// PlanImport reads an MIS export and works out what importing it would do,
// writing nothing (office and head).
func (s *Session) PlanImport(name string, data []byte, opt ImportOptions) (*Plan, error) {
	if err := s.check(access.ImportPupils); err != nil {
		return nil, err
	}
	return s.plan(name, data, opt)
}

func (s *Session) plan(name string, data []byte, opt ImportOptions) (*Plan, error) {
	f, err := mis.Parse(name, data, mis.Options{Mapping: opt.Mapping})
	if err != nil {
		return nil, err
	}
	var existing []pupil.Pupil
	var history map[string][]consent.Record
	err = s.store.View(func(tx Tx) error {
		var err error
		if history, err = allAnswers(tx); err != nil {
			return err
		}
		return scanPupils(tx, func(p pupil.Pupil) error {
			existing = append(existing, p)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	pl := &Plan{FileName: name, Format: f.Format, Version: f.Version, data: data, exportedAt: f.ExportedAt, opt: opt}
	for _, w := range f.Warnings {
		pl.Warnings = append(pl.Warnings, Warning{Message: w})
	}
	m := newMatcher(slices.Grow(existing, len(f.Rows)))
	if len(existing) == 0 {
		pl.New = make([]Incoming, 0, len(f.Rows)) // a first import: every row is new
	}
	for i := range f.Rows {
		s.planRow(pl, m, f.Rows[i], history)
		f.Rows[i] = mis.Row{} // planned: let it go as the plan grows
	}
	if opt.Full {
		s.planLeavers(pl, m, f)
	}
	return pl, nil
}

func (s *Session) planRow(pl *Plan, m *matcher, row mis.Row, history map[string][]consent.Record) {
	in := row.Pupil
	in.Contacts = withResponsibility(in.Contacts)
	for _, w := range row.Warnings {
		pl.Warnings = append(pl.Warnings, Warning{Line: row.Line, Name: in.DisplayName(), Message: w})
	}
	old, found, dup := m.match(in, row.Line)
	if dup != 0 {
		pl.Warnings = append(pl.Warnings, Warning{Line: row.Line, Name: in.DisplayName(),
			Message: fmt.Sprintf("the same pupil is on line %d; this line was not imported", dup)})
		return
	}
	var id string
	switch {
	case !found:
		in.ID = NewID()
		id = in.ID
		m.add(in, row.Line)
		pl.New = append(pl.New, Incoming{Line: row.Line, Pupil: in})
	default:
		id = old.ID
		merged := merge(old, in)
		if reflect.DeepEqual(merged, old) {
			pl.Unchanged++
		} else {
			ch := diffPupils(old, merged)
			if len(ch) == 0 {
				ch = []Change{{Field: "other details", Old: "", New: "updated"}}
			}
			pl.Updated = append(pl.Updated, Incoming{Line: row.Line, Pupil: merged, Changes: ch})
		}
	}
	pl.Answers = append(pl.Answers, s.misAnswers(id, row, pl, history[id])...)
}

// misAnswers turns the MIS's photo-consent column into answers, only where
// it differs from what the MIS said last time: re-importing the same file
// records nothing new, and an answer typed in since is not overridden by a
// stale MIS value (the newer one wins when statuses are derived).
func (s *Session) misAnswers(pupilID string, row mis.Row, pl *Plan, history []consent.Record) []consent.Record {
	if row.PhotoConsent == "" {
		return nil
	}
	ans, err := consent.ParseAnswer(row.PhotoConsent)
	if err != nil {
		return nil
	}
	date := civil.Today(s.now())
	if !pl.exportedAt.IsZero() {
		date = civil.Of(pl.exportedAt)
	}
	var out []consent.Record
	for _, p := range pl.opt.purposes() {
		if last, ok := lastMISAnswer(history, p); ok && last == ans {
			continue
		}
		out = append(out, consent.Record{
			PupilID: pupilID, Purpose: p, Answer: ans, Date: date, Method: consent.MISImport,
			Wording: "MIS", RecordedBy: s.me.ID,
			Note: fmt.Sprintf("from the MIS's photo-consent column in %s", pl.FileName),
		})
	}
	return out
}

func lastMISAnswer(history []consent.Record, p consent.Purpose) (consent.Answer, bool) {
	var last consent.Answer
	found := false
	for _, r := range history { // history is kept oldest first
		if r.Method == consent.MISImport && r.Purpose == p {
			last, found = r.Answer, true
		}
	}
	return last, found
}

func (s *Session) planLeavers(pl *Plan, m *matcher, f *mis.File) {
	leaving := civil.Today(s.now())
	if !f.ExportedAt.IsZero() {
		leaving = civil.Of(f.ExportedAt)
	}
	for _, p := range m.unmatched() {
		if !p.OnRoll(leaving) {
			continue
		}
		next := p
		next.Leaving = leaving
		pl.Left = append(pl.Left, Incoming{Pupil: next, Changes: diffPupils(p, next)})
	}
	if onRoll := len(pl.Left) + len(pl.Updated) + pl.Unchanged; len(pl.Left) > 0 && len(pl.Left)*2 > onRoll {
		pl.Warnings = append(pl.Warnings, Warning{Message: fmt.Sprintf(
			"%d of the pupils on roll are not in this file and would be marked as left: check that it lists the whole school", len(pl.Left))})
	}
}

// merge applies what the file says to a stored pupil. A field the file
// leaves blank keeps its stored value (a CTF has no class; a CSV may have no
// contacts); contacts are matched by name and take the file's values.
func merge(old, in pupil.Pupil) pupil.Pupil {
	out := old
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&out.UPN, in.UPN)
	if in.UPN != "" {
		out.UPNStatus = in.UPNStatus
	}
	set(&out.FormerUPN, in.FormerUPN)
	set(&out.Adno, in.Adno)
	set(&out.LegalForename, in.LegalForename)
	set(&out.MiddleNames, in.MiddleNames)
	set(&out.LegalSurname, in.LegalSurname)
	set(&out.PreferredForename, in.PreferredForename)
	set(&out.PreferredSurname, in.PreferredSurname)
	set(&out.FormerSurname, in.FormerSurname)
	set(&out.Sex, in.Sex)
	set(&out.Year, in.Year)
	set(&out.Class, in.Class)
	setDate := func(dst *civil.Date, v civil.Date) {
		if !v.IsZero() {
			*dst = v
		}
	}
	setDate(&out.DOB, in.DOB)
	setDate(&out.Admission, in.Admission)
	setDate(&out.Leaving, in.Leaving)
	if len(in.Contacts) > 0 {
		out.Contacts = mergeContacts(old.Contacts, in.Contacts)
	}
	return out
}

func mergeContacts(old, in []pupil.Contact) []pupil.Contact {
	out := make([]pupil.Contact, len(in))
	for i, c := range in {
		out[i] = c
		for _, o := range old {
			if Fold(o.Name()) != Fold(c.Name()) {
				continue
			}
			// Keep what this file does not carry (an Arbor export has no titles).
			keep := func(dst *string, v string) {
				if *dst == "" {
					*dst = v
				}
			}
			keep(&out[i].Title, o.Title)
			keep(&out[i].MiddleNames, o.MiddleNames)
			keep(&out[i].RelationshipCode, o.RelationshipCode)
			keep(&out[i].Mobile, o.Mobile)
			keep(&out[i].Email, o.Email)
			break
		}
	}
	return out
}

// withResponsibility keeps only the contacts who can answer for the child:
// the register needs nobody else's details (data minimisation).
func withResponsibility(cs []pupil.Contact) []pupil.Contact {
	if len(cs) > 0 && !slices.ContainsFunc(cs, func(c pupil.Contact) bool { return !c.Responsibility }) {
		return cs // the usual case, without a copy
	}
	var out []pupil.Contact
	for _, c := range cs {
		if c.Responsibility {
			out = append(out, c)
		}
	}
	return out
}

// ApplyImport writes an import (office and head). It re-plans against the
// register as it is now, so changes made since the preview are respected,
// then writes in chunks, reporting progress. If it is cancelled or stopped
// part-way the register stays whole: every pupil is written with its audit
// event, and importing the file again finishes the job.
func (s *Session) ApplyImport(ctx context.Context, pl *Plan, progress func(done, total int)) (*Plan, error) {
	return s.Import(ctx, pl.FileName, pl.data, pl.opt, progress)
}

// Import plans and writes an import in one step, as ApplyImport does for a
// preview. A caller that shows no preview should use it: a large school's
// plan is then held in memory once, not twice.
func (s *Session) Import(ctx context.Context, name string, data []byte, opt ImportOptions, progress func(done, total int)) (*Plan, error) {
	if err := s.check(access.ImportPupils); err != nil {
		return nil, err
	}
	pl, err := s.plan(name, data, opt)
	if err != nil {
		return nil, err
	}
	steps := importSteps(pl)
	for i := 0; i < len(steps); i += importChunk {
		if err := ctx.Err(); err != nil {
			return pl, err
		}
		chunk := steps[i:min(i+importChunk, len(steps))]
		if err := s.store.Update(func(tx Tx) error { return s.writeSteps(tx, chunk) }); err != nil {
			return pl, err
		}
		if progress != nil {
			progress(i+len(chunk), len(steps))
		}
	}
	summary := fmt.Sprintf("%s: %d new, %d updated, %d unchanged, %d marked as left, %d MIS answers",
		pl.FileName, len(pl.New), len(pl.Updated), pl.Unchanged, len(pl.Left), len(pl.Answers))
	err = s.store.Update(func(tx Tx) error {
		return appendEvent(tx, s.me, s.now(), audit.ImportApplied, "", summary)
	})
	return pl, err
}

// importChunk is how many pupils go in one transaction: small enough for
// Badger's transaction limit with a pupil, its event and its answers each.
const importChunk = 200

// importStep is one write of an import: a pupil with its audit event, or an
// answer with its audit event.
type importStep struct {
	pupil  *pupil.Pupil
	kind   audit.Kind
	detail string
	answer *consent.Record
}

func importSteps(pl *Plan) []importStep {
	var steps []importStep
	for i := range pl.New {
		steps = append(steps, importStep{pupil: &pl.New[i].Pupil, kind: audit.PupilImported, detail: pl.FileName})
	}
	for i := range pl.Updated {
		steps = append(steps, importStep{pupil: &pl.Updated[i].Pupil, kind: audit.PupilUpdated,
			detail: changeList(pl.Updated[i].Changes)})
	}
	for i := range pl.Left {
		steps = append(steps, importStep{pupil: &pl.Left[i].Pupil, kind: audit.PupilLeft,
			detail: "not in the full export " + pl.FileName})
	}
	for i := range pl.Answers {
		steps = append(steps, importStep{answer: &pl.Answers[i], kind: audit.AnswerRecorded})
	}
	return steps
}

func (s *Session) writeSteps(tx Tx, steps []importStep) error {
	for _, st := range steps {
		now := s.now()
		var subject, detail string
		if st.pupil != nil {
			if err := tx.Put(prefPupil+st.pupil.ID, st.pupil); err != nil {
				return err
			}
			subject, detail = st.pupil.ID, st.detail
		} else {
			st.answer.ID, st.answer.RecordedAt = timeID(now), now
			if err := tx.Put(answerKey(st.answer.PupilID, st.answer.ID), st.answer); err != nil {
				return err
			}
			subject, detail = st.answer.PupilID, describeAnswer(*st.answer)
		}
		if err := appendEvent(tx, s.me, now, st.kind, subject, detail); err != nil {
			return err
		}
	}
	return nil
}

func changeList(cs []Change) string {
	out := ""
	for i, c := range cs {
		if i > 0 {
			out += "; "
		}
		out += c.auditString()
	}
	return out
}
