package register

import (
	"sort"
	"time"

	"photoconsent/app/access"
	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/publish"
	"photoconsent/app/publog"
)

// Report is the governors' report: numbers only, for a period. It names no
// pupil and holds no UPN; the head's override reasons are kept as written.
type Report struct {
	School        string
	From, To      civil.Date // both included
	Made          time.Time
	AssumeConsent bool               // the school counts a form not returned as consent
	Coverage      []ClassCoverage    // the whole school first (Class ""), then each class
	Published     []DestinationCount // exports and overrides, per destination with any
	Blocked       []DestinationCount // attempts the gate refused, per destination with any
	Overrides     []OverrideLine
	Takedowns     []TakedownLine // open ones first, then the newest publication first
}

// ClassCoverage is one class's consent coverage: of its pupils on roll, how
// many may appear for each purpose under the school's settings.
type ClassCoverage struct {
	Class   string // "" for the whole school
	Pupils  int
	Allowed map[consent.Purpose]int
}

// DestinationCount is a number of log entries going to one destination.
type DestinationCount struct {
	Destination publish.Destination
	Count       int
}

// OverrideLine is one photo published on the head's override.
type OverrideLine struct {
	Seq         int64
	At          time.Time
	Destination publish.Destination
	Reason      string   // the head's written reason
	Approvers   []string // names as the log recorded them
	Pupils      int      // how many pupils were tagged
}

// TakedownLine is one takedown: which publication, the pupil's class (never
// the pupil), when it became due and how long it took or has taken so far.
type TakedownLine struct {
	Seq         int64
	Destination publish.Destination
	Class       string
	Why         string
	Published   time.Time
	Due         time.Time // when the change that made it due was recorded
	DueKnown    bool      // false: Due is when it was marked done (or, if open, the publication)
	Done        bool
	DoneAt      time.Time
	Days        int // whole days from Due to DoneAt, or to the report's making if open
}

// Total adds up the counts.
func Total(counts []DestinationCount) int {
	n := 0
	for _, c := range counts {
		n += c.Count
	}
	return n
}

// TermStart is the first day of the school term that day falls in, by a
// rule that needs no calendar: terms start on 1 September, 1 January and
// 1 April (near enough to Easter).
func TermStart(day civil.Date) civil.Date {
	start := time.January
	switch {
	case day.Month >= time.September:
		start = time.September
	case day.Month >= time.April:
		start = time.April
	}
	return civil.Date{Year: day.Year, Month: start, Day: 1}
}

// GovernorsReport gathers the report's numbers for the days from and to,
// both included (head only). A zero from is the start of the current term;
// a zero to is today. Coverage is the register as it stands now.
func (s *Session) GovernorsReport(from, to civil.Date) (Report, error) {
	if err := s.check(access.ViewLog); err != nil {
		return Report{}, err
	}
	now := s.now()
	if to.IsZero() {
		to = civil.Today(now)
	}
	if from.IsZero() {
		from = TermStart(to)
	}
	if to.Before(from) {
		return Report{}, invalidf("the report's period ends (%s) before it starts (%s)", to.UK(), from.UK())
	}
	set, err := s.Settings()
	if err != nil {
		return Report{}, err
	}
	rows, cols, err := s.Register()
	if err != nil {
		return Report{}, err
	}
	entries, err := s.PublicationLog()
	if err != nil {
		return Report{}, err
	}
	r := Report{School: set.SchoolName, From: from, To: to, Made: now,
		AssumeConsent: set.Consent.NotReturnedMeansConsent,
		Coverage:      CoverageOf(rows, cols, set.Consent)}
	r.countEntries(entries)
	return r, s.reportTakedowns(&r, rows, set)
}

// In reports whether t falls on a day of the report's period.
func (r Report) In(t time.Time) bool {
	d := civil.Of(t.Local())
	return !d.Before(r.From) && !d.After(r.To)
}

func (r *Report) countEntries(entries []publog.Entry) {
	published, blocked := map[publish.Destination]int{}, map[publish.Destination]int{}
	for _, e := range entries {
		if !r.In(e.At) {
			continue
		}
		switch e.Kind {
		case publog.Exported:
			published[e.Destination]++
		case publog.Overridden:
			published[e.Destination]++
			r.Overrides = append(r.Overrides, overrideLine(e))
		case publog.Blocked:
			blocked[e.Destination]++
		}
	}
	r.Published, r.Blocked = perDestination(published), perDestination(blocked)
}

func overrideLine(e publog.Entry) OverrideLine {
	o := OverrideLine{Seq: e.Seq, At: e.At, Destination: e.Destination, Reason: e.Override, Pupils: len(e.Pupils)}
	for _, a := range e.Approvers {
		o.Approvers = append(o.Approvers, a.Name)
	}
	return o
}

// perDestination lists the destinations with any entries, in the order
// screens offer them, then any unknown ones by name.
func perDestination(m map[publish.Destination]int) []DestinationCount {
	var out []DestinationCount
	for _, d := range publish.Destinations {
		if m[d] > 0 {
			out = append(out, DestinationCount{d, m[d]})
			delete(m, d)
		}
	}
	var rest []DestinationCount
	for d, n := range m {
		rest = append(rest, DestinationCount{d, n})
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i].Destination < rest[j].Destination })
	return append(out, rest...)
}

// CoverageOf counts, for the whole school (first) and per class, the pupils
// on roll whose status allows each purpose. When photos and videos are
// asked apart, a pupil counts only when both are allowed: the numbers answer
// "may this pupil appear at all?".
func CoverageOf(rows []Row, cols []Column, set consent.Settings) []ClassCoverage {
	school := newCoverage("")
	byClass := map[string]*ClassCoverage{}
	classes := Classes(rows)
	for _, class := range classes {
		c := newCoverage(class)
		byClass[class] = &c
	}
	for _, r := range rows {
		if !r.OnRoll {
			continue
		}
		covs := []*ClassCoverage{&school}
		if c := byClass[r.Class]; c != nil {
			covs = append(covs, c)
		}
		for _, c := range covs {
			c.Pupils++
			for _, p := range consent.Purposes {
				if set.Allows(PurposeStatus(r, cols, p)) {
					c.Allowed[p]++
				}
			}
		}
	}
	out := []ClassCoverage{school}
	for _, class := range classes {
		if c := byClass[class]; c.Pupils > 0 {
			out = append(out, *c)
		}
	}
	return out
}

func newCoverage(class string) ClassCoverage {
	c := ClassCoverage{Class: class, Allowed: map[consent.Purpose]int{}}
	for _, p := range consent.Purposes {
		c.Allowed[p] = 0
	}
	return c
}

// PurposeStatus is the stricter of a row's statuses for the purpose's
// columns (one, or photo and video).
func PurposeStatus(r Row, cols []Column, p consent.Purpose) consent.Status {
	var st consent.Status
	for i, c := range cols {
		if c.Purpose != p || i >= len(r.Statuses) {
			continue
		}
		if st == "" {
			st = r.Statuses[i]
		} else {
			st = consent.Stricter(st, r.Statuses[i])
		}
	}
	return st
}
