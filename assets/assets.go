// Package assets holds the files the app ships inside its binary: the icon
// and a padlock, exposed as fyne.Resource.
// It touches nothing else.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:generate go run icon_gen.go

//go:embed icon.png
var iconPNG []byte

//go:embed lock.svg
var lockSVG []byte

// Icon is the app icon: a white camera with a tick on a teal tile.
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", iconPNG)

// Lock is a padlock, in one colour so the theme can tint it.
var Lock fyne.Resource = fyne.NewStaticResource("lock.svg", lockSVG)
