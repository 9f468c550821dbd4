package javaser

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"twofold.app/app/importers/internal/importtest"
)

func read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// stringMap reads a HashMap whose keys are strings, with values described
// as strings: the string itself, "<nil>", or "<class>" for an object.
func stringMap(t *testing.T, data []byte) map[string]string {
	t.Helper()
	v, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := HashMap(v)
	if err != nil {
		t.Fatal(err)
	}
	m := make(map[string]string)
	for _, e := range entries {
		k, ok := e.Key.(String)
		if !ok {
			t.Fatalf("key %#v is not a string", e.Key)
		}
		switch v := e.Value.(type) {
		case String:
			m[string(k)] = string(v)
		case nil:
			m[string(k)] = "<nil>"
		case *Object:
			m[string(k)] = "<" + v.Class.Name + ">"
		}
	}
	return m
}

// The streams of testdata/ were written by Java's ObjectOutputStream
// (MakeStreams.java).
func TestJavaStreams(t *testing.T) {
	m := stringMap(t, read(t, "strings.ser"))
	want := map[string]string{
		"masterKey": `{"mIterations":1}`,
		"plain":     "ascii",
		"nul\x00":   "café € 😀",
		"first":     "the same string object twice",
		"second":    "the same string object twice",
	}
	if len(m) != len(want) {
		t.Errorf("strings.ser = %q", m)
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("strings.ser[%q] = %q, want %q", k, m[k], v)
		}
	}

	m = stringMap(t, read(t, "mixed.ser"))
	if m["int"] != "<java.lang.Integer>" || m["bool"] != "<java.lang.Boolean>" || m["null"] != "<nil>" || m["long"] != strings.Repeat("x", 70000) || len(m) != 4 {
		t.Errorf("mixed.ser = %.200q", m)
	}
	v, _ := Parse(read(t, "mixed.ser"))
	entries, _ := HashMap(v)
	for _, e := range entries {
		if e.Key == String("int") {
			o := e.Value.(*Object)
			if n, ok := o.Field("value"); !ok || n != int64(7) {
				t.Errorf("Integer value = %v, %v", n, ok)
			}
			if o.Class.Super == nil || o.Class.Super.Name != "java.lang.Number" {
				t.Errorf("Integer's superclass = %+v", o.Class.Super)
			}
		}
	}

	if m := stringMap(t, read(t, "empty.ser")); len(m) != 0 {
		t.Errorf("empty.ser = %q", m)
	}
}

func TestForeign(t *testing.T) {
	for _, name := range []string{"aegis-importers-freeotp_v2_api23.xml", "aegis-importers-freeotp_v2_api34.xml", "aegis-importers-freeotp_v2_null_algo.xml"} {
		data := importtest.File(t, name)
		if !Sniff(data) {
			t.Fatalf("%s: Sniff = false", name)
		}
		m := stringMap(t, data)
		if !strings.HasPrefix(m["masterKey"], `{"mAlgorithm":"PBKDF2withHmac`) {
			t.Errorf("%s: masterKey = %.40q", name, m["masterKey"])
		}
	}
}

func TestErrors(t *testing.T) {
	good := read(t, "strings.ser")
	hdr := []byte{0xAC, 0xED, 0, 5}
	cases := map[string][]byte{
		"empty":        nil,
		"no magic":     []byte("<map></map>"),
		"version 4":    {0xAC, 0xED, 0, 4, 0x70},
		"nothing":      hdr,
		"truncated":    good[:len(good)-1],
		"trailing":     append(bytes.Clone(good), 0x70),
		"array":        append(bytes.Clone(hdr), 0x75),
		"bad ref":      append(bytes.Clone(hdr), 0x71, 0, 0x7E, 0, 0),
		"long string":  append(bytes.Clone(hdr), 0x7C, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF),
		"bad utf8":     append(bytes.Clone(hdr), 0x74, 0, 1, 0xFF),
		"raw nul":      append(bytes.Clone(hdr), 0x74, 0, 1, 0),
		"null class":   append(bytes.Clone(hdr), 0x73, 0x70),
		"deep classes": deepClasses(MaxDepth + 2),
	}
	for name, data := range cases {
		if _, err := Parse(data); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: Parse error = %v", name, err)
		}
	}
	// A string is not a HashMap.
	v, err := Parse(append(bytes.Clone(hdr), 0x74, 0, 1, 'a'))
	if err != nil || v != String("a") {
		t.Fatalf("Parse(string) = %v, %v", v, err)
	}
	if _, err := HashMap(v); !errors.Is(err, ErrFormat) {
		t.Errorf("HashMap(string) error = %v", err)
	}
	// The map says it holds one entry more than it does.
	broken := bytes.Clone(good)
	i := bytes.Index(broken, []byte{0x77, 0x08})
	broken[i+9]++
	v, err = Parse(broken)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := HashMap(v); !errors.Is(err, ErrFormat) {
		t.Errorf("HashMap(wrong size) error = %v", err)
	}
}

// deepClasses is an object whose class has n superclasses.
func deepClasses(n int) []byte {
	b := []byte{0xAC, 0xED, 0, 5, 0x73}
	for range n {
		b = append(b, 0x72, 0, 1, 'C', 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0x78)
	}
	return append(b, 0x70)
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"strings.ser", "mixed.ser", "empty.ser"} {
		f.Add(read(f, name))
	}
	importtest.Seed(f, "aegis-importers-freeotp_v2_api23.xml", "aegis-importers-freeotp_v2_null_algo.xml")
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Parse(data)
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("error wraps no ErrFormat: %v", err)
			}
			return
		}
		if !Sniff(data) {
			t.Fatal("parsed what Sniff refuses")
		}
		if _, err := HashMap(v); err != nil && !errors.Is(err, ErrFormat) {
			t.Fatalf("HashMap error wraps no ErrFormat: %v", err)
		}
	})
}
