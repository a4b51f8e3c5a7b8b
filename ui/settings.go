package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/register"
)

const (
	notReturnedRefused = "Not consented (recommended)"
	notReturnedGranted = "Consented — assumed"
)

// settingsForm edits the school's settings (head only).
type settingsForm struct {
	app         *App
	school      *entry
	idle        *entry
	notReturned *widget.RadioGroup
	assumeWarn  fyne.CanvasObject
	split       *widget.Check
	wording     *widget.Label // the version in use: changed only by the wording editor
	retention   *entry
	backupDir   *entry
	backupKeep  *entry
	save        *widget.Button
	problem     *widget.Label
	saved       *widget.Label
	devices     *devicesSection // shown by the staff screen, in its other column
	content     fyne.CanvasObject
}

func newSettingsForm(a *App) *settingsForm {
	f := &settingsForm{app: a, problem: problem()}
	f.school = newEntry(a, "")
	f.idle = newEntry(a, "10")
	f.assumeWarn = warningLine("UK GDPR expects explicit consent. With this choice a child whose form is missing may be published, and the register shows a warning to everyone.")
	f.assumeWarn.Hide()
	f.notReturned = widget.NewRadioGroup([]string{notReturnedRefused, notReturnedGranted}, func(s string) {
		if s == notReturnedGranted {
			f.assumeWarn.Show()
		} else {
			f.assumeWarn.Hide()
		}
	})
	f.notReturned.Required = true
	f.split = widget.NewCheck("Ask about photos and videos separately", nil)
	f.wording = widget.NewLabel("")
	editWording := widget.NewButtonWithIcon("Edit the form's wording…", theme.DocumentCreateIcon(), func() {
		a.editWording()
	})
	f.retention = newEntry(a, strconv.Itoa(register.DefaultRetentionYears))
	f.backupDir = newEntry(a, "e.g. a folder on the school's network drive or a USB stick")
	f.backupKeep = newEntry(a, strconv.Itoa(register.DefaultBackupKeep))
	f.saved = widget.NewLabel("")
	f.saved.Importance = widget.SuccessImportance
	f.saved.Hide()
	f.save = primary(widget.NewButtonWithIcon("Save settings", theme.DocumentSaveIcon(), f.submit))
	f.devices = newDevicesSection(a)
	f.content = container.NewVBox(
		heading("School settings"),
		hint("These apply to everyone. Each change is written to the audit trail."),
		card(
			field("School name", f.school, ""),
			field("Lock the screen after this many idle minutes", container.NewHBox(fixedWidth(90, f.idle), widget.NewLabel("minutes")),
				fmt.Sprintf("Between %d and %d. The school's policy says 10.", register.MinIdleMinutes, register.MaxIdleMinutes)),
			field("A consent form that was not returned means", f.notReturned, ""),
			f.assumeWarn,
			field("Photos and videos", f.split, "When ticked, each purpose has a photo answer and a video answer."),
			field("The consent form's wording", container.NewHBox(f.wording, editWording),
				"Each edit is a new version; forms print it and new answers record it, so the register shows what parents were told."),
			field("Keep a leaver's record for", container.NewHBox(fixedWidth(90, f.retention), widget.NewLabel("years after they leave")),
				"Then the head is asked to delete it (menu: Leavers past the retention period)."),
			field("Daily encrypted backup to this folder", f.backupDir,
				"Written once a day after someone signs in; a staff password or the recovery key opens it. Leave empty for none."),
			field("Keep this many daily backups", fixedWidth(90, f.backupKeep), ""),
			f.problem,
			container.NewHBox(f.save, f.saved),
		),
	)
	f.load()
	return f
}

// load shows the saved settings.
func (f *settingsForm) load() {
	set, err := f.app.sess.Settings()
	if err != nil {
		say(f.problem, sentence(err))
		return
	}
	f.school.SetText(set.SchoolName)
	f.idle.SetText(strconv.Itoa(set.IdleMinutes))
	if set.Consent.NotReturnedMeansConsent {
		f.notReturned.SetSelected(notReturnedGranted)
	} else {
		f.notReturned.SetSelected(notReturnedRefused)
	}
	f.split.SetChecked(set.Consent.SplitMedia)
	f.wording.SetText("Version " + set.Wording)
	f.retention.SetText(strconv.Itoa(register.RetentionYears(set)))
	f.backupDir.SetText(set.BackupFolder)
	f.backupKeep.SetText(strconv.Itoa(set.Keep()))
	f.devices.devices = set.Devices
	f.devices.show()
}

func (f *settingsForm) submit() {
	a := f.app
	if f.save.Disabled() {
		return
	}
	say(f.saved, "")
	cur, err := a.sess.Settings()
	if err != nil {
		say(f.problem, sentence(err))
		return
	}
	mins, err := strconv.Atoi(strings.TrimSpace(f.idle.Text))
	if err != nil {
		say(f.problem, "Type the idle minutes as a whole number, such as 10.")
		return
	}
	years, err := strconv.Atoi(strings.TrimSpace(f.retention.Text))
	if err != nil || years < 1 {
		say(f.problem, "Type the retention period as a whole number of years, such as 6.")
		return
	}
	keep, err := strconv.Atoi(strings.TrimSpace(f.backupKeep.Text))
	if err != nil || keep < 1 {
		say(f.problem, "Type how many daily backups to keep as a whole number, such as 14.")
		return
	}
	next := cur
	next.RetentionYears, next.BackupKeep = years, keep
	next.BackupFolder = f.backupDir.Text
	next.SchoolName = f.school.Text
	next.IdleMinutes = mins
	next.Consent.NotReturnedMeansConsent = f.notReturned.Selected == notReturnedGranted
	next.Consent.SplitMedia = f.split.Checked
	// next.Wording stays as stored: only the wording editor makes a new version.
	say(f.problem, "")
	f.save.Disable()
	s := a.sess
	backgroundErr(a, func() error { return s.UpdateSettings(next) }, func(err error) {
		f.save.Enable()
		if err != nil {
			say(f.problem, sentence(err))
			return
		}
		say(f.saved, "Saved.")
		a.win.SetTitle("PhotoConsent — " + strings.TrimSpace(next.SchoolName))
		if a.idle != nil {
			a.idle.SetLimit(time.Duration(next.IdleMinutes) * time.Minute)
		}
		if a.shell != nil {
			a.shell.refreshSettings()
			if a.shell.register != nil {
				a.shell.register.reload()
			}
		}
	})
}
