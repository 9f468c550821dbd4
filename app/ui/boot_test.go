package ui

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
)

// TestBooted checks that the shell starts on the screen the page's boot
// script drew, so that mounting draws the same form in its place, and on
// the loading screen when the script drew none.
func TestBooted(t *testing.T) {
	for _, tt := range []struct {
		booted string
		want   screen
	}{
		{"unlock", screenUnlock},
		{"setup", screenSetup},
		{"", screenLoading},
		{"vault", screenLoading}, // not a screen the script draws
	} {
		e := app.NewTestEngine()
		s := &Shell{svc: Services{Booted: func() string { return tt.booted }, Languages: func() []string { return []string{"ja"} }}}
		if err := e.Load(s); err != nil {
			t.Fatal(err)
		}
		if s.screen != tt.want {
			t.Errorf("booted %q: screen %v, want %v", tt.booted, s.screen, tt.want)
		}
		if tt.want != screenLoading && s.lang != i18n.Japanese {
			t.Errorf("booted %q: drawn in %s, want the person's language", tt.booted, s.lang.Tag())
		}
	}
}

// TestBootForms checks the forms prerendered for the boot script: the
// unlock and create forms in each language, each in its <template> with
// the texts the script writes itself, and no input with a name (a form
// submitted to a URL carries only named fields).
func TestBootForms(t *testing.T) {
	html := app.HTMLString(bootForms())
	for _, l := range i18n.Langs {
		for _, want := range []string{
			`id="boot-unlock-` + l.Tag() + `"`,
			`id="boot-setup-` + l.Tag() + `"`,
			l.T(i18n.UnlockSubmit),
			l.T(i18n.SetupSubmit),
			`data-load-failed="` + l.T(i18n.AppLoadFailed) + `"`,
			`data-select-label="` + l.T(i18n.Language) + `"`,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("the boot forms lack %q", want)
			}
		}
	}
	if n := strings.Count(html, `<template `); n != 2*len(i18n.Langs) {
		t.Errorf("%d templates, want two per language", n)
	}
	if n := strings.Count(html, `id="unlock-password"`); n != len(i18n.Langs) {
		t.Errorf("%d unlock password fields, want one per language", n)
	}
	if strings.Contains(html, " name=") {
		t.Error("a prerendered field has a name")
	}
}
