// Package ui is PhotoConsent's desktop app: the Fyne screens school staff use
// to set up the register, sign in, read and record consent, import pupils,
// manage staff and read the audit trail.
//
// It is thin. It gathers what people type and tap, calls app/register, and
// shows the results in plain words; every rule of the school's policy lives
// in app/. It adds the concurrency: slow work (password key derivation,
// loading the register, imports) runs in goroutines started here and comes
// back to the UI with fyne.Do. It may import app/ and assets, never storage.
// It never logs pupils' or parents' names.
package ui
