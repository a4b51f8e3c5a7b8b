package publog

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/access"
	"photoconsent/app/consent"
	"photoconsent/app/publish"
)

var start = time.Date(2026, time.March, 2, 10, 15, 0, 123456789, time.FixedZone("BST", 3600))

// full is an entry with every field set, so that every field can be changed.
func full(i int) Entry {
	return Entry{
		At: start.Add(time.Duration(i) * time.Minute), By: "acc1", ByName: "Mrs Head",
		Kind: Overridden, Destination: publish.Social, Medium: consent.MediaPhoto,
		Original: File{Name: "IMG_0001.jpg", SHA256: strings.Repeat("ab", 32)},
		Output:   File{Name: "social-0001.jpg", SHA256: strings.Repeat("cd", 32)},
		Pupils: []Pupil{
			{PupilID: "p1", Statuses: map[consent.Purpose]consent.Status{consent.Social: consent.StatusRefused, consent.Individual: consent.StatusGranted}, Leaver: true},
			{PupilID: "p2", Statuses: map[consent.Purpose]consent.Status{consent.Social: consent.StatusGranted}, Blurred: true},
		},
		NoPupils: true, Caption: "Sports day", Resized: 2048, Decision: publish.Overridden,
		Faces: 3, Device: "Apple iPhone 12", NotSchoolDevice: true,
		Reasons:    []string{"Amelia S.: no consent for social media"},
		Override:   "the parent agreed on the phone today",
		Approvers:  []publish.Approver{{AccountID: "acc1", Name: "Mrs Head", Role: access.Head}, {AccountID: "acc2", Name: "Mrs Office", Role: access.Office}},
		TakedownOf: 3, TakedownPupil: "p1", Note: "removed from the school's page",
	}
}

// chain seals n entries and returns them with the head.
func chain(n int) ([]Entry, Head) {
	var h Head
	var out []Entry
	for i := range n {
		e := full(i)
		h = Seal(h, &e)
		out = append(out, e)
	}
	return out, h
}

// roundTrip stores and reads back through JSON, as the register does.
func roundTrip(t *testing.T, entries []Entry) []Entry {
	t.Helper()
	b, err := json.Marshal(entries)
	if err != nil {
		t.Fatal(err)
	}
	var out []Entry
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSealFollowsTheHead(t *testing.T) {
	entries, h := chain(3)
	for i, e := range entries {
		if e.Seq != int64(i+1) {
			t.Errorf("entry %d: Seq = %d, want %d", i, e.Seq, i+1)
		}
		if i > 0 && e.Prev != entries[i-1].Hash {
			t.Errorf("entry %d: Prev = %q, want the hash before, %q", i, e.Prev, entries[i-1].Hash)
		}
		if len(e.Hash) != 64 || e.Original.NameDigest != Digest("IMG_0001.jpg") || e.CaptionDigest == "" ||
			e.ReasonsDigest == "" || e.OverrideDigest == "" || e.NoteDigest == "" || e.Output.NameDigest == "" {
			t.Errorf("entry %d: hash or digests not filled: %+v", i, e)
		}
	}
	if entries[0].Prev != "" {
		t.Errorf("first entry's Prev = %q, want empty", entries[0].Prev)
	}
	if want := (Head{Count: 3, Last: entries[2].Hash}); h != want {
		t.Errorf("head = %+v, want %+v", h, want)
	}
}

func TestIntactChainVerifies(t *testing.T) {
	for _, n := range []int{0, 1, 5} {
		entries, h := chain(n)
		if got := Verify(entries, h); len(got) != 0 {
			t.Errorf("%d entries: problems %v, want none", n, got)
		}
		if got := Verify(roundTrip(t, entries), h); len(got) != 0 {
			t.Errorf("%d entries read back from JSON: problems %v, want none", n, got)
		}
	}
}

// TestEveryFieldIsSealed changes each value of each entry, one at a time,
// through the entry's stored JSON, and expects the change to be found.
func TestEveryFieldIsSealed(t *testing.T) {
	entries, h := chain(3)
	stored := roundTrip(t, entries)
	checkEveryFieldStored(t, stored[0])
	for i := range stored {
		var tree map[string]any
		b, err := json.Marshal(stored[i])
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &tree); err != nil {
			t.Fatal(err)
		}
		for _, m := range mutations(tree, "") {
			t.Run(m.path, func(t *testing.T) {
				changed := append([]Entry(nil), stored...)
				changed[i] = fromTree(t, m.tree)
				got := Verify(changed, h)
				if len(got) == 0 {
					t.Fatalf("entry %d with %s changed: no problems found", i+1, m.path)
				}
			})
		}
	}
}

// checkEveryFieldStored fails when Entry gains a field the full fixture
// does not set, which TestEveryFieldIsSealed would then not change.
func checkEveryFieldStored(t *testing.T, e Entry) {
	t.Helper()
	var tree map[string]any
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &tree); err != nil {
		t.Fatal(err)
	}
	if got, want := len(tree), reflect.TypeOf(e).NumField(); got != want {
		t.Fatalf("the full entry stores %d fields, want %d: set every field in full()", got, want)
	}
}

type mutation struct {
	path string
	tree any
}

// mutations returns copies of the JSON tree, each with one value (or map
// key) changed.
func mutations(v any, path string) []mutation {
	var out []mutation
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			for _, m := range mutations(child, path+"/"+k) {
				c := cloneMap(x)
				c[k] = m.tree
				out = append(out, mutation{m.path, c})
			}
			if strings.HasSuffix(path, "/statuses") {
				c := cloneMap(x)
				delete(c, k)
				c[k+"x"] = child
				out = append(out, mutation{path + "/" + k + "(key)", c})
			}
		}
	case []any:
		for i, child := range x {
			for _, m := range mutations(child, path+"/"+string(rune('0'+i))) {
				c := append([]any(nil), x...)
				c[i] = m.tree
				out = append(out, mutation{m.path, c})
			}
		}
	case string:
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return []mutation{{path, t.Add(time.Nanosecond).Format(time.RFC3339Nano)}}
		}
		return []mutation{{path, x + "x"}}
	case float64:
		return []mutation{{path, x + 1}}
	case bool:
		return []mutation{{path, !x}}
	}
	return out
}

func cloneMap(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

func fromTree(t *testing.T, tree any) Entry {
	t.Helper()
	b, err := json.Marshal(tree)
	if err != nil {
		t.Fatal(err)
	}
	var e Entry
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestVerifyFindsStructuralDamage(t *testing.T) {
	entries, h := chain(5)
	resealed := append([]Entry(nil), entries...)
	r := resealed[2]
	r.Caption = "a different caption"
	Seal(Head{Count: 2, Last: "not the real hash"}, &r)
	resealed[2] = r
	tests := []struct {
		name    string
		entries []Entry
		head    Head
		want    []Problem
	}{
		{"middle entry removed", without(entries, 2), h, []Problem{{3, "entry 3 is missing"}}},
		{"first entry removed", without(entries, 0), h, []Problem{{1, "entry 1 is missing"}}},
		{"two middle entries removed", without(without(entries, 1), 1), h, []Problem{{2, "entries 2 and 3 are missing"}}},
		{"last entry removed", entries[:4], h, []Problem{{5, "the last entry was removed"}}},
		{"last two entries removed", entries[:3], h, []Problem{{4, "the last 2 entries were removed"}}},
		{"every entry removed", nil, h, []Problem{{1, "the last 5 entries were removed"}}},
		{"two entries swapped", swapped(entries, 2, 3), h, []Problem{{3, "entries 3 and 4 are out of order"}}},
		{"head count cut", entries, Head{Count: 3, Last: entries[2].Hash},
			[]Problem{{4, "the log should end at entry 3, but it goes on to entry 5"}}},
		{"head missing", entries, Head{},
			[]Problem{{1, "the log's record of how many entries it holds is missing, but it holds entries up to 5"}}},
		{"head's last hash changed", entries, Head{Count: 5, Last: entries[3].Hash},
			[]Problem{{5, "entry 5 was replaced, or the log's record of its last entry was changed"}}},
		{"last entry re-sealed", replaced(entries, 4, resealedAt(entries, 4)), h,
			[]Problem{{5, "entry 5 was replaced, or the log's record of its last entry was changed"}}},
		{"middle entry re-sealed", resealed, h,
			[]Problem{{3, "entry 3 or entry 2 before it was replaced after it was written"},
				{4, "entry 4 or entry 3 before it was replaced after it was written"}}},
		{"entry copied over another", replaced(entries, 3, entries[2]), h,
			[]Problem{{3, "entry 3 appears more than once"}, {4, "entry 4 is missing"}}},
		{"entry with number 0", replaced(entries, 0, Entry{}), h,
			[]Problem{{0, "an entry has the number 0, which no entry can have"}, {1, "entry 1 is missing"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Verify(tt.entries, tt.head)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Verify problems (-want +got):\n%s", diff)
			}
		})
	}
}

// resealedAt returns entry i changed and sealed again onto the real chain,
// as someone who knows the format could do.
func resealedAt(es []Entry, i int) Entry {
	e := es[i]
	e.Caption = "changed"
	Seal(Head{Count: int64(i), Last: es[i-1].Hash}, &e)
	return e
}

func without(es []Entry, i int) []Entry {
	out := append([]Entry(nil), es[:i]...)
	return append(out, es[i+1:]...)
}

func swapped(es []Entry, i, j int) []Entry {
	out := append([]Entry(nil), es...)
	out[i], out[j] = out[j], out[i]
	return out
}

func replaced(es []Entry, i int, e Entry) []Entry {
	out := append([]Entry(nil), es...)
	out[i] = e
	return out
}

func TestRedactedEntriesStillVerify(t *testing.T) {
	entries, h := chain(4)
	entries[1].Redact()
	entries[3].Original.Name = ""
	stored := roundTrip(t, entries)
	if got := Verify(stored, h); len(got) != 0 {
		t.Fatalf("after redaction: problems %v, want none", got)
	}
	if stored[1].Caption != "" || stored[1].Reasons != nil || stored[1].Original.NameDigest == "" {
		t.Errorf("redacted entry %+v: text kept or digest lost", stored[1])
	}
	// A name put back must be the one that was there.
	stored[1].Original.Name = "IMG_9999.jpg"
	if got := Verify(stored, h); len(got) != 1 || got[0].Seq != 2 {
		t.Errorf("a different name put back: problems %v, want entry 2 changed", got)
	}
}

func TestInvalidUTF8SurvivesTheStore(t *testing.T) {
	var h Head
	e := Entry{Kind: Exported, Original: File{Name: "IMG\xff\xfe.jpg"}, Caption: "caf\xe9",
		Reasons: []string{"bad \xc3"}, Pupils: []Pupil{{PupilID: "p\x80"}}}
	h = Seal(h, &e)
	if got := Verify(roundTrip(t, []Entry{e}), h); len(got) != 0 {
		t.Errorf("problems %v, want none", got)
	}
}

func FuzzVerify(f *testing.F) {
	entries, h := chain(3)
	b, err := json.Marshal(struct {
		E []Entry
		H Head
	}{entries, h})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"E":[{"seq":9223372036854775807},{"seq":-9223372036854775808},{"seq":1}],"H":{"count":-1}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var in struct {
			E []Entry
			H Head
		}
		if json.Unmarshal(data, &in) != nil {
			return
		}
		for _, p := range Verify(in.E, in.H) {
			if p.What == "" {
				t.Errorf("a problem without words at entry %d", p.Seq)
			}
		}
	})
}

func FuzzSealRoundTrip(f *testing.F) {
	f.Add("IMG_0001.jpg", "Sports day", "Amelia S.: no consent", "p1", int64(0))
	f.Add("\xff", "\xe9\x00", "", "", int64(7))
	f.Fuzz(func(t *testing.T, name, caption, reason, pupilID string, count int64) {
		if count < 0 || count > 1<<40 {
			return
		}
		e := Entry{Kind: Blocked, Original: File{Name: name}, Caption: caption, Reasons: []string{reason},
			Pupils: []Pupil{{PupilID: pupilID, Statuses: map[consent.Purpose]consent.Status{consent.Purpose(reason): "x"}}}}
		h := Seal(Head{Count: count, Last: "prev"}, &e)
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		var back Entry
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if hashOf(back) != back.Hash || !textIntact(back) {
			t.Errorf("entry %+v read back as %+v no longer matches its hash", e, back)
		}
		if h.Count != count+1 || h.Last != e.Hash {
			t.Errorf("head %+v after sealing on count %d", h, count)
		}
	})
}

// TestOlderEntriesKeepTheirHash: an entry written before faces, devices
// and blurring were logged hashes as it did then (the hash below was
// taken from such an entry), so existing logs still verify.
func TestOlderEntriesKeepTheirHash(t *testing.T) {
	e := full(0)
	e.Faces, e.Device, e.NotSchoolDevice = 0, "", false
	for i := range e.Pupils {
		e.Pupils[i].Blurred = false
	}
	Seal(Head{}, &e)
	const before = "39832396f7d98ba71f24ef9caf60a6e9a1cb0ee71face39d61b33f2facec895e"
	if e.Hash != before {
		t.Errorf("hash of an entry without the newer fields = %s, want %s", e.Hash, before)
	}
}
