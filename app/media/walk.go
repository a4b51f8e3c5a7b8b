package media

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Expand turns the paths a person gave into the files to work on. A file
// named directly is always included, so every input gets a report; inside a
// folder (walked recursively) only files named as photos or videos, or
// whose content is a format we know, are included, so a shared drive's
// documents do not fill the report while a damaged photo still gets one.
// Hidden files and folders, and our own unfinished copies, are skipped.
func Expand(paths []string) ([]string, []Report) {
	var files []string
	var problems []Report
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			problems = append(problems, Report{File: p, Error: Sentence(err)})
			continue
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				problems = append(problems, Report{File: path, Error: Sentence(err)})
				return nil
			}
			hidden := path != p && strings.HasPrefix(d.Name(), ".")
			switch {
			case d.IsDir() && hidden:
				return filepath.SkipDir
			case d.IsDir(), hidden, !d.Type().IsRegular():
				return nil
			}
			if known(path) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			problems = append(problems, Report{File: p, Error: Sentence(err)})
		}
	}
	return files, problems
}

// mediaExts are the extensions of the photos and videos we handle. A file
// named so is included without opening it: the check reads it anyway, and
// says so if it holds something else.
var mediaExts = map[string]bool{
	".jpg": true, ".jpeg": true, ".jpe": true, ".png": true, ".webp": true, ".gif": true,
	".tif": true, ".tiff": true, ".heic": true, ".heif": true, ".hif": true, ".avif": true,
	".mp4": true, ".mov": true, ".m4v": true, ".3gp": true, ".xmp": true,
}

// known reports whether a file is named as a photo or video, or failing
// that, whether its content is a format we recognise at all.
func known(path string) bool {
	if mediaExts[strings.ToLower(filepath.Ext(path))] {
		return true
	}
	f, err := os.Open(path)
	if err != nil {
		return true // let the check report why it cannot be read
	}
	defer f.Close()
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return true
	}
	format, name := Sniff(head[:n])
	return format != Unknown || name != ""
}

func dirOf(path string) string { return filepath.Dir(path) }
