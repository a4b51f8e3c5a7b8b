package ui

import (
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"

	"photoconsent/app/access"
	"photoconsent/app/idle"
	"photoconsent/app/register"
	"photoconsent/assets"
)

// AppID is the app's identifier, as in FyneApp.toml; preferences live under it.
const AppID = "uk.photoconsent.app"

// Config is what main hands the desktop app.
type Config struct {
	Vault register.Vault
	Now   func() time.Time // nil = time.Now; tests inject a clock (idle lock)
	Demo  *Demo            // non-nil in --demo mode
}

// Demo describes the throwaway demo school, shown on the unlock screen.
type Demo struct {
	Password string
	Logins   []string // head first: the unlock screen chooses it
	Hint     string   // who is who, e.g. "Sign in as Mrs Ashworth (head)…"
	Photos   string   // the demo's folder of photos to vet: the vet screen's path starts there
}

// Window sizes: designed at 1280×800, usable down to 1024×640.
var (
	windowSize = fyne.NewSize(1280, 800)
	minWindow  = fyne.NewSize(1024, 640)
)

// App is one desktop window onto the register: the screens, and the session
// of whoever is signed in.
type App struct {
	fyne fyne.App
	win  fyne.Window
	cfg  Config
	now  func() time.Time

	layers *fyne.Container   // the current screen, with the lock screen over it while locked
	screen fyne.CanvasObject // the current screen

	sess  *register.Session
	store register.Opened
	idle  *idle.Timer
	names map[string]string // account ID → login, for "recorded by"

	first   *firstRun
	unlock  *unlockScreen
	recover *recoverScreen
	change  *passwordScreen
	shell   *shell
	lock    *lockScreen

	dialogs []dialog.Dialog // open dialogs, newest last, so Escape closes the top one
	hidden  []fyne.CanvasObject
	ticks   map[string]func() // called every second while the app runs
	busy    sync.WaitGroup    // background work in flight; tests wait on it
	queue   *uiQueue          // tests only: results of background work, run by settle
}

// Run creates the Fyne app and the window, and runs until the window closes.
func Run(cfg Config) {
	fa := fyneapp.NewWithID(AppID)
	fa.SetIcon(assets.Icon)
	a := New(fa, cfg)
	stop := make(chan struct{})
	go a.clock(stop)
	a.win.ShowAndRun()
	close(stop)
	a.stopLoading()
	a.closeStore()
}

// New builds the window without showing or running it: Run uses it, and so
// do tests with Fyne's test app.
func New(fa fyne.App, cfg Config) *App {
	a := &App{fyne: fa, cfg: cfg, now: cfg.Now, ticks: map[string]func(){}}
	if a.now == nil {
		a.now = time.Now
	}
	a.applyTheme(a.themePreference())
	a.win = fa.NewWindow("PhotoConsent")
	a.win.SetIcon(assets.Icon)
	a.layers = container.NewStack()
	a.win.SetContent(newActivity(container.New(minLayout{minWindow}, a.layers), a.touch))
	a.win.Resize(windowSize)
	a.win.CenterOnScreen()
	a.win.SetMaster()
	a.win.SetOnClosed(func() {
		a.stopLoading()
		a.closeStore()
	})
	a.win.SetOnDropped(a.dropped)
	a.installKeys()
	a.start()
	return a
}

// Window is the app's one window.
func (a *App) Window() fyne.Window { return a.win }

// start shows first-run setup for an empty folder, else the unlock screen.
func (a *App) start() {
	if a.cfg.Vault == nil {
		a.setScreen(messageScreen("No data folder", "PhotoConsent was started without a data folder. Close it and start it again."))
		return
	}
	if !a.cfg.Vault.Initialized() {
		a.showFirstRun()
		return
	}
	a.showUnlock("")
}

// setScreen replaces the whole window's content.
func (a *App) setScreen(o fyne.CanvasObject) {
	a.screen = o
	a.layers.Objects = []fyne.CanvasObject{o}
	a.layers.Refresh()
}

// signedIn takes over a fresh session: a temporary password must be changed
// before anything else, then the main window opens.
func (a *App) signedIn(s *register.Session, store register.Opened, password string) {
	a.sess, a.store = s, store
	a.first, a.unlock = nil, nil
	a.loadNames()
	if s.Me().MustChangePassword {
		a.showMustChange(password)
		return
	}
	a.openShell()
}

// openShell shows the main window for the signed-in person.
func (a *App) openShell() {
	a.change = nil
	t, err := a.sess.NewIdleTimer()
	if err != nil {
		a.showUnlock(sentence(err))
		return
	}
	a.idle = t
	a.loadNames()
	if set, err := a.sess.Settings(); err == nil {
		a.win.SetTitle("PhotoConsent — " + set.SchoolName)
	}
	a.shell = newShell(a)
	a.setScreen(a.shell.content)
	a.shell.show(pageRegister)
	if set, err := a.sess.Settings(); err == nil && set.BackupFolder != "" && a.sess.Can(register.BackupAction) {
		a.dailyBackup(set.BackupFolder, set.Keep())
	}
}

// signOut closes the register and goes back to the unlock screen.
func (a *App) signOut() {
	a.closeDialogs()
	a.lock, a.hidden = nil, nil
	delete(a.ticks, "lock")
	a.stopLoading()
	a.shell, a.change, a.idle = nil, nil, nil
	a.closeStore()
	a.win.SetTitle("PhotoConsent")
	a.showUnlock("")
}

// stopLoading cancels the vet screen's background loading, so closing the
// store does not wait for a large folder to finish.
func (a *App) stopLoading() {
	if a.shell != nil && a.shell.vet != nil {
		a.shell.vet.cancelLoad()
	}
}

// dropped opens files dropped on the window in the vet screen, for those
// who may publish, while signed in and unlocked.
func (a *App) dropped(_ fyne.Position, uris []fyne.URI) {
	if a.shell == nil || a.lock != nil || !a.sess.Can(access.Publish) {
		return
	}
	a.shell.show(pageVet)
	a.shell.vet.drop(uris)
}

// closeStore ends the session and closes the encrypted store. Background work
// that still holds the session finishes first.
func (a *App) closeStore() {
	a.busy.Wait()
	if a.store != nil {
		if err := a.store.Close(); err != nil {
			fyne.LogError("closing the register", errors.New(sentence(err)))
		}
	}
	a.sess, a.store, a.names = nil, nil, nil
}

// loadNames maps account IDs to login names, for history lines written by
// colleagues. The key slots list every account that can sign in; a head can
// also see accounts without one.
func (a *App) loadNames() {
	a.names = map[string]string{}
	if logins, err := a.cfg.Vault.Logins(); err == nil {
		for _, l := range logins {
			a.names[l.AccountID] = l.Name
		}
	}
	if a.sess == nil {
		return
	}
	me := a.sess.Me()
	a.names[me.ID] = me.Login
	if accs, err := a.sess.Accounts(); err == nil {
		for _, acc := range accs {
			a.names[acc.ID] = acc.Login
		}
	}
}

// nameOf is the login name of an account, in words for a removed one.
func (a *App) nameOf(id string) string {
	if id == "" {
		return "—"
	}
	if n, ok := a.names[id]; ok {
		return n
	}
	return "a removed account"
}

// clock ticks once a second until stop closes, on the UI goroutine.
func (a *App) clock(stop <-chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			fyne.Do(a.tick)
		}
	}
}

// tick runs the per-second work: countdowns and the idle lock. Tests call it
// directly instead of waiting.
func (a *App) tick() {
	for _, f := range a.ticks {
		f()
	}
	a.checkIdle()
}

// minLayout lays its objects over each other, never smaller than min.
type minLayout struct{ min fyne.Size }

func (l minLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l minLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := l.min
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}
