package mis

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"photoconsent/app/civil"
)

// Reasons a date cell is not used. Callers turn them into row warnings.
var (
	errNotDate     = errors.New("is not a date")
	errNotRealDate = errors.New("is not a real date")
	errShortYear   = errors.New("has a two-digit year")
)

// Years outside this range are typing errors or MIS placeholders.
const (
	minYear = 1800
	maxYear = 2200
)

// parseDate reads the date forms UK exports use: dd/mm/yyyy and d/m/yyyy
// (also with - or . between the parts), ISO yyyy-mm-dd, each optionally
// followed by a time, which Excel adds when it re-saves a file. Month-first
// US dates are not guessed at: in a UK file 02/03 is 2 March, and 03/13 is
// an error to show, not to repair. A blank cell gives the zero Date.
func parseDate(s string) (civil.Date, error) {
	s = dropTime(strings.TrimSpace(s))
	if s == "" {
		return civil.Date{}, nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 || !allDigits(parts) {
		return civil.Date{}, errNotDate
	}
	var y, m, d string
	switch {
	case len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		y, m, d = parts[0], parts[1], parts[2]
	case len(parts[0]) <= 2 && len(parts[1]) <= 2 && len(parts[2]) == 4:
		d, m, y = parts[0], parts[1], parts[2]
	case len(parts[0]) <= 2 && len(parts[1]) <= 2 && len(parts[2]) == 2:
		return civil.Date{}, errShortYear
	default:
		return civil.Date{}, errNotDate
	}
	return makeDate(atoi(y), atoi(m), atoi(d))
}

// dropTime removes a time after the date: "2015-07-22T00:00:00" or
// "22/07/2015 00:00".
func dropTime(s string) string {
	if i := strings.IndexAny(s, "T "); i >= 8 {
		return s[:i]
	}
	return s
}

// makeDate rejects 31 February and the like rather than letting time.Date
// roll it over into March.
func makeDate(y, m, d int) (civil.Date, error) {
	if y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 || d > 31 {
		return civil.Date{}, errNotRealDate
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return civil.Date{}, errNotRealDate
	}
	return civil.Date{Year: y, Month: time.Month(m), Day: d}, nil
}

func allDigits(parts []string) bool {
	for _, p := range parts {
		if p == "" || len(p) > 4 {
			return false
		}
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return false
			}
		}
	}
	return true
}

// atoi reads a string allDigits has checked; it cannot fail.
func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// yearPrefixes are the words before a year number, longest first so that
// "yr6" is not read as "y" + "r6".
var yearPrefixes = []string{"nationalcurriculumyear", "curriculumyear", "ncyear", "yeargroup", "year", "yr", "y"}

// parseYear reads a National Curriculum year into the DfE code (N1, N2, R,
// 1..14, X). A plain "Nursery", as Arbor shows it, becomes N2: a school
// nursery class is the year before Reception, which the DfE codes N2; N1
// is for two-year-olds, whom exports name "Nursery 1" or N1 when they have
// them. "0" and FS2 are Reception, FS1 is the nursery year.
func parseYear(s string) (string, bool) {
	k := strings.ToLower(strings.Join(strings.Fields(s), ""))
	if k != headingKey(k) {
		return "", false // "-1", "6/7": not a year, and not to be repaired
	}
	for _, p := range yearPrefixes {
		if rest, ok := strings.CutPrefix(k, p); ok && rest != "" {
			k = rest
			break
		}
	}
	switch k {
	case "":
		return "", true
	case "r", "rec", "reception", "0", "00", "fs2", "f2":
		return "R", true
	case "n", "nur", "nursery", "n2", "nursery2", "fs1", "f1":
		return "N2", true
	case "n1", "nursery1":
		return "N1", true
	case "x":
		return "X", true
	}
	n, err := strconv.Atoi(k)
	if err != nil || n < 1 || n > 14 {
		return "", false
	}
	return strconv.Itoa(n), true
}

// parseSex reads M/F in the forms MIS exports write. Any other value (U,
// X, "Not known") is not guessed at.
func parseSex(s string) (string, bool) {
	switch headingKey(s) {
	case "":
		return "", true
	case "m", "male", "boy":
		return "M", true
	case "f", "female", "girl":
		return "F", true
	}
	return "", false
}

// Photo consent as Row.PhotoConsent holds it.
const (
	consentGranted = "granted"
	consentRefused = "refused"
)

// consentWords maps an export's consent wording to granted, refused or ""
// (not answered). SIMS-style reports write Yes/No/blank, Arbor writes
// Consented/Rejected/Requested, Juniper Granted/Not Granted/Requested.
var consentWords = map[string]string{
	"yes": consentGranted, "y": consentGranted, "true": consentGranted, "1": consentGranted,
	"granted": consentGranted, "consented": consentGranted, "given": consentGranted,
	"consentgiven": consentGranted, "agreed": consentGranted, "allowed": consentGranted,
	"no": consentRefused, "n": consentRefused, "false": consentRefused, "0": consentRefused,
	"refused": consentRefused, "rejected": consentRefused, "declined": consentRefused,
	"withdrawn": consentRefused, "notgranted": consentRefused, "notgiven": consentRefused,
	"consentrefused": consentRefused, "notconsented": consentRefused, "denied": consentRefused,
	"": "", "requested": "", "pending": "", "unknown": "", "notknown": "", "notasked": "",
	"awaiting": "", "awaitingresponse": "", "noresponse": "", "notreturned": "", "notrequested": "",
}

// parseConsent normalises a photo-consent cell.
func parseConsent(s string) (string, bool) {
	v, ok := consentWords[headingKey(s)]
	return v, ok
}

// parseYesNo reads a yes/no cell such as parental responsibility. known is
// false for a blank cell, ok false for a value that is neither.
func parseYesNo(s string) (value, known, ok bool) {
	switch headingKey(s) {
	case "":
		return false, false, true
	case "yes", "y", "true", "t", "1":
		return true, true, true
	case "no", "n", "false", "f", "0":
		return false, true, true
	}
	return false, false, false
}

// shown quotes a cell value for a warning when it cannot be a name: short
// and without letters, like a date or a number. Otherwise it returns "",
// because a value in the wrong column may be a child's name, and warnings
// must not carry names.
func shown(v string) string {
	v = strings.TrimSpace(v)
	if v == "" || utf8.RuneCountInString(v) > 24 || strings.IndexFunc(v, unicode.IsLetter) >= 0 {
		return ""
	}
	return "'" + v + "'"
}

// withValue builds "what 'value' problem", leaving the value out when shown
// would not show it.
func withValue(what, value, problem string) string {
	if q := shown(value); q != "" {
		return what + " " + q + " " + problem
	}
	return what + " " + problem
}
