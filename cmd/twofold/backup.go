package main

import (
	"bytes"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"twofold.app/app/backup"
	"twofold.app/app/i18n"
	"twofold.app/app/listing"
	"twofold.app/app/vault"
)

const backupUsage = `usage:
  twofold backup decrypt [--passphrase-file F] [--sort S] [--group G] [--search WORDS] FILE
        print the accounts of the backup FILE as otpauth:// URIs, one a line,
        in the order the app lists them: favourites first, then by the sort
        order S (manual, alphabetical or recent; default: the backup's);
        only those in the group G ("" for no group), only those with every
        word of WORDS in their issuer, name, group or note
  twofold backup create [--passphrase-file F] [-o OUT] URIS.txt
        write a backup of the otpauth:// URIs in URIS.txt ("-": standard input)
        to OUT (default: standard output); OUT must not exist yet

The passphrase is asked on the terminal (twice for create), or read from the
file F ("-": standard input), without its final line break.
`

// maxBackupFile is the largest file the command reads: a backup of 1,000
// accounts is about 430 kB.
const maxBackupFile = 64 << 20

// backupEnv is what the backup command uses from the world, so that tests
// can run it without a terminal.
type backupEnv struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// askPassphrase prompts for a passphrase on the terminal.
	askPassphrase func(prompt string) ([]byte, error)
	// kdf derives the keys of backups: vault.Argon2id, counted in tests.
	kdf  vault.KDF
	rand io.Reader
	now  func() time.Time
}

// backupCmd runs "twofold backup decrypt" and "twofold backup create".
func backupCmd(args []string) error {
	return runBackup(args, backupEnv{
		stdin:         os.Stdin,
		stdout:        os.Stdout,
		stderr:        os.Stderr,
		askPassphrase: terminalPassphrase,
		kdf:           vault.Argon2id,
		rand:          rand.Reader,
		now:           time.Now,
	})
}

func runBackup(args []string, env backupEnv) error {
	return subcommand("backup", args, backupUsage, env.stdout, env.stderr, []namedCmd{
		{"decrypt", func(args []string) error { return backupDecrypt(args, env) }},
		{"create", func(args []string) error { return backupCreate(args, env) }},
	})
}

// namedCmd is a subcommand of a command: its name and what runs it with
// the arguments after the name.
type namedCmd struct {
	name string
	run  func(args []string) error
}

// subcommand runs the one of cmds that args[0] names, or writes usage: to
// stdout when help is asked for, to stderr with an error when args name
// none of cmds.
func subcommand(command string, args []string, usage string, stdout, stderr io.Writer, cmds []namedCmd) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		names := make([]string, len(cmds))
		for i, c := range cmds {
			names[i] = c.name
		}
		return fmt.Errorf("%s needs %s", command, strings.Join(names, " or "))
	}
	for _, c := range cmds {
		if args[0] == c.name {
			return c.run(args[1:])
		}
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown %s command %q", command, args[0])
}

// parseInterspersed parses flags before and after the positional arguments
// ("decrypt FILE --passphrase-file F" works too) and returns the latter.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func backupDecrypt(args []string, env backupEnv) error {
	fs := commandFlags("backup decrypt", backupUsage, env.stderr)
	passFile := fs.String("passphrase-file", "", "read the passphrase from `F`")
	var q listing.Query
	sortSet := false
	fs.Func("sort", "list in the order `S`: manual, alphabetical or recent", func(s string) error {
		var ok bool
		if q.Sort, ok = vault.ParseSort(s); !ok {
			return fmt.Errorf("%q is not manual, alphabetical or recent", s)
		}
		sortSet = true
		return nil
	})
	fs.Func("group", "list only the accounts in the group `G` (\"\" for none)", func(g string) error {
		q.FilterGroup, q.Group = true, g
		return nil
	})
	fs.StringVar(&q.Search, "search", "", "list only the accounts with every word of `WORDS`")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(pos) != 1 {
		fs.Usage()
		return errors.New("backup decrypt needs one FILE")
	}
	name := pos[0]
	data, err := readLimited(name, env.stdin, maxBackupFile, "backup")
	if err != nil {
		return err
	}
	// Tell a damaged or foreign file before asking for a passphrase.
	h, err := backup.Inspect(data)
	if err != nil {
		return backupError(name, err)
	}
	var passphrase []byte
	if *passFile != "" {
		passphrase, err = readPassphraseFile(*passFile, env.stdin)
	} else {
		passphrase, err = env.askPassphrase(fmt.Sprintf("Passphrase of %s (made %s): ", name, h.Created.Format("2006-01-02 15:04 UTC")))
	}
	if err != nil {
		return err
	}
	defer clear(passphrase)
	b, err := backup.Open(data, passphrase, env.kdf)
	if err != nil {
		return backupError(name, err)
	}
	if !sortSet {
		q.Sort = b.Contents.Settings.Sort
	}
	all := b.Contents.Accounts
	rows := listing.Rows(all, q)
	accounts := make([]vault.Account, len(rows))
	for i, r := range rows {
		accounts[i] = all[r]
		if err := backup.Exportable(all[r]); err != nil {
			fmt.Fprintf(env.stderr, "twofold: account %d cannot be written exactly as an otpauth URI: %v\n", i+1, err)
		}
	}
	if _, err := env.stdout.Write(backup.Text(accounts)); err != nil {
		return err
	}
	count := fmt.Sprintf("%d accounts", len(all))
	if len(accounts) != len(all) {
		count = fmt.Sprintf("%d of %d accounts", len(accounts), len(all))
	}
	fmt.Fprintf(env.stderr, "twofold: %s from a backup made %s, favourites first, then in %s order (groups, notes and settings are not printed)\n",
		count, b.Created.Format("2006-01-02 15:04:05 UTC"), q.Sort)
	return nil
}

func backupCreate(args []string, env backupEnv) error {
	fs := commandFlags("backup create", backupUsage, env.stderr)
	passFile := fs.String("passphrase-file", "", "read the passphrase from `F`")
	out := fs.String("o", "", "write the backup to `OUT` instead of standard output")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(pos) != 1 {
		fs.Usage()
		return errors.New("backup create needs one URIS.txt")
	}
	name := pos[0]
	if name == "-" && *passFile == "-" {
		return errors.New("the URIs and the passphrase cannot both come from standard input")
	}
	if *out != "" {
		// Refuse early, before asking for a passphrase.
		if _, err := os.Lstat(*out); err == nil {
			return fmt.Errorf("%s exists: not overwriting it (a backup may be lost); choose another name", *out)
		}
	}
	data, err := readLimited(name, env.stdin, maxBackupFile, "backup")
	if err != nil {
		return err
	}
	accounts, skips := backup.ParseText(data)
	for _, s := range skips {
		fmt.Fprintf(env.stderr, "twofold: %s: %v\n", name, s)
	}
	if len(skips) > 0 {
		return fmt.Errorf("%s: %d lines could not be read; no backup written", name, len(skips))
	}
	if len(accounts) == 0 {
		return fmt.Errorf("%s: no otpauth:// URIs; no backup written", name)
	}
	c := &vault.Contents{}
	for _, a := range accounts {
		if a.ID, err = vault.NewID(env.rand); err != nil {
			return err
		}
		c.Accounts = append(c.Accounts, a)
	}

	var passphrase []byte
	if *passFile != "" {
		passphrase, err = readPassphraseFile(*passFile, env.stdin)
	} else {
		passphrase, err = askNewPassphrase(env)
	}
	if err != nil {
		return err
	}
	defer clear(passphrase)
	if len(passphrase) == 0 {
		return errors.New("the passphrase is empty; no backup written")
	}

	// Seal reads the file back before returning it, so that a file that
	// cannot be restored is never kept.
	file, err := backup.Seal(c, passphrase, vault.DefaultParams, env.kdf, env.rand, env.now())
	if err != nil {
		return fmt.Errorf("no backup written: %w", err)
	}
	if *out == "" {
		_, err = env.stdout.Write(file)
		return err
	}
	if err := writeNew(*out, file, 0o600); errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s exists: not overwriting it (a backup may be lost); choose another name", *out)
	} else if err != nil {
		return err
	}
	p := vault.DefaultParams
	fmt.Fprintf(env.stderr, "twofold: wrote %s: %d accounts, Argon2id t=%d m=%d p=%d\n", *out, len(accounts), p.Time, p.MemoryKiB, p.Threads)
	return nil
}

// askNewPassphrase asks for a passphrase twice, so that a typo cannot make
// the backup unreadable.
func askNewPassphrase(env backupEnv) ([]byte, error) {
	p1, err := env.askPassphrase("New passphrase for the backup: ")
	if err != nil {
		return nil, err
	}
	p2, err := env.askPassphrase("The same passphrase again: ")
	if err != nil {
		clear(p1)
		return nil, err
	}
	defer clear(p2)
	if !bytes.Equal(p1, p2) {
		clear(p1)
		return nil, errors.New(i18n.English.T(i18n.BackupDiffer) + " No backup written.")
	}
	return p1, nil
}

// backupError words the errors of package backup for the command line,
// as the app does where they say the same thing.
func backupError(name string, err error) error {
	switch {
	case errors.Is(err, backup.ErrUnsupportedVersion):
		err = wordDetail(err, i18n.ImportBackupNewer)
	case errors.Is(err, backup.ErrNotBackup):
		err = &wordedError{i18n.English.T(i18n.ImportNotBackup) + " A backup starts with the line -----BEGIN TWOFOLD BACKUP-----.", err}
	case errors.Is(err, backup.ErrWrongPassphrase):
		err = word(err, i18n.ImportBackupWrongPassphrase)
	case errors.Is(err, backup.ErrDamaged):
		err = wordDetail(err, i18n.ImportBackupDamaged)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// flagError turns -h into a clean exit and keeps other flag errors.
func flagError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

// readLimited reads a file, or stdin for "-", refusing more than limit
// bytes; what names the kind of file for the message ("backup").
func readLimited(name string, stdin io.Reader, limit int, what string) ([]byte, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(data) > limit {
		return nil, fmt.Errorf("%s is larger than %d MiB, more than any %s", name, limit>>20, what)
	}
	return data, nil
}

// readPassphraseFile reads a passphrase from a file, or stdin for "-",
// without one final line break (LF or CR LF).
func readPassphraseFile(name string, stdin io.Reader) ([]byte, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(io.LimitReader(stdin, 1<<20))
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the passphrase: %w", err)
	}
	data = bytes.TrimSuffix(data, []byte("\n"))
	return bytes.TrimSuffix(data, []byte("\r")), nil
}

// terminalPassphrase asks for a passphrase without echo, on standard input
// if it is a terminal, or else on /dev/tty.
func terminalPassphrase(prompt string) ([]byte, error) {
	in, out := os.Stdin, os.Stderr
	if !term.IsTerminal(int(in.Fd())) {
		tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
		if err != nil {
			return nil, errors.New("no terminal to ask for the passphrase on: use --passphrase-file")
		}
		defer tty.Close()
		in, out = tty, tty
	}
	fmt.Fprint(out, prompt)
	p, err := term.ReadPassword(int(in.Fd()))
	fmt.Fprintln(out)
	if err != nil {
		return nil, fmt.Errorf("reading the passphrase: %w", err)
	}
	return p, nil
}

// writeNew writes data to a file that must not exist yet, with permissions
// perm, and removes it again if the write fails. For a file that exists it
// returns an error wrapping os.ErrExist.
func writeNew(name string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}
