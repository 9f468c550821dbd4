package main

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
	"io"
	"os"
	"strconv"
	"strings"

	_ "golang.org/x/image/webp"

	"twofold.app/app/otpauth"
	"twofold.app/app/qr"
	"twofold.app/app/scan"
	"twofold.app/app/transfer"
)

const scanUsage = `usage:
  twofold scan [--json] IMAGE...
        read the QR codes in PNG, JPEG, WebP or GIF images and print their
        accounts as otpauth:// URIs, one a line, or with --json as a JSON array

The codes of a Google Authenticator export may be spread over several
images, in any order. An image without a QR code, a code that holds no
account, and the missing codes of an export are listed on standard error,
and the exit status is then 1; the accounts that were read are printed
all the same.
`

// maxImageFile is the largest image the command reads.
const maxImageFile = 64 << 20

// scanEnv is what the scan command writes to, so that tests can run it.
type scanEnv struct {
	stdout, stderr io.Writer
}

// scanCmd runs "twofold scan [--json] IMAGE...". It returns a *ScanError
// when some of what it was given is not an account, after printing the
// accounts it read.
func scanCmd(args []string) error {
	return runScan(args, scanEnv{stdout: os.Stdout, stderr: os.Stderr})
}

// scanEntry is one place in the output: an account, or where the accounts
// of an export go (at its first code).
type scanEntry struct {
	account *otpauth.Account
	message int          // of an export, numbered by the session
	export  *scan.Export // once complete
}

func runScan(args []string, env scanEnv) error {
	fs := commandFlags("scan", scanUsage, env.stderr)
	asJSON := fs.Bool("json", false, "print a JSON array")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(files) == 0 {
		fmt.Fprint(env.stderr, scanUsage)
		return errors.New("scan needs at least one image")
	}

	var problems []string
	problem := func(format string, a ...any) {
		line := fmt.Sprintf(format, a...)
		problems = append(problems, line)
		fmt.Fprintln(env.stderr, "twofold scan:", line)
	}

	var (
		entries []scanEntry
		slots   = map[int]int{} // export message → index in entries
		session = scan.Session{Several: true}
		dec     = &qr.Decoder{Thorough: true}
		frame   qr.Frame
	)
	slot := func(message int) int {
		i, ok := slots[message]
		if !ok {
			i = len(entries)
			slots[message] = i
			entries = append(entries, scanEntry{message: message})
		}
		return i
	}
	for _, name := range files {
		texts, err := readCodes(name, dec, &frame)
		if err != nil {
			problem("%v", err)
			continue
		}
		for i, text := range texts {
			where := codeWhere(name, i, len(texts))
			if transfer.IsFrame(strings.TrimSpace(text)) {
				problem("%s: a Twofold transfer code (twofold transfer receive reads it)", where)
				continue
			}
			// Every code counts, the same one in two images too: the
			// session ignores repeated export codes, and accounts are
			// printed once below.
			session.ForgetLast()
			for _, e := range session.Add(text) {
				switch e := e.(type) {
				case *scan.Account:
					entries = append(entries, scanEntry{account: &e.Account})
				case *scan.Progress:
					slot(e.Message)
				case *scan.Export:
					entries[slot(e.Message)].export = e
				case *scan.Problem:
					problem("%s: %v", where, e.Err)
				}
			}
		}
	}

	pending := map[int]scan.Progress{}
	for _, p := range session.Pending() {
		pending[p.Message] = p
	}
	var accounts []otpauth.Account
	seen := map[string]bool{}
	add := func(a otpauth.Account) {
		uri := otpauth.Format(a)
		if !seen[uri] {
			seen[uri] = true
			accounts = append(accounts, a)
		}
	}
	for _, e := range entries {
		switch {
		case e.account != nil:
			add(*e.account)
		case e.export == nil:
			problem("%s", exportProgress(pending[e.message]))
		default:
			for _, s := range e.export.Skipped {
				problem("Google Authenticator export: %v", s)
			}
			for _, a := range e.export.Accounts {
				add(a)
			}
		}
	}
	if err := printAccounts(env.stdout, accounts, *asJSON); err != nil {
		return err
	}
	if len(problems) > 0 {
		return &ProblemsError{Command: "scan", Problems: problems}
	}
	return nil
}

// exportProgress words an incomplete export: how many codes were read and
// which are missing, counted from 1 as the phone shows them.
func exportProgress(p scan.Progress) string {
	missing := make([]string, len(p.Missing))
	for i, m := range p.Missing {
		missing[i] = strconv.Itoa(m + 1)
	}
	codes := "codes"
	if len(missing) == 1 {
		codes = "code"
	}
	return fmt.Sprintf("Google Authenticator export incomplete: %d of %d codes scanned, missing %s %s",
		p.Have, p.Total, codes, strings.Join(missing, ", "))
}

// readCodes returns the texts of the QR codes in the image file name, read
// with dec into frame. Its errors name the file.
func readCodes(name string, dec *qr.Decoder, frame *qr.Frame) ([]string, error) {
	img, err := readImage(name)
	if err != nil {
		return nil, err
	}
	if err := frame.SetImage(img); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	results, err := dec.Decode(*frame)
	if err != nil {
		return nil, fmt.Errorf("%s: no QR code found", name)
	}
	texts := make([]string, len(results))
	for i, r := range results {
		texts[i] = r.Text
	}
	return texts, nil
}

// codeWhere names code i of the n codes read in the image file name, for a
// line on standard error: the file alone when it holds one code.
func codeWhere(name string, i, n int) string {
	if n == 1 {
		return name
	}
	return fmt.Sprintf("%s, code %d of %d", name, i+1, n)
}

// readImage reads and decodes a PNG, JPEG, WebP or GIF file (its first
// frame).
func readImage(name string) (image.Image, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxImageFile+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(data) > maxImageFile {
		return nil, fmt.Errorf("%s is larger than %d MiB", name, maxImageFile>>20)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: not a PNG, JPEG, WebP or GIF image: %w", name, err)
	}
	return img, nil
}
