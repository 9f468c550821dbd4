// Package proton imports the JSON exports of Proton Authenticator, plain
// and password-protected.
//
// The plain export is {"version": 1, "entries": [{"content": {"uri",
// "name", "entry_type"}, "note"}]}. The key and issuer come from the URI
// (otpauth://, or steam:// for Steam keys), the name from content.name,
// which the user may have edited, and the note from note.
//
// The password-protected export is {"version": 1, "salt", "content"}, both
// in standard base64. The key is Argon2id of the password and the 16-byte
// salt, with the cost fixed by the app (2 passes, 19456 KiB, one lane), 32
// bytes; content is a 12-byte nonce followed by the AES-256-GCM ciphertext
// and tag of the plain export, with the associated data
// "proton.authenticator.export.v1". The file names no cost, so a file
// cannot make the derivation more expensive. There is no check value: a
// wrong password and a changed ciphertext look the same, and the error
// wraps both ErrWrongPassword and ErrCorrupt.
//
// The description follows Proton's own code, protonpass/proton-pass-common,
// proton-authenticator/src/entry/password_exporter.rs and src/crypto.rs.
package proton

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"twofold.app/app/importers/importer"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "Proton Authenticator"

// Importer reads Proton Authenticator exports.
var Importer importer.Importer = imp{cost: protonCost}

// cost is an Argon2id cost. Proton fixes it; the fuzz target uses a tiny
// one so that it stays fast.
type cost struct{ passes, memoryKiB int }

var protonCost = cost{passes: 2, memoryKiB: 19 * 1024}

type imp struct{ cost cost }

func (imp) Name() string { return Name }

type export struct {
	Version int               `json:"version"`
	Entries []json.RawMessage `json:"entries"`
}

type entry struct {
	Content struct {
		URI       string `json:"uri"`
		Name      string `json:"name"`
		EntryType string `json:"entry_type"`
	} `json:"content"`
	Note string `json:"note"`
}

// encrypted is the password-protected export.
type encrypted struct {
	Version int    `json:"version"`
	Salt    string `json:"salt"`
	Content string `json:"content"`
}

// aad is the associated data of the AES-GCM encryption.
const aad = "proton.authenticator.export.v1"

// Detect accepts an object with a version and entries whose first entry
// has content.uri, or a password-protected export: an object with a
// version and string salt and content, and no entries.
func (imp) Detect(data []byte) bool {
	m, ok := importer.Object(data)
	if !ok {
		return false
	}
	if isEncrypted(m) {
		return true
	}
	var entries []json.RawMessage
	if _, v := m["version"]; !v || json.Unmarshal(m["entries"], &entries) != nil || importer.IsNull(m["entries"]) {
		return false
	}
	if len(entries) == 0 {
		return true
	}
	var first struct {
		Content map[string]json.RawMessage `json:"content"`
	}
	if json.Unmarshal(entries[0], &first) != nil {
		return false
	}
	_, uri := first.Content["uri"]
	return uri
}

func isEncrypted(m map[string]json.RawMessage) bool {
	var salt, content string
	_, version := m["version"]
	_, entries := m["entries"]
	return version && !entries && json.Unmarshal(m["salt"], &salt) == nil && json.Unmarshal(m["content"], &content) == nil
}

func (imp) Encrypted(data []byte) bool {
	m, ok := importer.Object(data)
	return ok && isEncrypted(m)
}

func (i imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	if m, ok := importer.Object(data); ok && isEncrypted(m) {
		if len(password) == 0 {
			return res, importer.ErrPasswordNeeded
		}
		plain, err := i.decrypt(data, password)
		if err != nil {
			return res, err
		}
		data = plain
	}
	var e export
	if err := importer.Decode(data, &e); err != nil {
		return res, err
	}
	if e.Version != 1 {
		return res, fmt.Errorf("%w: Proton Authenticator export version %d", importer.ErrUnsupported, e.Version)
	}
	importer.Each(&res, e.Entries, func(en *entry) (vault.Account, string, error) {
		a, err := importer.URI(en.Content.URI)
		if strings.TrimSpace(en.Content.Name) != "" {
			// The name the user gave wins over the URI's label.
			a.Issuer, a.Name = importer.SplitName(a.Issuer, en.Content.Name)
		}
		a.Note = en.Note
		return a, importer.Label(a.Issuer, a.Name), err
	})
	return res, nil
}

// decrypt returns the plain export inside a password-protected one.
func (i imp) decrypt(data, password []byte) ([]byte, error) {
	var e encrypted
	if err := importer.Decode(data, &e); err != nil {
		return nil, err
	}
	if e.Version != 1 {
		return nil, fmt.Errorf("%w: Proton Authenticator encrypted export version %d", importer.ErrUnsupported, e.Version)
	}
	salt, err := base64.StdEncoding.DecodeString(strings.TrimSpace(e.Salt))
	if err != nil || len(salt) == 0 {
		return nil, fmt.Errorf("%w: salt is not base64", importer.ErrCorrupt)
	}
	content, err := base64.StdEncoding.DecodeString(strings.TrimSpace(e.Content))
	if err != nil {
		return nil, fmt.Errorf("%w: content is not base64", importer.ErrCorrupt)
	}
	if len(content) < 12+16 {
		return nil, fmt.Errorf("%w: content is %d bytes, too short for a nonce and a tag", importer.ErrCorrupt, len(content))
	}
	key, err := importer.DeriveKey(password, importer.KeySpec{
		KDF: importer.Argon2id, Salt: salt, Iterations: i.cost.passes, MemoryKiB: i.cost.memoryKiB, Threads: 1, KeyLen: 32,
	})
	if err != nil {
		return nil, err
	}
	plain, err := openGCM(key, content[:12], content[12:])
	if err != nil {
		return nil, err
	}
	if plain == nil {
		// One ciphertext and no check value: a wrong password and a
		// damaged file look the same.
		return nil, fmt.Errorf("%w, or %w: the content does not decrypt", importer.ErrWrongPassword, importer.ErrCorrupt)
	}
	return plain, nil
}

// openGCM decrypts with AES-256-GCM and Proton's associated data. It
// returns nil, nil when authentication fails.
func openGCM(key, nonce, sealed []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", importer.ErrCorrupt, err) // unreachable: 32-byte key
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", importer.ErrCorrupt, err) // unreachable
	}
	plain, err := gcm.Open(nil, nonce, sealed, []byte(aad))
	if err != nil {
		return nil, nil
	}
	return plain, nil
}
