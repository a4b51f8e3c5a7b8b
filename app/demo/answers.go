package demo

import (
	"time"

	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/register"
)

// The pupils whose stories the demo tells, by UPN in the shared samples.
const (
	withdrawnUPN    = "X999200119033" // a parent withdrew social media consent last week
	disagreeUPN     = "E999200121012" // parents answered the press question differently
	neverPublishUPN = "Z999200125003" // looked-after child
	expiredUPN      = "C999200124004" // individual consent lapsed at the end of last year
)

// recordAnswers gives the demo school a realistic spread: most forms back,
// a few not, some refusals, one withdrawal, one disagreement, one lapsed
// consent and one child who must never be published.
func recordAnswers(head *register.Session, today civil.Date) error {
	rows, _, err := head.Register()
	if err != nil {
		return err
	}
	start := termStart(today)
	stories := map[string]func(*register.Session, string, civil.Date, civil.Date) error{
		withdrawnUPN: withdrawn, disagreeUPN: disagree, expiredUPN: expired, neverPublishUPN: neverPublish,
	}
	for i, r := range rows {
		if story, ok := stories[r.UPN]; ok {
			err = story(head, r.PupilID, start, today)
		} else if req, ok := formFor(r.PupilID, i, start, today); ok && r.OnRoll {
			err = head.RecordAnswers(req)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// formFor is one returned form, its answers varied by the pupil's place in
// the register; every fifth family has not returned it.
func formFor(id string, i int, start, today civil.Date) (register.AnswerRequest, bool) {
	if i%5 == 4 {
		return register.AnswerRequest{}, false
	}
	g, r := consent.Granted, consent.Refused
	pick := func(answers ...consent.Answer) consent.Answer { return answers[i%len(answers)] }
	answers := []register.PurposeAnswer{
		{Purpose: consent.School, Answer: g},
		{Purpose: consent.Social, Answer: pick(g, g, r, g)},
		{Purpose: consent.Press, Answer: pick(g, r, g)},
	}
	if a := pick(g, "", r, g, ""); a != "" {
		answers = append(answers, register.PurposeAnswer{Purpose: consent.Individual, Answer: a})
	}
	return form(id, minDate(addDays(start, 3+i%12), today), answers...), true
}

func form(id string, on civil.Date, answers ...register.PurposeAnswer) register.AnswerRequest {
	return register.AnswerRequest{PupilIDs: []string{id}, Answers: answers, ByFirstContact: true,
		Method: consent.Form, Date: on}
}

func all(a consent.Answer) []register.PurposeAnswer {
	var out []register.PurposeAnswer
	for _, p := range consent.Purposes {
		out = append(out, register.PurposeAnswer{Purpose: p, Answer: a})
	}
	return out
}

// withdrawn: everything granted in September, then social media withdrawn by e-mail last week.
func withdrawn(head *register.Session, id string, start, today civil.Date) error {
	if err := head.RecordAnswers(form(id, addDays(start, 5), all(consent.Granted)...)); err != nil {
		return err
	}
	req := form(id, addDays(today, -7), register.PurposeAnswer{Purpose: consent.Social, Answer: consent.Withdrawn})
	req.Method, req.Note = consent.Email, "Emailed the office: please stop using her photo on social media."
	return head.RecordAnswers(req)
}

// disagree: the mother granted everything; the father told the office he refuses press photos.
func disagree(head *register.Session, id string, start, _ civil.Date) error {
	if err := head.RecordAnswers(form(id, addDays(start, 5), all(consent.Granted)...)); err != nil {
		return err
	}
	req := form(id, addDays(start, 20), register.PurposeAnswer{Purpose: consent.Press, Answer: consent.Refused})
	req.ByFirstContact, req.By = false, consent.Giver{Name: "Chukwuemeka Okafor"}
	req.Method, req.Note = consent.InPerson, "Father does not want press photos."
	return head.RecordAnswers(req)
}

// expired: last year's individual consent lapsed on 31 August and was not renewed.
func expired(head *register.Session, id string, start, _ civil.Date) error {
	g := consent.Granted
	this := form(id, addDays(start, 5),
		register.PurposeAnswer{Purpose: consent.School, Answer: g},
		register.PurposeAnswer{Purpose: consent.Social, Answer: g},
		register.PurposeAnswer{Purpose: consent.Press, Answer: consent.Refused})
	if err := head.RecordAnswers(this); err != nil {
		return err
	}
	last := form(id, addDays(start, -360), register.PurposeAnswer{Purpose: consent.Individual, Answer: g})
	last.Expires, last.Wording = addDays(start, -1), "v0"
	return head.RecordAnswers(last)
}

// neverPublish: the form says yes, but the child is looked after.
func neverPublish(head *register.Session, id string, start, _ civil.Date) error {
	if err := head.RecordAnswers(form(id, addDays(start, 5), all(consent.Granted)...)); err != nil {
		return err
	}
	return head.SetNeverPublish(id, "Looked-after child: placement must not be identifiable.")
}

// termStart is 1 September of the current academic year.
func termStart(today civil.Date) civil.Date {
	y := today.Year
	if today.Month < time.September {
		y--
	}
	return civil.Date{Year: y, Month: time.September, Day: 1}
}

func addDays(d civil.Date, n int) civil.Date {
	return civil.Of(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

func minDate(a, b civil.Date) civil.Date {
	if a.After(b) {
		return b
	}
	return a
}
