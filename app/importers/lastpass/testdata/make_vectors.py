#!/usr/bin/env python3
"""Writes the test vectors of package lastpass: LastPass Authenticator
exports of the TOTP reference accounts (A1-A3 of
../shared/testdata/foreign/aegis-testdata-plain.txt; LastPass keeps TOTP
only), in its Android and iOS variants, as the readers named in the
package comment describe them. Fixed ids and times: the output is the same
on every run. Run from this folder: python3 make_vectors.py
"""

import json
import os

# (issuer, name, secret, algorithm, digits, period) of A1-A3.
REFERENCE = [
    ("Deno", "Mason", "4SJHB4GSD43FZBAI7C2HLRJGPQ", "SHA1", 6, 30),
    ("SPDX", "James", "5OM4WOOGPLQEF6UGN3CPEOOLWU", "SHA256", 7, 20),
    ("Airbnb", "Elijah", "7ELGJSGXNCCTV3O6LKJWYFV2RA", "SHA512", 8, 50),
]


def android():
    """Version 3, as the Android app writes it: account and device ids,
    creation times in milliseconds, a user folder "Work" (id 2)."""
    accounts = []
    for i, (issuer, name, secret, alg, digits, period) in enumerate(REFERENCE):
        accounts.append({
            "accountID": "0f5c8a4e-1b2d-4c3e-9f00-00000000000%d" % i,
            "lmiUserId": "123456789",
            "issuerName": issuer,
            "originalIssuerName": issuer,
            "userName": name,
            "originalUserName": name,
            "pushNotification": False,
            "secret": secret,
            "timeStep": period,
            "digits": digits,
            "creationTimestamp": 1608551893172 + i * 1000,
            "isFavorite": i == 0,
            "algorithm": alg,
            "folderData": {"folderId": 2 if i == 1 else 0, "position": i},
            "backupInfo": {"creationDate": "2020-12-21T11:40:10Z", "deviceOs": "android", "appVersion": "2.14.0"},
        })
    # The user renamed Airbnb in the app: the edited name wins.
    accounts[2]["issuerName"] = "Airbnb (travel)"
    return {
        "deviceId": "a1b2c3d4e5f60718",
        "deviceSecret": "c2VjcmV0IG9mIHRoZSBkZXZpY2U=",
        "localDeviceId": "5b0d6f6e-7d3b-4f0e-8a55-2d3f0c9a1e77",
        "deviceName": "Pixel 7",
        "version": 3,
        "accounts": accounts,
        "folders": [{"id": 2, "name": "Work", "isOpened": True}],
    }


def ios():
    """Version 1, as the iOS app writes it: empty ids, creation times in
    seconds, an empty originalIssuerName, the app's own folders."""
    accounts = []
    for i, (issuer, name, secret, alg, digits, period) in enumerate(REFERENCE):
        accounts.append({
            "accountID": "",
            "algorithm": alg,
            "creationTimestamp": 1608551893 + i,
            "digits": digits,
            "folderData": {"folderId": 1 if i == 0 else 0, "position": i},
            "isFavorite": i == 0,
            "issuerName": issuer,
            "lmiUserId": "",
            "originalIssuerName": "",
            "originalUserName": name,
            "secret": secret,
            "timeStep": period,
            "userName": name,
        })
    return {
        "accounts": accounts,
        "deviceName": "iPhone16,2",
        "folders": [
            {"id": 1, "isOpened": True, "name": "Favorites"},
            {"id": 0, "isOpened": True, "name": "Other Accounts"},
        ],
        "localDeviceId": "E21FD688-A948-4773-8AD5-4EEECFBF82E4",
        "version": 1,
    }


def main():
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    with open("lastpass_android.json", "w") as f:
        json.dump(android(), f, indent=2)
        f.write("\n")
    with open("lastpass_ios.json", "w") as f:
        json.dump(ios(), f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
