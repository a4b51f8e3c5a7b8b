package civil

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParseAndFormat(t *testing.T) {
	d, err := Parse("2016-02-29")
	if err != nil {
		t.Fatal(err)
	}
	if d.String() != "2016-02-29" || d.UK() != "29/02/2016" {
		t.Errorf("got %s / %s", d.String(), d.UK())
	}
	for _, bad := range []string{"2015-02-29", "29/02/2016", "2016-13-01", "x"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
	if z, err := Parse(""); err != nil || !z.IsZero() || z.String() != "" || z.UK() != "" {
		t.Errorf("Parse(\"\") = %v, %v", z, err)
	}
}

func TestCompare(t *testing.T) {
	a := Date{2025, time.August, 31}
	b := Date{2025, time.September, 1}
	if !a.Before(b) || !b.After(a) || a.Compare(a) != 0 || a.After(b) {
		t.Error("ordering of 31 Aug and 1 Sep is wrong")
	}
	if !(Date{2024, time.December, 31}).Before(Date{2025, time.January, 1}) {
		t.Error("year boundary ordering is wrong")
	}
}

func TestJSONRoundTrip(t *testing.T) {
	type rec struct{ D, Z Date }
	b, err := json.Marshal(rec{D: Date{2014, time.November, 3}})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"D":"2014-11-03","Z":""}` {
		t.Errorf("JSON = %s", b)
	}
	var back rec
	if err := json.Unmarshal(b, &back); err != nil || back.D != (Date{2014, time.November, 3}) || !back.Z.IsZero() {
		t.Errorf("round trip = %+v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"D":"03/11/2014"}`), &back); err == nil {
		t.Error("a UK-format date in JSON was accepted")
	}
}
