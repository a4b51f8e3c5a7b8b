// Command genschool writes a synthetic SIMS-style export of N pupils to
// standard output, for measuring PhotoConsent on a large school:
//
//	go run ./scripts/genschool 50000 > school.csv
package main

import (
	"fmt"
	"os"
	"strconv"

	"photoconsent/app/demo"
)

func main() {
	n := 50_000
	if len(os.Args) > 1 {
		v, err := strconv.Atoi(os.Args[1])
		if err != nil || v < 1 {
			fmt.Fprintln(os.Stderr, "usage: genschool [NUMBER-OF-PUPILS]")
			os.Exit(2)
		}
		n = v
	}
	if _, err := os.Stdout.Write(demo.LargeSchoolCSV(n)); err != nil {
		fmt.Fprintln(os.Stderr, "genschool:", err)
		os.Exit(1)
	}
}
