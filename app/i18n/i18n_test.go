package i18n

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// entry is a message of the catalogue as its source declares it.
type entry struct {
	name  string
	count bool     // a Count rather than a Message
	texts []string // a Message's English and Japanese; a Count's one, other and Japanese
}

// in returns the texts of e in l: a Count has two in English.
func (e entry) in(l Lang) []string {
	switch {
	case len(e.texts) != int(numLangs) && !e.count || len(e.texts) != int(numLangs)+1 && e.count:
		return nil // TestComplete reports it
	case l == English && e.count:
		return e.texts[:2]
	case e.count:
		return e.texts[2:]
	}
	return e.texts[l : l+1]
}

// catalogue reads the messages from the package's source files, where
// they are composite literals of constant strings.
var catalogue = sync.OnceValues(func() ([]entry, error) {
	fset := token.NewFileSet()
	paths, err := filepath.Glob("*.go")
	if err != nil {
		return nil, err
	}
	var out []entry
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, v := range vs.Values {
					kind := messageKind(v)
					if kind == "" {
						continue
					}
					e := entry{name: vs.Names[i].Name, count: kind == "Count"}
					for _, elt := range v.(*ast.CompositeLit).Elts {
						s, ok := constString(elt)
						if !ok {
							return nil, fmt.Errorf("%s: %s holds something other than a constant string", fset.Position(elt.Pos()), e.name)
						}
						e.texts = append(e.texts, s)
					}
					out = append(out, e)
				}
			}
		}
	}
	return out, nil
})

// messageKind returns "Message" or "Count" for a composite literal of
// that type, or "".
func messageKind(e ast.Expr) string {
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return ""
	}
	if id, ok := lit.Type.(*ast.Ident); ok && (id.Name == "Message" || id.Name == "Count") {
		return id.Name
	}
	return ""
}

// constString evaluates a string literal or a sum of them.
func constString(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.ParenExpr:
		return constString(e.X)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok1 := constString(e.X)
		y, ok2 := constString(e.Y)
		return x + y, ok1 && ok2
	}
	return "", false
}

func readCatalogue(t *testing.T) []entry {
	t.Helper()
	c, err := catalogue()
	if err != nil {
		t.Fatal(err)
	}
	if len(c) == 0 {
		t.Fatal("the catalogue is empty")
	}
	return c
}

// TestComplete checks that every message is written in every language,
// that the languages ask for the same arguments, and that the composite
// literals are whole: a Message with a text missing would compile.
func TestComplete(t *testing.T) {
	for _, e := range readCatalogue(t) {
		want := int(numLangs)
		if e.count {
			want++
		}
		if len(e.texts) != want {
			t.Errorf("%s has %d texts, want %d", e.name, len(e.texts), want)
			continue
		}
		en := e.texts[0]
		for _, l := range Langs {
			for _, text := range e.in(l) {
				if strings.TrimSpace(text) == "" {
					t.Errorf("%s has no %s text", e.name, l.Tag())
					continue
				}
				if got, want := verbs(text), verbs(en); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %q in %s takes %v, but %q %v", e.name, text, l.Tag(), got, en, want)
				}
				if l == Japanese && !hasJapanese(text) && !sameInJapanese(en) {
					t.Errorf("%s: the Japanese text %q has no Japanese in it", e.name, text)
				}
			}
		}
		if v := verbs(en); e.count && (len(v) == 0 || v[0] != "1s") {
			t.Errorf("%s: a Count must write its count as %%[1]s", e.name)
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
	for _, e := range readCatalogue(t) {
		declared[e.name] = true
	}
	for name := range declared {
		if !used[name] {
			t.Errorf("message %s is not used anywhere", name)
		}
	}
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
		{English.Other(Seconds), "%[1]s seconds"},
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
	c := readCatalogue(t)
	for _, l := range Langs {
		shown := map[string]bool{}
		for _, e := range c {
			for _, text := range e.in(l) {
				shown[text] = true
			}
		}
		open, end := quotes[l][0], quotes[l][1]
		for _, e := range c {
			for _, text := range e.in(l) {
				checkQuotes(t, text, open, end, shown)
			}
		}
	}
}

// checkQuotes reports the quoted names in text that are not in shown.
func checkQuotes(t *testing.T, text, open, end string, shown map[string]bool) {
	t.Helper()
	rest := text
	for {
		i := strings.Index(rest, open)
		if i < 0 {
			break
		}
		rest = rest[i+len(open):]
		j := strings.Index(rest, end)
		if j < 0 {
			t.Errorf("%q: a quote is not closed", text)
			break
		}
		name := rest[:j]
		rest = rest[j+len(end):]
		if strings.Contains(name, "%") || utf8.RuneCountInString(name) < 2 {
			continue // an argument or a character, not a name
		}
		if !shown[name] {
			t.Errorf("%q quotes %q, which no message of the catalogue shows", text, name)
		}
	}
}
