// Package media checks and cleans photo and video files: it tells each
// file's format from its content, hands it to the container parser in
// app/metadata, looks for pupils' names in the file name and metadata text,
// and writes publish-safe copies (temp file, sync, verify, rename). The
// originals are only ever opened for reading.
package media

import (
	"io"

	"photoconsent/app/metadata"
	"photoconsent/app/metadata/bmff"
	"photoconsent/app/metadata/gif"
	"photoconsent/app/metadata/jpeg"
	"photoconsent/app/metadata/png"
	"photoconsent/app/metadata/tiff"
	"photoconsent/app/metadata/webp"
	"photoconsent/app/metadata/xmp"
	"photoconsent/app/names"
)

// Report is what PhotoConsent found in one file, and what cleaning did.
type Report struct {
	File     string             `json:"file"`
	Format   string             `json:"format"`
	Location []metadata.Finding `json:"location"`
	// Unremovable is location that cannot be removed without re-encoding,
	// such as GPS in a GoPro timed-metadata track; it is also in Location.
	Unremovable []metadata.Finding `json:"unremovable,omitempty"`
	Identity    []metadata.Finding `json:"identity"`
	Names       []Name             `json:"names"`
	Removed     []string           `json:"removed"`
	Kept        []string           `json:"kept"`
	Output      string             `json:"output"`
	Error       string             `json:"error"`
	// Camera is the device the file says took it; zero when it does not
	// say. Callers decide how to show it (the CLI adds whether it is one
	// of the school's devices), so it is not in this JSON.
	Camera metadata.Camera `json:"-"`
}

// Name is a pupil's name found in a file: where, the words as they appear,
// whose name it is and how sure ("block" for a full name, "warn" for one).
type Name struct {
	Where    string         `json:"where"`
	Text     string         `json:"text"`
	Pupil    string         `json:"pupil"`
	Severity names.Severity `json:"severity"`

	also []string // other pupils with the same name, while collecting
}

// Clean reports whether the file was read and holds nothing to worry about.
func (r *Report) Clean() bool {
	return r.Error == "" && len(r.Location) == 0 && len(r.Identity) == 0 && len(r.Names) == 0
}

// handler is one container format's parser.
type handler struct {
	inspect metadata.Inspector
	clean   metadata.Cleaner // nil: this format is checked but never copied
	ext     string           // the extension a clean copy gets
}

var handlers = map[Format]handler{
	JPEG:    {jpeg.Inspect, jpeg.Clean, ".jpg"},
	PNG:     {png.Inspect, png.Clean, ".png"},
	WebP:    {webp.Inspect, webp.Clean, ".webp"},
	GIF:     {gif.Inspect, gif.Clean, ".gif"},
	TIFF:    {tiff.Inspect, tiff.Clean, ".tif"},
	HEIC:    {bmff.Inspect, bmff.Clean, ".heic"},
	AVIF:    {bmff.Inspect, bmff.Clean, ".avif"},
	MP4:     {bmff.Inspect, bmff.Clean, ".mp4"},
	MOV:     {bmff.Inspect, bmff.Clean, ".mov"},
	M4V:     {bmff.Inspect, bmff.Clean, ".m4v"},
	ThreeGP: {bmff.Inspect, bmff.Clean, ".3gp"},
	XMP:     {inspectSidecar, nil, ".xmp"},
}

// inspectSidecar reads a whole XMP sidecar (they are small; capped).
func inspectSidecar(r io.ReaderAt, size int64) (metadata.Findings, error) {
	if size > metadata.MaxPayload {
		return metadata.Findings{}, metadata.Malformedf("an XMP sidecar of %d MB is too large", size>>20)
	}
	b := make([]byte, size)
	if _, err := r.ReadAt(b, 0); err != nil && err != io.EOF {
		return metadata.Findings{}, err
	}
	return xmp.Inspect(b)
}
