package cli

import (
	"fmt"
	"strings"

	"photoconsent/app/access"
	"photoconsent/app/civil"
	"photoconsent/app/consent"
	"photoconsent/app/register"
)

func runConsent(env *Env, args []string) error {
	var c common
	fs := newFlags("consent", env, &c)
	ref := fs.String("pupil", "", "the pupil's UPN (or admission number)")
	purpose := fs.String("purpose", "", "school, social, press or individual")
	answer := fs.String("answer", "", "granted, refused or withdrawn")
	by := fs.String("by", "", `who answered: a contact's name, or "pupil"`)
	date := fs.String("date", "", "when they answered, YYYY-MM-DD (default today)")
	method := fs.String("method", "form", "form, email or in-person")
	media := fs.String("media", "", "photo or video, when the school asks about them separately")
	expires := fs.String("expires", "", "when the answer lapses, YYYY-MM-DD (default never)")
	note := fs.String("note", "", "a note to keep with the answer")
	scan := fs.String("scan", "", "a scanned form (PDF, JPEG or PNG) to keep with the answer")
	if err := noFiles(fs, args); err != nil {
		return err
	}
	req, err := answerRequest(*purpose, *answer, *date, *method, *media, *expires, *note)
	if err != nil {
		return err
	}
	if *ref == "" {
		return usagef("name the pupil with --pupil UPN")
	}
	if *scan != "" {
		if req.Scan, err = readInput(*scan); err != nil {
			return err
		}
	}
	s, done, err := c.signIn(env)
	if err != nil {
		return err
	}
	defer done()
	if err := s.Check(access.RecordConsent); err != nil {
		return err
	}
	p, err := s.FindPupil(*ref)
	if err != nil {
		return err
	}
	req.PupilIDs = []string{p.ID}
	if req.By, err = giver(s, p.ID, *by); err != nil {
		return err
	}
	if err := s.RecordAnswers(req); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Recorded: %s %s for %s.\n", *purpose, *answer, *ref)
	return nil
}

func answerRequest(purpose, answer, date, method, media, expires, note string) (register.AnswerRequest, error) {
	var req register.AnswerRequest
	p, err := consent.ParsePurpose(purpose)
	if err != nil {
		return req, usagef("%v", err)
	}
	a, err := consent.ParseAnswer(answer)
	if err != nil {
		return req, usagef("%v", err)
	}
	m, err := consent.ParseMethod(method)
	if err != nil {
		return req, usagef("%v", err)
	}
	md := consent.Media(media)
	if md != consent.MediaAny && md != consent.MediaPhoto && md != consent.MediaVideo {
		return req, usagef("--media is photo or video")
	}
	if req.Date, err = civil.Parse(date); err != nil {
		return req, usagef("--date: %v", err)
	}
	if req.Expires, err = civil.Parse(expires); err != nil {
		return req, usagef("--expires: %v", err)
	}
	req.Answers = []register.PurposeAnswer{{Purpose: p, Media: md, Answer: a}}
	req.Method, req.Note = m, note
	return req, nil
}

// giver resolves --by. Without it, a pupil with exactly one contact with
// parental responsibility is taken to have answered through them.
func giver(s *register.Session, pupilID, by string) (consent.Giver, error) {
	if strings.EqualFold(by, "pupil") {
		return consent.Giver{Pupil: true}, nil
	}
	if by != "" {
		return consent.Giver{Name: by}, nil
	}
	d, err := s.Pupil(pupilID)
	if err != nil {
		return consent.Giver{}, err
	}
	givers := d.Givers()
	parents := givers[:len(givers)-1] // the last giver is the pupil
	if len(parents) != 1 {
		return consent.Giver{}, usagef("say who gave the answer with --by: this pupil has %d contacts with parental responsibility", len(parents))
	}
	return parents[0], nil
}
