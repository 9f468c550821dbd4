// Package scan says what the texts of scanned QR codes are for, and
// gathers them: an authenticator account (an otpauth:// URI), a part of a
// Google Authenticator export (otpauth-migration://), a Twofold transfer
// code, or something else, which the user is told holds no account.
//
// [Classify] looks at one text. It never fails and never panics: a text
// that looks like one of these but cannot be read gives an Item of that
// kind with Err saying what is wrong, naming the field and never the
// secret.
//
// A [Session] reads the texts a person scans one after another, as the
// app's scanner and the twofold scan command do, and turns them into
// events: an account, the progress and at last the whole of a multi-code
// export or transfer, or a problem, each problem an error the caller words
// by its sentinel. Cameras, images and wording are the callers'.
package scan

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"twofold.app/app/migration"
	"twofold.app/app/otpauth"
	"twofold.app/app/transfer"
)

// Kind is what a scanned text is.
type Kind int

const (
	// KindOther is any text that is not for an authenticator.
	KindOther Kind = iota
	// KindAccount is an otpauth:// URI: one account.
	KindAccount
	// KindMigration is an otpauth-migration:// URI: one code of a
	// Google Authenticator export, which may be one of several.
	KindMigration
	// KindTransfer is a Twofold transfer code, a text starting with
	// [transfer.Prefix]. Classify only recognises it and hands over the
	// text, which a [transfer.Receiver] reads.
	KindTransfer
)

func (k Kind) String() string {
	switch k {
	case KindAccount:
		return "account"
	case KindMigration:
		return "migration"
	case KindTransfer:
		return "transfer"
	}
	return "other"
}

// ErrNoAccount is the error of an Item of KindOther.
var ErrNoAccount = errors.New("this QR code holds no authenticator account")

// Item is what Classify made of a text.
type Item struct {
	Kind Kind
	// Account is the account of a KindAccount item, when Err is nil.
	Account otpauth.Account
	// Migration is the payload of a KindMigration item, when Err is
	// nil. Accounts of it that could not be read are in
	// Migration.Skipped.
	Migration migration.Payload
	// Text is the text of a KindTransfer item, as scanned.
	Text string
	// Preview is the text shortened to at most PreviewLen characters,
	// with control characters replaced, to show the user; it is only set
	// for KindOther, as the other kinds hold secrets.
	Preview string
	// Err is why an item of KindAccount or KindMigration could not be
	// read (it wraps ErrUnreadable and the errors of package otpauth or
	// migration, which name the field at fault and never the secret), or,
	// for KindOther, an error wrapping ErrNoAccount that quotes the
	// Preview.
	Err error
}

// PreviewLen is the most characters a Preview holds, its ellipsis
// included.
const PreviewLen = 60

// Classify says what text is. Surrounding white space is ignored.
func Classify(text string) Item {
	t := strings.TrimSpace(text)
	switch {
	case hasPrefixFold(t, "otpauth-migration:"):
		p, err := migration.ParseURI(t)
		if err != nil {
			return Item{Kind: KindMigration, Err: fmt.Errorf("google authenticator export %w: %w", ErrUnreadable, err)}
		}
		return Item{Kind: KindMigration, Migration: p}
	case hasPrefixFold(t, "otpauth:"):
		a, err := otpauth.Parse(t)
		if err != nil {
			return Item{Kind: KindAccount, Err: fmt.Errorf("account %w: %w", ErrUnreadable, err)}
		}
		return Item{Kind: KindAccount, Account: a}
	case transfer.IsFrame(t):
		// Base45 has a space: the frame's text is kept to its end.
		return Item{Kind: KindTransfer, Text: strings.TrimLeftFunc(text, unicode.IsSpace)}
	}
	p := Preview(text)
	return Item{Kind: KindOther, Preview: p, Err: fmt.Errorf("%w: %q", ErrNoAccount, p)}
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// Preview shortens text for a message: white space runs become one
// space, other control and invalid characters become U+FFFD, and a text
// longer than PreviewLen characters is cut with an ellipsis.
func Preview(text string) string {
	rs := make([]rune, 0, PreviewLen+1)
	space := false
	for _, r := range strings.TrimSpace(text) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			r = utf8.RuneError
		}
		if space {
			rs = append(rs, ' ')
			space = false
		}
		rs = append(rs, r)
		if len(rs) > PreviewLen {
			break
		}
	}
	if len(rs) > PreviewLen {
		rs = append(rs[:PreviewLen-1], '…')
	}
	return string(rs)
}
