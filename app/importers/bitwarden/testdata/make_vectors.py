#!/usr/bin/python3
"""Writes the password-protected Bitwarden exports the Go tests read.

The format, as bitwarden/clients writes and reads it
(libs/tools/export/vault-export/vault-export-core/src/services/
base-vault-export.service.ts, buildPasswordExport; libs/importer/src/
importers/bitwarden/bitwarden-password-protected-importer.ts; and
DefaultKeyGenerationService.deriveKeyFromPassword and stretchKey):

    {"encrypted": true, "passwordProtected": true, "salt": S,
     "kdfType": 0 or 1, "kdfIterations": N, "kdfMemory": MiB, "kdfParallelism": P,
     "encKeyValidation_DO_NOT_EDIT": EncString(a random GUID), "data": EncString(plain JSON export)}

S is the base64 text of 16 random bytes, and the KDF takes that text's UTF-8
bytes as its salt, not the bytes it encodes. kdfType 0: PBKDF2-HMAC-SHA256(password,
S, N), 32 bytes. kdfType 1: Argon2id(password, SHA-256(S), t=N, m=MiB*1024 KiB,
p=P), 32 bytes. The 32 bytes are stretched with HKDF-Expand-SHA256: info "enc"
gives the 32-byte AES key, info "mac" the 32-byte HMAC key. An EncString of
type 2 is "2." + base64(iv) + "|" + base64(AES-256-CBC ciphertext, PKCS#7) +
"|" + base64(HMAC-SHA256(mac key, iv || ciphertext)).

This script uses python3-cryptography (PBKDF2, HKDF, AES-CBC, HMAC) and
python3-argon2, independently of the Go code. Salts and IVs are fixed, so the
output never changes. Run it from this directory: ./make_vectors.py
"""

import base64
import hashlib
import json

from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import hashes, hmac, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

# What Bitwarden holds of ../../../../../shared/testdata/foreign/
# aegis-testdata-plain.txt, as its own unencrypted JSON export writes it:
# the TOTP accounts and the Steam one, in logins' totp fields.
PLAIN = {
    "encrypted": False,
    "folders": [{"id": "f0a2c5d4-0000-4000-8000-000000000001", "name": "Work"}],
    "items": [
        {"id": "1", "organizationId": None, "folderId": "f0a2c5d4-0000-4000-8000-000000000001",
         "type": 1, "name": "Deno", "notes": "a note", "favorite": False,
         "login": {"uris": None, "username": "Mason", "password": None,
                   "totp": "otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&algorithm=SHA1&digits=6&period=30"},
         "collectionIds": None},
        {"id": "2", "organizationId": None, "folderId": None, "type": 1, "name": "SPDX", "notes": None,
         "favorite": False,
         "login": {"username": "James", "password": "hunter2",
                   "totp": "otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20"}},
        {"id": "3", "type": 2, "name": "A secure note", "notes": "no login", "secureNote": {"type": 0}},
        {"id": "4", "type": 1, "name": "Airbnb", "notes": None,
         "login": {"username": "Elijah",
                   "totp": "otpauth://totp/Airbnb:Elijah?secret=7ELGJSGXNCCTV3O6LKJWYFV2RA&issuer=Airbnb&algorithm=SHA512&digits=8&period=50"}},
        {"id": "5", "type": 1, "name": "Boeing", "notes": None,
         "login": {"username": "Sophia", "totp": "steam://JRZCL47CMXVOQMNPZR2F7J4RGI"}},
    ],
}

SALT = base64.b64encode(bytes(range(16))).decode()  # the text is the salt


def master_key(password, kdf):
    if kdf["kdfType"] == 0:
        return PBKDF2HMAC(hashes.SHA256(), 32, SALT.encode(), kdf["kdfIterations"]).derive(password)
    return hash_secret_raw(password, hashlib.sha256(SALT.encode()).digest(),
                           time_cost=kdf["kdfIterations"], memory_cost=kdf["kdfMemory"] * 1024,
                           parallelism=kdf["kdfParallelism"], hash_len=32, type=Type.ID, version=19)


def stretch(key):
    return (HKDFExpand(hashes.SHA256(), 32, b"enc").derive(key),
            HKDFExpand(hashes.SHA256(), 32, b"mac").derive(key))


def enc_string(enc_key, mac_key, plain, iv):
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plain) + padder.finalize()
    e = Cipher(algorithms.AES(enc_key), modes.CBC(iv)).encryptor()
    ct = e.update(padded) + e.finalize()
    h = hmac.HMAC(mac_key, hashes.SHA256())
    h.update(iv + ct)
    mac = h.finalize()
    b = lambda x: base64.b64encode(x).decode()
    return "2." + b(iv) + "|" + b(ct) + "|" + b(mac)


def export(password, kdf, plain):
    enc_key, mac_key = stretch(master_key(password, kdf))
    doc = {"encrypted": True, "passwordProtected": True, "salt": SALT,
           "kdfType": kdf["kdfType"], "kdfIterations": kdf["kdfIterations"]}
    if kdf["kdfType"] == 1:
        doc["kdfMemory"] = kdf["kdfMemory"]
        doc["kdfParallelism"] = kdf["kdfParallelism"]
    doc["encKeyValidation_DO_NOT_EDIT"] = enc_string(
        enc_key, mac_key, b"0e3f2b6c-4a1d-4f7e-9c58-2d6b1a0f9e47", bytes(range(0x10, 0x20)))
    doc["data"] = enc_string(enc_key, mac_key, plain, bytes(range(0x20, 0x30)))
    return json.dumps(doc, indent=2)


def write(name, text):
    with open(name, "w") as f:
        f.write(text)


plain = json.dumps(PLAIN, indent=2).encode()
# Costs Bitwarden writes: PBKDF2 with its default 600,000 iterations;
# Argon2id with its least passes and memory (2, 16 MiB; the default is 3
# and 64 MiB), to keep the tests fast, and 4 lanes, its default.
write("pbkdf2.json", export(b"test", {"kdfType": 0, "kdfIterations": 600000}, plain))
write("argon2id.json", export(b"test", {"kdfType": 1, "kdfIterations": 2, "kdfMemory": 16, "kdfParallelism": 4}, plain))
# Tiny costs, for the fuzz target, whose importer refuses the real ones so
# that it stays fast.
write("cheap_pbkdf2.json", export(b"test", {"kdfType": 0, "kdfIterations": 100}, plain))
write("cheap_argon2id.json", export(b"test", {"kdfType": 1, "kdfIterations": 1, "kdfMemory": 1, "kdfParallelism": 1}, plain))
# The password is right, but what it decrypts is not an export.
write("cheap_not_json.json", export(b"test", {"kdfType": 0, "kdfIterations": 100}, b"not json"))
