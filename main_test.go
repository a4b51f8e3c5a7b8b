package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// asApp makes the test binary run as the app itself, so the window test
// exercises exactly the code main runs.
const asApp = "PHOTOCONSENT_TEST_AS_APP"

func TestMain(m *testing.M) {
	if os.Getenv(asApp) == "1" {
		main()
	}
	os.Exit(m.Run())
}

// TestDemoWindowOpensUnderXvfb runs `photoconsent --demo` (the README's first
// command) against a private X server, waits for the real window, checks it
// drew something, then stops the app the way a desktop session does and
// checks it exits cleanly and removes its throwaway data folder.
func TestDemoWindowOpensUnderXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("opens a real window; skipped with -short")
	}
	for _, tool := range []string{"Xvfb", "xdotool", "xwd", "/usr/bin/convert"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (scripts/test installs it)", tool)
		}
	}
	samples := filepath.Join("..", "shared", "mis-samples")
	if _, err := os.Stat(samples); err != nil {
		t.Skip("../shared/mis-samples is not beside the checkout")
	}
	display := startXvfb(t)

	tmp := t.TempDir() // the demo folder goes here, and must be gone afterwards
	var stderr bytes.Buffer
	app := exec.Command(os.Args[0], "--demo", "--samples", samples)
	app.Env = append(os.Environ(), asApp+"=1", "DISPLAY="+display, "TMPDIR="+tmp)
	app.Stderr = &stderr
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	t.Cleanup(func() {
		if app.ProcessState == nil {
			_ = app.Process.Kill()
			<-exited
		}
	})

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	id, err := waitForWindow(ctx, display, exited)
	if err != nil {
		t.Fatalf("%v\napp stderr:\n%s", err, stderr.String())
	}
	time.Sleep(2 * time.Second) // let the first frames render
	shot := screenshot(t, display)
	if n := colours(shot); n < 50 {
		t.Errorf("the window (id %s) drew only %d colours: it looks blank", id, n)
	}
	if dir := os.Getenv("PHOTOCONSENT_SCREENSHOT_DIR"); dir != "" {
		savePNG(t, filepath.Join(dir, "unlock-demo.png"), shot)
	}

	if err := app.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("app exited with %v\nstderr:\n%s", err, stderr.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("the app did not exit within a minute of SIGTERM")
	}
	left, _ := filepath.Glob(filepath.Join(tmp, "photoconsent-demo-*"))
	if len(left) > 0 {
		t.Errorf("demo folder left behind after exit: %v", left)
	}
}

// startXvfb starts a private X server and returns its display name.
func startXvfb(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() {
		_ = x.Process.Kill()
		_ = x.Wait()
	})
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatal("Xvfb did not start")
		}
		return ":" + n
	case <-time.After(30 * time.Second):
		t.Fatal("Xvfb did not report a display within 30 seconds")
	}
	return ""
}

// waitForWindow polls for a visible window titled PhotoConsent.
func waitForWindow(ctx context.Context, display string, exited <-chan error) (string, error) {
	for {
		cmd := exec.CommandContext(ctx, "xdotool", "search", "--onlyvisible", "--name", "^PhotoConsent$")
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		if out, err := cmd.Output(); err == nil {
			if id := strings.TrimSpace(string(out)); id != "" {
				return strings.Fields(id)[0], nil
			}
		}
		select {
		case err := <-exited:
			return "", fmt.Errorf("the app exited before its window appeared: %v", err)
		case <-ctx.Done():
			return "", errors.New("no PhotoConsent window appeared within 3 minutes")
		case <-time.After(500 * time.Millisecond):
		}
	}
}

func screenshot(t *testing.T, display string) image.Image {
	t.Helper()
	cmd := exec.Command("sh", "-c", "xwd -root -silent | /usr/bin/convert xwd:- png:-")
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	return img
}

// colours counts distinct colours: a blank or black screen has one.
func colours(img image.Image) int {
	seen := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
		}
	}
	return len(seen)
}

func savePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestCleanStopsOnCtrlC sends the real signal to `photoconsent clean` once
// its first copy is being written: it says it is stopping, finishes the
// files in hand, writes no copy and leaves nothing in the output folder.
func TestCleanStopsOnCtrlC(t *testing.T) {
	photo, err := os.ReadFile(filepath.Join("..", "shared", "corpus", "ianare", "DSCN0010.jpg"))
	if err != nil {
		t.Skip("the corpus is not beside the checkout")
	}
	in := t.TempDir()
	for i := range 400 {
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("p%03d.jpg", i)), photo, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for try := range 3 {
		out := t.TempDir()
		var stderr bytes.Buffer
		app := exec.Command(os.Args[0], "clean", "--out", out, in)
		app.Env = append(os.Environ(), asApp+"=1")
		app.Stderr = &stderr
		if err := app.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- app.Wait() }()
		var err error
	wait:
		for {
			select {
			case err = <-exited:
				break wait
			case <-time.After(100 * time.Microsecond):
				if es, _ := os.ReadDir(out); len(es) > 0 && app.Process.Signal(os.Interrupt) == nil {
					err = <-exited
					break wait
				}
			}
		}
		left, _ := os.ReadDir(out)
		if err == nil && len(left) == 400 {
			t.Logf("try %d: the batch finished before the signal", try)
			continue
		}
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 ||
			!strings.Contains(stderr.String(), "stopping once the files in hand are done") ||
			!strings.Contains(stderr.String(), "no copies were written") {
			t.Fatalf("clean after Ctrl-C: %v\n%s", err, stderr.String())
		}
		if len(left) != 0 {
			t.Fatalf("the output folder holds %d files after Ctrl-C, first %q", len(left), left[0].Name())
		}
		return
	}
	t.Fatal("every batch finished before the signal landed")
}
