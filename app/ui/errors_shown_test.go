package ui

import (
	"errors"
	"testing"
	"time"

	"twofold.app/app/i18n"
	"twofold.app/app/vault"
)

// TestShownFollowsLanguage checks that a message kept on screen is worded
// in the language asked for when it is drawn, not when it was made.
func TestShownFollowsLanguage(t *testing.T) {
	backupErr := errors.New("disk on fire")
	for _, tt := range []struct {
		name string
		s    shown
		en   string
		ja   string
	}{
		{"none", nil, "", ""},
		{"error", showErr(vault.ErrWrongPassword), i18n.English.T(i18n.ErrWrongPassword), i18n.Japanese.T(i18n.ErrWrongPassword)},
		{"message", showMsg(i18n.NoStorage), i18n.English.T(i18n.NoStorage), i18n.Japanese.T(i18n.NoStorage)},
		{"worded", showWith(describeBackup, backupErr), describeBackup(i18n.English, backupErr), describeBackup(i18n.Japanese, backupErr)},
		{"func", shown(func(l i18n.Lang) string { return l.F(i18n.LockedIdle, l.Duration(5*time.Minute)) }),
			i18n.English.F(i18n.LockedIdle, i18n.English.Duration(5*time.Minute)), i18n.Japanese.F(i18n.LockedIdle, i18n.Japanese.Duration(5*time.Minute))},
	} {
		if got := tt.s.in(i18n.English); got != tt.en {
			t.Errorf("%s in English = %q, want %q", tt.name, got, tt.en)
		}
		if got := tt.s.in(i18n.Japanese); got != tt.ja {
			t.Errorf("%s in Japanese = %q, want %q", tt.name, got, tt.ja)
		}
		if tt.en != "" && tt.en == tt.ja {
			t.Errorf("%s: the same words in both languages: the test proves nothing", tt.name)
		}
	}
}
