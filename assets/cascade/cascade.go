// Package cascade holds the face-detection cascade the app ships: pigo's
// "facefinder" (MIT licence, beside it), a tree of pixel comparisons that
// says where faces are and nothing about whose they are. Plain bytes, so
// app/ may use it without the desktop toolkit.
package cascade

import _ "embed"

// FaceFinder is pigo's facefinder cascade, as pigo v1.4.6 ships it.
//
//go:embed facefinder
var FaceFinder []byte
