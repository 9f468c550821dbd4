#!/usr/bin/env python3
"""Writes the test vectors of package winauth: WinAuth exports of the
reference accounts (../../../../../shared/testdata/foreign/aegis-testdata-plain.txt,
A1-A7, and A8, the Battle.net authenticator), as WinAuth 3.6 writes them:
one URI a line by WinAuthAuthenticator.ToUrl (WinAuth/WinAuthAuthenticator.cs),
the text alone or in a zip as WinAuthHelper.ExportAuthenticators writes it
(one entry named after the file, .txt; with a password, the traditional
PKWARE encryption; SharpZipLib streams it, with a data descriptor).

.NET's HttpUtility.UrlEncode writes spaces as '+' and escapes in lower-case
hex; HttpUtility.UrlPathEncode escapes spaces as %20. WinAuth's Base32 has
no padding. A Steam authenticator (issuer "Steam") is written as totp with
5 digits and its device id and session data; a Battle.net one (issuer
"BattleNet") with its serial; a skin as icon=.

The zip writer and ZipCrypto come from ../../internal/zipcrypto/testdata/
make_vectors.py. Run from this folder: python3 make_vectors.py
"""

import base64
import importlib.util
import os
import re
import urllib.parse

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "zipvectors", os.path.join(here, "..", "..", "internal", "zipcrypto", "testdata", "make_vectors.py"))
zipvectors = importlib.util.module_from_spec(spec)
spec.loader.exec_module(zipvectors)


def url_encode(s):
    """HttpUtility.UrlEncode: '+' for spaces, lower-case hex escapes."""
    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), urllib.parse.quote_plus(s, safe="-_.!*()"))


def url_path_encode(s):
    """HttpUtility.UrlPathEncode: spaces and non-ASCII escaped, the rest kept."""
    return urllib.parse.quote(s, safe="!#$&'()*+,-./:;=?@_~")


def b32(secret_b32):
    # WinAuth stores the bytes and writes them back unpadded.
    raw = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    return base64.b32encode(raw).decode().rstrip("=")


def to_url(name, issuer, secret, digits, kind="totp", algorithm="SHA1", period=30, counter=None,
           serial=None, steam=None, skin=None):
    """WinAuthAuthenticator.ToUrl, for the cases the vectors use."""
    extra = ""
    label = name
    if issuer:
        extra += "&issuer=" + url_encode(issuer)
    if algorithm != "SHA1":
        extra += "&algorithm=" + algorithm
    if serial is not None:
        extra += "&serial=" + url_encode(serial.replace("-", ""))
    elif steam is not None:
        extra += "&deviceid=" + url_encode(steam[0]) + "&data=" + url_encode(steam[1])
    elif kind == "hotp":
        extra += "&counter=%d" % counter
    if skin:
        extra += "&icon=" + url_encode(skin.replace("Icon.png", ""))
    if period != 30:
        extra += "&period=%d" % period
    path = url_path_encode(issuer) + ":" + url_path_encode(label) if issuer else url_path_encode(label)
    return "otpauth://%s/%s?secret=%s&digits=%d%s" % (kind, path, url_encode(b32(secret)), digits, extra)


LINES = [
    to_url("Mason", "Deno", "4SJHB4GSD43FZBAI7C2HLRJGPQ", 6, skin="GoogleAuthenticatorIcon.png"),
    to_url("James", "SPDX", "5OM4WOOGPLQEF6UGN3CPEOOLWU", 7, algorithm="SHA256", period=20),
    to_url("Elijah", "Airbnb", "7ELGJSGXNCCTV3O6LKJWYFV2RA", 8, algorithm="SHA512", period=50),
    to_url("James", "Issuu", "YOOMIXWS5GN6RTBPUFFWKTW5M4", 6, kind="hotp", counter=1),
    to_url("Benjamin", "Air Canada", "KUVJJOM753IHTNDSZVCNKL7GII", 7, kind="hotp", algorithm="SHA256", counter=50),
    to_url("Mason", "WWE", "5VAML3X35THCEBVRLV24CGBKOY", 8, kind="hotp", algorithm="SHA512", counter=10300),
    to_url("Sophia", "Steam", "JRZCL47CMXVOQMNPZR2F7J4RGI", 5,
           steam=("android:0a1b2c3d-0000-1111-2222-333344445555", '{"steamid":"76561190000000000","account_name":"sophia"}'),
           skin="SteamIcon.png"),
    to_url("Battle.net", "BattleNet", "BMGRXPGFARQQF4GMT25JATL2VYLAHDBI", 8, serial="US-2211-2050-3346",
           skin="BattleNetAuthenticatorIcon.png"),
]

TEXT = ("\r\n".join(LINES) + "\r\n").encode()  # StreamWriter.WriteLine on Windows


def main():
    os.chdir(here)
    with open("winauth.txt", "wb") as f:
        f.write(TEXT)
    name = "winauth-2024-03-01.txt"
    with open("winauth.zip", "wb") as f:
        f.write(zipvectors.archive([zipvectors.entry(name, TEXT, b"test", descriptor=True)]))
    with open("winauth_plain.zip", "wb") as f:
        f.write(zipvectors.archive([zipvectors.entry(name, TEXT)]))


if __name__ == "__main__":
    main()
