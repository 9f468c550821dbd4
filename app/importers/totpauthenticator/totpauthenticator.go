// Package totpauthenticator imports the accounts of TOTP Authenticator
// (com.authenticator.authservice2): its encrypted backup file, and its
// internal preferences, TOTP_Authenticator_Preferences.xml, copied from a
// rooted Android phone.
//
// The accounts are a JSON array of objects: "issuer", "name", "key" (the
// secret), "base" (how the key is written: 16 for hexadecimal, 32 for
// base32, 64 for base64), and "digits" and "period", written as strings
// ("6", "30") or numbers. The app stores no algorithm and makes every code
// with SHA1. In the preferences file, Android SharedPreferences XML, the
// array is the string "STATIC_TOTP_CODES_LIST" (its items may be objects
// or strings holding objects). The file also holds the backup password in
// clear, "DEFAULT_ENCRYPTION_KEY", which is not read.
//
// The backup is text: the base64 of AES-256-CBC with PKCS#7 padding and an
// IV of sixteen zero bytes, keyed with the SHA-256 of the password (no key
// derivation: a plain hash). The plaintext is a JSON object whose first
// member's name is the JSON array of accounts, as text; its value is a
// timestamp. When the user sets no password, the app uses
// "TotpAuthenticator": such a backup is not reported as encrypted, and
// opens without a password. The cipher has no integrity check: a backup
// that does not decrypt to that JSON is reported as a wrong password,
// which is what it almost always is.
//
// The issuer and name are kept apart, and read as every importer reads
// such fields (app/importers/README.md, "How labels are read"): the name is
// not split at a colon, but loses a copy of the issuer in front of it. An
// account without digits or period gets 6 and 30 s; one of 5 digits whose
// issuer is Steam is a Steam key. Not read: the icon,
// favourite and widget settings, and the account header label.
//
// The description follows Aegis's TotpAuthenticatorImporter.java
// (beemdevelopment/Aegis, app/src/main/java/com/beemdevelopment/aegis/
// importers) and the files of its test suite; Aegis reads neither digits
// nor period, which the files do carry.
package totpauthenticator

import (
	"bytes"
	"crypto/aes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/prefs"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "TOTP Authenticator"

// Importer reads TOTP Authenticator backups and preferences.
var Importer importer.Importer = imp{}

type imp struct{}

func (imp) Name() string { return Name }

// prefsKey is the preference that holds the accounts.
const prefsKey = "STATIC_TOTP_CODES_LIST"

// defaultPassword is what the app encrypts a backup with when the user sets
// no password.
const defaultPassword = "TotpAuthenticator"

// maxBackup bounds the size of a backup this importer decodes.
const maxBackup = 16 << 20

func (imp) Detect(data []byte) bool {
	if _, ok := backup(data); ok {
		return true
	}
	_, err := fromPrefs(data)
	return !errors.Is(err, errNotPrefs)
}

func (imp) Encrypted(data []byte) bool {
	ct, ok := backup(data)
	if !ok {
		return false
	}
	_, err := decrypt(ct, []byte(defaultPassword))
	return err != nil
}

// backup returns the ciphertext of a backup file: base64 text of at least
// two AES blocks, line breaks allowed, spaces only around it (so that no
// text of words is taken for one).
func backup(data []byte) ([]byte, bool) {
	if len(data) > maxBackup {
		return nil, false
	}
	text := bytes.ReplaceAll(bytes.ReplaceAll(bytes.TrimSpace(data), []byte("\r"), nil), []byte("\n"), nil)
	for _, c := range text {
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '=') {
			return nil, false
		}
	}
	ct, err := base64.StdEncoding.DecodeString(string(text))
	if err != nil || len(ct) < 2*aes.BlockSize || len(ct)%aes.BlockSize != 0 {
		return nil, false
	}
	return ct, true
}

var errNotPrefs = errors.New("not TOTP Authenticator's preferences")

// fromPrefs returns the accounts' JSON of a preferences file, or
// errNotPrefs.
func fromPrefs(data []byte) (string, error) {
	if !bytes.Contains(data, []byte(prefsKey)) || !prefs.Sniff(data) {
		return "", errNotPrefs
	}
	p, err := prefs.Parse(data)
	if err != nil {
		return "", errNotPrefs
	}
	e, ok := p.Get(prefsKey)
	if !ok {
		return "", errNotPrefs
	}
	return e.Value, nil
}

// decrypt decrypts a backup's ciphertext and returns the accounts' JSON.
func decrypt(ct, password []byte) (string, error) {
	key := sha256.Sum256(password)
	plain, ok, err := importer.OpenCBC(key[:], make([]byte, aes.BlockSize), ct)
	if err != nil {
		return "", fmt.Errorf("%w: %v", importer.ErrCorrupt, err)
	}
	if !ok {
		return "", importer.ErrWrongPassword
	}
	list, ok := firstName(plain)
	if !ok {
		return "", importer.ErrWrongPassword
	}
	return list, nil
}

// firstName returns the name of the first member of the JSON object data.
func firstName(data []byte) (string, bool) {
	d := json.NewDecoder(bytes.NewReader(data))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return "", false
	}
	tok, err := d.Token()
	if err != nil {
		return "", false
	}
	name, ok := tok.(string)
	return name, ok
}

func (imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	list, err := fromPrefs(data)
	if errors.Is(err, errNotPrefs) {
		ct, ok := backup(data)
		if !ok {
			return res, fmt.Errorf("%w: not a TOTP Authenticator backup or preferences file", importer.ErrCorrupt)
		}
		// The built-in password first: with it the backup needs none.
		list, err = decrypt(ct, []byte(defaultPassword))
		if err != nil {
			if len(password) == 0 {
				return res, importer.ErrPasswordNeeded
			}
			list, err = decrypt(ct, password)
		}
	}
	if err != nil {
		return res, err
	}
	var raws []json.RawMessage
	if err := importer.Decode([]byte(list), &raws); err != nil {
		return res, fmt.Errorf("the list of accounts: %w", err)
	}
	for n, raw := range raws {
		// An item may be a string that holds the object.
		var s string
		if json.Unmarshal(raw, &s) == nil {
			raw = json.RawMessage(s)
		}
		var e entry
		if err := importer.Decode(raw, &e); err != nil {
			res.Skip(n, "?", err)
			continue
		}
		a, err := e.account()
		if err != nil {
			res.Skip(n, importer.Label(e.Issuer, e.Name), err)
			continue
		}
		res.Add(n, a)
	}
	return res, nil
}

type entry struct {
	Issuer string  `json:"issuer"`
	Name   string  `json:"name"`
	Key    string  `json:"key"`
	Base   flexInt `json:"base"`
	Digits flexInt `json:"digits"`
	Period flexInt `json:"period"`
}

func (e *entry) account() (vault.Account, error) {
	var a vault.Account
	a.Issuer, a.Name = importer.SplitName(e.Issuer, e.Name)
	var secret []byte
	var err error
	switch e.Base {
	case 16:
		secret, err = importer.Hex(e.Key)
	case 32:
		secret, err = importer.Base32(e.Key)
	case 64:
		secret, err = importer.Base64(e.Key)
	default:
		err = fmt.Errorf("%w: secret in base %d", importer.ErrUnsupported, e.Base)
	}
	if err != nil {
		return a, err
	}
	a.Key, err = importer.Fields{Issuer: a.Issuer, Secret: secret, Digits: int(e.Digits), Period: int(e.Period)}.Key()
	return a, err
}

// flexInt is a number written as a JSON number or a string; an empty string
// or null is 0.
type flexInt int

func (n *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		return nil
	}
	if len(s) >= 2 && s[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return nil
		}
	}
	v, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		return fmt.Errorf("%w: %.12q is not a whole number", importer.ErrCorrupt, s)
	}
	*n = flexInt(v)
	return nil
}
