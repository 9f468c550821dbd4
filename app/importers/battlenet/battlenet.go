// Package battlenet imports the authenticator of the Battle.net app
// (com.blizzard.messenger), which has no export: what people have is its
// preferences file, com.blizzard.messenger.authenticator_preferences.xml,
// copied from a rooted Android phone.
//
// The file is Android SharedPreferences XML. Its strings
// "com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET" and
// "com.blizzard.messenger.AUTHENTICATOR_SERIAL" hold the secret and the
// serial number, masked: each is hex of the bytes of its text XORed with a
// fixed 57-byte mask that the app carries. Unmasked, the secret is 40
// hexadecimal characters (a 20-byte key) and the serial is the text the app
// shows, such as "US-1234-5678-9012".
// "com.blizzard.messenger.AUTHENTICATOR_CREDENTIALS_ENCRYPTION_TYPE" says
// "MASK" for this masking; any other value is a scheme that is not read.
//
// Battle.net codes are TOTP, SHA1, 8 digits, 30 s; none of it is stored.
// The account is imported with the issuer "Battle.net" and the serial as
// its name. The region, the server time difference and the login settings
// are not read. A serial that does not unmask to text is left out: it only
// names the account.
//
// The description and the mask come from Aegis's BattleNetImporter.java
// (beemdevelopment/Aegis, app/src/main/java/com/beemdevelopment/aegis/
// importers) and the file of its test suite.
package battlenet

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/prefs"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "Battle.net Authenticator"

// Importer reads the Battle.net app's authenticator preferences.
var Importer importer.Importer = imp{}

type imp struct{}

func (imp) Name() string { return Name }

// The keys of the preferences this importer reads.
const (
	prefix        = "com.blizzard.messenger.AUTHENTICATOR_"
	secretKey     = prefix + "DEVICE_SECRET"
	serialKey     = prefix + "SERIAL"
	encryptionKey = prefix + "CREDENTIALS_ENCRYPTION_TYPE"
)

// mask is what the app XORs the secret and the serial with.
var mask = []byte{
	0x39, 0x8e, 0x27, 0xfc, 0x50, 0x27, 0x6a, 0x65, 0x60, 0x65, 0xb0, 0xe5,
	0x25, 0xf4, 0xc0, 0x6c, 0x04, 0xc6, 0x10, 0x75, 0x28, 0x6b, 0x8e, 0x7a,
	0xed, 0xa5, 0x9d, 0xa9, 0x81, 0x3b, 0x5d, 0xd6, 0xc8, 0x0d, 0x2f, 0xb3,
	0x80, 0x68, 0x77, 0x3f, 0xa5, 0x9b, 0xa4, 0x7c, 0x17, 0xca, 0x6c, 0x64,
	0x79, 0x01, 0x5c, 0x1d, 0x5b, 0x8b, 0x8f, 0x6b, 0x9a,
}

// Issuer is the issuer of the imported account.
const Issuer = "Battle.net"

func (imp) Detect(data []byte) bool {
	if !bytes.Contains(data, []byte(secretKey)) {
		return false
	}
	p, err := prefs.Parse(data)
	if err != nil {
		return false
	}
	_, ok := p.Get(secretKey)
	return ok
}

func (imp) Encrypted(data []byte) bool { return false }

func (imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	p, err := prefs.Parse(data)
	if err != nil {
		return res, fmt.Errorf("%w: %v", importer.ErrCorrupt, err)
	}
	secret, ok := p.Get(secretKey)
	if !ok {
		return res, fmt.Errorf("%w: no %s", importer.ErrCorrupt, secretKey)
	}
	if e, ok := p.Get(encryptionKey); ok && !strings.EqualFold(strings.TrimSpace(e.Value), "MASK") {
		return res, fmt.Errorf("%w: the credentials are protected with %.20q, not the mask Twofold reads", importer.ErrUnsupported, e.Value)
	}
	// The serial only names the account: one that cannot be read is left
	// out, and the account imported without it.
	name := ""
	if e, ok := p.Get(serialKey); ok {
		if serial, err := unmask(e.Value); err == nil && utf8.Valid(serial) && !bytes.ContainsFunc(serial, unicode.IsControl) {
			name = strings.TrimSpace(string(serial))
		}
	}
	a := vault.Account{Issuer: Issuer, Name: name}
	key, err := unmask(secret.Value)
	if err == nil {
		a.Key.Secret, err = importer.Hex(string(key))
	}
	if err != nil {
		res.Skip(0, importer.Label(Issuer, name), fmt.Errorf("secret: %w", err))
		return res, nil
	}
	a.Key = otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 8, Period: 30, Secret: a.Key.Secret}
	res.Add(0, a)
	return res, nil
}

// unmask decodes a masked value: hex, XORed with the mask.
func unmask(s string) ([]byte, error) {
	b, err := hex.DecodeString(strings.TrimSpace(s))
	switch {
	case err != nil:
		return nil, fmt.Errorf("%w: not hexadecimal", importer.ErrCorrupt)
	case len(b) == 0:
		return nil, fmt.Errorf("%w: empty", importer.ErrCorrupt)
	case len(b) > len(mask):
		return nil, fmt.Errorf("%w: %d bytes, longer than the mask", importer.ErrCorrupt, len(b))
	}
	for i := range b {
		b[i] ^= mask[i]
	}
	return b, nil
}
