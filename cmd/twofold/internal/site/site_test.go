package site

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
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

// Every wasm program is in the site under web/, in the service worker's
// list of files to cache, and in the version: changing any one of them is
// an update. A program left out is an error, not a site without it.
func TestBuildWasmPrograms(t *testing.T) {
	in := t.TempDir()
	write := func(name, data string) string {
		path := filepath.Join(in, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	static := filepath.Join(in, "static")
	if err := os.Mkdir(static, 0o755); err != nil {
		t.Fatal(err)
	}
	inputs := func(changed string) Inputs {
		program := func(name string) string {
			data := "\x00asm " + name
			if name == changed {
				data += " changed"
			}
			return write(name+changed, data)
		}
		return Inputs{
			AppWasm:       program("app.wasm"),
			KDFWasm:       program("kdf.wasm"),
			ImportKDFWasm: program("import-kdf.wasm"),
			ScanWasm:      program("scan.wasm"),
			Static:        static,
		}
	}
	build := func(in Inputs) (string, string) {
		t.Helper()
		out := filepath.Join(t.TempDir(), "site")
		v, err := Build(out, in)
		if err != nil {
			t.Fatal(err)
		}
		return out, v
	}

	out, version := build(inputs(""))
	worker, err := os.ReadFile(filepath.Join(out, "app-worker.js"))
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"app.wasm", "kdf.wasm", "import-kdf.wasm", "scan.wasm"}
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(out, "web", name))
		if err != nil || string(data) != "\x00asm "+name {
			t.Errorf("web/%s holds %q (%v), want the input", name, data, err)
		}
		if !strings.Contains(string(worker), `"/web/`+name+`"`) {
			t.Errorf("the service worker does not cache /web/%s", name)
		}
		if _, v := build(inputs(name)); v == version {
			t.Errorf("changing %s left the version at %s", name, v)
		}
	}

	missing := inputs("")
	missing.ScanWasm = ""
	if _, err := Build(filepath.Join(t.TempDir(), "site"), missing); err == nil {
		t.Error("Build without the scan worker's program succeeded")
	}
}

// The site's wasm_exec.js is go-app's copy, picked by the version of the Go
// that runs Build, and the wasm programs only run with the wasm_exec.js of
// the Go that built them: it must be byte for byte the one in the GOROOT of
// the go command, which go test runs with the toolchain that builds the
// programs (make sets GOTOOLCHAIN), so that a move of the toolchain
// that go-app does not follow fails here rather than in a browser.
func TestWasmExecJSMatchesToolchain(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command on PATH to ask for its GOROOT: %v", err)
	}
	goroot, err := exec.Command(goCmd, "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	want, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}

	in := t.TempDir()
	program := filepath.Join(in, "program.wasm")
	if err := os.WriteFile(program, []byte("\x00asm"), 0o644); err != nil {
		t.Fatal(err)
	}
	static := filepath.Join(in, "static")
	if err := os.Mkdir(static, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	if _, err := Build(out, Inputs{AppWasm: program, KDFWasm: program, ImportKDFWasm: program, ScanWasm: program, Static: static}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(out, "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the site's wasm_exec.js (%d bytes, go-app's copy for %s) differs from %s/lib/wasm/wasm_exec.js (%d bytes)",
			len(got), runtime.Version(), strings.TrimSpace(string(goroot)), len(want))
	}
}
