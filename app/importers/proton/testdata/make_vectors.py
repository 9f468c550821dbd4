#!/usr/bin/python3
"""Writes the encrypted Proton Authenticator exports the Go tests read.

The format, as Proton's own code writes it (protonpass/proton-pass-common,
proton-authenticator/src/entry/password_exporter.rs and src/crypto.rs):

    {"version": 1, "salt": base64(16 bytes), "content": base64(nonce || ciphertext || tag)}

key = Argon2id(password, salt, t=2, m=19456 KiB, p=1, 32 bytes, version 0x13);
content = AES-256-GCM with a 12-byte nonce and the associated data
"proton.authenticator.export.v1", over the plain export's JSON.

This script uses python3-argon2 and python3-cryptography, independently of
the Go code. Salts and nonces are fixed, so the output never changes. Run it
from this directory: ./make_vectors.py
"""

import base64
import json

from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

AAD = b"proton.authenticator.export.v1"

# What Proton Authenticator holds of ../../../../../shared/testdata/foreign/
# aegis-testdata-plain.txt: the TOTP accounts and the Steam one (Proton has
# no HOTP). A Steam key is a steam:// URI; the name is the entry's name.
PLAIN = {
    "version": 1,
    "entries": [
        {"id": "0d5f6f6e-0001-4000-8000-000000000001",
         "content": {"uri": "otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&algorithm=SHA1&digits=6&period=30",
                     "entry_type": "Totp", "name": "Mason"}, "note": None},
        {"id": "0d5f6f6e-0002-4000-8000-000000000002",
         "content": {"uri": "otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20",
                     "entry_type": "Totp", "name": "James"}, "note": "a note"},
        {"id": "0d5f6f6e-0003-4000-8000-000000000003",
         "content": {"uri": "otpauth://totp/Airbnb:Elijah?secret=7ELGJSGXNCCTV3O6LKJWYFV2RA&issuer=Airbnb&algorithm=SHA512&digits=8&period=50",
                     "entry_type": "Totp", "name": "Elijah"}, "note": None},
        {"id": "0d5f6f6e-0004-4000-8000-000000000004",
         "content": {"uri": "steam://JRZCL47CMXVOQMNPZR2F7J4RGI", "entry_type": "Steam", "name": "Sophia"},
         "note": None},
    ],
}


def export(password, plain, salt, nonce, t=2, m=19456):
    key = hash_secret_raw(password, salt, time_cost=t, memory_cost=m, parallelism=1,
                          hash_len=32, type=Type.ID, version=19)
    content = nonce + AESGCM(key).encrypt(nonce, plain, AAD)
    assert AESGCM(key).decrypt(nonce, content[12:], AAD) == plain
    return json.dumps({"version": 1, "salt": base64.b64encode(salt).decode(),
                       "content": base64.b64encode(content).decode()})


def write(name, text):
    with open(name, "w") as f:
        f.write(text)


plain = json.dumps(PLAIN).encode()
salt = bytes(range(16))
nonce = bytes(range(0x20, 0x2c))
# Proton's real cost: what the app writes, read by the default importer.
write("encrypted.json", export(b"test", plain, salt, nonce))
# Decrypts to something that is not an export: the password is right, the
# content is damaged.
write("not_json.json", export(b"test", b"not json", salt, nonce))
# The same accounts at a tiny cost (t=1, m=8 KiB), for the fuzz target,
# whose importer derives keys at that cost so that it stays fast.
write("cheap.json", export(b"test", plain, salt, nonce, t=1, m=8))
