#!/usr/bin/env python3
"""Writes the test vectors of package zipcrypto: small zip archives whose
entries are encrypted with the traditional PKWARE encryption (ZipCrypto) or
with WinZip's AES (AE-1, AE-2), written from the public descriptions
(PKWARE's APPNOTE.TXT 4.3 and 6.1; WinZip's "AES Encryption Information")
independently of the Go reader. Python's zipfile reads ZipCrypto but cannot
write it, so the archives are assembled here byte by byte; the encryption
headers, salts and times are fixed, so the output is the same on every run.

infozip.zip and infozip_stream.zip were made once with Info-ZIP's zip 3.0
(Debian's zip package), a third implementation:

    printf 'hello from Info-ZIP\\n' > hello.txt
    zip -X -P test infozip.zip hello.txt                         # CRC check byte
    printf 'streamed\\n' | zip -X -P test - - > infozip_stream.zip  # data descriptor, time check byte

and sevenzip_aes256.zip with 7-Zip 26.02 (Debian's 7zip package), which
also reads the AES archives written here:

    printf 'made by 7-Zip\\n' > a.txt
    7zz a -tzip -ptest -mem=AES256 sevenzip_aes256.zip a.txt

Run from this folder: python3 make_vectors.py
"""

import hashlib
import hmac
import struct
import zlib

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

# 2020-12-21 11:40:10 in MS-DOS form.
DOS_TIME = (11 << 11) | (40 << 5) | (10 // 2)
DOS_DATE = ((2020 - 1980) << 9) | (12 << 5) | 21


def _make_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (0xEDB88320 ^ (c >> 1)) if c & 1 else (c >> 1)
        table.append(c)
    return table


_crc_table = _make_table()


def crc_update(crc, b):
    """One step of the CRC-32 without its pre- and post-inversion."""
    return _crc_table[(crc ^ b) & 0xFF] ^ (crc >> 8)


class ZipCrypto:
    """The traditional PKWARE stream cipher (APPNOTE.TXT 6.1)."""

    def __init__(self, password):
        self.k = [0x12345678, 0x23456789, 0x34567890]
        for b in password:
            self.update(b)

    def update(self, b):
        k = self.k
        k[0] = crc_update(k[0], b)
        k[1] = ((k[1] + (k[0] & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        k[2] = crc_update(k[2], k[1] >> 24)

    def stream_byte(self):
        t = (self.k[2] | 2) & 0xFFFF
        return ((t * (t ^ 1)) >> 8) & 0xFF

    def encrypt(self, data):
        out = bytearray()
        for p in data:
            out.append(p ^ self.stream_byte())
            self.update(p)
        return bytes(out)


def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def aes_ctr_le(key, data):
    """AES in WinZip's CTR mode: a 16-byte little-endian counter from 1."""
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    out = bytearray()
    for i in range(0, len(data), 16):
        block = enc.update(struct.pack("<QQ", i // 16 + 1, 0))
        out += bytes(a ^ b for a, b in zip(data[i:i + 16], block))
    return bytes(out)


def entry(name, content, password=None, method=8, descriptor=False, aes=None,
          header11=b"\x5a" * 11, salt=None, crc_override=None, crc_check=False):
    """Returns (local record, central header fields) of one entry.

    aes is None for ZipCrypto (or no encryption without a password), or
    (vendor version, strength 1-3) for WinZip AES.
    """
    name = name.encode()
    crc = zlib.crc32(content) if crc_override is None else crc_override
    body = deflate(content) if method == 8 else content
    flags = 0
    extra = b""
    zip_method = method
    if password is not None and aes is None:
        flags |= 1
        check = (DOS_TIME >> 8) if descriptor and not crc_check else (crc >> 24)
        zc = ZipCrypto(password)
        body = zc.encrypt(header11 + bytes([check & 0xFF]) + body)
    elif aes is not None:
        version, strength = aes
        flags |= 1
        key_len = {1: 16, 2: 24, 3: 32}[strength]
        salt = salt or bytes(range(1, key_len // 2 + 1))
        dk = hashlib.pbkdf2_hmac("sha1", password, salt, 1000, 2 * key_len + 2)
        enc_key, mac_key, verify = dk[:key_len], dk[key_len:2 * key_len], dk[2 * key_len:]
        ct = aes_ctr_le(enc_key, body)
        mac = hmac.new(mac_key, ct, hashlib.sha1).digest()[:10]
        body = salt + verify + ct + mac
        extra = struct.pack("<HHH2sBH", 0x9901, 7, version, b"AE", strength, method)
        zip_method = 99
        if version == 2:
            crc = 0
    if descriptor:
        flags |= 8
    size, usize = len(body), len(content)
    if descriptor:
        local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, flags, zip_method, DOS_TIME, DOS_DATE,
                            0, 0, 0, len(name), len(extra)) + name + extra + body
        local += struct.pack("<4sIII", b"PK\x07\x08", crc, size, usize)
    else:
        local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, flags, zip_method, DOS_TIME, DOS_DATE,
                            crc, size, usize, len(name), len(extra)) + name + extra + body
    return local, (flags, zip_method, crc, size, usize, name, extra)


def archive(entries):
    out = b""
    central = b""
    for local, (flags, method, crc, size, usize, name, extra) in entries:
        offset = len(out)
        out += local
        central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, flags, method, DOS_TIME, DOS_DATE,
                               crc, size, usize, len(name), len(extra), 0, 0, 0, 0, offset) + name + extra
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return out + central + end


TEXT = b"otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno\n" * 3


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


def main():
    pw = b"test"
    write("zipcrypto_deflate.zip", archive([entry("a.txt", TEXT, pw)]))
    write("zipcrypto_store.zip", archive([entry("a.txt", TEXT, pw, method=0)]))
    write("zipcrypto_descriptor.zip", archive([entry("a.txt", TEXT, pw, descriptor=True)]))
    # Some writers put the CRC's check byte in an entry with a descriptor.
    write("zipcrypto_descriptor_crccheck.zip", archive([entry("a.txt", TEXT, pw, descriptor=True, crc_check=True)]))
    # The CRC in the headers is off in its lowest bit: the check byte (its
    # high byte) passes, and the CRC-32 of the content fails.
    write("zipcrypto_badcrc.zip", archive([entry("a.txt", TEXT, pw, crc_override=zlib.crc32(TEXT) ^ 1)]))
    write("aes256_ae2.zip", archive([entry("a.txt", TEXT, pw, aes=(2, 3))]))
    write("aes128_ae1_store.zip", archive([entry("a.txt", TEXT, pw, method=0, aes=(1, 1))]))
    write("aes192_ae1.zip", archive([entry("a.txt", TEXT, pw, aes=(1, 2))]))
    write("plain.zip", archive([entry("a.txt", TEXT), entry("b/c.txt", b"second\n", method=0)]))


if __name__ == "__main__":
    main()
