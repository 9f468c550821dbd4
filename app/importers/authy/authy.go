// Package authy imports the accounts of Twilio Authy, which has no export:
// what people have is the app's internal preferences, copied from a rooted
// Android phone, or the list of tokens its server sends on sign-in,
// captured with a proxy.
//
// The preferences files are Android SharedPreferences XML. In
// com.authy.storage.tokens.authenticator.xml the string
// "com.authy.storage.tokens.authenticator.key" holds a JSON array of the
// third-party (TOTP) accounts: "name" (as Authy shows it, which the user
// may have edited), "originalName" (the otpauth label, "Issuer:Account"),
// "originalIssuer", "accountType" (the logo, such as "google", or
// "authenticator"), "digits", and the secret: "decryptedSecret", in base32,
// or, when backups are on, "encryptedSecret" and "salt". In
// com.authy.storage.tokens.authy.xml the string
// "com.authy.storage.tokens.authy.key" holds Authy's own accounts, with
// the secret in hex in "secretSeed". The captured server response is a JSON
// object whose "authenticator_tokens" array holds the same accounts with
// snake_case names ("encrypted_seed", "original_name", "issuer",
// "account_type"), always encrypted.
//
// An encrypted secret is the base64 of AES-256-CBC with PKCS#7 padding of
// the base32 secret. The key is PBKDF2-HMAC-SHA1 of the backup password
// with the entry's salt (its UTF-8 text), 32 bytes, with
// "key_derivation_iterations" iterations (1,000 when absent, as in older
// versions); the IV is "unique_iv" in hex, or sixteen zero bytes when it
// is absent or null. Both names are also read in camelCase. Each entry is
// encrypted on its own and CBC has no integrity check, so a wrong password
// cannot be told from a damaged entry by one entry: an entry has decrypted
// when its padding is right and its plaintext is a base32 secret, which a
// wrong key produces by chance less than once in 2^38 tries (less than once
// in 2^60 for secrets of 16 characters or more). When no entry decrypts,
// the password is wrong; when some do, the others are damaged and skipped.
//
// Authy generates every third-party code with SHA1 and a period of 30 s, and
// stores neither: an account added with another algorithm or period comes
// in as SHA1, 30 s, which is what Authy itself shows. Authy's own accounts
// are TOTP, SHA1, with a period of 10 s. When "digits" is absent, it is 6
// (7 for Authy's own accounts).
//
// Labels follow what Authy shows: the issuer is "originalIssuer" (or
// "issuer"), else the part of "originalName" before its first ':', else the
// part of "name" before " - ", else the accountType with its first letter in
// upper case ("google" becomes "Google"; the generic "authenticator" gives
// no issuer). The account name is "name", which the user may have edited,
// with a leading "Issuer:" or "Issuer - " removed; when nothing is left it
// is the name of "originalName" read as an otpauth label (the part after
// its ':', or all of it when it has none). This is how Aegis splits them
// (AuthyImporter.java), but for the generic accountType and the fallback to
// originalName; the labels and the key are otherwise read as every importer
// reads them (app/importers/README.md, "How labels are read": white space
// around a colon, a 5-digit code whose issuer is Steam). An Authy account
// is named by its "name", which becomes the issuer.
//
// The description follows Aegis's AuthyImporter.java (beemdevelopment/Aegis,
// app/src/main/java/com/beemdevelopment/aegis/importers), the files of its
// test suite, Twilio's post "How Authy 2FA Backups Work" (2018), and the
// decryption scripts people share for the captured response
// (AlexTech01/Authy-iOS-MiTM), which give key_derivation_iterations and
// unique_iv. Not read: the logo, whether the account is hidden, and the
// upload state.
package authy

import (
	"bytes"
	"crypto/aes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/prefs"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "Authy"

// Importer reads Authy's preferences files and captured token lists.
var Importer importer.Importer = imp{limits: defaultLimits}

// limits bounds the key derivation a file can ask for: per entry, and in
// total, since every entry has its own salt. Authy uses 1,000 iterations,
// and 100,000 in newer versions.
type limits struct{ maxIterations, maxTotal int }

var defaultLimits = limits{maxIterations: 1_000_000, maxTotal: 50_000_000}

type imp struct{ limits limits }

func (imp) Name() string { return Name }

// The keys of the preferences strings that hold the accounts.
const (
	authenticatorKey = "com.authy.storage.tokens.authenticator.key"
	authyKey         = "com.authy.storage.tokens.authy.key"
)

// defaultIterations is the PBKDF2 iteration count of entries that do not
// give theirs.
const defaultIterations = 1000

func (imp) Detect(data []byte) bool {
	_, err := entries(data)
	return !errors.Is(err, errNotAuthy)
}

func (imp) Encrypted(data []byte) bool {
	raws, err := entries(data)
	if err != nil {
		return false
	}
	for _, raw := range raws {
		var e entry
		if json.Unmarshal(raw, &e) == nil && e.encrypted() {
			return true
		}
	}
	return false
}

var errNotAuthy = errors.New("not an Authy file")

// entries returns the JSON of every account of data, in order: the
// authenticator accounts, then Authy's own, as the preferences file has
// them. It returns errNotAuthy for data that is neither an Authy
// preferences file nor a captured token list, and an error wrapping
// ErrCorrupt when it is one but its list is not a JSON array.
func entries(data []byte) ([]json.RawMessage, error) {
	if bytes.Contains(data, []byte("com.authy.storage.tokens.")) && prefs.Sniff(data) {
		p, err := prefs.Parse(data)
		if err != nil {
			return nil, errNotAuthy
		}
		var all []json.RawMessage
		found := false
		for _, key := range []string{authenticatorKey, authyKey} {
			e, ok := p.Get(key)
			if !ok {
				continue
			}
			found = true
			var list []json.RawMessage
			if err := importer.Decode([]byte(e.Value), &list); err != nil {
				return nil, fmt.Errorf("%s: %w", key, err)
			}
			all = append(all, list...)
		}
		if !found {
			return nil, errNotAuthy
		}
		return all, nil
	}
	m, ok := importer.Object(data)
	if !ok {
		return nil, errNotAuthy
	}
	v, ok := m["authenticator_tokens"]
	if !ok || !bytes.HasPrefix(bytes.TrimSpace(v), []byte("[")) {
		return nil, errNotAuthy
	}
	var list []json.RawMessage
	if err := importer.Decode(v, &list); err != nil {
		return nil, fmt.Errorf("authenticator_tokens: %w", err)
	}
	return list, nil
}

// entry is an account, with both spellings of the fields that have two.
type entry struct {
	Name             string  `json:"name"`
	OriginalName     string  `json:"originalName"`
	OriginalNameAPI  string  `json:"original_name"`
	OriginalIssuer   string  `json:"originalIssuer"`
	Issuer           string  `json:"issuer"`
	AccountType      string  `json:"accountType"`
	AccountTypeAPI   string  `json:"account_type"`
	Digits           int     `json:"digits"`
	DecryptedSecret  string  `json:"decryptedSecret"`
	EncryptedSecret  string  `json:"encryptedSecret"`
	EncryptedSeedAPI string  `json:"encrypted_seed"`
	Salt             string  `json:"salt"`
	Iterations       *int    `json:"key_derivation_iterations"`
	IterationsCamel  *int    `json:"keyDerivationIterations"`
	UniqueIV         *string `json:"unique_iv"`
	UniqueIVCamel    *string `json:"uniqueIv"`
	SecretSeed       string  `json:"secretSeed"`
}

// authy reports whether e is one of Authy's own accounts.
func (e *entry) authy() bool { return e.SecretSeed != "" }

func (e *entry) encrypted() bool {
	return !e.authy() && e.DecryptedSecret == "" && e.ciphertext() != ""
}

func (e *entry) ciphertext() string { return first(e.EncryptedSecret, e.EncryptedSeedAPI) }

// first returns the first of ss that is not empty once trimmed, trimmed.
func first(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// item is an entry of the file as the import goes through it.
type item struct {
	e      entry
	err    error  // the entry cannot be read
	secret []byte // decrypted, for an encrypted entry
	tried  bool   // decryption ran: the password was tried on it
}

func (i imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	raws, err := entries(data)
	switch {
	case errors.Is(err, errNotAuthy):
		return res, fmt.Errorf("%w: not an Authy preferences file or token list", importer.ErrCorrupt)
	case err != nil:
		return res, err
	}
	items := make([]item, len(raws))
	encrypted := false
	for n, raw := range raws {
		items[n].err = importer.Decode(raw, &items[n].e)
		encrypted = encrypted || items[n].err == nil && items[n].e.encrypted()
	}
	if encrypted {
		if len(password) == 0 {
			return res, importer.ErrPasswordNeeded
		}
		if err := i.decrypt(items, password); err != nil {
			return res, err
		}
	}
	for n := range items {
		it := &items[n]
		if it.err != nil {
			res.Skip(n, it.label(), it.err)
			continue
		}
		a, err := it.account()
		if err != nil {
			res.Skip(n, it.label(), err)
			continue
		}
		res.Add(n, a)
	}
	return res, nil
}

// errUndecryptable marks an entry whose secret does not decrypt.
var errUndecryptable = errors.New("does not decrypt")

// decrypt decrypts the secret of every encrypted entry of items. It
// returns ErrWrongPassword when the password was tried on some entries and
// opened none of them; entries it does not open otherwise get their error.
//
// Every entry has a salt of its own, so each needs a key: they are all
// derived at once, which in the browser is one Web Worker for them all.
func (i imp) decrypt(items []item, password []byte) error {
	seals := make([]sealed, len(items))
	index := make(map[string]int) // by iterations and salt, into specs
	var specs []importer.KeySpec
	budget := i.limits.maxTotal
	for n := range items {
		it := &items[n]
		if it.err != nil || !it.e.encrypted() {
			continue
		}
		seals[n], it.err = i.seal(&it.e)
		if it.err != nil {
			continue
		}
		sl := &seals[n]
		id := strconv.Itoa(sl.iter) + ":" + it.e.Salt
		k, ok := index[id]
		if !ok {
			if sl.iter > budget {
				it.err = fmt.Errorf("%w: its accounts ask for more than %d PBKDF2 iterations in all", importer.ErrKeyCost, i.limits.maxTotal)
				continue
			}
			budget -= sl.iter
			k = len(specs)
			index[id] = k
			specs = append(specs, importer.KeySpec{KDF: importer.PBKDF2SHA1, Salt: []byte(it.e.Salt), Iterations: sl.iter, KeyLen: 32})
		}
		sl.key = k
	}
	keys, err := importer.DeriveKeys(password, specs)
	if err != nil {
		return err
	}
	tried, opened := 0, 0
	for n := range items {
		it := &items[n]
		if it.err != nil || !it.e.encrypted() {
			continue
		}
		tried++
		it.secret, it.err = open(seals[n], keys[seals[n].key])
		it.tried = true
		if it.err == nil {
			opened++
		}
	}
	if tried > 0 && opened == 0 {
		return importer.ErrWrongPassword
	}
	for n := range items {
		if it := &items[n]; errors.Is(it.err, errUndecryptable) {
			it.err = fmt.Errorf("%w: the secret does not decrypt with the password that opens the other accounts", importer.ErrCorrupt)
		}
	}
	return nil
}

// sealed is an entry's encrypted secret, read but not yet decrypted.
type sealed struct {
	ct, iv []byte
	iter   int
	key    int // the index of its key among those derived
}

// seal reads the encrypted secret of e and how its key is derived.
func (i imp) seal(e *entry) (sealed, error) {
	ct, err := importer.Base64(e.ciphertext())
	if err != nil || len(ct)%aes.BlockSize != 0 {
		return sealed{}, fmt.Errorf("%w: the encrypted secret is not base64 of whole AES blocks", importer.ErrCorrupt)
	}
	if e.Salt == "" {
		return sealed{}, fmt.Errorf("%w: the encrypted secret has no salt", importer.ErrCorrupt)
	}
	iter := defaultIterations
	for _, p := range []*int{e.Iterations, e.IterationsCamel} {
		if p != nil {
			iter = *p
			break
		}
	}
	switch {
	case iter < 1:
		return sealed{}, fmt.Errorf("%w: %d key derivation iterations", importer.ErrCorrupt, iter)
	case iter > i.limits.maxIterations:
		return sealed{}, fmt.Errorf("%w: %d PBKDF2 iterations for one account", importer.ErrKeyCost, iter)
	}
	iv := make([]byte, aes.BlockSize)
	for _, p := range []*string{e.UniqueIV, e.UniqueIVCamel} {
		if p != nil && *p != "" {
			b, err := hex.DecodeString(strings.TrimSpace(*p))
			if err != nil || len(b) != aes.BlockSize {
				return sealed{}, fmt.Errorf("%w: unique_iv is not 16 bytes in hexadecimal", importer.ErrCorrupt)
			}
			iv = b
			break
		}
	}
	return sealed{ct: ct, iv: iv, iter: iter}, nil
}

// open decrypts the secret of s with key. err is errUndecryptable when the
// key does not open it.
func open(s sealed, key []byte) ([]byte, error) {
	plain, ok, err := importer.OpenCBC(key, s.iv, s.ct)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", importer.ErrCorrupt, err)
	}
	if !ok || !isBase32(plain) {
		return nil, errUndecryptable
	}
	secret, err := importer.Base32(string(plain))
	if err != nil {
		return nil, errUndecryptable
	}
	return secret, nil
}

// isBase32 reports whether b is a base32 secret as Authy stores it: one
// or more letters and digits 2 to 7, in either case, '=' padding allowed.
func isBase32(b []byte) bool {
	b = bytes.TrimRight(b, "=")
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '2' <= c && c <= '7':
		default:
			return false
		}
	}
	return true
}

// label names the entry for a Skip.
func (it *item) label() string {
	if it.err != nil && it.e == (entry{}) {
		return "?"
	}
	issuer, name := it.e.labels()
	return importer.Label(issuer, name)
}

// account returns the account of an entry whose secret is at hand.
func (it *item) account() (vault.Account, error) {
	e := &it.e
	issuer, name := e.labels()
	a := vault.Account{Issuer: issuer, Name: name}
	var err error
	secret := it.secret
	switch {
	case e.authy():
		secret, err = importer.Hex(e.SecretSeed)
	case secret == nil && e.DecryptedSecret != "":
		secret, err = importer.Base32(e.DecryptedSecret)
	case secret == nil:
		err = fmt.Errorf("%w: no secret", importer.ErrCorrupt)
	}
	if err != nil {
		return a, err
	}
	f := importer.Fields{Issuer: issuer, Secret: secret, Digits: e.Digits}
	if e.authy() {
		f.Period = 10
		if f.Digits == 0 {
			f.Digits = 7
		}
	}
	a.Key, err = f.Key()
	return a, err
}

// labels splits the entry's names into an issuer and an account name, as
// the package comment says: originalName is an otpauth label, read by
// importer.SplitLabel, and name loses a copy of the issuer in front of it,
// as importer.SplitName removes it, or Authy's "Issuer - ".
func (e *entry) labels() (issuer, name string) {
	name = strings.TrimSpace(e.Name)
	if e.authy() {
		return name, ""
	}
	original := first(e.OriginalName, e.OriginalNameAPI)
	issuer = first(e.OriginalIssuer, e.Issuer)
	switch labelIssuer, _ := importer.SplitLabel(original, ""); {
	case issuer != "":
	case labelIssuer != "":
		issuer = labelIssuer
	case strings.Contains(name, " - "):
		issuer, _, _ = strings.Cut(name, " - ")
		issuer = strings.TrimSpace(issuer)
	default:
		issuer = accountTypeIssuer(first(e.AccountType, e.AccountTypeAPI))
	}
	_, name = importer.SplitName(issuer, name)
	name = stripIssuer(name, issuer)
	if name == "" {
		_, name = importer.SplitLabel(original, issuer)
	}
	return issuer, name
}

// stripIssuer removes issuer from the start of name when a '-' follows it
// (Authy's "Issuer - Name"), or when it is the whole name.
func stripIssuer(name, issuer string) string {
	if issuer == "" || len(name) < len(issuer) || !strings.EqualFold(name[:len(issuer)], issuer) {
		return name
	}
	rest := strings.TrimLeft(name[len(issuer):], " ")
	switch {
	case rest == "":
		return ""
	case rest[0] == '-':
		return strings.TrimSpace(rest[1:])
	}
	return name
}

// accountTypeIssuer makes an issuer of Authy's accountType: "google"
// becomes "Google"; the generic "authenticator" gives none.
func accountTypeIssuer(t string) string {
	if t == "" || strings.EqualFold(t, "authenticator") {
		return ""
	}
	r, size := utf8.DecodeRuneInString(t)
	return string(unicode.ToUpper(r)) + t[size:]
}
