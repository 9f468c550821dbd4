package ui

import (
	"errors"
	"strings"
	"testing"

	"twofold.app/app/i18n"
)

// A file no importer reads is described by what it looks like.
func TestRecogniseUnknown(t *testing.T) {
	_, err := recognise([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), nil)
	if !errors.Is(err, errNotImportable) {
		t.Fatalf("recognise error = %v, want errNotImportable", err)
	}
	msg := describeImport(i18n.English, err)
	if !strings.HasPrefix(msg, "This file is neither a Twofold backup") || !strings.Contains(msg, "It looks like a PNG image") {
		t.Errorf("message = %q", msg)
	}
	if msg := describeImport(i18n.English, errNotImportable); strings.Contains(msg, "looks like") {
		t.Errorf("message without a description = %q", msg)
	}
}
