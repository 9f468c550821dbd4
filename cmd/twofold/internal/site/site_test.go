package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"twofold.app/app/i18n"
)

// localiseManifest adds the language and the Japanese name and description
// from the catalogue, and keeps every other member as it was.
func TestLocaliseManifest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "manifest.webmanifest")
	in := `{
  "name": "Twofold",
  "short_name": "Twofold",
  "description": "An authenticator.",
  "start_url": "/",
  "display": "standalone",
  "icons": [{"src": "/web/icon-192.png", "sizes": "192x192", "type": "image/png"}]
}`
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := localiseManifest(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("the manifest is no longer JSON: %v\n%s", err, data)
	}

	var want map[string]any
	if err := json.Unmarshal([]byte(in), &want); err != nil {
		t.Fatal(err)
	}
	want["lang"] = "en"
	want["dir"] = "ltr"
	want["translations"] = map[string]any{
		"ja": map[string]any{
			"name":        i18n.Japanese.T(i18n.AppName),
			"short_name":  i18n.Japanese.T(i18n.AppName),
			"description": i18n.Japanese.T(i18n.AppDescription),
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("manifest =\n%s\nwant the input with lang, dir and translations added: %v", data, want)
	}
	if d := i18n.Japanese.T(i18n.AppDescription); d == i18n.English.T(i18n.AppDescription) {
		t.Errorf("the Japanese description %q is the English one", d)
	}
}

// A manifest that is not JSON is an error, and the file is left alone.
func TestLocaliseManifestNotJSON(t *testing.T) {
	path := filepath.Join(t.TempDir(), "manifest.webmanifest")
	if err := os.WriteFile(path, []byte("not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := localiseManifest(path); err == nil {
		t.Error("localiseManifest of a file that is not JSON succeeded")
	}
	if data, _ := os.ReadFile(path); string(data) != "not json" {
		t.Errorf("the file was changed to %q", data)
	}
	if err := localiseManifest(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("localiseManifest of a missing file succeeded")
	}
}
