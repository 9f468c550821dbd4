package listing

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestMarkInitials(t *testing.T) {
	for _, tc := range []struct{ issuer, name, want string }{
		{"Air Canada", "", "AC"},
		{"Bank of America", "", "BO"},
		{"GitHub", "", "GH"},
		{"github", "", "G"},
		{"PayPal", "", "PP"},
		{"LinkedIn", "", "LI"},
		{"iCloud", "", "IC"},
		{"1Password", "", "1P"},
		{"NASA", "", "N"},
		{"Amazon", "", "A"},
		{"example.com", "", "E"},
		{"GOV.UK", "", "G"},
		{"McDonald's", "", "MD"},
		{"AT&T", "", "AT"},
		{"  proton  mail ", "", "PM"},
		{"(Work) Slack", "", "WS"},
		{"ＧｉｔＨｕｂ", "", "GH"},
		{"ébay", "", "É"},
		{"Ünïcødé & <Co>", "", "ÜC"},
		{"楽天", "", "楽"},
		{"みずほ銀行", "", "み"},
		{"ヤフー", "", "ヤ"},
		{"ﾔﾌｰ", "", "ヤ"},
		{"ｶﾞｽ", "", "ガ"},
		{"ﾊﾟｽﾜｰﾄﾞ", "", "パ"},
		{"「楽天」", "", "楽"},
		{"LINE 株式会社", "", "L"},
		{"네이버", "", "네"},
		{"Банк", "", "Б"},
		{"", "alice@example.com", "AE"},
		{"", "Amazon", "A"},
		{"  ", "bob", "B"},
		{"🔑", "keys", "K"},
		{"", "", "?"},
		{"—", "…", "?"},
	} {
		if got := NewMark(tc.issuer, tc.name).Initials; got != tc.want {
			t.Errorf("NewMark(%q, %q).Initials = %q, want %q", tc.issuer, tc.name, got, tc.want)
		}
	}
}

// TestMarkHue pins the hash: a change would recolour every account.
func TestMarkHue(t *testing.T) {
	for _, tc := range []struct {
		issuer, name string
		hue, swatch  int
	}{
		{"GitHub", "", 290, 19},
		{"", "", 61, 4},
	} {
		m := NewMark(tc.issuer, tc.name)
		if m.Hue != tc.hue || m.Swatch != tc.swatch || m.Class() != "mark-"+strconv.Itoa(tc.swatch) {
			t.Errorf("NewMark(%q, %q) = %+v, want hue %d, swatch %d", tc.issuer, tc.name, m, tc.hue, tc.swatch)
		}
	}
	// The same issuer, whatever its case and width, has the same colour;
	// the name does not change it.
	same := [][2]string{{"GitHub", "a"}, {"github", "b"}, {"ＧＩＴＨＵＢ", ""}}
	for _, s := range same {
		if m := NewMark(s[0], s[1]); m.Hue != NewMark("GitHub", "").Hue {
			t.Errorf("NewMark(%q, %q).Hue = %d, want that of GitHub", s[0], s[1], m.Hue)
		}
	}
	if NewMark("", "Amazon").Hue != NewMark("Amazon", "x").Hue {
		t.Error("without an issuer, the name does not colour the mark as an issuer would")
	}
	// Every hue maps to the nearest swatch.
	for hue := range 360 {
		m := Mark{Hue: hue, Swatch: (hue + swatchStep/2) / swatchStep % len(palette)}
		d := math.Abs(float64(hue - m.Swatch*swatchStep))
		if d > 180 {
			d = 360 - d
		}
		if d > swatchStep/2 {
			t.Errorf("hue %d: swatch %d is %v degrees away", hue, m.Swatch, d)
		}
	}
}

// TestPalette checks that white text on every colour meets WCAG AA (4.5:1)
// and that each colour has the hue of its swatch.
func TestPalette(t *testing.T) {
	for i, s := range Palette() {
		for theme, c := range map[string]string{"light": s.Light, "dark": s.Dark} {
			r, g, b, err := parseHex(c)
			if err != nil {
				t.Fatalf("swatch %d %s: %v", i, theme, err)
			}
			if ratio := 1.05 / (luminance(r, g, b) + 0.05); ratio < 4.5 {
				t.Errorf("swatch %d %s %s: contrast %.2f with white, want 4.5", i, theme, c, ratio)
			}
			if h := hue(r, g, b); math.Abs(h-float64(i*swatchStep)) > 2 && math.Abs(h-float64(i*swatchStep)-360) > 2 {
				t.Errorf("swatch %d %s %s: hue %.1f, want %d", i, theme, c, h, i*swatchStep)
			}
		}
	}
	css := MarkCSS()
	for i, s := range Palette() {
		for _, want := range []string{
			fmt.Sprintf("\n.mark-%d { background-color: %s; }\n", i, s.Light),
			fmt.Sprintf("\n  .mark-%d { background-color: %s; }\n", i, s.Dark),
		} {
			if !strings.Contains(css, want) {
				t.Errorf("MarkCSS has no %q", strings.TrimSpace(want))
			}
		}
	}
}

func parseHex(c string) (r, g, b uint8, err error) {
	if len(c) != 7 || c[0] != '#' || strings.ToLower(c) != c {
		return 0, 0, 0, fmt.Errorf("%q is not #rrggbb", c)
	}
	n, err := strconv.ParseUint(c[1:], 16, 32)
	return uint8(n >> 16), uint8(n >> 8), uint8(n), err
}

// luminance is the relative luminance of WCAG 2.
func luminance(r, g, b uint8) float64 {
	lin := func(c uint8) float64 {
		v := float64(c) / 255
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// hue is the HSL hue of a colour, in degrees.
func hue(r8, g8, b8 uint8) float64 {
	r, g, b := float64(r8)/255, float64(g8)/255, float64(b8)/255
	hi, lo := math.Max(r, math.Max(g, b)), math.Min(r, math.Min(g, b))
	d := hi - lo
	var h float64
	switch hi {
	case r:
		h = math.Mod((g-b)/d, 6)
	case g:
		h = (b-r)/d + 2
	default:
		h = (r-g)/d + 4
	}
	h *= 60
	if h < 0 {
		h += 360
	}
	return h
}
