package listing

import (
	"strings"
	"unicode"
)

// Fold returns s in the form in which [Rows] compares texts: each letter
// case-folded (Unicode simple folding), full-width ASCII letters, digits
// and signs and the ideographic space as their ASCII forms, half-width
// katakana as full-width, katakana as hiragana, and a voiced or
// semi-voiced sound mark (combining, spacing or half-width) joined to the
// kana before it when there is such a kana ("ｶﾞ" and "ガ" fold to "が").
// Nothing else is changed; in particular accents stay.
func Fold(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || 'A' <= c && c <= 'Z' {
			return foldSlow(s)
		}
	}
	return s
}

func foldSlow(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	prev := rune(-1) // the last rune folded, not written yet
	for _, r := range s {
		r = foldRune(r)
		switch r {
		case voicedMark, combiningVoiced:
			if v, ok := voiced(prev); ok {
				prev = v
				continue
			}
			r = voicedMark
		case semiVoicedMark, combiningSemiVoiced:
			if v, ok := semiVoiced(prev); ok {
				prev = v
				continue
			}
			r = semiVoicedMark
		}
		if prev >= 0 {
			b.WriteRune(prev)
		}
		prev = r
	}
	if prev >= 0 {
		b.WriteRune(prev)
	}
	return b.String()
}

const (
	combiningVoiced     = '\u3099'
	combiningSemiVoiced = '\u309A'
	voicedMark          = '\u309B' // ゛
	semiVoicedMark      = '\u309C' // ゜
)

// halfWidth maps U+FF61 to U+FF9F, the half-width katakana and signs, to
// their full-width forms (as NFKC does, but for the sound marks, which map
// to the spacing ones here).
var halfWidth = []rune("。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜")

// foldRune folds one rune, leaving the sound marks to foldSlow.
func foldRune(r rune) rune {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case 0xFF01 <= r && r <= 0xFF5E: // full-width ASCII
		r -= 0xFF01 - '!'
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case r == '\u3000': // ideographic space
		return ' '
	case 0xFF61 <= r && r <= 0xFF9F:
		r = halfWidth[r-0xFF61]
	}
	switch {
	case 0x30A1 <= r && r <= 0x30F6, r == 0x30FD, r == 0x30FE: // katakana
		return r - 0x60 // the hiragana
	}
	return unicode.ToLower(unicode.ToUpper(r))
}

// voiced returns the voiced form of a hiragana (が for か), if it has one.
func voiced(r rune) (rune, bool) {
	switch {
	case 0x304B <= r && r <= 0x3062 && r%2 == 1: // か to ぢ: the unvoiced are odd
		return r + 1, true
	case 0x3064 <= r && r <= 0x3068 && r%2 == 0: // つ, て, と
		return r + 1, true
	case 0x306F <= r && r <= 0x307B && (r-0x306F)%3 == 0: // は, ひ, ふ, へ, ほ
		return r + 1, true
	case r == 'う':
		return 'ゔ', true
	case r == 'ゝ':
		return 'ゞ', true
	}
	return 0, false
}

// semiVoiced returns the semi-voiced form of a hiragana (ぱ for は), if it
// has one.
func semiVoiced(r rune) (rune, bool) {
	if 0x306F <= r && r <= 0x307B && (r-0x306F)%3 == 0 {
		return r + 2, true
	}
	return 0, false
}
