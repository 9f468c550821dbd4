//go:build !js

package e2e

// The tests of encrypted backups and the text export (issue 4): a backup
// made in the page and read from disk, checked with the Go API and with the
// native command; restored in a fresh browser profile; damaged, cut short
// or foreign files; and the text export for other apps, imported back.

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"twofold.app/app/backup"
	"twofold.app/app/importers"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
	"twofold.app/app/vault"
)

// backupTimeout bounds a backup in the page: with the vault password it
// derives three keys (the password check, the seal, the check that the
// file reads back).
const backupTimeout = 3 * kdfTimeout

// mixedAccounts returns accounts of every kind the app keeps: TOTP with
// SHA1, SHA256 and SHA512, 6, 7 and 8 digits and periods of 30 and 60
// seconds; HOTP with counters; Steam; groups and notes; an issuer that needs
// percent-encoding, a name with a colon, and an account without an issuer.
// Every one can be written exactly in the text export, and each shows in
// the list under a label of its own.
func mixedAccounts(t testing.TB) []vault.Account {
	t.Helper()
	secret := func(n int) []byte {
		b := make([]byte, n)
		if _, err := rand.Read(b); err != nil {
			t.Fatal(err)
		}
		return b
	}
	acc := func(issuer, name, group, note string, key otp.Key) vault.Account {
		a := newAccount(t, issuer, name, key)
		a.Group, a.Note = group, note
		return a
	}
	return []vault.Account{
		acc("GitHub", "alice@example.com", "Work", "Recovery codes are in the safe.",
			otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: secret(20)}),
		acc("Cloud Console", "ops@example.com", "Work", "",
			otp.Key{Type: otp.TOTP, Algorithm: otp.SHA256, Digits: 7, Period: 30, Secret: secret(32)}),
		acc("Example Bank", "bob", "Money", "Call 555-0100 if locked out.\nAsk for the fraud desk.",
			otp.Key{Type: otp.TOTP, Algorithm: otp.SHA512, Digits: 8, Period: 60, Secret: secret(64)}),
		acc("Ünïcode Bänk & Co", "émilie+2fa@example.org", "Money", "",
			otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 7, Period: 60, Secret: secret(10)}),
		acc("Counter Co", "carol", "", "The hardware token's twin.",
			otp.Key{Type: otp.HOTP, Algorithm: otp.SHA1, Digits: 6, Counter: 41, Secret: secret(20)}),
		acc("Eight Counter", "dave:work", "Work", "",
			otp.Key{Type: otp.HOTP, Algorithm: otp.SHA512, Digits: 8, Counter: 0, Secret: secret(32)}),
		acc("Steam", "gamer", "Games", "",
			otp.Key{Type: otp.Steam, Algorithm: otp.SHA1, Digits: otp.SteamDigits, Period: 30, Secret: secret(20)}),
		acc("", "name-only@example.net", "", "No issuer at all.",
			otp.Key{Type: otp.TOTP, Algorithm: otp.SHA256, Digits: 8, Period: 60, Secret: secret(20)}),
	}
}

// label returns what the list shows as the issuer of a: the issuer, or the
// name when there is none.
func label(a vault.Account) string {
	if a.Issuer == "" {
		return a.Name
	}
	return a.Issuer
}

// expectCodes checks that the list shows every one of accounts, under its
// label with its name, and its code.
func (p *page) expectCodes(accounts []vault.Account) {
	p.t.Helper()
	v := p.list()
	if len(v.Rows) != len(accounts) {
		p.t.Errorf("the list shows %d accounts, want %d", len(v.Rows), len(accounts))
	}
	for _, a := range accounts {
		r, ok := v.find(label(a))
		if !ok {
			p.t.Errorf("%q is not listed", label(a))
			continue
		}
		if wantName := map[bool]string{true: a.Name, false: ""}[a.Issuer != ""]; r.Name != wantName {
			p.t.Errorf("%q is listed with the name %q, want %q", label(a), r.Name, wantName)
		}
		p.expectCode(label(a), a.Key)
	}
}

// keyDiffs returns how got differs from want, never showing a secret.
func keyDiffs(what string, got, want otp.Key) []string {
	var d []string
	if got.Type != want.Type {
		d = append(d, fmt.Sprintf("%s: type %v, want %v", what, got.Type, want.Type))
	}
	if got.Algorithm != want.Algorithm {
		d = append(d, fmt.Sprintf("%s: algorithm %v, want %v", what, got.Algorithm, want.Algorithm))
	}
	if got.Digits != want.Digits {
		d = append(d, fmt.Sprintf("%s: %d digits, want %d", what, got.Digits, want.Digits))
	}
	if got.Period != want.Period {
		d = append(d, fmt.Sprintf("%s: period %d, want %d", what, got.Period, want.Period))
	}
	if got.Counter != want.Counter {
		d = append(d, fmt.Sprintf("%s: counter %d, want %d", what, got.Counter, want.Counter))
	}
	if !bytes.Equal(got.Secret, want.Secret) {
		d = append(d, fmt.Sprintf("%s: the secret differs (%d bytes, want %d)", what, len(got.Secret), len(want.Secret)))
	}
	return d
}

// accountDiffs compares got with want in order, field by field: issuer,
// name, the key (type, algorithm, digits, period, counter, secret), group
// and note; with same, also the ID and the creation time, which a backup
// keeps and a restore makes anew.
func accountDiffs(got, want []vault.Account, same bool) []string {
	var d []string
	if len(got) != len(want) {
		d = append(d, fmt.Sprintf("%d accounts, want %d", len(got), len(want)))
	}
	for i := range min(len(got), len(want)) {
		g, w := got[i], want[i]
		what := fmt.Sprintf("account %d (%q)", i, label(w))
		if g.Issuer != w.Issuer {
			d = append(d, fmt.Sprintf("%s: issuer %q, want %q", what, g.Issuer, w.Issuer))
		}
		if g.Name != w.Name {
			d = append(d, fmt.Sprintf("%s: name %q, want %q", what, g.Name, w.Name))
		}
		d = append(d, keyDiffs(what, g.Key, w.Key)...)
		if g.Group != w.Group {
			d = append(d, fmt.Sprintf("%s: group %q, want %q", what, g.Group, w.Group))
		}
		if g.Note != w.Note {
			d = append(d, fmt.Sprintf("%s: note %q, want %q", what, g.Note, w.Note))
		}
		if same && g.ID != w.ID {
			d = append(d, fmt.Sprintf("%s: id %q, want %q", what, g.ID, w.ID))
		}
		if same && !g.Created.Equal(w.Created) {
			d = append(d, fmt.Sprintf("%s: created %v, want %v", what, g.Created, w.Created))
		}
	}
	return d
}

// checkDatedName checks that name is prefix, a date within a day of today,
// and ".txt", as the app names its downloads.
func checkDatedName(t testing.TB, name, prefix string) {
	t.Helper()
	m := regexp.MustCompile(`^` + regexp.QuoteMeta(prefix) + `(\d{4}-\d{2}-\d{2})\.txt$`).FindStringSubmatch(name)
	if m == nil {
		t.Errorf("the download is named %q, want %sYYYY-MM-DD.txt", name, prefix)
		return
	}
	day, err := time.Parse("2006-01-02", m[1])
	if err != nil {
		t.Errorf("the download %q has no valid date: %v", name, err)
		return
	}
	today, _ := time.Parse("2006-01-02", time.Now().Format("2006-01-02"))
	if d := day.Sub(today); d < -24*time.Hour || d > 24*time.Hour {
		t.Errorf("the download %q is dated %s, today is %s", name, m[1], today.Format("2006-01-02"))
	}
}

// openSettings opens the settings panel from the list.
func (p *page) openSettings() {
	p.t.Helper()
	p.click("#settings")
	p.waitVisible("#settings-done", stepTimeout)
}

// backUp makes a backup in the open backup panel (the mode already chosen):
// it types pass (and again, for another passphrase), submits, and returns
// the downloaded file's name and bytes.
func (p *page) backUp(pass string, other bool) (string, []byte) {
	p.t.Helper()
	p.typeText("#bk-pass", pass)
	if other {
		p.typeText("#bk-again", pass)
	}
	d := p.allowDownloads()
	p.click("#bk-submit")
	p.waitFor("the backup", `document.getElementById("bk-done") || document.getElementById("bk-error")`, backupTimeout)
	if p.exists("#bk-error") {
		p.t.Fatalf("the backup failed: %s", p.text("#bk-error"))
	}
	name, data := d.wait("the backup file", stepTimeout)
	checkDatedName(p.t, name, "twofold-backup-")
	if msg := p.text("#bk-done"); !strings.Contains(msg, name) {
		p.t.Errorf("the backup's message %q does not name the file %s", msg, name)
	}
	return name, data
}

// openBackup decrypts a backup file with the Go API and checks its header.
func openBackup(t testing.TB, data []byte, pass string) *backup.Backup {
	t.Helper()
	h, err := backup.Inspect(data)
	if err != nil {
		t.Fatalf("backup.Inspect: %v", err)
	}
	if h.Params != vault.DefaultParams {
		t.Errorf("the backup's Argon2id cost is %+v, want the default %+v", h.Params, vault.DefaultParams)
	}
	if d := time.Since(h.Created); d < -time.Minute || d > 10*time.Minute {
		t.Errorf("the backup says it was made at %v, now is %v", h.Created, time.Now())
	}
	b, err := backup.Open(data, []byte(pass), vault.Argon2id)
	if err != nil {
		t.Fatalf("backup.Open with its passphrase: %v", err)
	}
	return b
}

// nextHOTP presses Next on the HOTP account a and waits for its next code.
func (p *page) nextHOTP(a *vault.Account) {
	p.t.Helper()
	shown := p.expectCode(label(*a), a.Key)
	p.click(rowSel(a.ID) + " button.next")
	p.waitFor("the next HOTP code", `document.querySelector(`+jsString(rowSel(a.ID)+" .code")+`).textContent !== `+jsString(otp.Group(shown)), stepTimeout)
	a.Counter++
	p.expectCode(label(*a), a.Key)
}

// TestBackupRestore backs up a vault of mixed accounts in the page, with the
// vault password and with another passphrase, reads the files from disk and
// checks them with the Go API and the native command; then restores the
// first one in a fresh browser profile, where every account must come back
// with its code, its HOTP counter, its group and its note.
func TestBackupRestore(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "my vault password, long"
	accounts := mixedAccounts(t)
	for _, a := range accounts {
		if err := backup.Exportable(a); err != nil {
			t.Fatalf("test setup: %q cannot be exported exactly: %v", label(a), err)
		}
	}
	p.seedVault(password, accounts)
	p.navigate("/")
	p.unlock(password)
	p.waitFor("the accounts listed", fmt.Sprintf("%s === %d", rowCount, len(accounts)), stepTimeout)
	p.expectCodes(accounts)

	// Never backed up: the reminder says so, and so do the settings.
	p.waitVisible("#backup-reminder", stepTimeout)
	if msg := p.text("#backup-reminder"); !strings.Contains(msg, "no backup") {
		t.Errorf("the reminder says %q, want it to say there is no backup", msg)
	}
	p.openSettings()
	if msg := p.text("#last-backup"); msg != "No backup yet." {
		t.Errorf("#last-backup says %q before any backup", msg)
	}
	p.click("#settings-done")
	p.waitVisible("#accounts", stepTimeout)

	// Use the first HOTP code, so that the backup must hold the counter
	// as it is now, not as it was seeded.
	hotp := &accounts[4]
	if hotp.Type != otp.HOTP {
		t.Fatalf("test setup: account 4 is %v, want HOTP", hotp.Type)
	}
	p.nextHOTP(hotp)

	// The reminder's button opens the backup panel. A wrong vault password
	// makes no backup.
	p.click("#backup-now")
	p.waitVisible("#bk-pass", stepTimeout)
	if !evalJS[bool](p, `document.getElementById("bk-mode-vault").checked`) {
		t.Error("the backup panel does not default to the vault password")
	}
	if p.exists("#bk-again") {
		t.Error("the vault password mode asks for the passphrase twice")
	}
	p.shot("backup-01-panel")
	d := p.allowDownloads()
	p.typeText("#bk-pass", password+"?")
	p.click("#bk-submit")
	p.waitVisible("#bk-error", kdfTimeout)
	if msg := p.text("#bk-error"); !strings.Contains(msg, "not your vault password") {
		t.Errorf("wrong vault password: #bk-error says %q", msg)
	}
	p.shot("backup-02-wrong-password")
	if done, partial := d.files(); len(done)+len(partial) > 0 {
		t.Errorf("a wrong vault password downloaded %q %q", done, partial)
	}

	name, file := p.backUp(password, false)
	p.shot("backup-03-done")
	if !bytes.HasPrefix(file, []byte("-----BEGIN TWOFOLD BACKUP-----\n")) {
		t.Errorf("the backup file starts with %q", file[:min(len(file), 40)])
	}
	if bytes.Contains(file, []byte(b32.EncodeToString(accounts[0].Secret))) || bytes.Contains(file, []byte(accounts[2].Note)) {
		t.Error("the backup file holds a secret or a note in clear")
	}
	b := openBackup(t, file, password)
	for _, d := range accountDiffs(b.Contents.Accounts, accounts, true) {
		t.Errorf("the backup from the page: %s", d)
	}
	if bt := b.Contents.Accounts; len(bt) == len(accounts) && !bt[4].Modified.After(accounts[4].Modified) {
		t.Errorf("the used HOTP account was modified at %v in the backup, not after it was seeded (%v)", bt[4].Modified, accounts[4].Modified)
	}

	// The native command reads the browser's file.
	t.Run("NativeDecrypt", func(t *testing.T) { checkNativeDecrypt(t, name, file, password, accounts) })

	// Backed up: the reminder is gone, the settings show the date.
	p.click("#bk-close")
	p.waitVisible("#accounts", stepTimeout)
	if p.exists("#backup-reminder") {
		t.Errorf("after the backup the reminder still says %q", p.text("#backup-reminder"))
	}
	p.openSettings()
	msg := p.text("#last-backup")
	now := time.Now()
	if !strings.HasPrefix(msg, "Last backup: ") || !strings.Contains(msg, "Nothing has changed since") ||
		!(strings.Contains(msg, now.Format("2 January 2006")) || strings.Contains(msg, now.UTC().Format("2 January 2006"))) {
		t.Errorf("after the backup #last-backup says %q, want today's date and nothing changed", msg)
	}

	// Another passphrase, typed twice; two different ones make no backup.
	const other = "a different passphrase for the file"
	p.click("#open-backup")
	p.waitVisible("#bk-pass", stepTimeout)
	p.click("#bk-mode-other")
	p.waitVisible("#bk-again", stepTimeout)
	d = p.allowDownloads()
	p.typeText("#bk-pass", other)
	p.typeText("#bk-again", other+"x")
	p.click("#bk-submit")
	p.waitVisible("#bk-error", stepTimeout)
	if msg := p.text("#bk-error"); !strings.Contains(msg, "differ") {
		t.Errorf("two different passphrases: #bk-error says %q", msg)
	}
	p.shot("backup-04-other-passphrase")
	if done, partial := d.files(); len(done)+len(partial) > 0 {
		t.Errorf("two different passphrases downloaded %q %q", done, partial)
	}
	_, otherFile := p.backUp(other, true)
	ob := openBackup(t, otherFile, other)
	for _, d := range accountDiffs(ob.Contents.Accounts, accounts, true) {
		t.Errorf("the backup with another passphrase: %s", d)
	}
	if _, err := backup.Open(otherFile, []byte(password), vault.Argon2id); !errors.Is(err, backup.ErrWrongPassphrase) {
		t.Errorf("the backup with another passphrase opens with the vault password: %v", err)
	}
	p.click("#bk-close")
	p.waitVisible("#accounts", stepTimeout)

	// A change after the backup brings the reminder back.
	used := accounts[4]
	p.nextHOTP(&used)
	p.waitVisible("#backup-reminder", stepTimeout)
	if msg := p.text("#backup-reminder"); !strings.Contains(msg, "changed since your last backup") {
		t.Errorf("after a change the reminder says %q", msg)
	}

	t.Run("Restore", func(t *testing.T) { checkRestore(t, s, name, file, password, accounts) })
}

// checkRestore restores the backup file (made under pass, holding want) in a
// fresh browser profile and checks the vault it makes.
func checkRestore(t *testing.T, s builtSite, name string, file []byte, pass string, want []vault.Account) {
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, file, 0o600); err != nil {
		t.Fatal(err)
	}
	p := openPage(t, newServer(t, s.Dir))
	p.navigate("/")
	p.waitVisible("#setup-password", stepTimeout)
	p.click("#setup-restore")
	p.waitVisible("label[for=rs-file]", stepTimeout)
	p.shot("restore-01-choose")
	p.upload("#rs-file", path)
	p.waitVisible("#rs-passphrase", stepTimeout)
	if msg := p.text("#rs-found"); !strings.Contains(msg, name) || !strings.Contains(msg, "Twofold backup") {
		t.Errorf("#rs-found says %q, want the file's name and that it is a Twofold backup", msg)
	}
	p.shot("restore-02-passphrase")

	p.typeText("#rs-passphrase", pass+" wrong")
	p.click("#rs-open")
	p.waitVisible("#rs-error", kdfTimeout)
	if msg := p.text("#rs-error"); !strings.Contains(msg, "Wrong passphrase") {
		t.Errorf("wrong passphrase: #rs-error says %q", msg)
	}
	p.shot("restore-03-wrong-passphrase")
	if p.exists("#rs-password") {
		t.Error("a wrong passphrase went on to the vault password")
	}

	p.typeText("#rs-passphrase", pass)
	p.click("#rs-open")
	p.waitVisible("#rs-count", kdfTimeout)
	if msg, wantMsg := p.text("#rs-count"), fmt.Sprintf("holds %d accounts", len(want)); !strings.Contains(msg, wantMsg) {
		t.Errorf("#rs-count says %q, want %q", msg, wantMsg)
	}
	p.shot("restore-04-vault-password")

	const vaultPassword = "the restored vault's password"
	p.typeText("#rs-password", vaultPassword)
	p.typeText("#rs-confirm", vaultPassword)
	p.click("#rs-submit")
	p.waitVisible("section.vault", kdfTimeout)
	p.waitFor("the restored accounts listed", fmt.Sprintf("%s === %d", rowCount, len(want)), stepTimeout)
	p.expectCodes(want)
	p.shot("restore-05-restored")
	if p.exists("#backup-reminder") {
		t.Errorf("a vault just restored from a backup shows the reminder %q", p.text("#backup-reminder"))
	}

	// It is stored: a reload locks it, its new password opens it.
	p.reload()
	p.unlock(vaultPassword)
	p.waitFor("the restored accounts listed", fmt.Sprintf("%s === %d", rowCount, len(want)), stepTimeout)
	p.expectCodes(want)

	// Every field came back: a backup of the restored vault holds the same
	// accounts, in the same order, with new ids.
	p.openSettings()
	p.click("#open-backup")
	p.waitVisible("#bk-pass", stepTimeout)
	_, again := p.backUp(vaultPassword, false)
	b := openBackup(t, again, vaultPassword)
	for _, d := range accountDiffs(b.Contents.Accounts, want, false) {
		t.Errorf("the restored vault: %s", d)
	}
	for i, a := range b.Contents.Accounts {
		if i < len(want) && a.ID == want[i].ID {
			t.Errorf("restored account %d kept the id of the backup's; a restore gives new ids", i)
		}
	}
}

// twofoldBinary builds the twofold command once per test binary and returns
// its path.
var twofoldBinary = sync.OnceValues(func() (string, error) {
	root, err := findModuleRoot()
	if err != nil {
		return "", err
	}
	dir, err := scratchDir("bin")
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, "twofold")
	cmd := exec.Command("go", "build", "-o", out, "./cmd/twofold")
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/twofold: %w\n%s", err, b)
	}
	return out, nil
})

// checkNativeDecrypt runs "twofold backup decrypt" on the backup file the
// page made: its URIs must be exactly the text export of want, and read back
// to want's issuers, names and keys.
func checkNativeDecrypt(t *testing.T, name string, file []byte, pass string, want []vault.Account) {
	bin, err := twofoldBinary()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, name)
	passFile := filepath.Join(dir, "passphrase")
	if err := os.WriteFile(path, file, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(passFile, []byte(pass+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, "backup", "decrypt", "--passphrase-file", passFile, path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("twofold backup decrypt: %v\n%s", err, stderr.Bytes())
	}
	if !strings.Contains(stderr.String(), fmt.Sprintf("%d accounts", len(want))) || strings.Contains(stderr.String(), "cannot be written") {
		t.Errorf("twofold backup decrypt says on standard error: %s", stderr.Bytes())
	}
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("twofold backup decrypt printed %d lines, want %d", len(lines), len(want))
	}
	for i, line := range lines {
		a, err := otpauth.Parse(line)
		if err != nil {
			t.Errorf("line %d: %v", i+1, err)
			continue
		}
		what := fmt.Sprintf("line %d (%q)", i+1, label(want[i]))
		if a.Issuer != want[i].Issuer || a.Name != want[i].Name {
			t.Errorf("%s: issuer %q and name %q, want %q and %q", what, a.Issuer, a.Name, want[i].Issuer, want[i].Name)
		}
		for _, d := range keyDiffs(what, a.Key, want[i].Key) {
			t.Error(d)
		}
	}
	if !bytes.Equal(stdout.Bytes(), backup.Text(want)) {
		t.Error("twofold backup decrypt does not print exactly the text export of the accounts")
	}

	// A wrong passphrase fails with status 1 and prints no account.
	if err := os.WriteFile(passFile, []byte(pass+"!\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	cmd = exec.Command(bin, "backup", "decrypt", "--passphrase-file", passFile, path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	var exit *exec.ExitError
	if err := cmd.Run(); !errors.As(err, &exit) || exit.ExitCode() != 1 || stdout.Len() > 0 || !strings.Contains(stderr.String(), "Wrong passphrase") {
		t.Errorf("twofold backup decrypt with a wrong passphrase: %v, %d bytes out, stderr %q", err, stdout.Len(), stderr.String())
	}
}

// damagedFiles writes, into a new folder, a backup of accounts under pass
// made with the Go API, the same with one byte of its encrypted body changed
// (to another base64 character, so that only the authentication can tell),
// the same cut in the middle, a PNG image and another app's JSON export. It
// checks with the Go API that each is what its name says.
func damagedFiles(t *testing.T, accounts []vault.Account, pass string) (flipped, truncated, pngFile, jsonFile string) {
	t.Helper()
	c := &vault.Contents{Accounts: accounts}
	good, err := backup.Seal(c, []byte(pass), vault.DefaultParams, vault.Argon2id, rand.Reader, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	body := bytes.Index(good, []byte("\n\n"))
	end := bytes.Index(good, []byte("\n-----END"))
	if body < 0 || end < body {
		t.Fatalf("test setup: the backup has no body between its header and END line")
	}
	bad := bytes.Clone(good)
	i := body + 2 + (end-body-2)/2
	for bad[i] == '\n' {
		i++
	}
	if bad[i] == 'A' {
		bad[i] = 'B'
	} else {
		bad[i] = 'A'
	}
	if _, err := backup.Inspect(bad); err != nil {
		t.Fatalf("test setup: the changed backup fails before its passphrase: %v", err)
	}
	if _, err := backup.Open(bad, []byte(pass), vault.Argon2id); !errors.Is(err, backup.ErrDamaged) {
		t.Fatalf("test setup: the changed backup opens with %v, want it damaged", err)
	}
	cut := good[:len(good)/2]
	if _, err := backup.Inspect(cut); !errors.Is(err, backup.ErrDamaged) {
		t.Fatalf("test setup: the cut backup reads with %v, want it damaged", err)
	}

	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for x := range 16 {
		img.Set(x, x, color.RGBA{R: 200, A: 255})
	}
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, img); err != nil {
		t.Fatal(err)
	}
	// A plain Aegis vault of one account: an export Twofold imports, but
	// not a backup.
	other := []byte(`{"version": 1, "header": {"slots": null, "params": null}, "db": {"version": 2, "entries": [
		{"type": "totp", "uuid": "3ae6f1ad-2d4f-4b3a-a4b1-6b1c3d2e5f70", "name": "alice", "issuer": "Example",
		 "info": {"secret": "JBSWY3DPEHPK3PXP", "algo": "SHA1", "digits": 6, "period": 30}}]}}` + "\n")
	if imp, err := importers.Detect(other); err != nil {
		t.Fatalf("test setup: the other app's export is not recognised: %v", err)
	} else if r, err := imp.Import(other, nil); err != nil || len(r.Accounts) != 1 {
		t.Fatalf("test setup: the other app's export gives %d accounts, %v", len(r.Accounts), err)
	}

	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	return write("twofold-backup-changed.txt", bad), write("twofold-backup-cut.txt", cut),
		write("photo.png", pngData.Bytes()), write("other-app.json", other)
}

// TestDamagedBackups uploads a backup with one changed byte, a backup cut
// short, an image and another app's JSON to the restore screen and to the
// import panel: each must say what is wrong, and nothing may change.
func TestDamagedBackups(t *testing.T) {
	s := testSite(t)
	const pass = "passphrase of the damaged files"
	accounts := mixedAccounts(t)[:3]
	flipped, truncated, pngFile, jsonFile := damagedFiles(t, accounts, pass)
	waitText := func(p *page, sel, want string, timeout time.Duration) {
		t.Helper()
		p.waitFor(sel+" to say "+want, `(document.querySelector(`+jsString(sel)+`) || {}).textContent?.includes(`+jsString(want)+`)`, timeout)
	}

	t.Run("Restore", func(t *testing.T) {
		p := openPage(t, newServer(t, s.Dir))
		p.navigate("/")
		p.waitVisible("#setup-password", stepTimeout)
		p.click("#setup-restore")
		p.waitVisible("label[for=rs-file]", stepTimeout)

		p.upload("#rs-file", truncated)
		waitText(p, "#rs-error", "damaged", stepTimeout)
		p.shot("damaged-01-restore-cut")
		p.upload("#rs-file", pngFile)
		// The restore screen takes backups only: an image is "not a
		// Twofold backup", with no talk of other apps' exports.
		waitText(p, "#rs-error", "not a Twofold backup", stepTimeout)
		p.upload("#rs-file", jsonFile)
		waitText(p, "#rs-error", "not a Twofold backup", stepTimeout)
		p.shot("damaged-02-restore-not-backup")
		if p.exists("#rs-passphrase") {
			t.Error("a file that is not a backup went on to the passphrase")
		}

		p.upload("#rs-file", flipped)
		p.waitVisible("#rs-passphrase", stepTimeout)
		p.typeText("#rs-passphrase", pass)
		p.click("#rs-open")
		waitText(p, "#rs-error", "damaged", kdfTimeout)
		p.shot("damaged-03-restore-changed")
		if p.exists("#rs-password") {
			t.Error("a damaged backup went on to the vault password")
		}
		// Nothing was created.
		p.click("#rs-cancel")
		p.waitVisible("#setup-password", stepTimeout)
		p.reload()
		p.waitVisible("#setup-password", stepTimeout)
	})

	t.Run("Import", func(t *testing.T) {
		p := openPage(t, newServer(t, s.Dir))
		const password = "a vault to import into"
		have := mixedAccounts(t)[3:5]
		p.seedVault(password, have)
		p.navigate("/")
		p.unlock(password)
		p.waitFor("the accounts listed", fmt.Sprintf("%s === %d", rowCount, len(have)), stepTimeout)
		p.openImport()

		p.upload("#im-file", truncated)
		waitText(p, "#im-error", "damaged", stepTimeout)
		p.shot("damaged-04-import-cut")
		p.upload("#im-file", pngFile)
		waitText(p, "#im-error", "neither a Twofold backup nor an export", stepTimeout)
		p.upload("#im-file", flipped)
		p.waitVisible("#im-password", stepTimeout)
		if msg := p.text("#im-found"); !strings.Contains(msg, "Twofold backup") || !strings.Contains(msg, "encrypted") {
			t.Errorf("#im-found says %q", msg)
		}
		p.typeText("#im-password", pass)
		p.click("#im-open")
		waitText(p, "#im-error", "damaged", kdfTimeout)
		p.shot("damaged-05-import-changed")
		if p.exists("#im-list") {
			t.Error("a damaged backup went on to the review")
		}
		p.click("#im-cancel")
		p.waitVisible("#accounts", stepTimeout)
		p.expectCodes(have)
	})
}

// TestTextExport exports some accounts as a text file: not without the
// consent, then exactly backup.Text of the ticked accounts. That file,
// imported in a fresh profile, gives the same accounts and codes, and
// imported again, offers them all as already there.
func TestTextExport(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "export me as text"
	accounts := mixedAccounts(t)
	p.seedVault(password, accounts)
	p.navigate("/")
	p.unlock(password)
	p.waitFor("the accounts listed", fmt.Sprintf("%s === %d", rowCount, len(accounts)), stepTimeout)
	p.openSettings()
	p.click("#open-export")
	p.waitVisible("#ex-consent", stepTimeout)
	if w := p.text("#ex-warning"); !strings.Contains(w, "not encrypted") || !strings.Contains(w, "delete it") {
		t.Errorf("the export's warning says %q", w)
	}
	for _, a := range accounts {
		sel := "#ex-acc-" + a.ID
		if !p.exists(sel) || !evalJS[bool](p, `document.getElementById(`+jsString("ex-acc-"+a.ID)+`).checked`) {
			t.Errorf("%q is not offered ticked", label(a))
		}
	}
	if n := p.count("input[id^=ex-acc-]"); n != len(accounts) {
		t.Errorf("the export offers %d accounts, want %d", n, len(accounts))
	}
	p.shot("export-01-panel")

	// Without the consent, nothing is downloaded: the button is disabled,
	// and a submission that gets past it is refused.
	d := p.allowDownloads()
	if !evalJS[bool](p, `document.getElementById("ex-download").disabled`) {
		t.Error("#ex-download is enabled before the consent")
	}
	p.click("#ex-download")
	evalJS[bool](p, `(document.getElementById("export-form").requestSubmit(), true)`)
	p.waitVisible("#ex-error", stepTimeout)
	if msg := p.text("#ex-error"); !strings.Contains(msg, "Tick the box") {
		t.Errorf("a submission without consent says %q", msg)
	}
	time.Sleep(time.Second) // a download, if one started, would show by now
	if done, partial := d.files(); len(done)+len(partial) > 0 || p.exists("#ex-done") {
		t.Fatalf("the export downloaded %q %q without the consent", done, partial)
	}

	// Leave one account out, consent, download.
	left := accounts[6]
	p.click("#ex-acc-" + left.ID)
	p.waitFor("the account unticked", `!document.getElementById(`+jsString("ex-acc-"+left.ID)+`).checked`, stepTimeout)
	var ticked []vault.Account
	for _, a := range accounts {
		if a.ID != left.ID {
			ticked = append(ticked, a)
		}
	}
	p.click("#ex-consent")
	p.waitFor("the download enabled", `!document.getElementById("ex-download").disabled`, stepTimeout)
	p.shot("export-02-consent")
	p.click("#ex-download")
	name, text := d.wait("the text export", stepTimeout)
	checkDatedName(t, name, "twofold-export-")
	if want := backup.Text(ticked); !bytes.Equal(text, want) {
		t.Errorf("the text export is not backup.Text of the ticked accounts:\n got %d lines, %d bytes\nwant %d lines, %d bytes",
			bytes.Count(text, []byte("\n")), len(text), bytes.Count(want, []byte("\n")), len(want))
	}
	p.waitVisible("#ex-done", stepTimeout)
	if msg := p.text("#ex-done"); !strings.Contains(msg, fmt.Sprintf("%d accounts", len(ticked))) || !strings.Contains(msg, name) {
		t.Errorf("#ex-done says %q", msg)
	}
	if !evalJS[bool](p, `document.getElementById("ex-download").disabled && !document.getElementById("ex-consent").checked`) {
		t.Error("after the download the consent stays given for the next one")
	}
	p.shot("export-03-done")
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, text, 0o600); err != nil {
		t.Fatal(err)
	}

	t.Run("ImportFresh", func(t *testing.T) { checkImportText(t, s, path, text, ticked) })
}

// createVault creates a vault with password on the setup screen of a fresh
// profile and waits for the empty list.
func (p *page) createVault(password string) {
	p.t.Helper()
	p.navigate("/")
	p.waitVisible("#setup-password", stepTimeout)
	p.typeText("#setup-password", password)
	p.typeText("#setup-confirm", password)
	p.click("#setup-submit")
	p.waitVisible("#empty", kdfTimeout)
}

// reviewRow is an account in the import review.
type reviewRow struct {
	Label, Detail string
	Checked, Dup  bool
}

func (p *page) review() []reviewRow {
	p.t.Helper()
	return evalJS[[]reviewRow](p, `[...document.querySelectorAll("#im-list > li")].map((li) => ({
		Label: li.querySelector(".im-label").textContent,
		Detail: li.querySelector(".hint").textContent.trim(),
		Checked: li.querySelector("input[type=checkbox]").checked,
		Dup: (li.querySelector(".tag") || {}).textContent === "already in your vault",
	}))`)
}

// reviewLabel is the review's label of an account.
func reviewLabel(issuer, name string) string {
	switch {
	case issuer == "":
		return name
	case name == "":
		return issuer
	}
	return issuer + " — " + name
}

// checkImportText imports the text export at path (whose bytes are text,
// holding want) through the import panel of a new vault in a fresh profile.
func checkImportText(t *testing.T, s builtSite, path string, text []byte, want []vault.Account) {
	p := openPage(t, newServer(t, s.Dir))
	const password = "a fresh vault for the text"
	p.createVault(password)
	p.openImport()
	p.shot("import-01-choose")
	p.upload("#im-file", path)
	p.waitVisible("#im-list", stepTimeout)
	rows := p.review()
	if len(rows) != len(want) {
		t.Fatalf("the review lists %d accounts, want %d", len(rows), len(want))
	}
	for i, r := range rows {
		if l := reviewLabel(want[i].Issuer, want[i].Name); r.Label != l || !r.Checked || r.Dup {
			t.Errorf("review row %d: %+v, want %q ticked and new", i, r, l)
		}
	}
	if p.exists("#im-skipped") {
		t.Errorf("the review skipped entries: %s", p.text("#im-skipped"))
	}
	p.click("#im-confirm")
	p.waitVisible("#im-done", stepTimeout)
	if msg := p.text("#im-done"); !strings.Contains(msg, fmt.Sprintf("%d accounts added", len(want))) {
		t.Errorf("#im-done says %q", msg)
	}
	p.click("#im-close")
	p.waitFor("the imported accounts listed", fmt.Sprintf("%s === %d", rowCount, len(want)), stepTimeout)
	p.expectCodes(want)

	// The same accounts: exported again, they give the same file.
	p.openSettings()
	p.click("#open-export")
	p.waitVisible("#ex-consent", stepTimeout)
	p.click("#ex-consent")
	p.waitFor("the download enabled", `!document.getElementById("ex-download").disabled`, stepTimeout)
	d := p.allowDownloads()
	p.click("#ex-download")
	_, again := d.wait("the second text export", stepTimeout)
	if !bytes.Equal(again, text) {
		t.Errorf("the imported accounts export to a different file (%d bytes, the imported file has %d)", len(again), len(text))
	}
	p.click("#ex-close")
	p.waitVisible("#accounts", stepTimeout)

	// Imported again: all there already, none ticked, and importing none
	// changes nothing.
	p.openImport()
	p.upload("#im-file", path)
	p.waitVisible("#im-list", stepTimeout)
	for i, r := range p.review() {
		if r.Checked || !r.Dup {
			t.Errorf("importing again, review row %d: %+v, want it marked as already there and not ticked", i, r)
		}
	}
	if msg, w := p.text("#im-found"), fmt.Sprintf("%d of them already in your vault", len(want)); !strings.Contains(msg, w) {
		t.Errorf("importing again, #im-found says %q, want %q", msg, w)
	}
	p.shot("import-02-review-duplicates")
	p.click("#im-confirm")
	time.Sleep(500 * time.Millisecond)
	if p.exists("#im-done") {
		t.Errorf("importing no account says %q", p.text("#im-done"))
	}
	p.click("#im-cancel")
	p.waitVisible("#accounts", stepTimeout)
	if n := p.count("#accounts > li.account"); n != len(want) {
		t.Errorf("after importing again the list has %d accounts, want %d", n, len(want))
	}
}
