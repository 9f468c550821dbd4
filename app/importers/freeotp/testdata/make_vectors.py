#!/usr/bin/env python3
"""Writes FreeOTP 2 backups for the tests of package freeotp.

An independent implementation of the format, from FreeOTP's source
(freeotp/freeotp-android: TokenPersistence.copyBackupToExternal writes the
"tokenBackup" SharedPreferences map with ObjectOutputStream; MasterKey and
EncryptedKey encrypt with PBKDF2 and AES-GCM) and the Java Object
Serialization Specification, chapter 6. Deterministic: fixed salts, keys and
nonces. The password is "test"; the iteration counts are low so that the
tests run fast.

    python3 make_vectors.py   (from this directory; needs python3-cryptography)
"""

import json
import struct

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

PASSWORD = b"test"
HELLO = b"Hello!\xde\xad\xbe\xef"  # JBSWY3DPEHPK3PXP


def java_bytes(b):
    """A byte array as Gson writes it: signed bytes."""
    return [x - 256 if x > 127 else x for x in b]


def gson(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def gcm_parameters(nonce, bare=False):
    """DER of GCMParameters (SEQUENCE { OCTET STRING, INTEGER 16 }), or of
    the nonce alone as older Android wrote it."""
    octets = bytes([0x04, len(nonce)]) + nonce
    if bare:
        return octets
    body = octets + bytes([0x02, 0x01, 16])
    return bytes([0x30, len(body)]) + body


def encrypted_key(key, plaintext, token, nonce, bare=False):
    """FreeOTP's EncryptedKey: AES-GCM with the key's algorithm name as
    additional data."""
    ct = AESGCM(key).encrypt(nonce, plaintext, token.encode())
    return {
        "mCipher": "AES/GCM/NoPadding",
        "mCipherText": java_bytes(ct),
        "mParameters": java_bytes(gcm_parameters(nonce, bare)),
        "mToken": token,
    }


def master_key(algorithm, digest, iterations, salt, master, nonce, bare=False):
    kdf = PBKDF2HMAC(algorithm=digest, length=len(salt), salt=salt, iterations=iterations)
    pwd = kdf.derive(PASSWORD)
    return {
        "mAlgorithm": algorithm,
        "mEncryptedKey": encrypted_key(pwd, master, "AES", nonce, bare),
        "mIterations": iterations,
        "mSalt": java_bytes(salt),
    }


def modified_utf8(s):
    """Java's modified UTF-8: NUL in two bytes, supplementary characters as
    two surrogates of three bytes each."""
    out = bytearray()
    units = s.encode("utf-16-be")
    for i in range(0, len(units), 2):
        u = (units[i] << 8) | units[i + 1]
        if 0 < u < 0x80:
            out.append(u)
        elif u < 0x800:
            out += bytes([0xC0 | u >> 6, 0x80 | u & 0x3F])
        else:
            out += bytes([0xE0 | u >> 12, 0x80 | (u >> 6) & 0x3F, 0x80 | u & 0x3F])
    return bytes(out)


def java_string(s):
    if s is None:
        return b"\x70"  # TC_NULL
    b = modified_utf8(s)
    return b"\x74" + struct.pack(">H", len(b)) + b  # TC_STRING


def hashmap(entries):
    """An ObjectOutputStream holding a java.util.HashMap of the (key,
    value) pairs, in that order."""
    out = bytearray(b"\xac\xed\x00\x05")
    out += b"\x73\x72"  # TC_OBJECT TC_CLASSDESC
    name = b"java.util.HashMap"
    out += struct.pack(">H", len(name)) + name
    out += struct.pack(">q", 362498820763181265)  # serialVersionUID
    out += b"\x03"  # SC_WRITE_METHOD | SC_SERIALIZABLE
    out += struct.pack(">H", 2)
    out += b"F" + struct.pack(">H", 10) + b"loadFactor"
    out += b"I" + struct.pack(">H", 9) + b"threshold"
    out += b"\x78\x70"  # TC_ENDBLOCKDATA, no superclass
    out += struct.pack(">fi", 0.75, 12)
    out += b"\x77\x08" + struct.pack(">ii", 16, len(entries))  # TC_BLOCKDATA
    for k, v in entries:
        out += java_string(k) + java_string(v)
    out += b"\x78"  # TC_ENDBLOCKDATA
    return bytes(out)


def token_entries(uuid, master, token, secret, algo, nonce, tamper=False):
    ek = encrypted_key(master, secret, "Hmac" + algo, nonce)
    if tamper:
        ek["mCipherText"][0] = (ek["mCipherText"][0] + 1 + 128) % 256 - 128
    return [(uuid, gson({"key": gson(ek)})), (uuid + "-token", gson(token))]


def nonce(n):
    return bytes([n]) * 12


def main():
    master = bytes(range(32))

    # backup.ser: PBKDF2-HMAC-SHA512, GCMParameters, and every kind of
    # token and broken entry.
    mk = master_key("PBKDF2withHmacSHA512", hashes.SHA512(), 1000, bytes(range(100, 132)), master, nonce(1))
    entries = [("masterKey", gson(mk))]
    entries += token_entries("00000000-0000-0000-0000-000000000001", master,
                             {"algo": "SHA256", "digits": 8, "issuerExt": "GitHub", "issuerInt": "GitHub",
                              "label": "alice \U0001F600", "period": 60, "type": "TOTP"},
                             HELLO, "SHA256", nonce(2))
    # No algorithm, digits or period; labels edited in FreeOTP 1.
    entries += token_entries("00000000-0000-0000-0000-000000000002", master,
                             {"counter": 7, "issuerExt": "Bank", "issuerAlt": "My bank", "label": "bob",
                              "labelAlt": "Bob", "type": "HOTP"},
                             HELLO, "SHA1", nonce(3))
    entries += token_entries("00000000-0000-0000-0000-000000000003", master,
                             {"issuerExt": "Steam", "label": "carol", "type": "TOTP"},
                             HELLO, "SHA1", nonce(4))
    # A changed ciphertext.
    entries += token_entries("00000000-0000-0000-0000-000000000004", master,
                             {"issuerExt": "Changed", "label": "dave", "type": "TOTP"},
                             HELLO, "SHA1", nonce(5), tamper=True)
    # An OTP type Twofold does not have.
    entries += token_entries("00000000-0000-0000-0000-000000000005", master,
                             {"issuerExt": "Odd", "label": "erin", "type": "MOTP"},
                             HELLO, "SHA1", nonce(6))
    # A key without its token, a token without its key, a null token.
    entries += token_entries("00000000-0000-0000-0000-000000000006", master, {}, HELLO, "SHA1", nonce(7))[:1]
    entries += token_entries("00000000-0000-0000-0000-000000000007", master,
                             {"issuerExt": "Lost", "label": "frank", "type": "TOTP"}, HELLO, "SHA1", nonce(8))[1:]
    entries += [("00000000-0000-0000-0000-000000000008-token", None)]
    with open("backup.ser", "wb") as f:
        f.write(hashmap(entries))

    # sha1_bare.ser: PBKDF2-HMAC-SHA1 and the nonce alone as the cipher
    # parameters, as on Android 6.
    mk = master_key("PBKDF2withHmacSHA1", hashes.SHA1(), 1000, bytes(range(200, 232)), master, nonce(9), bare=True)
    entries = [("masterKey", gson(mk))]
    entries += token_entries("00000000-0000-0000-0000-000000000009", master,
                             {"algo": "SHA512", "digits": 6, "issuerExt": "", "issuerInt": "Issuer",
                              "label": "grace", "period": 30, "type": "TOTP"},
                             HELLO, "SHA512", nonce(10))
    with open("sha1_bare.ser", "wb") as f:
        f.write(hashmap(entries))

    # repeated.ser: a valid master key, then a token of 4 KiB of JSON and
    # 999 more tokens that refer back to it (TC_REFERENCE, 5 bytes each):
    # 4 MB of JSON to decode in a file of 20 KB, which the importer
    # refuses. Its handles: the class 0, the map 1, "masterKey" 2 and its
    # value 3, "0-token" 4, the long token 5.
    mk = master_key("PBKDF2withHmacSHA1", hashes.SHA1(), 1000, bytes(range(200, 232)), master, nonce(9), bare=True)
    out = bytearray(hashmap([("masterKey", gson(mk)), ("0-token", '"' + "a" * 4094 + '"')]))
    size = out.index(b"\x77\x08") + 2
    out[size:size + 8] = struct.pack(">ii", 16, 1001)
    out = out[:-1]  # TC_ENDBLOCKDATA, put back after the references
    for k in range(1, 1000):
        out += java_string(f"{k}-token") + b"\x71" + struct.pack(">I", 0x7E0000 + 5)
    out += b"\x78"
    with open("repeated.ser", "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main()
