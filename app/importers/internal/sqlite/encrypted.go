package sqlite

import "math"

// LooksEncrypted reports whether data looks like an encrypted SQLite
// database, such as SQLCipher writes: no SQLite magic, a size that is a
// whole number of 512-byte blocks (SQLCipher's pages are 1024 or 4096
// bytes), and a first kilobyte that looks random (its byte entropy is
// close to 8 bits).
//
// It is a heuristic, meant only to word the message about a file that no
// importer reads: any encrypted or compressed file of such a size looks
// the same.
func LooksEncrypted(data []byte) bool {
	if len(data) < 1024 || len(data)%512 != 0 || IsSQLite(data) {
		return false
	}
	var counts [256]int
	for _, b := range data[:1024] {
		counts[b]++
	}
	// 1024 random bytes give an entropy of about 7.8 bits a byte; text,
	// tables of numbers and compressed headers give much less.
	h := 0.0
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / 1024
			h -= p * math.Log2(p)
		}
	}
	return h > 7.5
}
