package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme preference values, stored in the app's Preferences.
const (
	prefTheme   = "theme"
	themeLight  = "light"
	themeDark   = "dark"
	themeSystem = "system"
)

// Colour names of our own, for surfaces the standard theme does not name.
const (
	colorSurface       fyne.ThemeColorName = "pcSurface"   // cards and panels
	colorBanner        fyne.ThemeColorName = "pcBanner"    // the "assume consent" warning strip
	colorOnBanner      fyne.ThemeColorName = "pcOnBanner"  // text on it
	colorRowTint       fyne.ThemeColorName = "pcRowTint"   // ticked rows in the register
	colorStatusOn      fyne.ThemeColorName = "pcStatusInk" // icons on dark status chips
	colorStatusOnLight fyne.ThemeColorName = "pcStatusInkDark"
)

// appTheme is a calm teal theme with finished light and dark palettes. When
// variant is set it overrides the system's choice.
type appTheme struct {
	variant fyne.ThemeVariant
	forced  bool
}

func newTheme(pref string) *appTheme {
	switch pref {
	case themeDark:
		return &appTheme{variant: theme.VariantDark, forced: true}
	case themeLight:
		return &appTheme{variant: theme.VariantLight, forced: true}
	}
	return &appTheme{}
}

func hex(v uint32) color.NRGBA {
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xFF}
}

func alpha(c color.NRGBA, a uint8) color.NRGBA { c.A = a; return c }

var lightPalette = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameBackground:          hex(0xF3F6F6),
	theme.ColorNameButton:              hex(0xE4ECEB),
	theme.ColorNameDisabledButton:      hex(0xE8ECEC),
	theme.ColorNameDisabled:            hex(0x6F7C7D),
	theme.ColorNameError:               hex(0xB3261E),
	theme.ColorNameFocus:               alpha(hex(0x0F766E), 0x70),
	theme.ColorNameForeground:          hex(0x1B2627),
	theme.ColorNameForegroundOnError:   hex(0xFFFFFF),
	theme.ColorNameForegroundOnPrimary: hex(0xFFFFFF),
	theme.ColorNameForegroundOnSuccess: hex(0xFFFFFF),
	theme.ColorNameForegroundOnWarning: hex(0x1B1300),
	theme.ColorNameHeaderBackground:    hex(0xE3EDEC),
	theme.ColorNameHover:               alpha(hex(0x0F766E), 0x1C),
	theme.ColorNameHyperlink:           hex(0x0F766E),
	theme.ColorNameInputBackground:     hex(0xFFFFFF),
	theme.ColorNameInputBorder:         hex(0xC3CFCE),
	theme.ColorNameMenuBackground:      hex(0xFFFFFF),
	theme.ColorNameOverlayBackground:   hex(0xFFFFFF),
	theme.ColorNamePlaceHolder:         hex(0x7D8A8B),
	theme.ColorNamePressed:             alpha(hex(0x0F766E), 0x33),
	theme.ColorNamePrimary:             hex(0x0F766E),
	theme.ColorNameScrollBar:           alpha(hex(0x1B2627), 0x55),
	theme.ColorNameScrollBarBackground: alpha(hex(0x1B2627), 0x10),
	theme.ColorNameSelection:           alpha(hex(0x0F766E), 0x38),
	theme.ColorNameSeparator:           hex(0xD8E1E0),
	theme.ColorNameShadow:              alpha(hex(0x0B2A28), 0x30),
	theme.ColorNameSuccess:             hex(0x2E7D32),
	theme.ColorNameWarning:             hex(0xB45309),
	colorSurface:                       hex(0xFFFFFF),
	colorBanner:                        hex(0xFFF1D6),
	colorOnBanner:                      hex(0x5C3A00),
	colorRowTint:                       alpha(hex(0x0F766E), 0x14),
	colorStatusOn:                      hex(0xFFFFFF),
	colorStatusOnLight:                 hex(0x231A00),
}

var darkPalette = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameBackground:          hex(0x121819),
	theme.ColorNameButton:              hex(0x25302F),
	theme.ColorNameDisabledButton:      hex(0x1E2626),
	theme.ColorNameDisabled:            hex(0x8B9899),
	theme.ColorNameError:               hex(0xF2766B),
	theme.ColorNameFocus:               alpha(hex(0x2BC4B4), 0x80),
	theme.ColorNameForeground:          hex(0xE4ECEB),
	theme.ColorNameForegroundOnError:   hex(0x1A0503),
	theme.ColorNameForegroundOnPrimary: hex(0x03211E),
	theme.ColorNameForegroundOnSuccess: hex(0x04170A),
	theme.ColorNameForegroundOnWarning: hex(0x1B1300),
	theme.ColorNameHeaderBackground:    hex(0x1D2827),
	theme.ColorNameHover:               alpha(hex(0xFFFFFF), 0x14),
	theme.ColorNameHyperlink:           hex(0x4FD1C5),
	theme.ColorNameInputBackground:     hex(0x1A2222),
	theme.ColorNameInputBorder:         hex(0x3A4A49),
	theme.ColorNameMenuBackground:      hex(0x1F2928),
	theme.ColorNameOverlayBackground:   hex(0x1A2323),
	theme.ColorNamePlaceHolder:         hex(0x7F8E8E),
	theme.ColorNamePressed:             alpha(hex(0xFFFFFF), 0x22),
	theme.ColorNamePrimary:             hex(0x2BC4B4),
	theme.ColorNameScrollBar:           alpha(hex(0xE4ECEB), 0x55),
	theme.ColorNameScrollBarBackground: alpha(hex(0xE4ECEB), 0x10),
	theme.ColorNameSelection:           alpha(hex(0x2BC4B4), 0x40),
	theme.ColorNameSeparator:           hex(0x2B3737),
	theme.ColorNameShadow:              alpha(hex(0x000000), 0x70),
	theme.ColorNameSuccess:             hex(0x6CC573),
	theme.ColorNameWarning:             hex(0xF5A524),
	colorSurface:                       hex(0x1A2222),
	colorBanner:                        hex(0x4A3410),
	colorOnBanner:                      hex(0xFFE2A8),
	colorRowTint:                       alpha(hex(0x2BC4B4), 0x1C),
	colorStatusOn:                      hex(0xFFFFFF),
	colorStatusOnLight:                 hex(0x231A00),
}

func (t *appTheme) resolve(v fyne.ThemeVariant) fyne.ThemeVariant {
	if t.forced {
		return t.variant
	}
	return v
}

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	v = t.resolve(v)
	p := lightPalette
	if v == theme.VariantDark {
		p = darkPalette
	}
	if c, ok := p[n]; ok {
		return c
	}
	if c, ok := statusColor(n, v); ok {
		return c
	}
	return theme.DefaultTheme().Color(n, v)
}

func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *appTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 14
	case theme.SizeNameHeadingText:
		return 22
	case theme.SizeNameSubHeadingText:
		return 17
	case theme.SizeNameCaptionText:
		return 12
	case theme.SizeNameInputRadius:
		return 6
	case theme.SizeNameSelectionRadius:
		return 4
	case theme.SizeNamePadding:
		return 4
	case theme.SizeNameInnerPadding:
		return 8
	case theme.SizeNameScrollBarRadius:
		return 4
	case sizeRecoveryKey:
		return 30
	}
	return theme.DefaultTheme().Size(n)
}

// variant is the variant the theme shows now.
func (a *App) variant() fyne.ThemeVariant {
	if t, ok := a.fyne.Settings().Theme().(*appTheme); ok && t.forced {
		return t.variant
	}
	return a.fyne.Settings().ThemeVariant()
}

func (a *App) themePreference() string {
	return a.fyne.Preferences().StringWithFallback(prefTheme, themeSystem)
}

// applyTheme sets the theme for a preference and remembers it.
func (a *App) applyTheme(pref string) {
	a.fyne.Preferences().SetString(prefTheme, pref)
	a.fyne.Settings().SetTheme(newTheme(pref))
}

// toggleTheme switches between light and dark.
func (a *App) toggleTheme() {
	if a.variant() == theme.VariantDark {
		a.applyTheme(themeLight)
	} else {
		a.applyTheme(themeDark)
	}
	if a.shell != nil && a.shell.register != nil {
		a.shell.register.rebuildTable()
	}
}
