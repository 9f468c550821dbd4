package otp_test

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"hash"

	"twofold.app/app/otp"
)

func hashFor(a otp.Algorithm) func() hash.Hash {
	switch a {
	case otp.SHA256:
		return sha256.New
	case otp.SHA512:
		return sha512.New
	}
	return sha1.New
}
