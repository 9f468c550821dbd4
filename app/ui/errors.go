package ui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"twofold.app/app/keeper"
	"twofold.app/app/qr"
	"twofold.app/app/scan"
	"twofold.app/app/store"
	"twofold.app/app/transfer"
	"twofold.app/app/vault"
)

// describe turns an error into a sentence for the user. Every error the
// screens show goes through it, so the wording lives in one place.
func describe(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, vault.ErrWrongPassword):
		return "Wrong password. Try again."
	case errors.Is(err, vault.ErrUnsupportedVersion):
		return "This vault was written by a newer version of Twofold. Update the app to open it."
	case errors.Is(err, vault.ErrCorrupt):
		return "The stored vault is damaged and cannot be opened. Restore a backup."
	case errors.Is(err, keeper.ErrExists):
		return "A vault already exists in this browser (perhaps created in another tab). Unlock it."
	case errors.Is(err, keeper.ErrNoVault):
		return "There is no vault in this browser yet."
	case errors.Is(err, store.ErrConflict):
		return "Another tab kept changing the vault; your change was not saved. Try again."
	case errors.Is(err, store.ErrQuota):
		return "The browser's storage is full; nothing was changed. Free some space and try again."
	}
	msg := err.Error()
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	return msg + "."
}

// scanProblem words what was wrong with a scanned QR code.
func scanProblem(p *scan.Problem) string {
	switch {
	case errors.Is(p.Err, scan.ErrNoAccount):
		return "This QR code holds no authenticator account: “" + p.Preview + "”."
	case errors.Is(p.Err, scan.ErrOtherExport):
		return "This code belongs to another Google Authenticator export than the codes scanned so far. " +
			"Scan the codes of one export, or press Start again."
	case errors.Is(p.Err, scan.ErrOtherTransfer):
		return "This code belongs to another Twofold transfer than the codes scanned so far. " +
			"Scan the codes of one transfer, or press Start again."
	case errors.Is(p.Err, scan.ErrMixed) && p.Kind == scan.KindTransfer:
		return "This is a Twofold transfer code, but part of a Google Authenticator export was scanned. " +
			"Finish the export first, or press Start again."
	case errors.Is(p.Err, scan.ErrMixed):
		return "This is a Google Authenticator export code, but part of a Twofold transfer was scanned. " +
			"Finish the transfer first, or press Start again."
	case errors.Is(p.Err, transfer.ErrParams):
		return "This transfer asks for an unreasonable amount of work to unlock, so it was refused."
	case errors.Is(p.Err, scan.ErrNewerTransfer):
		return "This transfer comes from a newer version of Twofold. Update the app on this device, then scan again."
	case p.Kind == scan.KindAccount:
		return "This QR code is an account link, but it is malformed: " + p.Err.Error() + "."
	case p.Kind == scan.KindMigration:
		return "This Google Authenticator export code could not be read: " + p.Err.Error() + "."
	case p.Kind == scan.KindTransfer:
		return "This Twofold transfer code could not be read: " + p.Err.Error() + ". Hold the camera steady and scan it again."
	}
	return describe(p.Err)
}

// captureProblem words why a camera or screen capture could not start or
// stopped; it is empty when the capture just ended, which the scanner
// says otherwise.
func captureProblem(err error, screen bool) string {
	switch {
	case errors.Is(err, ErrCaptureDenied) && screen:
		return "Screen sharing was not allowed. Try again and choose the window that shows the QR code."
	case errors.Is(err, ErrCaptureDenied):
		return "The camera was not allowed. Allow it in the browser's site settings, or use an image instead."
	case errors.Is(err, ErrNoCapture) && screen:
		return "This browser cannot share the screen here."
	case errors.Is(err, ErrNoCapture):
		return "No camera was found."
	case errors.Is(err, ErrCaptureEnded):
		return ""
	}
	return "The " + map[bool]string{false: "camera", true: "screen capture"}[screen] + " could not start: " + err.Error() + "."
}

// imageProblem words why an image gave no code; several says that more
// images were read at once, so the message names the file.
func imageProblem(name string, err error, several bool) string {
	this, lead := "this image", "This image"
	if several {
		this = "“" + name + "”"
		lead = this
	}
	if errors.Is(err, qr.ErrNotFound) {
		return "No QR code was found in " + this + ". Try a sharper or larger picture of the code."
	}
	return lead + " could not be read: " + err.Error() + "."
}

// formatDuration writes d in minutes or hours for settings and notices.
func formatDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return "never"
	case d < time.Minute:
		return plural(int(d/time.Second), "second")
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute")
	}
	return plural(int(d/time.Hour), "hour")
}

func plural(n int, unit string) string {
	s := strconv.Itoa(n) + " "
	switch {
	case n == 1:
		return s + unit
	case strings.HasSuffix(unit, "y"):
		return s + unit[:len(unit)-1] + "ies"
	}
	return s + unit + "s"
}
