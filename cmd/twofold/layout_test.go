package main

import (
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDependencyRule enforces the layout: the core (app/… but app/ui)
// imports neither go-app nor syscall/js, app/ui does not touch syscall/js,
// nothing outside wasm/ imports wasm/, and every Go file under wasm/ is
// built for js && wasm only.
func TestDependencyRule(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && rel != "." || rel == "out" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		checked++
		inWasm := strings.HasPrefix(rel, "wasm/")
		inUI := strings.HasPrefix(rel, "app/ui/")
		inCore := strings.HasPrefix(rel, "app/") && !inUI
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			switch {
			case inCore && (p == "syscall/js" || strings.HasPrefix(p, "github.com/maxence-charriere/go-app")):
				t.Errorf("%s: the core imports %s", rel, p)
			case inUI && p == "syscall/js":
				t.Errorf("%s: app/ui imports syscall/js; inject a service instead", rel)
			case !inWasm && strings.HasPrefix(p, "twofold.app/wasm"):
				t.Errorf("%s: imports %s from outside wasm/", rel, p)
			}
		}
		if inWasm && !jsWasmOnly(f.Comments, f.Package) {
			t.Errorf("%s: every file under wasm/ needs //go:build js && wasm", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Fatalf("checked only %d Go files; is the walk rooted right?", checked)
	}
}

// jsWasmOnly reports whether a file's build constraint excludes every
// platform but js/wasm.
func jsWasmOnly(groups []*ast.CommentGroup, pkg token.Pos) bool {
	for _, g := range groups {
		if g.Pos() > pkg {
			break
		}
		for _, c := range g.List {
			if !constraint.IsGoBuild(c.Text) {
				continue
			}
			expr, err := constraint.Parse(c.Text)
			if err != nil {
				return false
			}
			native := expr.Eval(func(tag string) bool { return tag == "linux" || tag == "amd64" })
			js := expr.Eval(func(tag string) bool { return tag == "js" || tag == "wasm" })
			return js && !native
		}
	}
	return false
}

// TestDecoderInWorker checks that the QR decoder is linked into the scan
// worker's program only: the app's program (./wasm) leaves it to the
// worker, so that neither app/qr nor gozxing weighs on every start of the
// app, and the worker's program links the decoder and stays free of the
// UI.
func TestDecoderInWorker(t *testing.T) {
	deps := func(pkg string) map[string]bool {
		t.Helper()
		cmd := exec.Command("go", "list", "-deps", pkg)
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		m := map[string]bool{}
		for _, p := range strings.Fields(string(out)) {
			m[p] = true
		}
		return m
	}
	isDecoder := func(p string) bool {
		return p == "twofold.app/app/qr" || strings.HasPrefix(p, "github.com/makiuchi-d/gozxing")
	}
	app := deps("twofold.app/wasm")
	for p := range app {
		if isDecoder(p) {
			t.Errorf("the app's program links %s: the decoder belongs in the scan worker", p)
		}
	}
	if !app["twofold.app/wasm/scan"] {
		t.Error("the app's program does not link twofold.app/wasm/scan, its way to the scan worker")
	}
	worker := deps("twofold.app/wasm/scanworker")
	if !worker["twofold.app/app/qr"] {
		t.Error("the scan worker's program does not link twofold.app/app/qr")
	}
	for p := range worker {
		if p == "twofold.app/app/ui" || strings.HasPrefix(p, "github.com/maxence-charriere/go-app") {
			t.Errorf("the scan worker's program links %s, which it must stay small without", p)
		}
	}
}
