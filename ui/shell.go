package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/access"
	"photoconsent/assets"
)

// page is one of the main window's screens.
type page int

const (
	pageRegister page = iota
	pageImport
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

	register *registerScreen
	importer *importScreen
	staff    *staffScreen
	audit    *auditScreen
	userMenu *widget.Button
	lockBtn  *widget.Button
}

var pageNames = map[page]string{
	pageRegister: "Register",
	pageImport:   "Import pupils",
	pageStaff:    "Staff & settings",
	pageAudit:    "Audit trail",
}

var pageIcons = map[page]fyne.ThemeIconName{
	pageRegister: theme.IconNameList,
	pageImport:   theme.IconNameDownload,
	pageStaff:    theme.IconNameSettings,
	pageAudit:    theme.IconNameHistory,
}

func newShell(a *App) *shell {
	s := &shell{app: a, tabs: map[page]*widget.Button{}, current: -1}
	me := a.sess.Me()
	s.pages = []page{pageRegister}
	if a.sess.Can(access.ImportPupils) {
		s.pages = append(s.pages, pageImport)
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
	brand := container.NewHBox(icon, container.New(layout.NewCustomPaddedVBoxLayout(-12), appName, s.school))

	nav := container.NewHBox()
	for i, p := range s.pages {
		b := widget.NewButtonWithIcon(pageNames[p], theme.Icon(pageIcons[p]), func() { s.show(p) })
		_ = i
		s.tabs[p] = b
		nav.Add(b)
	}

	s.lockBtn = widget.NewButtonWithIcon("Lock", theme.NewThemedResource(assets.Lock), a.lockNow)
	s.userMenu = widget.NewButtonWithIcon(me.Login+" · "+roleWord(me.Role), theme.AccountIcon(), s.showUserMenu)
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
	return s
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
	s.banner.Refresh()
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
	case pageImport:
		if s.importer == nil {
			s.importer = newImportScreen(s.app)
		}
		o = s.importer.content
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
	items := []*fyne.MenuItem{find}
	for i, p := range s.pages {
		item := fyne.NewMenuItem(pageNames[p], func() { s.show(p) })
		item.Shortcut = keyPages[i]
		item.Icon = theme.Icon(pageIcons[p])
		items = append(items, item)
	}
	items = append(items, fyne.NewMenuItemSeparator(), change, themeItem, fyne.NewMenuItemSeparator(), lock, out)
	menu := fyne.NewMenu("", items...)
	widget.ShowPopUpMenuAtRelativePosition(menu, a.win.Canvas(), fyne.NewPos(0, s.userMenu.Size().Height), s.userMenu)
}
