package names

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

var (
	benchForenames = []string{
		"Oliver", "George", "Arthur", "Noah", "Muhammad", "Leo", "Harry", "Oscar", "Archie", "Henry",
		"Theodore", "Freddie", "Jack", "Charlie", "Theo", "Alfie", "Jacob", "Thomas", "Finley", "Arlo",
		"Olivia", "Amelia", "Isla", "Ava", "Ivy", "Freya", "Lily", "Florence", "Mia", "Willow",
		"Rosie", "Sophia", "Isabella", "Grace", "Daisy", "Sienna", "Poppy", "Elsie", "Emily", "Ella",
		"Zoë", "Chloé", "Siobhán", "Aoife", "Niamh", "Seán", "Oisín", "Róisín", "Eòghann", "Ffion",
		"Dylan", "Rhys", "Gruffydd", "Cerys", "Aled", "Łucja", "Zofia", "Jakub", "Søren", "Amélie",
		"Mohammed", "Aisha", "Fatima", "Ayaan", "Zara", "Priya", "Arjun", "Ananya", "Kwame", "Chidi",
		"Jo", "Al", "May", "Rose", "Hope", "Will", "Mark", "Bill", "Joy", "Sky",
		"Mary Jane", "Anne-Marie", "Jean-Luc", "Mei", "Yusuf", "Ibrahim", "Maryam", "Hannah", "Sam", "Alex",
	}
	benchSurnames = []string{
		"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Wright",
		"Robinson", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke",
		"Jackson", "Wood", "Harris", "Edwards", "Turner", "Martin", "Cooper", "Hill", "Ward", "Hughes",
		"Hartley-Jones", "Adams-Turner", "Lloyd-Webber", "Bowes-Lyon", "Smith-Khan", "Owen-Pritchard",
		"O'Neill", "O’Brien", "D'Arcy", "Ó Briain", "Ní Bhriain", "Mac Giolla", "McDonald", "MacLeod",
		"van der Berg", "de la Cruz", "von Trapp", "Da Silva", "Le Roux", "St John",
		"Kowalski", "Nowak", "Wiśniewski", "Müller", "Schäfer", "Øvergaard", "García", "Núñez", "Gonçalves",
		"Khan", "Ahmed", "Hussain", "Ali", "Begum", "Singh", "Kaur", "Chowdhury", "Okafor", "Adeyemi",
		"Nguyen", "Li", "Wang", "Chen", "Zhang", "Ng", "Ng-Ho", "Mensah", "Osei", "Boateng",
	}
)

// benchPeople makes n pupils from common UK names: some with a preferred
// forename, some with a second (preferred or former) surname.
func benchPeople(n int) []Person {
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	people := make([]Person, n)
	for i := range people {
		p := Person{ID: fmt.Sprintf("p%05d", i)}
		p.Forenames = []string{pick(benchForenames)}
		if rng.IntN(5) == 0 {
			p.Forenames = append(p.Forenames, pick(benchForenames))
		}
		p.Surnames = []string{pick(benchSurnames)}
		if rng.IntN(8) == 0 {
			p.Surnames = append(p.Surnames, pick(benchSurnames))
		}
		people[i] = p
	}
	people[n/2] = Person{ID: "amelia", Forenames: []string{"Amelia"}, Surnames: []string{"Hartley-Jones"}}
	return people
}

var sink []Match

func BenchmarkNewIndex50000(b *testing.B) {
	people := benchPeople(50000)
	b.ReportAllocs()
	for b.Loop() {
		NewIndex(people)
	}
}

func BenchmarkFind50000(b *testing.B) {
	ix := NewIndex(benchPeople(50000))
	texts := []struct{ name, text string }{
		{"filename", "IMG_20240612_SportsDay_AmeliaHartleyJones.jpg"},
		{"camera", "DSC_0042.JPG"},
		{"runtogether", "sportsdayameliahartleyjonesfinalversion2.mov"},
		{"commonforename", "IMG_0042_Amelia.jpg"}, // warns for every Amelia: hundreds
		{"caption", "Year 3 enjoyed the sports day relay; well done to Amelia Hartley-Jones and the whole class!"},
	}
	for _, tc := range texts {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = ix.Find(tc.text)
			}
		})
	}
}

func TestBenchPeopleFound(t *testing.T) {
	ix := NewIndex(benchPeople(50000))
	got := ix.Find("IMG_20240612_SportsDay_AmeliaHartleyJones.jpg")
	if len(got) == 0 || got[0] != block("amelia", "AmeliaHartleyJones") {
		t.Errorf("Find = %v, want Amelia first as a block", got[:min(len(got), 3)])
	}
}
