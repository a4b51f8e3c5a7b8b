package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/access"
	"photoconsent/app/register"
	"photoconsent/assets"
)

// page is one of the main window's screens.
type page int

const (
	pageRegister page = iota
	pageVet
	pageImport
	pageOverview
	pageLog
	pageTakedowns
	pageStaff
	pageAudit
)

// shell is the main window once signed in: the header with navigation and
// the signed-in person, the "assume consent" banner, and the current page.
type shell struct {
	app     *App
	content fyne.CanvasObject
	body    *fyne.Container
	banner  *fyne.Container
	school  *widget.Label
	pages   []page
	tabs    map[page]*widget.Button
	current page

	register  *registerScreen
	vet       *vetScreen
	importer  *importScreen
	overview  *dashboard
	log       *logScreen
	takedowns *takedownScreen
	staff     *staffScreen
	audit     *auditScreen
	userMenu  *widget.Button
	lockBtn   *widget.Button

	openTakedowns int // as last counted, for the navigation and the banner
}

var pageNames = map[page]string{
	pageRegister:  "Register",
	pageVet:       "Vet photos",
	pageImport:    "Import",
	pageOverview:  "Overview",
	pageLog:       "Publications",
	pageTakedowns: "Takedowns",
	pageStaff:     "Staff",
	pageAudit:     "Audit",
}

var pageIcons = map[page]fyne.ThemeIconName{
	pageRegister:  theme.IconNameList,
	pageVet:       theme.IconNameMediaPhoto,
	pageImport:    theme.IconNameDownload,
	pageOverview:  theme.IconNameHome,
	pageLog:       theme.IconNameDocument,
	pageTakedowns: theme.IconNameWarning,
	pageStaff:     theme.IconNameSettings,
	pageAudit:     theme.IconNameHistory,
}

func newShell(a *App) *shell {
	s := &shell{app: a, tabs: map[page]*widget.Button{}, current: -1}
	me := a.sess.Me()
	s.pages = []page{pageRegister}
	if a.sess.Can(access.Publish) {
		s.pages = append(s.pages, pageVet)
	}
	if a.sess.Can(access.ImportPupils) {
		s.pages = append(s.pages, pageImport)
	}
	if canViewLog(a) {
		s.pages = append(s.pages, pageOverview, pageLog)
	}
	if canActOnTakedowns(a) {
		s.pages = append(s.pages, pageTakedowns)
	}
	if a.sess.Can(access.ManageUsers) || a.sess.Can(access.ChangeSettings) {
		s.pages = append(s.pages, pageStaff)
	}
	if a.sess.Can(access.ViewAudit) {
		s.pages = append(s.pages, pageAudit)
	}

	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(30))
	appName := widget.NewLabelWithStyle("PhotoConsent", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	appName.Importance = widget.HighImportance
	s.school = widget.NewLabel("")
	s.school.Importance = widget.LowImportance
	s.school.Truncation = fyne.TextTruncateEllipsis // a long school name must not push the navigation off screen
	names := container.New(layout.NewCustomPaddedVBoxLayout(-12), appName, s.school)
	brand := container.NewHBox(icon, fixedWidth(150, names))

	nav := container.NewHBox()
	for _, p := range s.pages {
		b := widget.NewButtonWithIcon(pageNames[p], theme.Icon(pageIcons[p]), func() { s.show(p) })
		s.tabs[p] = b
		nav.Add(b)
	}

	// The lock is an icon: the navigation needs the room, and the user
	// menu and Ctrl+L say "Lock" in words.
	s.lockBtn = widget.NewButtonWithIcon("", theme.NewThemedResource(assets.Lock), a.lockNow)
	s.userMenu = widget.NewButtonWithIcon(me.Login, theme.AccountIcon(), s.showUserMenu)
	right := container.NewHBox(s.lockBtn, s.userMenu)

	bar := container.NewBorder(nil, nil, container.NewHBox(brand, widget.NewSeparator(), nav), right)
	header := container.NewVBox(
		container.NewStack(newThemed(canvas.NewRectangle(theme.Color(colorSurface)), func(r *canvas.Rectangle) {
			r.FillColor = theme.Color(colorSurface)
		}), container.New(layout.NewCustomPaddedLayout(6, 6, 12, 12), bar)),
		widget.NewSeparator(),
	)
	s.banner = container.NewVBox()
	s.body = container.NewStack()
	s.content = container.NewBorder(container.NewVBox(header, s.banner), nil, nil, nil, s.body)
	s.refreshSettings()
	loadOpenTakedowns(a, s.setTakedownCount)
	return s
}

// setTakedownCount shows how many takedowns are open, on the navigation
// and as a banner, so the head sees them from every page.
func (s *shell) setTakedownCount(n int) {
	b := s.tabs[pageTakedowns]
	if b == nil || n == s.openTakedowns {
		return
	}
	s.openTakedowns = n
	b.SetText(pageNames[pageTakedowns])
	if n > 0 {
		b.SetText(fmt.Sprintf("%s (%d)", pageNames[pageTakedowns], n))
	}
	s.refreshSettings()
}

// refreshSettings shows the school's name and, while the school counts a
// form not returned as consent, the warning banner.
func (s *shell) refreshSettings() {
	set, err := s.app.sess.Settings()
	if err != nil {
		return
	}
	s.school.SetText(set.SchoolName)
	s.banner.Objects = nil
	if set.Consent.NotReturnedMeansConsent {
		text := widget.NewRichTextWithText("This school counts a consent form that was not returned as consent. UK GDPR expects explicit consent: children whose forms are missing may be published.")
		text.Wrapping = fyne.TextWrapWord
		if seg, ok := text.Segments[0].(*widget.TextSegment); ok {
			seg.Style.ColorName = colorOnBanner
			seg.Style.TextStyle.Bold = true
		}
		row := container.NewBorder(nil, nil, widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon())), nil, text)
		if s.app.sess.Can(access.ChangeSettings) {
			change := widget.NewButton("Change this setting", func() { s.show(pageStaff) })
			row = container.NewBorder(nil, nil, widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon())), change, text)
		}
		s.banner.Objects = []fyne.CanvasObject{container.New(layout.NewCustomPaddedLayout(8, 0, 12, 12), tinted(colorBanner, row))}
	}
	if n := s.openTakedowns; n > 0 {
		s.banner.Add(s.takedownBanner(n))
	}
	s.banner.Refresh()
}

// takedownBanner tells the head that published photos must come down.
func (s *shell) takedownBanner(n int) fyne.CanvasObject {
	words := fmt.Sprintf("%s must come down: a pupil in them may no longer appear there.", plural(n, "published photo"))
	if n == 1 {
		words = "1 published photo must come down: a pupil in it may no longer appear there."
	}
	text := widget.NewLabelWithStyle(words, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text.Wrapping = fyne.TextWrapWord
	review := widget.NewButton("Review takedowns", func() { s.show(pageTakedowns) })
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon())), review, text)
	return container.New(layout.NewCustomPaddedLayout(8, 0, 12, 12), tinted(colorBanner, row))
}

// showIndex shows the i'th page of the navigation (Ctrl+1 …).
func (s *shell) showIndex(i int) {
	if i >= 0 && i < len(s.pages) {
		s.show(s.pages[i])
	}
}

// show switches pages. Each page is built once and kept, so moving between
// them keeps what was typed.
func (s *shell) show(p page) {
	if _, ok := s.tabs[p]; !ok {
		return
	}
	var o fyne.CanvasObject
	switch p {
	case pageRegister:
		if s.register == nil {
			s.register = newRegisterScreen(s.app)
		}
		o = s.register.content
	case pageVet:
		if s.vet == nil {
			s.vet = newVetScreen(s.app)
		} else {
			s.vet.reload()
		}
		o = s.vet.content
	case pageImport:
		if s.importer == nil {
			s.importer = newImportScreen(s.app)
		}
		o = s.importer.content
	case pageOverview:
		if s.overview == nil {
			s.overview = newDashboard(s.app)
			s.overview.showTakedowns = func() { s.show(pageTakedowns) }
		} else {
			s.overview.reload()
		}
		o = s.overview.content
	case pageLog:
		if s.log == nil {
			s.log = newLogScreen(s.app)
		} else {
			s.log.reload()
		}
		o = s.log.content
	case pageTakedowns:
		if s.takedowns == nil {
			s.takedowns = newTakedownScreen(s.app)
			s.takedowns.onCount = s.setTakedownCount
		} else {
			s.takedowns.reload()
		}
		o = s.takedowns.content
	case pageStaff:
		if s.staff == nil {
			s.staff = newStaffScreen(s.app)
		} else {
			s.staff.reload()
		}
		o = s.staff.content
	case pageAudit:
		if s.audit == nil {
			s.audit = newAuditScreen(s.app)
		} else {
			s.audit.reload()
		}
		o = s.audit.content
	}
	if p == pageRegister && s.current != pageRegister && s.register != nil && s.current != -1 {
		s.register.reload()
	}
	if p != pageTakedowns {
		loadOpenTakedowns(s.app, s.setTakedownCount) // exports and withdrawals change it
	}
	s.current = p
	for q, b := range s.tabs {
		if q == p {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.LowImportance
		}
		b.Refresh()
	}
	s.body.Objects = []fyne.CanvasObject{o}
	s.body.Refresh()
	if p == pageVet && len(s.vet.photos) == 0 {
		s.app.win.Canvas().Focus(s.vet.path)
	}
	if p == pageImport && s.importer.plan == nil {
		s.app.win.Canvas().Focus(s.importer.path)
	}
}

func (s *shell) showUserMenu() {
	a := s.app
	themeItem := fyne.NewMenuItem("Dark theme", a.toggleTheme)
	if a.variant() == theme.VariantDark {
		themeItem.Label = "Light theme"
	}
	themeItem.Icon = theme.ColorPaletteIcon()
	lock := fyne.NewMenuItem("Lock the screen", a.lockNow)
	lock.Shortcut = keyLock
	lock.Icon = theme.NewThemedResource(assets.Lock)
	find := fyne.NewMenuItem("Find a pupil", func() { a.appShortcut(keyFind) })
	find.Shortcut = keyFind
	find.Icon = theme.SearchIcon()
	change := fyne.NewMenuItem("Change my password…", a.changeMyPassword)
	change.Icon = theme.AccountIcon()
	out := fyne.NewMenuItem("Sign out", a.signOut)
	out.Icon = theme.LogoutIcon()
	me := a.sess.Me()
	who := fyne.NewMenuItem("Signed in as "+me.Login+" · "+roleWord(me.Role), nil)
	who.Disabled = true
	items := []*fyne.MenuItem{who, fyne.NewMenuItemSeparator(), find}
	for i, p := range s.pages {
		item := fyne.NewMenuItem(pageNames[p], func() { s.show(p) })
		item.Shortcut = keyPages[i]
		item.Icon = theme.Icon(pageIcons[p])
		items = append(items, item)
	}
	if paper := s.paperworkItems(); len(paper) > 0 {
		items = append(append(items, fyne.NewMenuItemSeparator()), paper...)
	}
	items = append(items, fyne.NewMenuItemSeparator(), change, themeItem, fyne.NewMenuItemSeparator(), lock, out)
	menu := fyne.NewMenu("", items...)
	widget.ShowPopUpMenuAtRelativePosition(menu, a.win.Canvas(), fyne.NewPos(0, s.userMenu.Size().Height), s.userMenu)
}

// paperworkItems are the menu's documents: what the signed-in person's role
// may print or save.
func (s *shell) paperworkItems() []*fyne.MenuItem {
	a := s.app
	var items []*fyne.MenuItem
	add := func(label string, icon fyne.Resource, run func()) {
		item := fyne.NewMenuItem(label, run)
		item.Icon = icon
		items = append(items, item)
	}
	if a.sess.Can(access.RecordConsent) {
		add("Print consent forms…", theme.DocumentPrintIcon(), a.saveForms)
		add("Chase list of missing forms…", theme.MailSendIcon(), a.saveChaseList)
	}
	if a.sess.Can(access.ViewLog) {
		add("Governors' report…", theme.DocumentIcon(), a.saveGovernorsReport)
	}
	if a.sess.Can(register.BackupAction) {
		add("Back up now…", theme.StorageIcon(), a.saveBackup)
	}
	if a.sess.Can(access.ChangeSettings) {
		add("Leavers past the retention period…", theme.DeleteIcon(), a.showRetention)
	}
	return items
}
