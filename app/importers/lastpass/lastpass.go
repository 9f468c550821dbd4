// Package lastpass imports the JSON export of LastPass Authenticator
// (Settings → Advanced → Export accounts), on Android and on iOS:
//
//	{"version": 3, "deviceName": "...", "deviceId": "...", "deviceSecret": "...", "localDeviceId": "...",
//	 "accounts": [{"accountID", "lmiUserId", "issuerName", "originalIssuerName", "userName",
//	               "originalUserName", "pushNotification", "secret", "timeStep", "digits",
//	               "algorithm", "creationTimestamp", "isFavorite", "folderData": {"folderId", "position"}}],
//	 "folders": [{"id", "name", "isOpened"}]}
//
// The iOS app writes version 1, empty accountID and lmiUserId, creation
// times in seconds rather than milliseconds, and often an empty
// originalIssuerName; its folders include the app's own "Favorites" (id 1)
// and "Other Accounts" (id 0). Every account is TOTP: the secret in base32,
// the algorithm SHA1, SHA256 or SHA512, the digits, and the period in
// timeStep.
//
// LastPass has no published description of the file. This one is gathered
// from other apps' readers of it: Stratum's LastPassBackupConverter
// (stratumauth/app, Stratum.Core/src/Converter), Bitwarden Authenticator's
// LastPassJsonExport and LastPassExportParser (bitwarden/android), 2FAS's
// LastPassData.swift (twofas/2fas-ios), Proton Authenticator's LastPass
// parser, and an iOS export (device "iPhone16,2") quoted in the tests of the
// Chronos authenticator for iOS. None of them publishes a file made by
// LastPass itself, so the test vectors are written from this description.
//
// What is read: issuerName and userName, the names as the user edited them
// in LastPass, win; originalIssuerName and originalUserName, the names of
// the QR code, are used when the edited one is empty. A name holding a
// percent-escape (%40) is URL-decoded, as some readers expect the names
// URL-encoded; a name without one is kept as it is, so that a '+' in it
// stays a '+'. The issuer and name are then read as every importer reads
// such fields (app/importers/README.md, "How labels are read"): a copy of
// the issuer in front of the name is removed, other colons are kept; a
// missing algorithm, digits or period takes its default, and a code of 5
// digits whose issuer is Steam is a Steam key. The folder, unless it is the default one (id 0), becomes the
// group. Device ids and secrets, favourites, positions, creation times and
// the push-notification flag are not read.
package lastpass

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"

	"twofold.app/app/importers/importer"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "LastPass Authenticator"

// Importer reads LastPass Authenticator exports.
var Importer importer.Importer = imp{}

type imp struct{}

func (imp) Name() string { return Name }

// Detect accepts a JSON object with accounts and either LastPass's device
// fields (localDeviceId, deviceSecret) or, in its first account, LastPass's
// own names: timeStep with issuerName, originalIssuerName, userName or
// originalUserName.
func (imp) Detect(data []byte) bool {
	m, ok := importer.Object(data)
	if !ok {
		return false
	}
	if _, ok := m["accounts"]; !ok {
		return false
	}
	if _, ok := m["localDeviceId"]; ok {
		return true
	}
	if _, ok := m["deviceSecret"]; ok {
		return true
	}
	var accounts []json.RawMessage
	var first map[string]json.RawMessage
	if json.Unmarshal(m["accounts"], &accounts) != nil || len(accounts) == 0 || json.Unmarshal(accounts[0], &first) != nil {
		return false
	}
	if _, ok := first["timeStep"]; !ok {
		return false
	}
	for _, k := range []string{"issuerName", "originalIssuerName", "userName", "originalUserName"} {
		if _, ok := first[k]; ok {
			return true
		}
	}
	return false
}

func (imp) Encrypted(data []byte) bool { return false }

type export struct {
	Accounts []json.RawMessage `json:"accounts"`
	Folders  []json.RawMessage `json:"folders"`
}

type folder struct {
	ID   id     `json:"id"`
	Name string `json:"name"`
}

type account struct {
	IssuerName         string `json:"issuerName"`
	OriginalIssuerName string `json:"originalIssuerName"`
	UserName           string `json:"userName"`
	OriginalUserName   string `json:"originalUserName"`
	Secret             string `json:"secret"`
	Algorithm          string `json:"algorithm"`
	Digits             int    `json:"digits"`
	TimeStep           int    `json:"timeStep"`
	FolderData         *struct {
		FolderID id `json:"folderId"`
	} `json:"folderData"`
}

// id is a folder id, which is a number, or a string of one.
type id string

func (i *id) UnmarshalJSON(b []byte) error {
	var n json.Number
	if err := json.Unmarshal(b, &n); err == nil {
		*i = id(n.String())
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if _, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
		s = strings.TrimSpace(s)
	}
	*i = id(s)
	return nil
}

func (imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	var e export
	if err := importer.Decode(data, &e); err != nil {
		return res, err
	}
	// A folder that does not decode is left out: its accounts come in
	// without a group.
	folders := make(map[id]string)
	for _, raw := range e.Folders {
		var f folder
		if json.Unmarshal(raw, &f) == nil && f.ID != "" {
			folders[f.ID] = f.Name
		}
	}
	importer.Each(&res, e.Accounts, func(a *account) (vault.Account, string, error) {
		issuer, user := importer.SplitName(name(a.IssuerName, a.OriginalIssuerName), name(a.UserName, a.OriginalUserName))
		v := vault.Account{Issuer: issuer, Name: user}
		if a.FolderData != nil && a.FolderData.FolderID != "" && a.FolderData.FolderID != "0" {
			v.Group = folders[a.FolderData.FolderID]
		}
		label := importer.Label(issuer, user)
		secret, err := importer.Base32(a.Secret)
		if err != nil {
			return v, label, err
		}
		alg, err := importer.Algorithm(a.Algorithm)
		if err != nil {
			return v, label, err
		}
		v.Key, err = importer.Fields{Issuer: issuer, Secret: secret, Algorithm: alg, Digits: a.Digits, Period: a.TimeStep}.Key()
		return v, label, err
	})
	return res, nil
}

// name returns the edited name, or the original one when the edited one is
// empty, URL-decoded when it holds a percent-escape.
func name(edited, original string) string {
	s := strings.TrimSpace(edited)
	if s == "" {
		s = strings.TrimSpace(original)
	}
	if hasEscape(s) {
		if d, err := url.QueryUnescape(s); err == nil {
			return d
		}
	}
	return s
}

// hasEscape reports whether s holds a %XX escape.
func hasEscape(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '%' && isHex(s[i+1]) && isHex(s[i+2]) {
			return true
		}
	}
	return false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
