package main

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"twofold.app/app/backup"
	"twofold.app/app/kdf"
	"twofold.app/app/otpauth"
	"twofold.app/app/qr"
	"twofold.app/app/transfer"
	"twofold.app/app/vault"
)

const transferUsage = `usage:
  twofold transfer send [--for screen|camera|old-camera] [-o DIR] URIS.txt
        seal the otpauth:// URIs in URIS.txt ("-": standard input) under a new
        verification code, and write them as the QR code images
        DIR/transfer-01.png, transfer-02.png … (DIR: "." by default)
  twofold transfer receive [--json] (--code CODE | --code-file F) IMAGE...
        read the transfer codes in the images, in any order, and print their
        accounts as otpauth:// URIs, one a line, or with --json as a JSON array

send prints the verification code alone on the first line of standard
output, and the number of codes on the second. The code is not in the
images: give it to the receiver apart from them. --for says how the codes
will be read: by a window on the same screen (screen, the default), by a
camera (camera), or by an older camera (old-camera: smaller codes, more of
them). send writes nothing if DIR holds a transfer-*.png already, so that
the codes of two transfers are never mixed: remove them first, or choose
another DIR.

receive reads the verification code from --code, or from the file F ("-":
standard input), which keeps it out of the shell's history. A mistyped code
is reported before any image is read. An image without a transfer code, a
damaged code and the codes of another transfer are listed on standard
error, and the exit status is then 1; the accounts are printed all the
same. Missing codes or a wrong verification code print no account.
`

// pixelsPerModule is the size of a QR code module in the images of
// "transfer send": whole pixels keep the codes crisp when they are shown at
// their size or any whole multiple of it.
const pixelsPerModule = 6

// maxCodeFile is the largest file --code-file reads; a code is 14 bytes.
const maxCodeFile = 1 << 20

// testOnlyTransferParams, when set, replaces [transfer.DefaultParams] in
// "transfer send", so that tests seal with a cheap Argon2id.
var testOnlyTransferParams *kdf.Params

// transferEnv is what the transfer command uses from the world, so that
// tests can run it.
type transferEnv struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	rand           io.Reader
	derive         kdf.Func
}

// transferCmd runs "twofold transfer send" and "twofold transfer receive".
func transferCmd(args []string) error {
	return runTransfer(args, transferEnv{
		stdin:  os.Stdin,
		stdout: os.Stdout,
		stderr: os.Stderr,
		rand:   rand.Reader,
		derive: kdf.Argon2id,
	})
}

func runTransfer(args []string, env transferEnv) error {
	return subcommand("transfer", args, transferUsage, env.stdout, env.stderr, []namedCmd{
		{"send", func(args []string) error { return transferSend(args, env) }},
		{"receive", func(args []string) error { return transferReceive(args, env) }},
	})
}

func transferSend(args []string, env transferEnv) error {
	fs := commandFlags("transfer send", transferUsage, env.stderr)
	situation := fs.String("for", "screen", "how the codes will be read: screen, camera or old-camera")
	dir := fs.String("o", ".", "write the images to the folder `DIR`")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(pos) != 1 {
		fs.Usage()
		return errors.New("transfer send needs one URIS.txt")
	}
	name := pos[0]
	s, err := transfer.ParseSituation(*situation)
	if err != nil {
		return err
	}
	layout := transfer.LayoutFor(s)
	// Refuse early, before sealing anything.
	if err := noTransferImages(*dir); err != nil {
		return err
	}

	data, err := readLimited(name, env.stdin, maxBackupFile, "list of URIs")
	if err != nil {
		return err
	}
	accounts, skips := backup.ParseText(data)
	for _, s := range skips {
		fmt.Fprintf(env.stderr, "twofold: %s: %v\n", name, s)
	}
	if len(skips) > 0 {
		return fmt.Errorf("%s: %d lines could not be read; no codes written", name, len(skips))
	}
	if len(accounts) == 0 {
		return fmt.Errorf("%s: no otpauth:// URIs; no codes written", name)
	}

	code, err := transfer.NewCode(env.rand)
	if err != nil {
		return err
	}
	p := transfer.DefaultParams
	if testOnlyTransferParams != nil {
		p = *testOnlyTransferParams
	}
	m, err := transfer.Seal(accounts, code, p, env.rand, env.derive)
	if err != nil {
		return err
	}
	frames := m.Frames(layout)
	// Open them again before writing, so that codes that cannot be
	// received are never shown.
	if err := verifyTransfer(frames, code, env.derive, accounts); err != nil {
		return fmt.Errorf("the new transfer does not open (nothing written): %w", err)
	}
	images := make([][]byte, len(frames))
	for i, f := range frames {
		if images[i], _, err = transfer.Image(f, layout, pixelsPerModule); err != nil {
			return err
		}
	}
	names, err := writeTransferImages(*dir, images)
	if err != nil {
		return err
	}

	fmt.Fprintln(env.stdout, code)
	if len(names) == 1 {
		fmt.Fprintf(env.stdout, "1 code: %s\n", names[0])
	} else {
		fmt.Fprintf(env.stdout, "%d codes: %s to %s\n", len(names), names[0], names[len(names)-1])
	}
	fmt.Fprintf(env.stderr, "twofold: %s in %s of QR version %d-%s (for %s); give the verification code apart from them\n",
		count(len(accounts), "account"), count(len(names), "code"), layout.Version, layout.Level, s)
	return nil
}

// transferImage matches the names of the images "transfer send" writes.
const transferImage = "transfer-*.png"

// noTransferImages returns an error if dir holds an image of a transfer.
// A dir that does not exist holds none.
func noTransferImages(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var found []string
	for _, e := range entries {
		if ok, _ := filepath.Match(transferImage, e.Name()); ok {
			found = append(found, e.Name())
		}
	}
	switch len(found) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("%s holds %s already: not mixing the codes of two transfers; remove it or choose another folder with -o", dir, found[0])
	}
	return fmt.Errorf("%s holds %d transfer images already (%s…): not mixing the codes of two transfers; remove them or choose another folder with -o",
		dir, len(found), found[0])
}

// writeTransferImages writes the images as dir/transfer-01.png and so on,
// numbered from 1 with at least two digits, creating dir if need be. It
// returns their paths. No file is overwritten; if a write fails, the images
// written before it are removed.
func writeTransferImages(dir string, images [][]byte) ([]string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	width := max(2, len(strconv.Itoa(len(images))))
	var names []string
	for i, img := range images {
		name := filepath.Join(dir, fmt.Sprintf("transfer-%0*d.png", width, i+1))
		err := writeNew(name, img, 0o644)
		if errors.Is(err, os.ErrExist) {
			err = fmt.Errorf("%s exists: not mixing the codes of two transfers; no codes written", name)
		}
		if err != nil {
			for _, n := range names {
				os.Remove(n)
			}
			return nil, err
		}
		names = append(names, name)
	}
	return names, nil
}

// verifyTransfer receives frames, opens them with code and checks that they
// hold accounts.
func verifyTransfer(frames []string, code transfer.Code, derive kdf.Func, accounts []vault.Account) error {
	var r transfer.Receiver
	for _, f := range frames {
		if _, err := r.Add(f); err != nil {
			return err
		}
	}
	sealed, err := r.Sealed()
	if err != nil {
		return err
	}
	got, err := sealed.Open(code, derive)
	if err != nil {
		return err
	}
	if len(got) != len(accounts) {
		return fmt.Errorf("%d accounts, not %d", len(got), len(accounts))
	}
	for i, a := range accounts {
		g := got[i]
		if g.Issuer != a.Issuer || g.Name != a.Name || g.Group != a.Group || g.Note != a.Note ||
			g.Type != a.Type || g.Algorithm != a.Algorithm || g.Digits != a.Digits ||
			g.Period != a.Period || g.Counter != a.Counter || !bytes.Equal(g.Secret, a.Secret) {
			return fmt.Errorf("account %d differs", i+1)
		}
	}
	return nil
}

// gathering is the codes of one transfer read from the images: a receiver
// of its own, and where each code was read.
type gathering struct {
	r     transfer.Receiver
	where []string
}

func transferReceive(args []string, env transferEnv) error {
	fs := commandFlags("transfer receive", transferUsage, env.stderr)
	asJSON := fs.Bool("json", false, "print a JSON array")
	codeFlag := fs.String("code", "", "the verification `CODE`")
	codeFile := fs.String("code-file", "", "read the verification code from `F`")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(files) == 0 {
		fs.Usage()
		return errors.New("transfer receive needs at least one image")
	}
	var typed string
	switch {
	case *codeFlag != "" && *codeFile != "":
		fs.Usage()
		return errors.New("transfer receive takes --code or --code-file, not both")
	case *codeFlag != "":
		typed = *codeFlag
	case *codeFile != "":
		b, err := readLimited(*codeFile, env.stdin, maxCodeFile, "verification code")
		if err != nil {
			return err
		}
		typed = strings.TrimSpace(string(b))
	default:
		fs.Usage()
		return errors.New("transfer receive needs the verification code: --code or --code-file")
	}
	// A mistyped code is told at once, before the images are read and
	// before any key derivation.
	code, err := transfer.ParseCode(typed)
	if err != nil {
		return err
	}

	var problems []string
	problem := func(format string, a ...any) {
		line := fmt.Sprintf(format, a...)
		problems = append(problems, line)
		fmt.Fprintln(env.stderr, "twofold transfer receive:", line)
	}

	// The first code of a transfer does not decide which transfer is
	// received: an image of an older transfer may come first. Each
	// transfer gets a receiver, and the most complete one is opened.
	var (
		gs    []*gathering
		dec   = &qr.Decoder{Thorough: true}
		frame qr.Frame
	)
	add := func(text, where string) error {
		for _, g := range gs {
			_, err := g.r.Add(text)
			if errors.Is(err, transfer.ErrOtherTransfer) {
				continue
			}
			if err == nil {
				g.where = append(g.where, where)
			}
			return err
		}
		g := new(gathering)
		if _, err := g.r.Add(text); err != nil {
			return err
		}
		g.where = append(g.where, where)
		gs = append(gs, g)
		return nil
	}
	for _, name := range files {
		texts, err := readCodes(name, dec, &frame)
		if err != nil {
			problem("%v", err)
			continue
		}
		for i, text := range texts {
			where := codeWhere(name, i, len(texts))
			// A code read twice is harmless: the same image given twice,
			// or a screenshot of a code already read.
			if err := add(text, where); err != nil && !errors.Is(err, transfer.ErrRepeated) {
				problem("%s: %v", where, err)
			}
		}
	}
	if len(gs) == 0 {
		return errors.New("no transfer code in the images")
	}
	best := 0
	for i, g := range gs {
		if better(g.r.Progress(), gs[best].r.Progress()) {
			best = i
		}
	}
	for i, g := range gs {
		if i == best {
			continue
		}
		for _, where := range g.where {
			problem("%s: %v", where, transfer.ErrOtherTransfer)
		}
	}
	r := &gs[best].r

	sealed, err := r.Sealed()
	if errors.Is(err, transfer.ErrIncomplete) {
		return missingError(r.Progress())
	}
	if err != nil {
		return err
	}
	got, err := sealed.Open(code, env.derive)
	if errors.Is(err, transfer.ErrWrongCode) {
		return fmt.Errorf("%w: it does not open the %s read (check the code given with them)", err, count(r.Progress().Codes, "code"))
	}
	if err != nil {
		return err
	}

	accounts := make([]otpauth.Account, len(got))
	labels := 0
	for i, a := range got {
		accounts[i] = otpauth.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key}
		if a.Group != "" || a.Note != "" {
			labels++
		}
	}
	if err := printAccounts(env.stdout, accounts, *asJSON); err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "twofold: %s from %s\n", count(len(accounts), "account"), count(r.Progress().Codes, "code"))
	if labels > 0 {
		fmt.Fprintf(env.stderr, "twofold: the groups and notes of %s are not printed\n", count(labels, "account"))
	}
	if len(problems) > 0 {
		return &ProblemsError{Command: "transfer receive", Problems: problems}
	}
	return nil
}

// better reports whether the transfer of progress p is a better choice to
// open than that of q: complete, or else with more blocks known.
func better(p, q transfer.Progress) bool {
	if p.Done() != q.Done() {
		return p.Done()
	}
	return p.Have > q.Have
}

// missingError words an incomplete transfer: which codes are missing,
// counted from 1 as the sender numbers its images.
func missingError(p transfer.Progress) error {
	missing := make([]string, len(p.Missing))
	for i, m := range p.Missing {
		missing[i] = strconv.Itoa(m + 1)
	}
	codes := "codes"
	if len(missing) == 1 {
		codes = "code"
	}
	return fmt.Errorf("%w: missing %s %s of %d", transfer.ErrIncomplete, codes, strings.Join(missing, ", "), p.Total)
}

// count writes n things: "1 code", "3 codes".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}
