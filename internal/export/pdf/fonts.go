package pdf

import _ "embed"

// Noto Sans regular and bold (SIL Open Font License 1.1, fonts/OFL.txt) cover Latin with every
// diacritic, Greek and Cyrillic, so every EU language renders.
var (
	//go:embed fonts/NotoSans-Regular.ttf
	notoRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	notoBold []byte
)
