package names_test

import (
	"fmt"

	"photoconsent/app/names"
)

func ExampleIndex_Find() {
	ix := names.NewIndex([]names.Person{
		{ID: "p1", Forenames: []string{"Amelia"}, Surnames: []string{"Hartley-Jones"}},
		{ID: "p2", Forenames: []string{"Rose"}, Surnames: []string{"Smith"}},
	})
	for _, m := range ix.Find("IMG_20240612_SportsDay_AmeliaHartleyJones_with_Rose.jpg") {
		fmt.Println(m.PersonID, m.Severity, m.Text)
	}
	// Output:
	// p1 block AmeliaHartleyJones
	// p2 warn Rose
}
