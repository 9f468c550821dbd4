package ui

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"twofold.app/app/listing"
)

// TestMarkCSS checks that the style sheet colours the issuer marks with
// exactly the rules of listing.MarkCSS, and nowhere else: the page's
// Content-Security-Policy forbids inline styles, so the colours cannot
// come from the app, and a copy by hand would drift from the palette.
// TWOFOLD_UPDATE_MARKS=1 writes the rules at the end of the file.
func TestMarkCSS(t *testing.T) {
	const path = "../../static/twofold.css"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	css, want := string(b), listing.MarkCSS()
	if os.Getenv("TWOFOLD_UPDATE_MARKS") == "1" && !strings.Contains(css, want) {
		if i := strings.Index(css, "/* Issuer marks, from listing.MarkCSS"); i >= 0 {
			css = css[:i]
		}
		css = strings.TrimRight(css, "\n") + "\n\n" + want
		if err := os.WriteFile(path, []byte(css), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	n := strings.Count(css, want)
	if n != 1 {
		t.Fatalf("static/twofold.css holds the rules of listing.MarkCSS %d times, want once; "+
			"run TWOFOLD_UPDATE_MARKS=1 go test ./app/ui -run TestMarkCSS to write them", n)
	}
	rest := strings.Replace(css, want, "", 1)
	if m := regexp.MustCompile(`\.mark-\d+[^{]*\{[^}]*\}`).FindString(rest); m != "" {
		t.Errorf("static/twofold.css colours a mark outside the rules of listing.MarkCSS: %s", m)
	}
}
