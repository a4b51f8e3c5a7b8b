package consent

import (
	"testing"
	"time"

	"photoconsent/app/civil"
)

var (
	mum   = Giver{Name: "Rachel Hargreaves", Relationship: "Mother"}
	dad   = Giver{Name: "Daniel Hargreaves", Relationship: "Father"}
	child = Giver{Pupil: true, Name: "Ollie Hargreaves"}
	mis   = Giver{}
	today = civil.Date{Year: 2026, Month: time.November, Day: 23}
)

// ans builds a record for the school purpose; day counts from 1 Sep 2025.
func ans(by Giver, a Answer, day int) Record {
	d := civil.Of(time.Date(2025, time.September, 1+day, 0, 0, 0, 0, time.UTC))
	return Record{Purpose: School, Answer: a, By: by, Date: d,
		RecordedAt: time.Date(2026, 1, 1, 0, 0, day, 0, time.UTC)}
}

func expiring(r Record, expires civil.Date) Record { r.Expires = expires; return r }

func media(r Record, m Media) Record { r.Media = m; return r }

func TestDerive(t *testing.T) {
	yesterday := civil.Date{Year: 2026, Month: time.November, Day: 22}
	tomorrow := civil.Date{Year: 2026, Month: time.November, Day: 24}
	tests := []struct {
		name    string
		history []Record
		never   bool
		want    Status
	}{
		{"no answers", nil, false, StatusNotReturned},
		{"answers for another purpose only", []Record{{Purpose: Press, Answer: Granted, By: mum}}, false, StatusNotReturned},
		{"one parent grants", []Record{ans(mum, Granted, 1)}, false, StatusGranted},
		{"one parent refuses", []Record{ans(mum, Refused, 1)}, false, StatusRefused},
		{"both grant", []Record{ans(mum, Granted, 1), ans(dad, Granted, 2)}, false, StatusGranted},
		{"parents disagree", []Record{ans(mum, Granted, 1), ans(dad, Refused, 2)}, false, StatusDisagree},
		{"disagreement resolved", []Record{ans(mum, Granted, 1), ans(dad, Refused, 2), ans(dad, Granted, 3)}, false, StatusGranted},
		{"pupil refuses what a parent granted", []Record{ans(mum, Granted, 1), ans(child, Refused, 2)}, false, StatusDisagree},
		{"grant then withdrawal", []Record{ans(mum, Granted, 1), ans(mum, Withdrawn, 5)}, false, StatusWithdrawn},
		{"withdrawal by one of two", []Record{ans(mum, Granted, 1), ans(dad, Granted, 1), ans(dad, Withdrawn, 9)}, false, StatusWithdrawn},
		{"granted again after withdrawal", []Record{ans(mum, Withdrawn, 1), ans(mum, Granted, 2)}, false, StatusGranted},
		{"history order does not matter", []Record{ans(mum, Withdrawn, 5), ans(mum, Granted, 1)}, false, StatusWithdrawn},
		{"expired grant", []Record{expiring(ans(mum, Granted, 1), yesterday)}, false, StatusExpired},
		{"expires today", []Record{expiring(ans(mum, Granted, 1), today)}, false, StatusExpired},
		{"expires tomorrow", []Record{expiring(ans(mum, Granted, 1), tomorrow)}, false, StatusGranted},
		{"expired but renewed by the other parent", []Record{expiring(ans(mum, Granted, 1), yesterday), ans(dad, Granted, 2)}, false, StatusGranted},
		{"expired grant and a refusal", []Record{expiring(ans(mum, Granted, 1), yesterday), ans(dad, Refused, 2)}, false, StatusDisagree},
		{"MIS answer alone", []Record{ans(mis, Granted, 1)}, false, StatusGranted},
		{"MIS answer superseded by a parent", []Record{ans(mis, Granted, 1), ans(mum, Refused, 2)}, false, StatusRefused},
		{"MIS answer after a parent's stands beside it", []Record{ans(mum, Granted, 1), ans(mis, Refused, 2)}, false, StatusDisagree},
		{"never publish beats a grant", []Record{ans(mum, Granted, 1)}, true, StatusNeverPublish},
		{"never publish with no answers", nil, true, StatusNeverPublish},
		{"giver names compared loosely", []Record{ans(mum, Granted, 1), ans(Giver{Name: " rachel  HARGREAVES"}, Refused, 2)}, false, StatusRefused},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, m := range []Media{MediaAny, MediaPhoto, MediaVideo} {
				if got := Derive(tt.history, School, m, tt.never, today); got != tt.want {
					t.Errorf("Derive(media %q) = %q, want %q", m, got, tt.want)
				}
			}
		})
	}
}

func TestDeriveSplitMedia(t *testing.T) {
	history := []Record{media(ans(mum, Granted, 1), MediaPhoto), media(ans(mum, Refused, 1), MediaVideo)}
	tests := []struct {
		m    Media
		want Status
	}{
		{MediaPhoto, StatusGranted},
		{MediaVideo, StatusRefused},
		{MediaAny, StatusRefused}, // photo and video together: the stricter
	}
	for _, tt := range tests {
		if got := Derive(history, School, tt.m, false, today); got != tt.want {
			t.Errorf("Derive(media %q) = %q, want %q", tt.m, got, tt.want)
		}
	}
	// An answer for both media counts for each.
	both := []Record{ans(mum, Granted, 1)}
	if got := Derive(both, School, MediaVideo, false, today); got != StatusGranted {
		t.Errorf("Derive(video) with an answer for both = %q, want granted", got)
	}
}

func TestAllows(t *testing.T) {
	explicit := Settings{}
	assume := Settings{NotReturnedMeansConsent: true}
	for _, st := range Statuses {
		wantExplicit := st == StatusGranted
		wantAssume := st == StatusGranted || st == StatusNotReturned
		if got := explicit.Allows(st); got != wantExplicit {
			t.Errorf("explicit-consent school: Allows(%q) = %v, want %v", st, got, wantExplicit)
		}
		if got := assume.Allows(st); got != wantAssume {
			t.Errorf("assume-consent school: Allows(%q) = %v, want %v", st, got, wantAssume)
		}
	}
}

func TestStricter(t *testing.T) {
	for i, a := range Statuses {
		for j, b := range Statuses {
			want := a
			if j < i {
				want = b
			}
			if got := Stricter(a, b); got != want {
				t.Errorf("Stricter(%q, %q) = %q, want %q", a, b, got, want)
			}
		}
	}
}
