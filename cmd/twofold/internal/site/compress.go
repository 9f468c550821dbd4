package site

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"github.com/andybalholm/brotli"
)

// compressible are the extensions of the files worth compressing: text and
// wasm. Pictures are compressed already.
var compressible = map[string]bool{
	".wasm": true, ".js": true, ".css": true, ".html": true,
	".json": true, ".webmanifest": true, ".svg": true,
}

// minCompressSize is the size under which a file is sent as it is: a
// compressed copy would save less than a packet.
const minCompressSize = 1024

// brotliQuality is the brotli quality of the written copies. Quality 11
// takes about 40 s for app.wasm on two cores where 9 takes 2.5 s, but its
// copy is 14% smaller, and the site is written once and downloaded many
// times (BENCHMARKS.md, "On the wire").
const brotliQuality = 11

// encodings are the compressed copies written beside a file, by extension,
// in the order a server prefers them.
var encodings = []struct {
	name, ext string
	writer    func(io.Writer) io.WriteCloser
}{
	{"br", ".br", func(w io.Writer) io.WriteCloser { return brotli.NewWriterLevel(w, brotliQuality) }},
	{"gzip", ".gz", func(w io.Writer) io.WriteCloser {
		zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression) // a valid level never fails
		return zw
	}},
}

// compressDir writes a brotli (.br) and a gzip (.gz) copy beside each
// compressible file in dir larger than minCompressSize, when the copy is
// smaller than the file. Files are compressed in parallel, the largest first.
func compressDir(dir string) error {
	type job struct {
		path string
		size int64
		enc  int // index in encodings
	}
	var jobs []job
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !compressible[filepath.Ext(path)] {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Size() > minCompressSize {
			for i := range encodings {
				jobs = append(jobs, job{path, info.Size(), i})
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("compressing the site: %w", err)
	}
	sort.SliceStable(jobs, func(i, j int) bool { return jobs[i].size > jobs[j].size })

	next := make(chan job)
	errs := make(chan error, len(jobs))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for j := range next {
				errs <- compressFile(j.path, encodings[j.enc].ext, encodings[j.enc].writer)
			}
		})
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return fmt.Errorf("compressing the site: %w", err)
		}
	}
	return nil
}

// compressFile writes path+ext, compressed by the writer newWriter makes,
// unless it would not be smaller than path.
func compressFile(path, ext string, newWriter func(io.Writer) io.WriteCloser) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	w := newWriter(&buf)
	if _, err := w.Write(data); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	if buf.Len() >= len(data) {
		return nil
	}
	return os.WriteFile(path+ext, buf.Bytes(), 0o644)
}
