// Package winauth imports the exports of WinAuth, the Windows
// authenticator: a text file of otpauth:// URIs, one a line, or the same
// text as the one .txt file of a zip archive, encrypted with the export's
// password when it has one (the traditional PKWARE encryption, as
// SharpZipLib writes it; package zipcrypto reads it).
//
// WinAuth writes each authenticator as
//
//	otpauth://totp/Issuer:Label?secret=BASE32&digits=6&issuer=Issuer[&algorithm=SHA256][&period=60][&counter=N][&icon=...]
//
// with extras for some kinds: serial for Battle.net authenticators (issuer
// "BattleNet"), deviceid and data (Steam's session data) for Steam
// authenticators (issuer "Steam", type totp, 5 digits), and icon for the
// skin the user chose. This is WinAuth's own writer, ToUrl in
// WinAuth/WinAuthAuthenticator.cs, and its importer, ImportAuthenticators
// in WinAuth/WinAuthHelper.cs (github.com/winauth/winauth, 3.6).
//
// What is read: a Steam authenticator, whose URI says totp with 5 digits,
// becomes a Steam account (issuer Steam, the label as its name), as WinAuth
// itself reads it back; a Battle.net authenticator is TOTP, SHA1, 8 digits,
// and its serial goes into the note. The icon, and Steam's device id and
// session data, are not kept. The issuer and name are read as every
// otpauth label is (app/importers/README.md, "How labels are read"), and
// Steam and Battle.net are told by that issuer. WinAuth's third form of export, the text
// encrypted to a PGP key (.pgp), is not read. Unlike Aegis's
// WinAuthImporter, which moves the name to the issuer and names every
// account "WinAuth", the issuer and name are read as WinAuth writes them.
//
// Detection: a zip archive whose files are all .txt files (none named
// Accounts.txt, which is Authenticator Plus's), or text with an otpauth
// line carrying one of WinAuth's own parameters (icon, serial, deviceid; see
// [plaintext.IsWinAuth]). A WinAuth text export without any (no skins, no
// Steam or Battle.net) is an ordinary otpauth list, and package plaintext
// reads it, with the same accounts.
package winauth

import (
	"archive/zip"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/zipcrypto"
	"twofold.app/app/importers/plaintext"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "WinAuth"

// Importer reads WinAuth exports.
var Importer importer.Importer = imp{}

type imp struct{}

func (imp) Name() string { return Name }

func (imp) Detect(data []byte) bool {
	if zipcrypto.IsZip(data) {
		files, err := textFiles(data)
		return err == nil && len(files) > 0
	}
	if !importer.IsText(data) {
		return false
	}
	found := false
	for _, line := range importer.Lines(data) {
		if importer.HasScheme(line, "otpauth") {
			if plaintext.IsEnte(line) {
				return false
			}
			found = found || plaintext.IsWinAuth(line)
		}
	}
	return found
}

func (imp) Encrypted(data []byte) bool {
	if !zipcrypto.IsZip(data) {
		return false
	}
	files, err := textFiles(data)
	if err != nil {
		return false
	}
	for _, f := range files {
		if zipcrypto.Encrypted(f) {
			return true
		}
	}
	return false
}

// textFiles returns the files of a WinAuth archive: all of them, if they
// are all .txt files, none of them Accounts.txt; otherwise none.
func textFiles(data []byte) ([]*zip.File, error) {
	r, err := zipcrypto.Open(data)
	if err != nil {
		return nil, err
	}
	var files []*zip.File
	for _, f := range r.File {
		if strings.HasSuffix(f.Name, "/") {
			continue // a folder
		}
		if !strings.EqualFold(path.Ext(f.Name), ".txt") || path.Base(f.Name) == "Accounts.txt" {
			return nil, nil
		}
		files = append(files, f)
	}
	return files, nil
}

func (imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	if zipcrypto.IsZip(data) {
		files, err := textFiles(data)
		if err != nil {
			return res, err
		}
		if len(files) == 0 {
			return res, fmt.Errorf("%w: a zip archive that holds no text files of WinAuth", importer.ErrUnknownFormat)
		}
		// WinAuth reads every .txt file of the archive, one after the
		// other. Each is at most zipcrypto.MaxSize bytes; so are they all
		// together, checked on the sizes they declare (and ReadFile checks
		// the content against its size), before any is decompressed.
		var total uint64
		for _, f := range files {
			if f.UncompressedSize64 > zipcrypto.MaxSize-total {
				return res, fmt.Errorf("%w: the text files of the archive hold more than %d MiB", importer.ErrUnsupported, zipcrypto.MaxSize>>20)
			}
			total += f.UncompressedSize64
		}
		var text []byte
		for _, f := range files {
			b, err := zipcrypto.ReadFile(f, password)
			if err != nil {
				return res, err
			}
			text = append(append(text, b...), '\n')
		}
		data = text
	}
	if !importer.IsText(data) {
		return res, fmt.Errorf("%w: the export is not text", importer.ErrCorrupt)
	}
	index := 0
	for n, line := range importer.Lines(data) {
		label := fmt.Sprintf("line %d", n)
		if !importer.HasScheme(line, "otpauth") {
			res.Skip(-1, label, importer.ErrNotURI)
			continue
		}
		a, err := account(line)
		if err != nil {
			res.Skip(index, label, err)
		} else {
			res.Add(index, a)
		}
		index++
	}
	return res, nil
}

// account reads one line of a WinAuth export. The issuer and name are
// those of importer.URI, which reads the label as every importer does; the
// Steam and Battle.net extras are told by that issuer.
func account(line string) (vault.Account, error) {
	a, err := importer.URI(line)
	if err != nil {
		return a, err
	}
	q := params(line)
	_, hasDevice := q["deviceid"]
	_, hasData := q["data"]
	if strings.EqualFold(a.Issuer, "Steam") && (hasDevice || hasData) && a.Type == otp.TOTP {
		// WinAuth writes Steam as totp with 5 digits, and reads it
		// back as the Steam key it is.
		a.Key = importer.Steam(a.Secret)
	}
	if strings.EqualFold(a.Issuer, "BattleNet") && q["serial"] != "" {
		a.Note = "Battle.net serial " + serial(q["serial"])
	}
	return a, nil
}

// params returns the query parameters of an otpauth line, by lower-case
// name, the first of each; undecodable values are left out (package
// otpauth reports them if they matter).
func params(line string) map[string]string {
	_, query, _ := strings.Cut(line, "?")
	query, _, _ = strings.Cut(query, "#")
	m := make(map[string]string)
	for part := range strings.SplitSeq(query, "&") {
		k, v, _ := strings.Cut(part, "=")
		k = strings.ToLower(k)
		if _, dup := m[k]; dup {
			continue
		}
		if v, err := url.QueryUnescape(v); err == nil {
			m[k] = v
		}
	}
	return m
}

var serialRE = regexp.MustCompile(`^([A-Z]{2})-?(\d{4})-?(\d{4})-?(\d{4})$`)

// serial writes a Battle.net serial as Blizzard shows it, US-1234-1234-1234,
// when it has that shape; otherwise it is cut to 32 bytes and kept.
func serial(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if m := serialRE.FindStringSubmatch(s); m != nil {
		return strings.Join(m[1:], "-")
	}
	if len(s) > 32 {
		s = s[:32]
	}
	return s
}
