// Command twofold serves and builds Twofold, the offline authenticator.
//
// Usage:
//
//	twofold site -out DIR -app app.wasm -kdf kdf.wasm -importkdf import-kdf.wasm -scan scan.wasm -static static [-compress=false]
//	twofold serve [-addr localhost:8000] [-dir DIR]
//	twofold backup decrypt [--passphrase-file F] [--sort S] [--group G] [--search WORDS] FILE
//	twofold backup create [--passphrase-file F] [-o OUT] URIS.txt
//	twofold import [--json] [--password-file FILE] EXPORT
//	twofold scan [--json] IMAGE...
//	twofold transfer send [--for screen|camera|old-camera] [-o DIR] URIS.txt
//	twofold transfer receive [--json] (--code CODE | --code-file F) IMAGE...
package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"

	"twofold.app/cmd/twofold/internal/site"
)

func usage() {
	fmt.Fprint(os.Stderr, `usage:
  twofold site -out DIR -app app.wasm -kdf kdf.wasm -importkdf import-kdf.wasm -scan scan.wasm [-static static] [-compress=false]
        write the static website into DIR, with brotli and gzip copies of its large files
  twofold serve [-addr localhost:8000] [-dir out/site]
        serve a written website on this machine
  twofold backup decrypt [--passphrase-file F] [--sort S] [--group G] [--search WORDS] FILE
        print the accounts of an encrypted backup as otpauth:// URIs, as the app lists them
  twofold backup create [--passphrase-file F] [-o OUT] URIS.txt
        write an encrypted backup of a list of otpauth:// URIs
  twofold import [--json] [--password-file FILE] EXPORT
        print the accounts of another app's export as otpauth:// URIs or JSON
  twofold scan [--json] IMAGE...
        read account QR codes (PNG, JPEG, WebP, GIF) and print the accounts
  twofold transfer send [--for screen|camera|old-camera] [-o DIR] URIS.txt
        write a list of otpauth:// URIs as transfer QR codes for another Twofold
  twofold transfer receive [--json] (--code CODE | --code-file F) IMAGE...
        read the transfer codes in images and print their accounts
`)
	os.Exit(2)
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "site":
		err = siteCmd(os.Args[2:])
	case "serve":
		err = serveCmd(os.Args[2:])
	case "backup":
		err = backupCmd(os.Args[2:])
	case "import":
		err = importCmd(os.Args[2:])
	case "scan":
		err = scanCmd(os.Args[2:])
	case "transfer":
		err = transferCmd(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "twofold:", err)
		os.Exit(1)
	}
}

func siteCmd(args []string) error {
	fs := flag.NewFlagSet("site", flag.ExitOnError)
	out := fs.String("out", "", "output `folder` (must be empty or missing)")
	appWasm := fs.String("app", "", "the app's wasm `file`")
	kdfWasm := fs.String("kdf", "", "the key-derivation worker's wasm `file`")
	importKDFWasm := fs.String("importkdf", "", "the imports' key-derivation worker's wasm `file`")
	scanWasm := fs.String("scan", "", "the QR decoder worker's wasm `file`")
	static := fs.String("static", "static", "the static files' `folder`")
	compress := fs.Bool("compress", true, "also write brotli and gzip copies of the large files (most of a minute)")
	fs.Parse(args)
	if *out == "" || *appWasm == "" || *kdfWasm == "" || *importKDFWasm == "" || *scanWasm == "" {
		return errors.New("site needs -out, -app, -kdf, -importkdf and -scan")
	}
	v, err := site.Build(*out, site.Inputs{AppWasm: *appWasm, KDFWasm: *kdfWasm, ImportKDFWasm: *importKDFWasm,
		ScanWasm: *scanWasm, Static: *static, Compress: *compress})
	if err != nil {
		return err
	}
	fmt.Printf("wrote %s (version %s)\n", *out, v)
	return nil
}

func serveCmd(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ExitOnError)
	addr := fs.String("addr", "localhost:8000", "`address` to listen on")
	dir := fs.String("dir", "out/site", "the written website's `folder`")
	fs.Parse(args)
	if _, err := os.Stat(*dir + "/index.html"); err != nil {
		return fmt.Errorf("no website in %s: run make site first", *dir)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Printf("Twofold is served at http://%s/ (Ctrl-C stops it)\n", ln.Addr())
	return http.Serve(ln, site.Handler(*dir))
}
