package demo

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"time"

	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/gate"
	"photoconsent/app/publish"
	"photoconsent/app/register"
)

// clock is the demo's time: now, or a time of day some days before, so
// the publishing history can be spread over the past fortnight.
type clock struct {
	base func() time.Time
	back int           // days
	at   time.Duration // the time of day on that day
}

func (c *clock) now() time.Time {
	t := c.base()
	if c.back == 0 {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day()-c.back, 0, 0, 0, 0, t.Location()).Add(c.at)
}

// history gives the demo school photos to vet and a publishing history:
// the head and a teacher publish a few photos through the real gate, one
// attempt is blocked, and a parent then withdraws consent for a pupil who
// was published, leaving open takedowns. A nil history does nothing.
type history struct {
	folder string // the demo's folder
	corpus string // the shared photo corpus, or ""
	clk    *clock
	cast   *cast // chosen by the head; nil when the register has too few pupils
}

func newHistory(samples, folder string, clk *clock) *history {
	if folder == "" {
		return nil
	}
	return &history{folder: folder, corpus: findCorpus(samples), clk: clk}
}

// cast is the pupils the history is about.
type cast struct {
	granted []string  // pupil IDs with school and social media consent
	refused string    // a pupil whose parents refused social media
	named   [2]string // full names that appear in the names of photos to vet
}

// castSize is how many consenting pupils the history needs.
const castSize = 7

// chooseCast picks, in register order, pupils on roll whose statuses suit
// the history, leaving out the pupils answers.go tells stories about.
func chooseCast(head *register.Session) (*cast, error) {
	rows, _, err := head.Register()
	if err != nil {
		return nil, err
	}
	c := &cast{}
	story := []string{withdrawnUPN, disagreeUPN, neverPublishUPN, expiredUPN}
	for _, r := range rows {
		if r.UPN == withdrawnUPN {
			c.named[0] = r.Name // her social media withdrawal shows on the vet screen
		}
		if !r.OnRoll || slices.Contains(story, r.UPN) {
			continue
		}
		subs, err := head.Subjects([]string{r.PupilID}, consent.MediaPhoto)
		if err != nil {
			return nil, err
		}
		st := subs[0].Statuses
		switch {
		case st[consent.School] == consent.StatusGranted && st[consent.Social] == consent.StatusGranted:
			c.granted = append(c.granted, r.PupilID)
			if len(c.granted) == castSize {
				c.named[1] = r.Name
			}
		case st[consent.Social] == consent.StatusRefused && c.refused == "":
			c.refused = r.PupilID
		}
	}
	if len(c.granted) < castSize || c.refused == "" || c.named[0] == "" {
		return nil, nil
	}
	return c, nil
}

// pastItem is one photo published (or refused) earlier.
type pastItem struct {
	daysAgo  int
	at       time.Duration // the time of day
	to       publish.Destination
	file     string // in EarlierFolder
	tags     []string
	noPupils bool
	caption  string
}

// asHead makes the photo folders, chooses the cast and publishes the
// head's part of the history.
func (h *history) asHead(head *register.Session) error {
	if h == nil {
		return nil
	}
	if err := makeEarlierFolder(h.folder, h.corpus); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(h.folder, PublishedFolder), 0o700); err != nil {
		return err
	}
	c, err := chooseCast(head)
	if err != nil || c == nil {
		return err
	}
	h.cast = c
	if h.corpus != "" {
		if err := makeVetFolder(h.folder, h.corpus, c.named); err != nil {
			return err
		}
	}
	g := c.granted
	return h.publish(head, []pastItem{
		{13, 15*time.Hour + 40*time.Minute, publish.Website, "Harvest festival.jpg", []string{g[1], g[2]}, false, "Harvest festival in the school garden."},
		{11, 16*time.Hour + 5*time.Minute, publish.Newsletter, "Residential trip sunset.jpg", nil, true, "Sunset on the Year 6 residential trip."},
	})
}

// asTeacher publishes the teacher's part: three photos out and one
// blocked, because one pupil's parents refused social media.
func (h *history) asTeacher(teacher *register.Session) error {
	if h == nil || h.cast == nil {
		return nil
	}
	g := h.cast.granted
	return h.publish(teacher, []pastItem{
		{9, 12*time.Hour + 30*time.Minute, publish.Newsletter, "Harbour visit.jpg", []string{g[0], g[3]}, false, "Our class visit to the harbour."},
		{6, 15*time.Hour + 15*time.Minute, publish.Social, "Harbour visit 2.jpg", []string{g[0], g[4]}, false, "A warship in the harbour!"},
		{6, 15*time.Hour + 22*time.Minute, publish.Social, "Harbour visit.jpg", []string{h.cast.refused, g[4]}, false, "Our class visit to the harbour."},
		{4, 13*time.Hour + 10*time.Minute, publish.Website, "Geography field trip.jpg", []string{g[0], g[1], g[5]}, false, "Year 5 studying rock layers."},
	})
}

// asOffice records a parent's withdrawal of consent for the school's own
// use for the pupil the teacher published twice: the head's takedowns.
func (h *history) asOffice(office *register.Session) error {
	if h == nil || h.cast == nil {
		return nil
	}
	req := form(h.cast.granted[0], civil.Today(h.clk.now()),
		register.PurposeAnswer{Purpose: consent.School, Answer: consent.Withdrawn})
	req.Method = consent.Email
	req.Note = "Emailed the office: please stop using our child's photos on the website and in the newsletter."
	return office.RecordAnswers(req)
}

// publish sends each item through the gate on its day, into PublishedFolder.
func (h *history) publish(sess *register.Session, items []pastItem) error {
	g, err := gate.New(sess)
	if err != nil {
		return err
	}
	defer func() { h.clk.back = 0 }()
	for _, it := range items {
		h.clk.back, h.clk.at = h.daysBack(it.daysAgo), it.at
		x := g.Load(filepath.Join(h.folder, EarlierFolder, it.file))
		x.Tags, x.NoPupils, x.Caption = it.tags, it.noPupils, it.caption
		x = adultsForTheRest(x)
		opt := gate.ExportOptions{To: it.to, OutDir: filepath.Join(h.folder, PublishedFolder)}
		if it.to.Public() {
			opt.Resize = 1600
		}
		if _, err := g.Export(context.Background(), []gate.Item{x}, opt, nil); err != nil {
			return err
		}
	}
	return nil
}

// adultsForTheRest marks the faces the tags do not account for as adults,
// as the teacher who published the photo said they were.
func adultsForTheRest(x gate.Item) gate.Item {
	for i, f := range x.Faces {
		if x.Unaccounted() == 0 {
			break
		}
		if !f.Resolved() {
			x = x.MarkNotPupil(i)
		}
	}
	return x
}

// daysBack is n when n days ago the term's forms were already back, so the
// history never comes before the answers it relies on; else 0 (today).
func (h *history) daysBack(n int) int {
	today := civil.Today(h.clk.base())
	if addDays(today, -n).After(addDays(termStart(today), 15)) {
		return n
	}
	return 0
}
