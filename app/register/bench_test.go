package register_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"photoconsent/app/register"
	"photoconsent/storage"
)

// schoolCSV writes a SIMS-style export of n synthetic pupils, each with two
// contacts and a photo-consent answer, like a large trust's whole roll.
func schoolCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`"Adno","UPN","Legal Surname","Legal Forename","Middle Name(s)","Preferred Surname","Preferred Forename","Gender","DOB","Year","Reg","Admission Date","Photo Consent",` +
		`"Contact 1 Title","Contact 1 Forename","Contact 1 Surname","Contact 1 Relationship","Contact 1 Parental Responsibility","Contact 1 Mobile","Contact 1 Email",` +
		`"Contact 2 Title","Contact 2 Forename","Contact 2 Surname","Contact 2 Relationship","Contact 2 Parental Responsibility","Contact 2 Mobile","Contact 2 Email"` + "\r\n")
	consent := []string{"Yes", "No", ""}
	for i := range n {
		year := 1 + i%6
		fmt.Fprintf(&b, `"%06d","","Surname%05d","Forename%05d","","Surname%05d","Forename%05d","F","%02d/%02d/%d","%d","%d%c","04/09/2019","%s",`,
			i, i, i, i, i, 1+i%28, 1+i%12, 2019-year, year, year, 'A'+i%4, consent[i%3])
		fmt.Fprintf(&b, `"Mrs","Parent%05d","Surname%05d","Mother","Yes","07700 9%05d","p%d@example.com",`, i, i, i%100000, i)
		fmt.Fprintf(&b, `"Mr","Other%05d","Surname%05d","Father","Yes","07700 8%05d","o%d@example.org"`+"\r\n", i, i, i%100000, i)
	}
	return b.Bytes()
}

// openBenchRegister creates a real encrypted store in a temporary folder,
// with production Badger options and cheap key derivation.
func openBenchRegister(b *testing.B) (*register.Session, func()) {
	b.Helper()
	v, err := storage.NewVault(b.TempDir(), storage.Options{KDF: storage.InsecureTestKDF})
	if err != nil {
		b.Fatal(err)
	}
	s, db, _, err := register.CreateRegister(v, "Bench Academy", "head", "Quick-pass-2026!", register.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return s, func() {
		if err := db.Close(); err != nil {
			b.Error(err)
		}
	}
}

// BenchmarkImport50000 plans and applies an import of 50,000 new pupils into
// an empty encrypted register, with their MIS consent answers.
func BenchmarkImport50000(b *testing.B) {
	data := schoolCSV(50_000)
	for b.Loop() {
		b.StopTimer()
		s, done := openBenchRegister(b)
		b.StartTimer()
		plan, err := s.PlanImport("school.csv", data, register.ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.ApplyImport(context.Background(), plan, nil); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		done()
		b.StartTimer()
	}
	b.ReportMetric(50_000, "pupils/op")
}

// BenchmarkReimportUnchanged50000 re-imports the same 50,000 pupils: the
// everyday case, which must find nothing to write.
func BenchmarkReimportUnchanged50000(b *testing.B) {
	data := schoolCSV(50_000)
	s, done := openBenchRegister(b)
	defer done()
	plan, err := s.PlanImport("school.csv", data, register.ImportOptions{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.ApplyImport(context.Background(), plan, nil); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		plan, err := s.PlanImport("school.csv", data, register.ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if !plan.Empty() {
			b.Fatal("re-import found changes")
		}
	}
}

// BenchmarkRegister50000 reads 50,000 pupils and their answers and derives
// every status: what opening the register screen costs.
func BenchmarkRegister50000(b *testing.B) {
	data := schoolCSV(50_000)
	s, done := openBenchRegister(b)
	defer done()
	plan, err := s.PlanImport("school.csv", data, register.ImportOptions{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.ApplyImport(context.Background(), plan, nil); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		rows, _, err := s.Register()
		if err != nil {
			b.Fatal(err)
		}
		if len(rows) != 50_000 {
			b.Fatalf("%d rows, want 50000", len(rows))
		}
	}
}
