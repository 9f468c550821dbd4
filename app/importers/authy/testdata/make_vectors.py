#!/usr/bin/env python3
"""Writes the Authy test vectors of this folder, independently of the Go
importer, from the public description of the format: Aegis's
AuthyImporter.java and the Authy-iOS-MiTM decryption script (PBKDF2-HMAC-SHA1
of the backup password with the entry's salt as UTF-8 text, 32 bytes,
key_derivation_iterations iterations or 1000; AES-256-CBC with PKCS#7
padding, IV unique_iv in hex or 16 zero bytes; the plaintext is the base32
secret). Deterministic: fixed salts and IVs. Run it from this folder:

    python3 make_vectors.py
"""
import base64
import hashlib
import json
from xml.sax.saxutils import escape

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PASSWORD = "correct horse"

# Secrets of aegis-testdata-plain.txt: A1 Deno/Mason, A2 SPDX/James,
# A3 Airbnb/Elijah (Authy stores them with SHA1 and 30 s).
A1 = "4SJHB4GSD43FZBAI7C2HLRJGPQ"
A2 = "5OM4WOOGPLQEF6UGN3CPEOOLWU"
A3 = "7ELGJSGXNCCTV3O6LKJWYFV2RA"


def encrypt(secret, password, salt, iterations, iv_hex):
    key = hashlib.pbkdf2_hmac("sha1", password.encode(), salt.encode(), iterations, 32)
    iv = bytes.fromhex(iv_hex) if iv_hex else bytes(16)
    padder = padding.PKCS7(128).padder()
    plain = padder.update(secret.encode()) + padder.finalize()
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return base64.b64encode(enc.update(plain) + enc.finalize()).decode()


def prefs(entries):
    """An Android preferences file as Authy writes it."""
    out = ["<?xml version='1.0' encoding='utf-8' standalone='yes' ?>", "<map>",
           '    <int name="key_version" value="121" />']
    for key, value in entries:
        text = escape(json.dumps(value, separators=(",", ":")), {'"': "&quot;"})
        out.append(f'    <string name="{key}">{text}</string>')
    out.append("</map>")
    return "\n".join(out) + "\n"


def write(name, text):
    with open(name, "w", encoding="utf-8") as f:
        f.write(text)


# A newer Android file: key_derivation_iterations and unique_iv (one null),
# and labels of each kind: originalIssuer, "Issuer - Name" in the name only,
# and an accountType logo with neither.
newer = [
    {"accountType": "authenticator", "digits": 6, "name": "Deno: Mason", "originalName": "Deno:Mason",
     "originalIssuer": "Deno", "salt": "fixedsalt0001fixedsalt0001abcdef",
     "encryptedSecret": encrypt(A1, PASSWORD, "fixedsalt0001fixedsalt0001abcdef", 2000, "000102030405060708090a0b0c0d0e0f"),
     "key_derivation_iterations": 2000, "unique_iv": "000102030405060708090a0b0c0d0e0f"},
    {"accountType": "authenticator", "digits": 7, "name": "SPDX - James",
     "salt": "fixedsalt0002fixedsalt0002abcdef",
     "encryptedSecret": encrypt(A2, PASSWORD, "fixedsalt0002fixedsalt0002abcdef", 2000, None),
     "key_derivation_iterations": 2000, "unique_iv": None},
    {"accountType": "airbnb", "digits": 8, "name": "Elijah",
     "salt": "fixedsalt0003fixedsalt0003abcdef",
     "encryptedSecret": encrypt(A3, PASSWORD, "fixedsalt0003fixedsalt0003abcdef", 1000, "f0e0d0c0b0a090807060504030201000"),
     "keyDerivationIterations": 1000, "uniqueIv": "f0e0d0c0b0a090807060504030201000"},
    # Encrypted under another password: the file's other entries open
    # with PASSWORD, so this one is damaged.
    {"accountType": "authenticator", "digits": 6, "name": "Other: Damaged", "originalName": "Other:Damaged",
     "salt": "fixedsalt0004fixedsalt0004abcdef",
     "encryptedSecret": encrypt(A1, "another password", "fixedsalt0004fixedsalt0004abcdef", 2000, None),
     "key_derivation_iterations": 2000},
]
write("authenticator_newer.xml", prefs([("com.authy.storage.tokens.authenticator.key", newer)]))

# Authy's own accounts: hex secret seeds (7 digits, 10 s).
authy = [
    {"accountType": "authy", "digits": 7, "name": "Twilio", "secretSeed": base64.b32decode(A1 + "======").hex()},
]
write("authy_own.xml", prefs([("com.authy.storage.tokens.authy.key", authy)]))

# The token list Authy's server sends on sign-in (snake_case), with the
# 100,000 iterations of current versions.
api = {
    "authenticator_tokens": [
        {"account_type": "authenticator", "digits": 6, "issuer": "Deno", "name": "Deno: Mason",
         "original_name": "Deno:Mason", "password_timestamp": 1700000000, "salt": "apisalt0001",
         "encrypted_seed": encrypt(A1, PASSWORD, "apisalt0001", 100000, "00112233445566778899aabbccddeeff"),
         "key_derivation_iterations": 100000, "unique_id": "1", "unique_iv": "00112233445566778899aabbccddeeff"},
        {"account_type": "authenticator", "digits": 8, "issuer": None, "name": "Airbnb: Elijah",
         "original_name": "Airbnb:Elijah", "password_timestamp": 1700000000, "salt": "apisalt0002",
         "encrypted_seed": encrypt(A3, PASSWORD, "apisalt0002", 100000, None),
         "key_derivation_iterations": 100000, "unique_id": "2", "unique_iv": None},
    ],
    "deleted": [],
    "message": "success",
    "success": True,
}
write("authenticator_tokens.json", json.dumps(api, indent=2) + "\n")
