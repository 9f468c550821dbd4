package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestComplete checks that every message is written in every language and
// that the languages ask for the same arguments.
func TestComplete(t *testing.T) {
	if len(all) == 0 {
		t.Fatal("the catalogue is empty")
	}
	for _, m := range all {
		en := m.text[English]
		for _, l := range Langs {
			text := m.text[l]
			if strings.TrimSpace(text) == "" {
				t.Errorf("%q has no %s text", en, l.Tag())
				continue
			}
			if got, want := verbs(text), verbs(en); !reflect.DeepEqual(got, want) {
				t.Errorf("%q in %s takes %v, but in English %v", text, l.Tag(), got, want)
			}
			if l == Japanese && !hasJapanese(text) && !sameInJapanese(en) {
				t.Errorf("%q: the Japanese text %q has no Japanese in it", en, text)
			}
		}
		if m.one != "" {
			if got, want := verbs(m.one), verbs(en); !reflect.DeepEqual(got, want) {
				t.Errorf("the singular %q takes %v, but the plural %v", m.one, got, want)
			}
			if v := verbs(en); len(v) == 0 || v[0] != "1s" {
				t.Errorf("plural %q must write its count as %%[1]s", en)
			}
		}
	}
}

// sameInJapanese reports whether an English text is written the same way
// in Japanese: a name, a symbol, a format.
func sameInJapanese(en string) bool {
	for _, r := range en {
		if r >= 'a' && r <= 'z' && !strings.Contains(en, "Twofold") && !strings.Contains(en, "otpauth") {
			return false
		}
	}
	return true
}

func hasJapanese(s string) bool {
	for _, r := range s {
		if r >= 0x3000 && r <= 0x9fff || r >= 0xff00 && r <= 0xffef {
			return true
		}
	}
	return false
}

// verbs lists a format's verbs as argument index and verb, sorted: "1s".
func verbs(format string) []string {
	var out []string
	arg := 1
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		if i < len(format) && format[i] == '[' {
			end := strings.IndexByte(format[i:], ']')
			if end < 0 {
				return append(out, "bad index")
			}
			n := 0
			for _, c := range format[i+1 : i+end] {
				n = n*10 + int(c-'0')
			}
			arg = n
			i += end + 1
		}
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		if i < len(format) {
			out = append(out, string(rune('0'+arg))+string(format[i]))
			arg++
		}
	}
	sort.Strings(out)
	return out
}

// TestUsed checks that every message of the catalogue is used somewhere in
// the module, outside tests.
func TestUsed(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found: %v", err)
	}
	fset := token.NewFileSet()
	declared := map[string]bool{}
	used := map[string]bool{}
	here, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "out" || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		inPackage := filepath.Dir(path) == here
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				if !inPackage {
					return true
				}
				for i, name := range n.Names {
					if i < len(n.Values) && isMessage(n.Values[i]) {
						declared[name.Name] = true
					}
				}
				for _, v := range n.Values {
					ast.Inspect(v, func(n ast.Node) bool {
						if id, ok := n.(*ast.Ident); ok {
							used[id.Name] = true
						}
						return true
					})
				}
				return false
			case *ast.SelectorExpr:
				if id, ok := n.X.(*ast.Ident); ok && id.Name == "i18n" {
					used[n.Sel.Name] = true
				}
			case *ast.Ident:
				if inPackage {
					used[n.Name] = true
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(declared) != len(all) {
		t.Errorf("found %d message declarations, but the catalogue holds %d messages: declare each as a package variable", len(declared), len(all))
	}
	for name := range declared {
		if !used[name] {
			t.Errorf("message %s is not used anywhere", name)
		}
	}
}

func isMessage(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	id, ok := call.Fun.(*ast.Ident)
	return ok && (id.Name == "New" || id.Name == "Plural")
}

func TestMatch(t *testing.T) {
	tests := []struct {
		preferred []string
		want      Lang
	}{
		{nil, English},
		{[]string{"ja"}, Japanese},
		{[]string{"ja-JP", "en-US"}, Japanese},
		{[]string{"fr-FR", "ja", "en"}, Japanese},
		{[]string{"en-GB", "ja"}, English},
		{[]string{"de", "fr"}, English},
		{[]string{"JA_jp"}, Japanese},
		{[]string{"jav"}, English},
		{[]string{"fr-FR", "ja;q=0.9"}, Japanese},
		{[]string{" JA "}, Japanese},
	}
	for _, tt := range tests {
		if got := Match(tt.preferred); got != tt.want {
			t.Errorf("Match(%q) = %v, want %v", tt.preferred, got.Tag(), tt.want.Tag())
		}
	}
}

func TestFormats(t *testing.T) {
	at := time.Date(2026, time.December, 7, 9, 5, 0, 0, time.UTC)
	tests := []struct {
		got, want string
	}{
		{English.Number(0), "0"},
		{English.Number(999), "999"},
		{English.Number(1000), "1,000"},
		{Japanese.Number(1234567), "1,234,567"},
		{English.Number(-12345), "-12,345"},
		{English.Date(at), "7 December 2026"},
		{Japanese.Date(at), "2026年12月7日"},
		{English.DateTime(at), "7 December 2026, 09:05"},
		{Japanese.DateTime(at), "2026年12月7日 9:05"},
		{English.Duration(time.Second), "1 second"},
		{English.Duration(30 * time.Second), "30 seconds"},
		{English.Duration(5 * time.Minute), "5 minutes"},
		{English.Duration(time.Hour), "1 hour"},
		{Japanese.Duration(5 * time.Minute), "5 分"},
		{Japanese.Duration(2 * time.Hour), "2 時間"},
		{English.N(Minutes, 1000), "1,000 minutes"},
		{English.One(Seconds), "%[1]s second"},
		{English.T(Seconds), "%[1]s seconds"},
		{Japanese.One(Seconds), "%[1]s 秒"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestVerbs(t *testing.T) {
	tests := []struct {
		format string
		want   []string
	}{
		{"no verbs, 100%%", nil},
		{"%s and %d", []string{"1s", "2d"}},
		{"%[2]s の %[1]s", []string{"1s", "2s"}},
		{"%5.2f%%", []string{"1f"}},
	}
	for _, tt := range tests {
		if got := verbs(tt.format); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("verbs(%q) = %v, want %v", tt.format, got, tt.want)
		}
	}
}

// TestQuotedNames checks that a message naming a button or a screen in
// quotes, as in 「アカウントを追加」, names it with the words the button
// shows, in every language.
func TestQuotedNames(t *testing.T) {
	quotes := map[Lang][2]string{English: {"“", "”"}, Japanese: {"「", "」"}}
	for _, l := range Langs {
		shown := map[string]bool{}
		for _, m := range all {
			shown[m.text[l]] = true
		}
		open, end := quotes[l][0], quotes[l][1]
		for _, m := range all {
			rest := m.text[l]
			for {
				i := strings.Index(rest, open)
				if i < 0 {
					break
				}
				rest = rest[i+len(open):]
				j := strings.Index(rest, end)
				if j < 0 {
					t.Errorf("%q: a quote is not closed", m.text[l])
					break
				}
				name := rest[:j]
				rest = rest[j+len(end):]
				if strings.Contains(name, "%") || utf8.RuneCountInString(name) < 2 {
					continue // an argument or a character, not a name
				}
				if !shown[name] {
					t.Errorf("%q quotes %q, which no message of the catalogue shows", m.text[l], name)
				}
			}
		}
	}
}
