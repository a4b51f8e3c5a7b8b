package cli_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/disintegration/imaging"
)

// groupPhoto is three people facing the camera, from the face test set
// (app/faces/testdata/faceset/SOURCES.md).
const groupPhoto = "../../app/faces/testdata/faceset/2008_002506.jpg"

type checkedFaces struct {
	File  string `json:"file"`
	Faces *struct {
		Count int `json:"count"`
		Boxes []struct {
			X, Y, W, H int
		} `json:"boxes"`
	} `json:"faces"`
}

// TestPublishFacesAndBlurEndToEnd: check --json gives the faces' boxes;
// publish refuses a photo with more faces than tags, and with --face and
// --blur publishes it with the refused pupil's face obscured.
func TestPublishFacesAndBlurEndToEnd(t *testing.T) {
	h := newHarness(t)
	h.init()
	h.want(h.as("jsmith", headPassword, "import", samplePath(t, "sims_student_list.csv")), 0, "import")
	answer(t, h, ollie, "granted", "Rachel Hargreaves")
	answer(t, h, lily, "refused", "Joanna Bennett")
	in, out := t.TempDir(), t.TempDir()
	b, err := os.ReadFile(groupPhoto)
	if err != nil {
		t.Fatal(err)
	}
	photo := filepath.Join(in, "IMG_0100.jpg")
	if err := os.WriteFile(photo, b, 0o644); err != nil {
		t.Fatal(err)
	}

	r := h.as("jsmith", headPassword, "check", "--json", photo)
	var checked []checkedFaces
	if err := json.Unmarshal([]byte(r.stdout), &checked); err != nil || len(checked) != 1 || checked[0].Faces == nil {
		t.Fatalf("check --json: %v\n%s", err, r.stdout)
	}
	f := checked[0].Faces
	if f.Count != 3 || len(f.Boxes) != 3 {
		t.Fatalf("check --json faces = %+v, want 3 boxes", f)
	}
	box := func(i int) string {
		b := f.Boxes[i]
		return fmt.Sprintf("%d,%d,%d,%d", b.X, b.Y, b.W, b.H)
	}

	publish := func(extra ...string) result {
		args := append([]string{"publish", "--to", "newsletter", "--out", out}, extra...)
		return h.as("jsmith", headPassword, append(args, photo)...)
	}
	r = publish("--tag", ollie)
	if r.code != 1 || !strings.Contains(r.stderr, "3 faces, 1 tagged") {
		t.Errorf("one tag for three faces: exit %d, stderr %q; want 1 and the faces reason", r.code, r.stderr)
	}
	faces := []string{"--face", ollie + "=" + box(0), "--face", lily + "=" + box(1), "--face", "adult=" + box(2)}
	r = publish(faces...)
	if r.code != 1 || !strings.Contains(r.stderr, "Lily B.") {
		t.Errorf("Lily's face tagged: exit %d, stderr %q; want 1 with Lily's refusal", r.code, r.stderr)
	}
	r = publish(append(faces, "--blur", lily)...)
	h.want(r, 0, "publish with Lily blurred")
	if !strings.Contains(r.stdout, "1 pupil blurred") {
		t.Errorf("publish said %q, want it to say one pupil was blurred", r.stdout)
	}
	copies := files(t, out)
	if len(copies) != 1 {
		t.Fatalf("output folder holds %v, want one copy", copies)
	}
	b1 := f.Boxes[1]
	faceDiffers(t, photo, filepath.Join(out, copies[0]), image.Rect(b1.X, b1.Y, b1.X+b1.W, b1.Y+b1.H))

	r = h.as("jsmith", headPassword, "log", "--csv")
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(rows) != 4 {
		t.Fatalf("log --csv: %v, %d rows, want a header and three entries", err, len(rows))
	}
	col := slices.Index(rows[0], "blurred_upns")
	if last := rows[3]; col < 0 || last[3] != "exported" || last[col] != lily {
		t.Errorf("log --csv's last entry %q, want exported with Lily (%s) in blurred_upns", last, lily)
	}
	r = h.as("jsmith", headPassword, "log")
	if !strings.Contains(r.stdout, "published with 1 pupil blurred") {
		t.Errorf("log does not say a pupil was blurred:\n%s", r.stdout)
	}
	r = publish("--blur", lily, "--tag", ollie)
	if r.code != 2 || !strings.Contains(r.stderr, "--face") {
		t.Errorf("--blur without her face: exit %d, stderr %q; want a usage error asking for --face", r.code, r.stderr)
	}
}

// faceDiffers requires the copy's face area to be far from the original's
// (mean difference per channel over 20 of 255) and the rest of the picture
// close to it (a re-encoded JPEG differs by a little everywhere).
func faceDiffers(t *testing.T, original, copied string, face image.Rectangle) {
	t.Helper()
	a, err := imaging.Open(original)
	if err != nil {
		t.Fatal(err)
	}
	b, err := imaging.Open(copied)
	if err != nil {
		t.Fatal(err)
	}
	inside := meanDiff(a, b, face)
	corner := meanDiff(a, b, image.Rect(0, 0, 60, 60))
	if inside < 20 || corner > 6 {
		t.Errorf("mean difference %.1f inside the face (want > 20), %.1f in a corner away from it (want < 6)", inside, corner)
	}
}

func meanDiff(a, b image.Image, r image.Rectangle) float64 {
	var sum, n float64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			sum += absDiff(r1, r2) + absDiff(g1, g2) + absDiff(b1, b2)
			n += 3
		}
	}
	return sum / n / 257
}

func absDiff(a, b uint32) float64 {
	if a > b {
		return float64(a - b)
	}
	return float64(b - a)
}
