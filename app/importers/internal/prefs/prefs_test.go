package prefs

import (
	"os"
	"testing"
)

func TestParse(t *testing.T) {
	data := []byte(`<?xml version='1.0' encoding='utf-8' standalone='yes' ?>
<map>
    <int name="key_version" value="121" />
    <string name="a:b">{&quot;x&quot;:1}</string>
    <boolean name="b" value="true" />
    <set name="s"><string>one</string><string>two</string></set>
</map>`)
	p, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(p) != 4 {
		t.Fatalf("%d entries: %+v", len(p), p)
	}
	if e, _ := p.Get("a:b"); e.Kind != "string" || e.Value != `{"x":1}` {
		t.Errorf("string = %+v", e)
	}
	if e, _ := p.Get("key_version"); e.Kind != "int" || e.Value != "121" {
		t.Errorf("int = %+v", e)
	}
	if e, _ := p.Get("s"); len(e.Set) != 2 || e.Set[1] != "two" {
		t.Errorf("set = %+v", e)
	}
	for _, bad := range []string{"", "{}", "<html></html>", "hello <map>", "\x00\x01"} {
		if Sniff([]byte(bad)) {
			t.Errorf("Sniff(%q) = true", bad)
		}
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`<map><string name="a">b</string></map>`))
	if data, err := os.ReadFile("../../../../../shared/testdata/foreign/aegis-importers-authy_plain.xml"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(data)
		if err == nil && !Sniff(data) {
			t.Fatal("parsed what Sniff refuses")
		}
		_ = p
	})
}
