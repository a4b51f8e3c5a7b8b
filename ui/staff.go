package ui

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/access"
	"photoconsent/app/register"
)

// staffScreen is the head's page: staff accounts on the left, the school's
// settings on the right.
type staffScreen struct {
	app         *App
	list        *fyne.Container
	authorisers *fyne.Container // a tick per account that is not a head's
	problem     *widget.Label
	accounts    []register.Account

	name    *entry
	role    *widget.Select
	temp    *entry
	add     *widget.Button
	addProb *widget.Label

	settings *settingsForm
	content  fyne.CanvasObject
}

func newStaffScreen(a *App) *staffScreen {
	st := &staffScreen{app: a, list: container.NewVBox(), authorisers: container.NewGridWithColumns(3),
		problem: problem(), addProb: problem()}
	st.name = newEntry(a, "e.g. Mr Jones")
	st.role = widget.NewSelect(roleChoices(), nil)
	st.role.SetSelected(roleWord(access.Teacher))
	st.temp = newEntry(a, "")
	st.temp.SetText(suggestPassword())
	suggest := widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), func() { st.temp.SetText(suggestPassword()) })
	st.add = primary(widget.NewButtonWithIcon("Add account", theme.ContentAddIcon(), st.addAccount))
	st.temp.OnSubmitted = func(string) { st.addAccount() }

	var right fyne.CanvasObject = widget.NewLabel("")
	var devices fyne.CanvasObject = widget.NewLabel("")
	if a.sess.Can(access.ChangeSettings) {
		st.settings = newSettingsForm(a)
		right, devices = st.settings.content, st.settings.devices.content
	}
	var left fyne.CanvasObject = devices
	if a.sess.Can(access.ManageUsers) {
		// The school's devices go under the accounts, where there is room:
		// the settings column is long already.
		left = container.NewVBox(
			heading("Staff accounts"),
			hint("Everyone signs in with their own account; the audit trail records who did what. Office staff record answers and import pupils; teachers see statuses only."),
			card(st.list, st.problem),
			spacer(6),
			subheading("Website authorisers"),
			card(hint("Only the people ticked here, and heads, publish to the school's website; anyone may publish elsewhere."),
				st.authorisers),
			spacer(6),
			subheading("Add a member of staff"),
			card(
				container.NewGridWithColumns(2, field("Name", st.name, "The name they will sign in with."), field("Role", st.role, "")),
				field("Temporary password", container.NewBorder(nil, nil, nil, suggest, st.temp),
					"Give it to them in person. They must choose their own when they first sign in."),
				st.addProb,
				container.NewHBox(st.add),
			),
			spacer(6),
			devices,
		)
	}
	cols := container.NewBorder(nil, nil, nil, fixedWidth(460, right), container.NewPadded(left))
	st.content = container.NewVScroll(container.New(layout.NewCustomPaddedLayout(12, 24, 24, 24), cols))
	st.reload()
	return st
}

// reload lists the accounts again.
func (st *staffScreen) reload() {
	a := st.app
	if !a.sess.Can(access.ManageUsers) {
		return
	}
	s := a.sess
	background(a, s.Accounts, func(accs []register.Account, err error) {
		if err != nil {
			say(st.problem, sentence(err))
			return
		}
		st.accounts = accs
		a.loadNames()
		st.showAccounts()
	})
	if st.settings != nil {
		st.settings.load()
	}
}

func (st *staffScreen) showAccounts() {
	a := st.app
	me := a.sess.Me()
	st.list.Objects = nil
	head := accountRow(bold("Name"), bold("Role"), bold("Password"), widget.NewLabel(""))
	st.list.Add(head)
	st.list.Add(widget.NewSeparator())
	for _, acc := range st.accounts {
		acc := acc
		name := acc.Login
		if acc.ID == me.ID {
			name += " (you)"
		}
		var role fyne.CanvasObject
		if acc.ID == me.ID {
			role = widget.NewLabel(roleWord(acc.Role))
		} else {
			sel := widget.NewSelect(roleChoices(), nil)
			sel.SetSelected(roleWord(acc.Role))
			sel.OnChanged = func(w string) { st.setRole(acc, roleFromWord(w), sel) }
			role = sel
		}
		pw := widget.NewLabel("Set")
		if acc.MustChangePassword {
			pw = widget.NewLabel("Must change password")
			pw.Importance = widget.WarningImportance
		}
		actions := container.NewHBox()
		if acc.ID != me.ID {
			reset := widget.NewButton("Reset password…", func() { st.resetPassword(acc) })
			remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { st.remove(acc) })
			remove.Importance = widget.DangerImportance
			actions.Add(reset)
			actions.Add(remove)
		}
		st.list.Add(accountRow(bold(name), role, pw, actions))
	}
	st.list.Refresh()
	st.showAuthorisers()
}

// showAuthorisers puts a tick beside every account that is not a head's:
// heads always publish to the website.
func (st *staffScreen) showAuthorisers() {
	st.authorisers.Objects = nil
	for _, acc := range st.accounts {
		if acc.Role == access.Head {
			continue
		}
		var check *widget.Check
		check = widget.NewCheck(acc.Login, func(on bool) { st.setAuthoriser(acc, on, check) })
		check.Checked = acc.WebsiteAuthoriser
		st.authorisers.Add(check)
	}
	if len(st.authorisers.Objects) == 0 {
		st.authorisers.Add(quiet("No one but heads yet."))
	}
	st.authorisers.Refresh()
}

func (st *staffScreen) setAuthoriser(acc register.Account, on bool, check *widget.Check) {
	a := st.app
	s := a.sess
	backgroundErr(a, func() error { return s.SetWebsiteAuthoriser(acc.ID, on) }, func(err error) {
		if err != nil {
			say(st.problem, sentence(err))
			check.OnChanged = nil
			check.SetChecked(acc.WebsiteAuthoriser)
			check.OnChanged = func(on bool) { st.setAuthoriser(acc, on, check) }
			return
		}
		say(st.problem, "")
		st.reload()
	})
}

func (st *staffScreen) addAccount() {
	a := st.app
	if st.add.Disabled() {
		return
	}
	name, role, pw := strings.TrimSpace(st.name.Text), roleFromWord(st.role.Selected), st.temp.Text
	if name == "" {
		say(st.addProb, "Type the new member of staff's name.")
		return
	}
	say(st.addProb, "")
	st.add.Disable()
	s := a.sess
	background(a, func() (register.Account, error) { return s.AddAccount(name, role, pw) }, func(acc register.Account, err error) {
		st.add.Enable()
		if err != nil {
			say(st.addProb, sentence(err))
			if acc.ID == "" {
				return
			}
		}
		st.name.SetText("")
		st.temp.SetText(suggestPassword())
		st.reload()
		if err == nil {
			a.notify(fmt.Sprintf("%s can now sign in as a %s with the temporary password you gave them.", acc.Login, strings.ToLower(roleWord(acc.Role))))
		}
	})
}

func (st *staffScreen) setRole(acc register.Account, role access.Role, sel *widget.Select) {
	a := st.app
	s := a.sess
	backgroundErr(a, func() error { return s.SetRole(acc.ID, role) }, func(err error) {
		if err != nil {
			say(st.problem, sentence(err))
			sel.OnChanged = nil
			sel.SetSelected(roleWord(acc.Role))
			sel.OnChanged = func(w string) { st.setRole(acc, roleFromWord(w), sel) }
			return
		}
		say(st.problem, "")
		st.reload()
	})
}

func (st *staffScreen) resetPassword(acc register.Account) {
	a := st.app
	temp := newEntry(a, "")
	temp.SetText(suggestPassword())
	prob := problem()
	content := container.NewVBox(
		hint(acc.Login+" will sign in with this temporary password once, then choose their own."),
		field("Temporary password", temp, passwordPolicy),
		prob,
	)
	var d *formDialog
	d = a.confirmDialog("Reset "+acc.Login+"'s password", "Reset password", content, func() {
		s, pw := a.sess, temp.Text // read on the UI goroutine, before the work starts
		backgroundErr(a, func() error { return s.ResetPassword(acc.ID, pw) }, func(err error) {
			if err != nil {
				say(prob, sentence(err))
				d.busy(false)
				return
			}
			d.close()
			st.reload()
		})
	})
	temp.OnSubmitted = func(string) { d.submit() }
}

func (st *staffScreen) remove(acc register.Account) {
	a := st.app
	prob := problem()
	content := container.NewVBox(
		wrapped(acc.Login+" will no longer be able to sign in. What they recorded stays in the register, and their name stays in the audit trail."),
		prob,
	)
	s := a.sess
	d := a.confirmWork("Remove "+acc.Login+"'s account?", "Remove account", content, prob,
		func() error { return s.RemoveAccount(acc.ID) }, st.reload)
	d.ok.Importance = widget.DangerImportance
	d.ok.Refresh()
}

// accountRow lays out one line of the accounts list in fixed columns.
func accountRow(name, role, password, actions fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, container.NewHBox(fixedWidth(170, name), fixedWidth(140, role), fixedWidth(190, password)), nil, actions)
}

var passwordWords = []string{"Maple", "River", "Cloud", "Otter", "Harbour", "Meadow", "Pebble", "Lantern",
	"Willow", "Comet", "Garden", "Falcon", "Orchard", "Beacon", "Thistle", "Kestrel"}

// suggestPassword makes a temporary password that is easy to read out and
// meets the policy: two words, two digits and a symbol.
func suggestPassword() string {
	pick := func(n int) int {
		v, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
		if err != nil {
			return 0
		}
		return int(v.Int64())
	}
	symbols := "!#%+?"
	return fmt.Sprintf("%s-%s-%02d%c", passwordWords[pick(len(passwordWords))], passwordWords[pick(len(passwordWords))],
		pick(100), symbols[pick(len(symbols))])
}
