// Package prefs reads Android's SharedPreferences XML files, in which many
// authenticator apps keep their accounts:
//
//	<?xml version='1.0' encoding='utf-8' standalone='yes' ?>
//	<map>
//	    <string name="key">text</string>
//	    <int name="n" value="3" />
//	    <set name="s"><string>a</string></set>
//	</map>
package prefs

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
)

// MaxSize bounds the files Parse reads.
const MaxSize = 16 << 20

// ErrNotPrefs is returned for data that is not a preferences file.
var ErrNotPrefs = errors.New("not an Android preferences file")

// Entry is one preference.
type Entry struct {
	// Kind is the element: string, int, long, float, boolean or set.
	Kind string
	Name string
	// Value is a string's text, or the value attribute of the others.
	Value string
	// Set holds the strings of a set.
	Set []string
}

// Prefs are the entries of a file, in order.
type Prefs []Entry

// Get returns the entry named name.
func (p Prefs) Get(name string) (Entry, bool) {
	for _, e := range p {
		if e.Name == name {
			return e, true
		}
	}
	return Entry{}, false
}

// Sniff reports cheaply whether data looks like a preferences file: an XML
// document whose root element is map.
func Sniff(data []byte) bool {
	if len(data) > MaxSize {
		return false
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t.Name.Local == "map"
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return false
			}
		}
	}
}

// Parse reads a preferences file.
func Parse(data []byte) (Prefs, error) {
	if len(data) > MaxSize || !Sniff(data) {
		return nil, ErrNotPrefs
	}
	var doc struct {
		Entries []struct {
			XMLName xml.Name
			Name    string   `xml:"name,attr"`
			Value   string   `xml:"value,attr"`
			Text    string   `xml:",chardata"`
			Set     []string `xml:"string"`
		} `xml:",any"`
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	if err := d.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, errors.Join(ErrNotPrefs, err)
	}
	var p Prefs
	for _, e := range doc.Entries {
		en := Entry{Kind: e.XMLName.Local, Name: e.Name, Value: e.Value}
		switch en.Kind {
		case "string":
			en.Value = e.Text
		case "set":
			en.Set = e.Set
		}
		p = append(p, en)
	}
	return p, nil
}
