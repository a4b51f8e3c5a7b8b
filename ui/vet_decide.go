package ui

import (
	"slices"

	"photoconsent/app/gate"
	"photoconsent/app/publish"
)

// redecideAll decides every photo again: the destination or the register
// changed.
func (s *vetScreen) redecideAll() {
	idx := make([]int, len(s.photos))
	for i := range idx {
		idx[i] = i
	}
	s.redecide(idx)
}

// redecide asks the gate for the decisions of the photos at idx, in the
// background (each reads the tagged pupils' statuses). A result is used
// only if nothing about the photo or the destination changed meanwhile.
func (s *vetScreen) redecide(idx []int) {
	g, d := s.gate, s.dest
	if g == nil {
		return
	}
	type job struct {
		i   int
		p   *vetPhoto
		ver int
		it  gate.Item
	}
	type result struct {
		job
		dec publish.Decision
		err error
	}
	var jobs []job
	for _, i := range idx {
		p := s.photos[i]
		p.ver++
		if p.checked {
			jobs = append(jobs, job{i, p, p.ver, copyItem(p.item)})
		}
	}
	if len(jobs) == 0 {
		return
	}
	background(s.app, func() ([]result, error) {
		out := make([]result, len(jobs))
		for k, j := range jobs {
			dec, err := g.Decide(j.it, d)
			out[k] = result{j, dec, err}
		}
		return out, nil
	}, func(rs []result, _ error) {
		var changed []int
		for _, r := range rs {
			if r.i >= len(s.photos) || s.photos[r.i] != r.p || r.p.ver != r.ver {
				continue
			}
			r.p.dec, r.p.decided, r.p.decErr = r.dec, r.err == nil, ""
			if r.err != nil {
				r.p.decErr = sentence(r.err)
			}
			changed = append(changed, r.i)
		}
		if len(changed) > 0 {
			s.refreshPhotos(changed)
			s.updateCount()
		}
	})
}

// edit changes the selected photos (or, with none selected, the one in the
// detail area) and decides them again.
func (s *vetScreen) edit(change func(*gate.Item)) {
	idx := s.targets()
	for _, i := range idx {
		change(&s.photos[i].item)
	}
	s.redecide(idx)
	s.refreshPhotos(idx)
	s.tags.refreshSelection()
	s.detail.show()
}

// targets are the photos tagging acts on: the selected ones, or the one
// shown in the detail area when none is selected.
func (s *vetScreen) targets() []int {
	idx := s.selected()
	if len(idx) == 0 && s.cur >= 0 && s.cur < len(s.photos) {
		idx = []int{s.cur}
	}
	return idx
}

func copyItem(it gate.Item) gate.Item {
	it.Tags = slices.Clone(it.Tags)
	it.Faces, it.Blur = slices.Clone(it.Faces), slices.Clone(it.Blur)
	if it.Override != nil {
		o := *it.Override
		it.Override = &o
	}
	return it
}
