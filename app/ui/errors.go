package ui

import (
	"errors"
	"strings"
	"time"

	"twofold.app/app/i18n"
	"twofold.app/app/keeper"
	"twofold.app/app/scan"
	"twofold.app/app/store"
	"twofold.app/app/transfer"
	"twofold.app/app/vault"
)

// describe turns an error into a sentence for the user in l. Every error
// the screens show goes through it, so the wording lives in one place.
func describe(l i18n.Lang, err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, vault.ErrWrongPassword):
		return l.T(i18n.ErrWrongPassword)
	case errors.Is(err, vault.ErrUnsupportedVersion):
		return l.T(i18n.ErrNewerVault)
	case errors.Is(err, vault.ErrCorrupt):
		return l.T(i18n.ErrDamagedVault)
	case errors.Is(err, keeper.ErrExists):
		return l.T(i18n.ErrVaultExists)
	case errors.Is(err, keeper.ErrGone):
		return l.T(i18n.ErrGone)
	case errors.Is(err, keeper.ErrNoVault):
		return l.T(i18n.ErrNoVault)
	case errors.Is(err, store.ErrConflict):
		return l.T(i18n.ErrConflict)
	case errors.Is(err, store.ErrQuota):
		return l.T(i18n.ErrQuota)
	case errors.Is(err, vault.ErrKDFUnavailable):
		return l.F(i18n.ErrKeyWorker, kdfDetail(err))
	}
	return l.F(i18n.ErrOther, sentence(err))
}

// kdfDetail is the technical part of a key derivation's error: what the
// worker reported, without the wrapping of the packages it went through.
func kdfDetail(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "kdf: "); i >= 0 {
		msg = msg[i+len("kdf: "):]
	}
	return strings.TrimSuffix(msg, ".")
}

// sentence writes an error's own text as the body of a sentence: a capital
// first letter, no full stop. The text is English; in Japanese it is shown
// as the detail of a Japanese sentence.
func sentence(err error) string {
	msg := err.Error()
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	return strings.TrimSuffix(msg, ".")
}

// scanProblem words what was wrong with a scanned QR code.
func scanProblem(l i18n.Lang, p *scan.Problem) string {
	switch {
	case errors.Is(p.Err, scan.ErrNoAccount):
		return l.F(i18n.ScanNoAccount, p.Preview)
	case errors.Is(p.Err, scan.ErrOtherExport):
		return l.T(i18n.ScanOtherExport)
	case errors.Is(p.Err, scan.ErrOtherTransfer):
		return l.T(i18n.ScanOtherTransfer)
	case errors.Is(p.Err, scan.ErrMixed) && p.Kind == scan.KindTransfer:
		return l.T(i18n.ScanTransferAmidExport)
	case errors.Is(p.Err, scan.ErrMixed):
		return l.T(i18n.ScanExportAmidTransfer)
	case errors.Is(p.Err, transfer.ErrParams):
		return l.T(i18n.ScanTransferParams)
	case errors.Is(p.Err, scan.ErrNewerTransfer):
		return l.T(i18n.ScanNewerTransfer)
	case p.Kind == scan.KindAccount:
		return l.F(i18n.ScanBadAccount, p.Err.Error())
	case p.Kind == scan.KindMigration:
		return l.F(i18n.ScanBadExport, p.Err.Error())
	case p.Kind == scan.KindTransfer:
		return l.F(i18n.ScanBadTransfer, p.Err.Error())
	}
	return describe(l, p.Err)
}

// captureProblem words why a camera or screen capture could not start or
// stopped; it is empty when the capture just ended, which the scanner
// says otherwise.
func captureProblem(l i18n.Lang, err error, screen bool) string {
	switch {
	case errors.Is(err, ErrCaptureDenied) && screen:
		return l.T(i18n.CaptureScreenDenied)
	case errors.Is(err, ErrCaptureDenied):
		return l.T(i18n.CaptureCameraDenied)
	case errors.Is(err, ErrNoCapture) && screen:
		return l.T(i18n.CaptureNoScreen)
	case errors.Is(err, ErrNoCapture):
		return l.T(i18n.CaptureNoCamera)
	case errors.Is(err, ErrCaptureEnded):
		return ""
	case screen:
		return l.F(i18n.CaptureScreenFailed, err.Error())
	}
	return l.F(i18n.CaptureCameraFailed, err.Error())
}

// isDecoderErr reports whether err is the QR decoder's own failure rather
// than one of what it read.
func isDecoderErr(err error) bool {
	return errors.Is(err, ErrDecoderStart) || errors.Is(err, ErrDecoderFailed)
}

// decoderProblem words why the QR decoder could not read: its files could
// not be loaded, or it stopped working. The detail is the error's text
// after the sentinel's.
func decoderProblem(l i18n.Lang, err error) string {
	m, sentinel := i18n.DecoderFailed, ErrDecoderFailed
	if errors.Is(err, ErrDecoderStart) {
		m, sentinel = i18n.DecoderMissing, ErrDecoderStart
	}
	detail := strings.TrimPrefix(err.Error(), sentinel.Error()+": ")
	if detail == sentinel.Error() {
		detail = err.Error() // no detail: say the sentinel's words
	}
	return l.F(m, strings.TrimSuffix(detail, "."))
}

// imageProblem words why an image gave no code; several says that more
// images were read at once, so the message names the file.
func imageProblem(l i18n.Lang, name string, err error, several bool) string {
	if isDecoderErr(err) {
		return decoderProblem(l, err)
	}
	notFound := errors.Is(err, ErrNoCode)
	switch {
	case notFound && several:
		return l.F(i18n.ImageNoCodeNamed, name)
	case notFound:
		return l.T(i18n.ImageNoCode)
	case several:
		return l.F(i18n.ImageUnreadableNamed, name, err.Error())
	}
	return l.F(i18n.ImageUnreadable, err.Error())
}

// formatDuration writes d in seconds, minutes or hours for settings and
// notices, or "never" for zero or less.
func formatDuration(l i18n.Lang, d time.Duration) string {
	if d <= 0 {
		return l.T(i18n.Never)
	}
	return l.Duration(d)
}

// shown is a message on screen, kept as what it says rather than as words,
// so that it is drawn in the language of the moment: a person who switches
// language after an error reads it in the new one. Nil is no message.
type shown func(i18n.Lang) string

// showErr shows err as describe words it.
func showErr(err error) shown { return showWith(describe, err) }

// showMsg shows m.
func showMsg(m i18n.Message) shown { return func(l i18n.Lang) string { return l.T(m) } }

// showF shows m with args: data, such as a file's name, that reads the same
// in every language.
func showF(m i18n.Message, args ...any) shown {
	return func(l i18n.Lang) string { return l.F(m, args...) }
}

// showN shows the form of c for n, with args as [showF] does.
func showN(c i18n.Count, n int, args ...any) shown {
	return func(l i18n.Lang) string { return l.N(c, n, args...) }
}

// showWith shows err as how words it.
func showWith(how func(i18n.Lang, error) string, err error) shown {
	return func(l i18n.Lang) string { return how(l, err) }
}

// in returns the message in l, or "" for none.
func (s shown) in(l i18n.Lang) string {
	if s == nil {
		return ""
	}
	return s(l)
}
