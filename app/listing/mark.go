package listing

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"unicode"
)

// Mark is what is drawn beside an account in place of an icon: its
// initials on a colour derived from its issuer. Nothing is fetched.
type Mark struct {
	// Initials are one or two upper-case letters or digits: the first
	// letters of the issuer's first two words ("AC" for Air Canada), or of
	// a one-word issuer and its next capital ("GH" for GitHub, "1P" for
	// 1Password), else its first letter ("A" for Amazon). An issuer
	// written in Japanese, Chinese or Korean gives its first character
	// alone ("楽" for 楽天, "ヤ" for ﾔﾌｰ). Without an issuer the name is
	// used the same way; with neither, "?".
	Initials string
	// Hue is the colour's hue in degrees, 0 to 359: the FNV-1a (32-bit)
	// hash of the folded issuer (see [Fold]), or of the folded name if
	// there is no issuer, modulo 360. The same issuer has the same colour
	// everywhere, whatever its case or width.
	Hue int
	// Swatch is the index of the colour of [Palette] nearest Hue.
	Swatch int
}

// NewMark returns the mark of an account with the given issuer and name.
func NewMark(issuer, name string) Mark {
	key := issuer
	if strings.TrimSpace(key) == "" {
		key = name
	}
	h := fnv.New32a()
	h.Write([]byte(Fold(key)))
	hue := int(h.Sum32() % 360)
	m := Mark{Initials: initials(issuer), Hue: hue, Swatch: (hue + swatchStep/2) / swatchStep % len(palette)}
	if m.Initials == "" {
		m.Initials = initials(name)
	}
	if m.Initials == "" {
		m.Initials = "?"
	}
	return m
}

// Class returns the CSS class of the mark's colour, "mark-" and the
// swatch, which the rules of [MarkCSS] colour.
func (m Mark) Class() string { return "mark-" + strconv.Itoa(m.Swatch) }

// initials returns the initials of s, or "" if it has no letter or digit.
func initials(s string) string {
	rs := []rune(s)
	for i, r := range rs {
		rs[i] = widthFold(r)
	}
	start := -1
	for i, r := range rs {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			start = i
			break
		}
	}
	if start < 0 {
		return ""
	}
	first := rs[start]
	if isCJK(first) {
		if start+1 < len(rs) {
			first = withSoundMark(first, rs[start+1])
		}
		return string(first)
	}
	// The word is the run of letters, digits, dots and apostrophes.
	inWord := func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '\'' || r == '’' || unicode.Is(unicode.Mn, r)
	}
	end := start
	for end < len(rs) && inWord(rs[end]) {
		end++
	}
	// The next word's first letter or digit, if it is not in a CJK script.
	for i := end; i < len(rs); i++ {
		if unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]) {
			if isCJK(rs[i]) {
				break
			}
			return upper(first, rs[i])
		}
	}
	// One word: its next capital after a small letter or digit, if any.
	for i := start + 1; i < end; i++ {
		if unicode.IsUpper(rs[i]) && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])) {
			return upper(first, rs[i])
		}
	}
	return upper(first)
}

func upper(rs ...rune) string {
	for i, r := range rs {
		rs[i] = unicode.ToUpper(r)
	}
	return string(rs)
}

// isCJK reports whether r is written in a Chinese, Japanese or Korean
// script, whose words are not separated by spaces.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo)
}

// widthFold maps full-width ASCII to ASCII and half-width katakana to
// full-width, as [Fold] does, without changing case or kana.
func widthFold(r rune) rune {
	switch {
	case 0xFF01 <= r && r <= 0xFF5E:
		return r - (0xFF01 - '!')
	case r == '\u3000':
		return ' '
	case 0xFF61 <= r && r <= 0xFF9F:
		return halfWidth[r-0xFF61]
	}
	return r
}

// withSoundMark returns the kana r joined with the sound mark next, if
// next is one that r takes ("ガ" for "カ" and "゛").
func withSoundMark(r, next rune) rune {
	katakana := 0x30A1 <= r && r <= 0x30F6
	h := r
	if katakana {
		h -= 0x60
	}
	var v rune
	var ok bool
	switch next {
	case voicedMark, combiningVoiced:
		v, ok = voiced(h)
	case semiVoicedMark, combiningSemiVoiced:
		v, ok = semiVoiced(h)
	}
	switch {
	case !ok:
		return r
	case katakana:
		return v + 0x60
	}
	return v
}

// swatchStep is the hue between two colours of the palette, in degrees.
const swatchStep = 15

// Swatch is a colour of the issuer marks, for the light and the dark
// theme, as CSS hexadecimal colours. White text on either meets the WCAG
// AA contrast for text, 4.5:1.
type Swatch struct {
	Light, Dark string
}

// palette has one colour every 15 degrees of hue: for the light theme with
// 65% saturation, for the dark one with 45%, each as light as it can be
// with a contrast of at least 4.6:1 to white (a margin over 4.5:1).
// TestPalette checks the contrast and the hues.
var palette = [360 / swatchStep]Swatch{
	{"#d53b3b", "#be5353"}, // 0°
	{"#c4502a", "#b15e43"},
	{"#a76524", "#9b6b3b"},
	{"#8d721e", "#887334"},
	{"#79791a", "#78782e"}, // 60°
	{"#657e1b", "#697c2f"},
	{"#4f821c", "#588031"},
	{"#37851c", "#468332"},
	{"#1d871d", "#338533"}, // 120°
	{"#1c8637", "#328447"},
	{"#1c8551", "#32835b"},
	{"#1c846a", "#31826e"},
	{"#1c8282", "#318080"}, // 180°
	{"#217e9d", "#387d94"},
	{"#2a77c5", "#4278af"},
	{"#4b6ed9", "#5871bf"},
	{"#6666df", "#6b6bc7"}, // 240°
	{"#7e5edd", "#7d65c5"},
	{"#9652da", "#905dc2"},
	{"#b13fd6", "#a353be"},
	{"#c62ac6", "#b745b7"}, // 300°
	{"#cf2ca6", "#ba4a9e"},
	{"#d33283", "#bc4d84"},
	{"#d53860", "#bd516c"},
}

// Palette returns the colours of the issuer marks; [Mark.Swatch] indexes
// it.
func Palette() [len(palette)]Swatch { return palette }

// MarkCSS returns the style sheet rules that colour the marks: a class
// mark-0 to mark-23 (see [Mark.Class]) for each swatch of [Palette], with
// the dark colours under prefers-color-scheme: dark. The text on the marks
// is to be white. The page's Content-Security-Policy forbids inline style
// attributes, so the colours must come from a style sheet.
func MarkCSS() string {
	var b strings.Builder
	b.WriteString("/* Issuer marks, from listing.MarkCSS: white text on each meets WCAG AA (4.5:1). */\n")
	for i, s := range palette {
		fmt.Fprintf(&b, ".mark-%d { background-color: %s; }\n", i, s.Light)
	}
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	for i, s := range palette {
		fmt.Fprintf(&b, "  .mark-%d { background-color: %s; }\n", i, s.Dark)
	}
	b.WriteString("}\n")
	return b.String()
}
