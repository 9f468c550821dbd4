package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/term"

	"twofold.app/app/i18n"
	"twofold.app/app/importers"
	"twofold.app/app/otpauth"
)

const importUsage = `usage:
  twofold import [--json] [--password-file F] EXPORT
        print the accounts of another app's export file as otpauth:// URIs,
        one a line, or with --json as a JSON array
  twofold import --apps
        list the apps whose exports it reads

The app is recognised from the file's content (twofold import --apps lists
the apps whose exports it reads), and a list of otpauth:// URIs is read
too. The password of an encrypted export is asked on the terminal, or read
from the file F ("-": standard input), without its final line break.
Entries that cannot be imported are listed on standard error.
`

// maxExportFile is the largest export the command reads; exports of
// thousands of accounts are a few MiB.
const maxExportFile = 64 << 20

// importEnv is what the import command uses from the world, so that tests
// can run it without a terminal.
type importEnv struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// askPassword prompts for the export's password on the terminal.
	askPassword func(prompt string) ([]byte, error)
}

// importCmd runs "twofold import [--json] [--password-file F] EXPORT".
//
// Its errors say which file and what went wrong, and wrap
// [importers.ErrUnknownFormat], [importers.ErrPasswordNeeded],
// [importers.ErrWrongPassword], [importers.ErrCorrupt] or
// [importers.ErrUnsupported] where they apply; main prints them and exits
// with status 1.
func importCmd(args []string) error {
	return runImport(args, importEnv{
		stdin:       os.Stdin,
		stdout:      os.Stdout,
		stderr:      os.Stderr,
		askPassword: terminalPassword,
	})
}

func runImport(args []string, env importEnv) error {
	fs := commandFlags("import", importUsage, env.stderr)
	asJSON := fs.Bool("json", false, "print a JSON array")
	passFile := fs.String("password-file", "", "read the password from `F`")
	apps := fs.Bool("apps", false, "list the apps whose exports are read, and stop")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return flagError(err)
	}
	if *apps {
		for _, a := range importers.Apps() {
			fmt.Fprintln(env.stdout, a)
		}
		return nil
	}
	if len(pos) != 1 {
		fmt.Fprint(env.stderr, importUsage)
		return errors.New("import needs one export file")
	}
	name := pos[0]
	if name == "-" && *passFile == "-" {
		return errors.New("the export and the password cannot both come from standard input")
	}

	data, err := readLimited(name, env.stdin, maxExportFile, "export")
	if err != nil {
		return err
	}
	imp, err := importers.Detect(data)
	if err != nil {
		return fmt.Errorf("%s: %w (Twofold reads lists of otpauth URIs and the exports of %s)", name, err, importers.AppList())
	}
	var password []byte
	if imp.Encrypted(data) {
		if *passFile != "" {
			password, err = readPassphraseFile(*passFile, env.stdin)
		} else {
			password, err = env.askPassword(fmt.Sprintf("Password of the %s export %s: ", imp.Name(), filepath.Base(name)))
		}
		if err != nil {
			return err
		}
		defer clear(password)
	}
	res, err := imp.Import(data, password)
	if err != nil {
		return fmt.Errorf("%s (%s export): %w", name, imp.Name(), importError(err))
	}

	fmt.Fprintf(env.stderr, "twofold: %s: %s export, %d accounts\n", name, imp.Name(), len(res.Accounts))
	for _, s := range res.Skipped {
		fmt.Fprintf(env.stderr, "twofold: skipped %v\n", s)
	}
	for _, n := range res.Notes {
		note := n.Error()
		if errors.Is(n, importers.ErrDatabaseWAL) {
			note = i18n.English.T(i18n.ImportNoteWAL)
		}
		fmt.Fprintf(env.stderr, "twofold: note: %s\n", note)
	}
	if len(res.Accounts) == 0 && len(res.Skipped) > 0 {
		return fmt.Errorf("%s: no account could be imported", name)
	}
	accounts := make([]otpauth.Account, 0, len(res.Accounts))
	for _, a := range res.Accounts {
		accounts = append(accounts, otpauth.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key})
	}
	return printAccounts(env.stdout, accounts, *asJSON)
}

// importError words the errors of an import as the app does, where they
// say the same thing.
func importError(err error) error {
	switch {
	case errors.Is(err, importers.ErrWrongPassword):
		return word(err, i18n.ImportWrongPassphrase)
	case errors.Is(err, importers.ErrCorrupt):
		return wordDetail(err, i18n.ImportDamaged)
	case errors.Is(err, importers.ErrKeyCost):
		return wordDetail(err, i18n.ImportKeyCost)
	case errors.Is(err, importers.ErrUnsupported):
		return word(err, i18n.ImportUnsupported, err.Error())
	}
	return err
}

// terminalPassword asks for an export's password without echo, on standard
// input if it is a terminal, or else on /dev/tty.
func terminalPassword(prompt string) ([]byte, error) {
	in, out := os.Stdin, os.Stderr
	if !term.IsTerminal(int(in.Fd())) {
		tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
		if err != nil {
			return nil, fmt.Errorf("%w: no terminal to ask for it on; use --password-file", importers.ErrPasswordNeeded)
		}
		defer tty.Close()
		in, out = tty, tty
	}
	fmt.Fprint(out, prompt)
	p, err := term.ReadPassword(int(in.Fd()))
	fmt.Fprintln(out)
	if err != nil {
		return nil, fmt.Errorf("reading the password: %w", err)
	}
	return p, nil
}
