package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"twofold.app/app/backup"
	"twofold.app/app/i18n"
	"twofold.app/app/importers"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
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
	// In Japanese, the importers' English description is the detail.
	if msg := describeImport(i18n.Japanese, err); !strings.HasPrefix(msg, "このファイルは Twofold のバックアップでも") || !strings.Contains(msg, "（a PNG image") {
		t.Errorf("Japanese message = %q", msg)
	}
}

// describeImport words each error of a file by its sentinel, in both
// languages; the English is what the end-to-end tests look for.
func TestDescribeImport(t *testing.T) {
	tests := []struct {
		err    error
		en, ja string // the start of each message
	}{
		{errNotBackup, "This file is not a Twofold backup. To bring in another app's export", "このファイルは Twofold のバックアップではありません。ほかのアプリ"},
		{fmt.Errorf("%w: %w", errNotImportable, importers.ErrUnknownFormat), "This file is neither a Twofold backup nor an export of an app Twofold reads.", "このファイルは Twofold のバックアップでも"},
		{backup.ErrWrongPassphrase, "Wrong passphrase for this backup. Try again.", "このバックアップのパスフレーズが違います。"},
		{fmt.Errorf("aegis: %w", importers.ErrWrongPassword), "Wrong passphrase for this file.", "このファイルのパスワードまたはパスフレーズが違います。"},
		{fmt.Errorf("%w: cut short", backup.ErrDamaged), "This backup is damaged (changed or cut short)", "このバックアップは壊れている"},
		{backup.ErrUnsupportedVersion, "This backup was made by a newer version of Twofold.", "このバックアップは新しいバージョンの Twofold"},
		{fmt.Errorf("%w: bad JSON", importers.ErrCorrupt), "This export is damaged and cannot be read.", "このエクスポートは壊れている"},
		{fmt.Errorf("%w: scrypt N=2^30", importers.ErrKeyCost), "This file asks for more memory or work to open than Twofold allows", "このファイルを開くには Twofold が許す以上の"},
		{fmt.Errorf("%w: mOTP", importers.ErrUnsupported), "Twofold cannot read this kind of export: not supported: mOTP.", "Twofold はこの種類のエクスポートを読み込めません（not supported: mOTP）。"},
	}
	for _, tt := range tests {
		if got := describeImport(i18n.English, tt.err); !strings.HasPrefix(got, tt.en) {
			t.Errorf("describeImport(English, %v) = %q, want it to start with %q", tt.err, got, tt.en)
		}
		if got := describeImport(i18n.Japanese, tt.err); !strings.HasPrefix(got, tt.ja) {
			t.Errorf("describeImport(Japanese, %v) = %q, want it to start with %q", tt.err, got, tt.ja)
		}
	}
}

func TestDescribeNote(t *testing.T) {
	tests := []struct {
		l    i18n.Lang
		err  error
		want string
	}{
		{i18n.English, importers.ErrDatabaseWAL, "Note: the app was perhaps still writing to this database."},
		{i18n.Japanese, importers.ErrDatabaseWAL, "注意：アプリがまだこのデータベースに書き込んでいた可能性があります。"},
		{i18n.English, errors.New("something else"), "Note: something else"},
		{i18n.Japanese, errors.New("something else"), "注意：このインポートについての補足です（something else）。"},
	}
	for _, tt := range tests {
		if got := describeNote(tt.l, tt.err); !strings.HasPrefix(got, tt.want) {
			t.Errorf("describeNote(%s, %v) = %q, want it to start with %q", tt.l.Tag(), tt.err, got, tt.want)
		}
	}
}

// A skipped entry reads in English as the importers write it, and in
// Japanese says what kind of problem it is, their words as the detail.
func TestDescribeSkip(t *testing.T) {
	tests := []struct {
		skip importers.Skip
		ja   string
	}{
		{importers.Skip{Index: 1, Label: "A:b", Err: fmt.Errorf("otpauth: %w: too short", otpauth.ErrSecret)},
			"2 件目（A:b）：シークレットキーが正しくありません（otpauth: invalid secret: too short）"},
		{importers.Skip{Index: 0, Label: "Yandex", Err: fmt.Errorf("%w: Yandex", importers.ErrUnsupported)},
			"1 件目（Yandex）：Twofold では読み込めない内容です（not supported: Yandex）"},
		{importers.Skip{Index: 4, Label: "?", Err: fmt.Errorf("%w: no secret", importers.ErrCorrupt)},
			"5 件目（?）：データが壊れています（the export is damaged: no secret）"},
		{importers.Skip{Index: 2, Label: "X", Err: fmt.Errorf("otpauth: %w: 0", otpauth.ErrDigits)},
			"3 件目（X）：コードの設定が正しくありません（otpauth: invalid digits: 0）"},
		{importers.Skip{Index: 2, Label: "X", Err: fmt.Errorf("otpauth: %w", otpauth.ErrIssuerMismatch)},
			"3 件目（X）：サービス名またはアカウント名が正しくありません（otpauth: label issuer and issuer parameter differ）"},
		{importers.Skip{Index: -1, Label: "code 2 of 3", Err: errors.New("missing")},
			"code 2 of 3：読み込めませんでした（missing）"},
	}
	for _, tt := range tests {
		if got, want := describeSkip(i18n.English, tt.skip), tt.skip.String(); got != want {
			t.Errorf("describeSkip(English) = %q, want %q", got, want)
		}
		if got := describeSkip(i18n.Japanese, tt.skip); got != tt.ja {
			t.Errorf("describeSkip(Japanese) = %q, want %q", got, tt.ja)
		}
	}
}

// keyDetail writes what the end-to-end tests look for in English.
func TestKeyDetail(t *testing.T) {
	totp := otp.Key{Type: otp.TOTP, Algorithm: otp.SHA256, Digits: 8, Period: 30}
	hotp := otp.Key{Type: otp.HOTP, Algorithm: otp.SHA1, Digits: 6, Counter: 5}
	tests := []struct {
		l    i18n.Lang
		k    otp.Key
		want string
	}{
		{i18n.English, totp, "TOTP · SHA256 · 8 digits · 30 s"},
		{i18n.English, hotp, "HOTP · SHA1 · 6 digits · counter 5"},
		{i18n.Japanese, totp, "TOTP · SHA256 · 8 桁 · 30 秒"},
		{i18n.Japanese, hotp, "HOTP · SHA1 · 6 桁 · カウンター 5"},
		{i18n.Japanese, otp.Key{Type: otp.Steam}, "Steam"},
	}
	for _, tt := range tests {
		if got := keyDetail(tt.l, tt.k); got != tt.want {
			t.Errorf("keyDetail(%s, %v) = %q, want %q", tt.l.Tag(), tt.k.Type, got, tt.want)
		}
	}
}

func TestAppList(t *testing.T) {
	if got, want := appList(i18n.English), importers.AppList(); got != want {
		t.Errorf("appList(English) = %q, want %q", got, want)
	}
	ja := appList(i18n.Japanese)
	if got, want := strings.Split(ja, "、"), importers.Apps(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("appList(Japanese) = %q, want the apps joined with 、", ja)
	}
}

func TestImportFileWhat(t *testing.T) {
	made := time.Date(2026, time.December, 7, 9, 5, 0, 0, time.Local)
	tests := []struct {
		f      importFile
		en, ja string
	}{
		{importFile{Backup: true, Made: made}, "a Twofold backup made on 7 December 2026, 09:05", "2026年12月7日 9:05 に作成された Twofold のバックアップ"},
		{importFile{Export: "Aegis"}, "an export of Aegis", "Aegis のエクスポート"},
		{importFile{}, "a list of otpauth:// links", "otpauth:// リンクの一覧"},
	}
	for _, tt := range tests {
		if got := tt.f.What(i18n.English); got != tt.en {
			t.Errorf("What(English) = %q, want %q", got, tt.en)
		}
		if got := tt.f.What(i18n.Japanese); got != tt.ja {
			t.Errorf("What(Japanese) = %q, want %q", got, tt.ja)
		}
	}
}
