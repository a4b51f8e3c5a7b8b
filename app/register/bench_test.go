package register_test

import (
	"context"
	"testing"

	"photoconsent/app/demo"
	"photoconsent/app/register"
	"photoconsent/storage"
)

// openBenchRegister creates a real encrypted store in a temporary folder,
// with production Badger options and cheap key derivation.
func openBenchRegister(b testing.TB) (*register.Session, func()) {
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
	data := demo.LargeSchoolCSV(50_000)
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
	data := demo.LargeSchoolCSV(50_000)
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
	data := demo.LargeSchoolCSV(50_000)
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
