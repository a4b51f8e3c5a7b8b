// Package fonts holds the typeface the app's PDFs embed: Noto Sans, whose
// letters cover the names schools write (Zoë, Siobhán, Łukasz, Nguyễn).
// Its licence (SIL Open Font License 1.1) is beside it. Plain bytes, so
// app/ may use it without the desktop toolkit.
package fonts

import _ "embed"

// Regular is Noto Sans Regular, a TrueType font.
//
//go:embed NotoSans-Regular.ttf
var Regular []byte

// Bold is Noto Sans Bold, a TrueType font.
//
//go:embed NotoSans-Bold.ttf
var Bold []byte
