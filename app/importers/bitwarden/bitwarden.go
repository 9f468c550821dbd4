// Package bitwarden imports the unencrypted exports of the Bitwarden
// password manager, JSON and CSV: the items whose login has a TOTP key.
//
// The key (login.totp, or the login_totp column) is an otpauth:// URI, a
// steam://SECRET URI, or a bare base32 secret (TOTP, SHA1, 6 digits, 30 s).
// A steam:// URI or a bare secret has no label: the item's name becomes the
// issuer and the login's username the name. So does an otpauth URI without
// an issuer. The item's folder becomes the group and its notes the note.
// Items without a TOTP key are not counted; an item, or a CSV row, that
// cannot be read is reported as skipped, since it may have had one.
//
// Password-protected ("encrypted": true) exports are refused with
// ErrUnsupported: export them from Bitwarden without a password.
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
var Importer importer.Importer = imp{}

type imp struct{}

func (imp) Name() string { return Name }

func (imp) Detect(data []byte) bool {
	if m, ok := importer.Object(data); ok {
		_, items := m["items"]
		_, encrypted := m["encrypted"]
		return items && encrypted
	}
	h, err := csvHeader(data)
	return err == nil && h["login_totp"] >= 0 && h["name"] >= 0
}

func (imp) Encrypted(data []byte) bool { return false }

// item is what both kinds of export give for one item; err is set for an
// item that could not be read at all.
type item struct {
	name, username, totp, folder, notes string
	err                                 error
}

func (imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	var items []item
	var err error
	if _, ok := importer.Object(data); ok {
		items, err = jsonItems(data)
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
	Encrypted bool `json:"encrypted"`
	Folders   []struct {
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

func jsonItems(data []byte) ([]item, error) {
	var e export
	if err := importer.Decode(data, &e); err != nil {
		return nil, err
	}
	if e.Encrypted {
		return nil, fmt.Errorf("%w: a password-protected Bitwarden export; export again without a password", importer.ErrUnsupported)
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
