// Package exportqr writes accounts as Google Authenticator transfer QR
// codes (otpauth-migration), the one format that most authenticator apps
// import by scanning: Google Authenticator, Aegis, 2FAS, Ente Auth, Proton
// Authenticator and others.
//
// Readers fail on dense codes (a phone camera pointed at a laptop reads a
// version 10 code in about 90 % of frames, version 15 in half, version 20
// in one frame in ten), so each code holds as many accounts as keep it at
// version [MaxVersion] or below, and never more than Google's 10.
package exportqr

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	qrcode "github.com/skip2/go-qrcode"

	"twofold.app/app/migration"
	"twofold.app/app/otpauth"
)

// MaxVersion is the densest code written, when one account a code allows.
const MaxVersion = 15

// maxPerCode is Google Authenticator's own limit of accounts in a code.
const maxPerCode = 10

// moduleSize is the size of a module in the PNG images, in pixels: an
// integer, so that the code stays sharp when shown at its own size.
const moduleSize = 4

// Code is one QR code of an export.
type Code struct {
	// URI is the otpauth-migration URI the code holds. It contains the
	// secrets: it must not be logged.
	URI string
	// Version is the QR symbol version, 1 to 40.
	Version int
	// PNG is the code as an image, with its quiet zone.
	PNG []byte
}

// ErrNothing is returned when no account can be carried by the format.
var ErrNothing = errors.New("none of the accounts can be exported in this format")

// NewBatchID returns a batch id for [Make]: a number from 0 to 2^31-1 made
// of four bytes read from rand. Google Authenticator tells the codes of one
// export from those of another by their batch id, so each export needs a
// fresh one.
func NewBatchID(rand io.Reader) (int, error) {
	var b [4]byte
	if _, err := io.ReadFull(rand, b[:]); err != nil {
		return 0, fmt.Errorf("reading randomness for a batch id: %w", err)
	}
	return int(binary.BigEndian.Uint32(b[:]) >> 1), nil // fits in an int32
}

// Make writes accounts as the codes of one export with the given batch id
// (see [NewBatchID]). Accounts that the format cannot carry faithfully
// (see [migration.Carry]: a period other than 30 seconds, Steam, 7 digits…)
// are left out and returned in skipped, never written wrong.
func Make(accounts []otpauth.Account, batchID int) (codes []Code, skipped []migration.Skip, err error) {
	for per := maxPerCode; per >= 1; per-- {
		uris, skips := migration.Split(accounts, per, batchID)
		if len(uris) == 0 {
			return nil, skips, ErrNothing
		}
		codes, err = render(uris)
		if err != nil {
			return nil, nil, err
		}
		dense := false
		for _, c := range codes {
			dense = dense || c.Version > MaxVersion
		}
		if !dense || per == 1 {
			return codes, skips, nil
		}
	}
	return nil, nil, errors.New("unreachable")
}

func render(uris []string) ([]Code, error) {
	codes := make([]Code, len(uris))
	for i, uri := range uris {
		q, err := qrcode.New(uri, qrcode.Medium)
		if err != nil {
			return nil, fmt.Errorf("making QR code %d: %w", i+1, err)
		}
		png, err := q.PNG(-moduleSize)
		if err != nil {
			return nil, fmt.Errorf("drawing QR code %d: %w", i+1, err)
		}
		codes[i] = Code{URI: uri, Version: q.VersionNumber, PNG: png}
	}
	return codes, nil
}
