// Package bitwarden imports the exports of the Bitwarden password manager,
// JSON and CSV, unencrypted or password-protected: the items whose login
// has a TOTP key. It reads the exports of the separate Bitwarden
// Authenticator app too, which are the same formats.
//
// The key (login.totp, or the login_totp column) is an otpauth:// URI, a
// steam://SECRET URI, or a bare base32 secret (TOTP, SHA1, 6 digits, 30 s).
// A steam:// URI or a bare secret has no label: the item's name becomes the
// issuer and the login's username the name. So does an otpauth URI without
// an issuer. The item's folder becomes the group and its notes the note.
// Items without a TOTP key are not counted; an item, or a CSV row, that
// cannot be read is reported as skipped, since it may have had one.
//
// A password-protected export is {"encrypted": true, "passwordProtected":
// true, "salt", "kdfType", "kdfIterations", "kdfMemory", "kdfParallelism",
// "encKeyValidation_DO_NOT_EDIT", "data"}. The 32-byte master key is
// PBKDF2-HMAC-SHA256 (kdfType 0) of the password and the salt field's text
// (its UTF-8 bytes, not what its base64 encodes), or Argon2id (kdfType 1)
// with the SHA-256 of that text as salt, kdfIterations passes, kdfMemory
// MiB and kdfParallelism lanes. HKDF-Expand-SHA256 stretches it into an AES
// key (info "enc") and an HMAC key (info "mac"), both 32 bytes. The two
// last fields are EncStrings of type 2, "2.iv|ciphertext|mac" in base64:
// AES-256-CBC with PKCS#7 padding, and HMAC-SHA256 of iv and ciphertext.
// The validation EncString, a random GUID, tells a wrong password (its MAC
// fails) from a damaged file (data's MAC fails); data holds the unencrypted
// JSON export. This follows bitwarden/clients: buildPasswordExport in
// libs/tools/export/vault-export/vault-export-core/src/services/
// base-vault-export.service.ts, BitwardenPasswordProtectedImporter in
// libs/importer, and deriveKeyFromPassword and stretchKey in
// DefaultKeyGenerationService (libs/common/src/key-management/crypto).
//
// An export "encrypted" with the account's own key ({"encrypted": true}
// without passwordProtected, whose every field is an EncString) is refused
// with ErrUnsupported: only the Bitwarden account that made it can open it.
//
// Bitwarden Authenticator (bitwarden/authenticator-android and -ios)
// exports {"encrypted": false, "items": [...]} with the issuer as the
// item's name and an otpauth:// or steam:// URI in login.totp, and a CSV
// whose header is folder,favorite,type,name,login_uri,login_totp and whose
// rows carry three more cells (issuer, period, digits) that are ignored,
// the URI holding them all. Both read as the password manager's exports
// do, and are reported as Bitwarden's.
package bitwarden

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"twofold.app/app/importers/importer"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "Bitwarden"

// Importer reads Bitwarden exports.
var Importer importer.Importer = imp{limits: defaultLimits}

type imp struct{ limits limits }

func (imp) Name() string { return Name }

// Detect accepts a JSON object with "encrypted" and either "items" (an
// unencrypted or account-restricted export) or "data" (a
// password-protected one), and CSV with name and login_totp columns.
func (imp) Detect(data []byte) bool {
	if m, ok := importer.Object(data); ok {
		_, items := m["items"]
		_, data := m["data"]
		_, encrypted := m["encrypted"]
		return encrypted && (items || data)
	}
	h, err := csvHeader(data)
	return err == nil && h["login_totp"] >= 0 && h["name"] >= 0
}

// Encrypted reports whether data is a password-protected export. An
// account-restricted export is not: no password opens it.
func (imp) Encrypted(data []byte) bool {
	m, ok := importer.Object(data)
	return ok && isTrue(m["encrypted"]) && isTrue(m["passwordProtected"])
}

func isTrue(v json.RawMessage) bool {
	var b bool
	return json.Unmarshal(v, &b) == nil && b
}

// item is what both kinds of export give for one item; err is set for an
// item that could not be read at all.
type item struct {
	name, username, totp, folder, notes string
	err                                 error
}

func (i imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	var items []item
	var err error
	if _, ok := importer.Object(data); ok {
		items, err = i.jsonItems(data, password)
	} else {
		items, err = csvItems(data)
	}
	if err != nil {
		return res, err
	}
	for n, it := range items {
		if it.err != nil {
			res.Skip(n, importer.Label(it.name, it.username), it.err)
			continue
		}
		if strings.TrimSpace(it.totp) == "" {
			continue
		}
		a, err := it.account()
		if err != nil {
			res.Skip(n, importer.Label(it.name, it.username), err)
			continue
		}
		res.Add(n, a)
	}
	return res, nil
}

func (it item) account() (vault.Account, error) {
	s := strings.TrimSpace(it.totp)
	var a vault.Account
	if importer.HasScheme(s, "otpauth") || importer.HasScheme(s, "steam") {
		var err error
		if a, err = importer.URI(s); err != nil {
			return a, err
		}
	} else {
		secret, err := importer.Base32(s)
		if err != nil {
			return a, err
		}
		a.Key = otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: secret}
	}
	if a.Issuer == "" {
		a.Issuer = it.name
		if a.Name == "" {
			a.Name = it.username
		}
	}
	a.Group, a.Note = it.folder, it.notes
	return a, nil
}

type export struct {
	Encrypted         bool `json:"encrypted"`
	PasswordProtected bool `json:"passwordProtected"`
	protected
	Folders []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"folders"`
	Items []json.RawMessage `json:"items"`
}

type jsonItem struct {
	Name     string `json:"name"`
	Notes    string `json:"notes"`
	FolderID string `json:"folderId"`
	Login    *struct {
		Username string `json:"username"`
		TOTP     string `json:"totp"`
	} `json:"login"`
}

// jsonItems reads the items of a JSON export, decrypting a
// password-protected one first.
func (i imp) jsonItems(data, password []byte) ([]item, error) {
	var e export
	if err := importer.Decode(data, &e); err != nil {
		return nil, err
	}
	switch {
	case e.Encrypted && e.PasswordProtected:
		if len(password) == 0 {
			return nil, importer.ErrPasswordNeeded
		}
		plain, err := i.decrypt(e.protected, password)
		if err != nil {
			return nil, err
		}
		e = export{}
		if err := importer.Decode(plain, &e); err != nil {
			return nil, err
		}
		if e.Encrypted {
			return nil, fmt.Errorf("%w: the decrypted export is encrypted again", importer.ErrCorrupt)
		}
	case e.Encrypted:
		return nil, fmt.Errorf("%w: this Bitwarden export is encrypted with the Bitwarden account's own key (\"account restricted\"), "+
			"and only Bitwarden, signed in to that account, can open it; export again from Bitwarden as \"password protected\" or unencrypted JSON",
			importer.ErrUnsupported)
	}
	folders := make(map[string]string)
	for _, f := range e.Folders {
		folders[f.ID] = f.Name
	}
	items := make([]item, len(e.Items))
	for n, raw := range e.Items {
		var j jsonItem
		if err := importer.Decode(raw, &j); err != nil {
			// It may be a login with a TOTP key: say so, do not drop it.
			var named struct{ Name string }
			json.Unmarshal(raw, &named)
			items[n] = item{name: named.Name, err: err}
			continue
		}
		if j.Login == nil {
			continue // not a login: no TOTP key here
		}
		items[n] = item{name: j.Name, username: j.Login.Username, totp: j.Login.TOTP, folder: folders[j.FolderID], notes: j.Notes}
	}
	return items, nil
}

// csvHeader reads the first record and returns the column of each name,
// with -1 for the names it looks for and does not find.
func csvHeader(data []byte) (map[string]int, error) {
	if !importer.IsText(data) {
		return nil, errors.New("not text")
	}
	r := csv.NewReader(bytes.NewReader(importer.TrimBOM(data)))
	r.FieldsPerRecord = -1
	rec, err := r.Read()
	if err != nil {
		return nil, err
	}
	cols := map[string]int{"folder": -1, "name": -1, "notes": -1, "login_username": -1, "login_totp": -1}
	for i, name := range rec {
		if _, ok := cols[strings.TrimSpace(name)]; ok {
			cols[strings.TrimSpace(name)] = i
		}
	}
	return cols, nil
}

// maxBadRows bounds the work on a file that is not CSV after all.
const maxBadRows = 1000

func csvItems(data []byte) ([]item, error) {
	cols, err := csvHeader(data)
	if err != nil || cols["login_totp"] < 0 {
		return nil, fmt.Errorf("%w: no login_totp column", importer.ErrCorrupt)
	}
	r := csv.NewReader(bytes.NewReader(importer.TrimBOM(data)))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	if _, err := r.Read(); err != nil {
		return nil, fmt.Errorf("%w: CSV header", importer.ErrCorrupt) // unreachable: read above
	}
	var items []item
	bad := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// The reader goes on at the next line: report this one.
			var pe *csv.ParseError
			if errors.As(err, &pe) && bad < maxBadRows {
				bad++
				items = append(items, item{name: fmt.Sprintf("CSV line %d", pe.Line), err: fmt.Errorf("%w: not valid CSV", importer.ErrCorrupt)})
				continue
			}
			return nil, fmt.Errorf("%w: CSV", importer.ErrCorrupt)
		}
		get := func(col string) string {
			if i := cols[col]; i >= 0 && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		items = append(items, item{
			name: get("name"), username: get("login_username"), totp: get("login_totp"),
			folder: get("folder"), notes: get("notes"),
		})
	}
	return items, nil
}
