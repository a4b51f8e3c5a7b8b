package names

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrList says a --names file is not one pupil per line,
// Forename<TAB>Surname. Errors wrapping it name the line, never its text.
var ErrList = errors.New("names list")

// maxLine caps one line of a names list.
const maxLine = 64 << 10

// readList reads a --names file: UTF-8 with or without a byte order mark,
// one pupil per line as Forename<TAB>Surname, blank lines and lines starting
// with # skipped. Each pupil's ID is "line N", so a report can point into
// the file without repeating the name.
func readList(r io.Reader) ([]Person, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	var people []Person
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		line = strings.TrimSuffix(line, "\r")
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("line %d: not UTF-8: %w", n, ErrList)
		}
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		fore, sur, found := strings.Cut(line, "\t")
		if !found {
			return nil, fmt.Errorf("line %d: no tab between forename and surname: %w", n, ErrList)
		}
		if strings.Contains(sur, "\t") {
			return nil, fmt.Errorf("line %d: more than one tab: %w", n, ErrList)
		}
		fore, sur = strings.TrimSpace(fore), strings.TrimSpace(sur)
		if fore == "" || sur == "" {
			return nil, fmt.Errorf("line %d: empty forename or surname: %w", n, ErrList)
		}
		people = append(people, Person{ID: "line " + strconv.Itoa(n), Forenames: []string{fore}, Surnames: []string{sur}})
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("line %d: longer than %d bytes: %w", n+1, maxLine, ErrList)
		}
		return nil, fmt.Errorf("read names list: %w", err)
	}
	return people, nil
}
