package transfer

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// codeAlphabet is the 31 characters of verification codes: the digits and
// upper-case letters less 0, 1, I, L and O, which are read for one another.
// 31 is prime, which the check character relies on.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// codeLen is the number of characters of a verification code, its check
// character included: 11 random characters carry 11·log2(31) ≈ 54.5 bits.
const codeLen = 12

// ErrCodeTypo is wrapped by the errors of [ParseCode]: the text is not a
// verification code as typed (a character too many or too few, one that is
// never in a code, or a wrong or swapped character that the check character
// caught). No key derivation has run when it is returned.
var ErrCodeTypo = errors.New("verification code mistyped")

// TypoError is the error of [ParseCode] for a mistyped code. It wraps
// [ErrCodeTypo].
type TypoError struct {
	// Kind is the mistake, for screens to word it in their language.
	Kind Typo
	// Char is the character that a code never holds, for [TypoChar].
	Char rune
	// Len is the number of characters typed, separators left out, for
	// [TypoLength].
	Len int
	// Problem says what is wrong in English, for the person who typed it:
	// "it has 11 characters, not 12".
	Problem string
}

// Typo is the kind of mistake of a [TypoError].
type Typo uint8

// The mistakes [ParseCode] tells apart.
const (
	// TypoChar is a character that a code never holds: TypoError.Char.
	TypoChar Typo = iota + 1
	// TypoLength is too many or too few characters: TypoError.Len.
	TypoLength
	// TypoCheck is a wrong character, or two swapped, that the check
	// character caught.
	TypoCheck
)

func (e *TypoError) Error() string { return ErrCodeTypo.Error() + ": " + e.Problem }

func (e *TypoError) Unwrap() error { return ErrCodeTypo }

// Code is a verification code: the secret that the sender shows beside the
// transfer codes, never inside them, and the receiver types.
type Code struct {
	s string // codeLen characters of codeAlphabet, the last one the check
}

// NewCode returns a fresh verification code, its random characters read
// from rand.
func NewCode(rand io.Reader) (Code, error) {
	b := make([]byte, codeLen)
	var buf [64]byte
	for n := 0; n < codeLen-1; {
		if _, err := io.ReadFull(rand, buf[:]); err != nil {
			return Code{}, fmt.Errorf("reading randomness for a verification code: %w", err)
		}
		for _, r := range buf {
			// 248 is the largest multiple of 31 a byte holds: taking only
			// the bytes below it keeps every character equally likely.
			if r < 248 && n < codeLen-1 {
				b[n] = codeAlphabet[r%31]
				n++
			}
		}
	}
	b[codeLen-1] = codeAlphabet[checkValue(b[:codeLen-1])]
	return Code{s: string(b)}, nil
}

// checkValue returns the value of the check character that makes the
// weighted sum Σ (i+1)·value(c_i) over all codeLen characters a multiple of
// 31. Weights 1 to 12 are distinct and non-zero modulo the prime 31, so a
// single wrong character and any two swapped characters change the sum.
func checkValue(data []byte) int {
	sum := 0
	for i, c := range data {
		sum += (i + 1) * strings.IndexByte(codeAlphabet, c)
	}
	// value·12 ≡ −sum (mod 31); 12⁻¹ ≡ 13 (mod 31), as 12·13 = 156 = 5·31+1.
	return ((31 - sum%31) % 31 * 13) % 31
}

// ParseCode reads a verification code as a person typed it: case, spaces
// and dashes are ignored, and full-width characters are read as their ASCII
// twins. Errors are a [*TypoError], which wraps [ErrCodeTypo].
func ParseCode(s string) (Code, error) {
	b := make([]byte, 0, codeLen)
	for _, r := range s {
		switch {
		case r == ' ' || r == '-' || r == '\t' || r == '\u00a0' || r == '‐' || r == '–' ||
			r == '\u3000' || r == '－': // the full-width space and hyphen-minus of a Japanese keyboard
			continue
		case 'a' <= r && r <= 'z':
			r -= 'a' - 'A'
		case 'ａ' <= r && r <= 'ｚ': // full-width letters from a Japanese keyboard
			r = r - 'ａ' + 'A'
		case 'Ａ' <= r && r <= 'Ｚ':
			r = r - 'Ａ' + 'A'
		case '０' <= r && r <= '９':
			r = r - '０' + '0'
		}
		if r > 0x7f || strings.IndexByte(codeAlphabet, byte(r)) < 0 {
			return Code{}, &TypoError{Kind: TypoChar, Char: r, Problem: fmt.Sprintf("a code never holds %q", r)}
		}
		b = append(b, byte(r))
	}
	if len(b) != codeLen {
		return Code{}, &TypoError{Kind: TypoLength, Len: len(b), Problem: fmt.Sprintf("it has %d characters, not %d", len(b), codeLen)}
	}
	if codeAlphabet[checkValue(b[:codeLen-1])] != b[codeLen-1] {
		return Code{}, &TypoError{Kind: TypoCheck, Problem: "a character is wrong, or two are swapped"}
	}
	return Code{s: string(b)}, nil
}

// String returns the code in groups of four for reading and typing, as in
// 7KQ2-M9XW-RTB4.
func (c Code) String() string {
	if len(c.s) != codeLen {
		return ""
	}
	return c.s[0:4] + "-" + c.s[4:8] + "-" + c.s[8:12]
}

// IsZero reports whether c is the zero Code, which no transfer uses.
func (c Code) IsZero() bool { return c.s == "" }

// password is what the key is derived from: the code's 12 characters in
// upper case, without dashes, as ASCII.
func (c Code) password() []byte { return []byte(c.s) }
