package transfer

import (
	"errors"
	"strings"
)

// base45Alphabet is the Base45 alphabet of RFC 9285: exactly the 45
// characters of the QR code alphanumeric mode.
const base45Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

var errBase45 = errors.New("not base45")

// base45Len returns the length of the Base45 text of n bytes.
func base45Len(n int) int { return n/2*3 + n%2*2 }

// appendBase45 appends the Base45 text of b to dst (RFC 9285, section 4).
func appendBase45(dst []byte, b []byte) []byte {
	for ; len(b) >= 2; b = b[2:] {
		n := int(b[0])<<8 | int(b[1])
		dst = append(dst, base45Alphabet[n%45], base45Alphabet[n/45%45], base45Alphabet[n/2025])
	}
	if len(b) == 1 {
		dst = append(dst, base45Alphabet[b[0]%45], base45Alphabet[b[0]/45])
	}
	return dst
}

// decodeBase45 decodes a Base45 text, refusing what RFC 9285 calls
// invalid: a character outside the alphabet, a length of 3n+1, and a group
// whose value does not fit its bytes.
func decodeBase45(s string) ([]byte, error) {
	if len(s)%3 == 1 {
		return nil, errBase45
	}
	out := make([]byte, 0, len(s)/3*2+1)
	for i := 0; i < len(s); i += 3 {
		end := min(i+3, len(s))
		n, w := 0, 1
		for j := i; j < end; j++ {
			v := strings.IndexByte(base45Alphabet, s[j])
			if v < 0 {
				return nil, errBase45
			}
			n += v * w
			w *= 45
		}
		if end-i == 3 {
			if n > 0xffff {
				return nil, errBase45
			}
			out = append(out, byte(n>>8), byte(n))
		} else {
			if n > 0xff {
				return nil, errBase45
			}
			out = append(out, byte(n))
		}
	}
	return out, nil
}
