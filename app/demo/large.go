package demo

import (
	"bytes"
	"fmt"
)

// LargeSchoolCSV writes a SIMS-style export of n synthetic pupils, each with two
// contacts and a photo-consent answer, like a large trust's whole roll: for
// benchmarks and memory measurements (scripts/bench-memory).
func LargeSchoolCSV(n int) []byte {
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
