package transfer

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// The first byte of a plaintext says how the account list is stored.
const (
	storedPlain   = 0 // as it is
	storedDeflate = 1 // compressed with DEFLATE (RFC 1951)
)

// Limits on what a received plaintext may make the receiver allocate.
const (
	maxAccounts  = 100000
	maxInflated  = 16 << 20
	maxFieldSize = 64 << 10
)

// errPayload is wrapped by the errors of a plaintext that does not decode.
// It follows a successful authentication, so it means a sender that wrote
// a wrong payload, never a damaged frame.
var errPayload = errors.New("accounts do not decode")

// marshalAccounts writes accounts as the plaintext of a transfer: the
// account list, compressed when that makes it shorter. IDs and times are
// not carried: the receiver gives the accounts its own.
func marshalAccounts(accounts []vault.Account) ([]byte, error) {
	body := binary.AppendUvarint(nil, uint64(len(accounts)))
	for i, a := range accounts {
		if err := a.Key.Validate(); err != nil {
			return nil, fmt.Errorf("account %d: %w", i+1, err)
		}
		body = append(body, byte(a.Type), byte(a.Algorithm), byte(a.Digits))
		if a.Type == otp.HOTP {
			body = binary.AppendUvarint(body, a.Counter)
		} else {
			body = binary.AppendUvarint(body, uint64(a.Period))
		}
		for _, f := range [][]byte{a.Secret, []byte(a.Issuer), []byte(a.Name), []byte(a.Group), []byte(a.Note)} {
			if len(f) > maxFieldSize {
				return nil, fmt.Errorf("account %d: a field of %d bytes is too long to transfer", i+1, len(f))
			}
			body = binary.AppendUvarint(body, uint64(len(f)))
			body = append(body, f...)
		}
	}
	var z bytes.Buffer
	z.WriteByte(storedDeflate)
	w, _ := flate.NewWriter(&z, flate.BestCompression) // the level is valid
	w.Write(body)
	w.Close()
	if z.Len() < 1+len(body) {
		return z.Bytes(), nil
	}
	return append([]byte{storedPlain}, body...), nil
}

// unmarshalAccounts reads a plaintext written by marshalAccounts.
func unmarshalAccounts(p []byte) ([]vault.Account, error) {
	if len(p) == 0 {
		return nil, fmt.Errorf("%w: empty", errPayload)
	}
	body := p[1:]
	switch p[0] {
	case storedPlain:
	case storedDeflate:
		r := flate.NewReader(bytes.NewReader(body))
		b, err := io.ReadAll(io.LimitReader(r, maxInflated+1))
		if err != nil {
			return nil, fmt.Errorf("%w: inflating: %v", errPayload, err)
		}
		if len(b) > maxInflated {
			return nil, fmt.Errorf("%w: more than %d bytes inflated", errPayload, maxInflated)
		}
		body = b
	default:
		return nil, fmt.Errorf("%w: unknown storage %d", errPayload, p[0])
	}
	d := decoder{b: body}
	n := d.uvarint()
	if d.err == nil && n > maxAccounts {
		return nil, fmt.Errorf("%w: %d accounts", errPayload, n)
	}
	accounts := make([]vault.Account, 0, min(n, 1024))
	for i := uint64(0); i < n && d.err == nil; i++ {
		var a vault.Account
		a.Type, a.Algorithm, a.Digits = otp.Type(d.byte()), otp.Algorithm(d.byte()), int(d.byte())
		v := d.uvarint()
		if a.Type == otp.HOTP {
			a.Counter = v
		} else if v > 1<<31 {
			d.fail("period %d", v)
		} else {
			a.Period = int(v)
		}
		a.Secret = d.field()
		a.Issuer, a.Name, a.Group, a.Note = d.text(), d.text(), d.text(), d.text()
		if d.err != nil {
			break
		}
		if err := a.Key.Validate(); err != nil {
			return nil, fmt.Errorf("%w: account %d: %v", errPayload, i+1, err)
		}
		accounts = append(accounts, a)
	}
	if d.err == nil && len(d.b) != 0 {
		d.fail("%d bytes after the accounts", len(d.b))
	}
	if d.err != nil {
		return nil, d.err
	}
	return accounts, nil
}

// decoder reads the fields of a plaintext, keeping the first error.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", errPayload, fmt.Sprintf(format, args...))
	}
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.fail("cut short")
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("cut short or bad varint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) field() []byte {
	n := d.uvarint()
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) || n > maxFieldSize {
		d.fail("a field of %d bytes", n)
		return nil
	}
	f := bytes.Clone(d.b[:n])
	d.b = d.b[n:]
	return f
}

func (d *decoder) text() string {
	f := d.field()
	if d.err == nil && !utf8.Valid(f) {
		d.fail("text is not UTF-8")
	}
	return string(f)
}
