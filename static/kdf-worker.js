// kdf-worker.js is the dedicated worker that twofold.app/wasm/kdf starts for
// one Argon2id derivation, so that the page's main thread is never blocked.
// A job with an alg field holds the derivations of an import in specs
// (PBKDF2, scrypt or Argon2id, each with a salt and a key length of its own,
// see twofold.app/wasm/importkdf); it runs import-kdf.wasm instead of
// kdf.wasm, and the reply has keys, an array, instead of key.
//
// It takes exactly one message, {password, salt: Uint8Array, t, m, p:
// number}, runs the Go program kdf.wasm (twofold.app/wasm/kdfworker) once
// with it, and posts back either {key: Uint8Array, loadMs, runMs: number}
// (the key's buffer transferred; the milliseconds spent loading and running
// kdf.wasm) or {error: string, start: boolean}, where start tells that the
// derivation never ran because something failed to load. Then it closes
// itself. Before anything, as soon as this script runs, it posts {alive:
// true}: the page gives a worker that never says so only a short time (its
// script hangs or never ran), and one that did the derivation's, loading
// kdf.wasm included.
//
// Paths are relative to this script, which the site serves as
// /web/kdf-worker.js: kdf.wasm is /web/kdf.wasm and ../wasm_exec.js is
// go-app's /wasm_exec.js; being relative, they still hold when the site is
// served under a path prefix. Everything is same-origin, and nothing is evaluated from a string, so the page's CSP
// (script-src 'self' 'wasm-unsafe-eval'; worker-src 'self') is enough.
"use strict";

let loadError = null;
try {
	importScripts("../wasm_exec.js");
} catch (err) {
	// Report it on the job's message rather than as an uncaught error, so
	// the page gets one clear answer.
	loadError = "loading wasm_exec.js: " + describe(err);
}

postMessage({ alive: true });

self.onmessage = async (event) => {
	self.onmessage = null; // one job per worker
	const job = event.data;
	let reply;
	const transfer = [];
	try {
		reply = await run(job, transfer);
	} catch (err) {
		reply = { error: describe(err), start: false };
	} finally {
		// The Go program wipes these; do it again in case it never ran.
		wipe(job && job.password);
		wipe(job && job.salt);
		if (job && Array.isArray(job.specs)) {
			job.specs.forEach((s) => wipe(s && s.salt));
		}
	}
	postMessage(reply, transfer);
	close();
};

async function run(job, transfer) {
	if (loadError !== null) {
		return { error: loadError, start: true };
	}
	const go = new Go();
	let exitCode = 0;
	go.exit = (code) => {
		exitCode = code;
	};
	const t0 = performance.now();
	// A job that names its derivation in alg is an import's: it runs the
	// program of twofold.app/wasm/importkdf instead of the vault's.
	const program = job && typeof job.alg === "string" ? "import-kdf.wasm" : "kdf.wasm";
	const url = new URL(program, self.location.href);
	let instance;
	try {
		const response = await fetch(url, { credentials: "same-origin" });
		if (!response.ok) {
			return { error: "loading " + url.pathname + ": HTTP " + response.status, start: true };
		}
		({ instance } = await WebAssembly.instantiateStreaming(response, go.importObject));
	} catch (err) {
		return { error: "loading " + url.pathname + ": " + describe(err), start: true };
	}

	const t1 = performance.now();
	globalThis.kdfJob = job;
	try {
		await go.run(instance);
	} finally {
		delete globalThis.kdfJob;
	}
	const t2 = performance.now();
	if (job.key instanceof Uint8Array) {
		transfer.push(job.key.buffer);
		return { key: job.key, loadMs: t1 - t0, runMs: t2 - t1 };
	}
	if (Array.isArray(job.keys) && job.keys.every((k) => k instanceof Uint8Array)) {
		transfer.push(...job.keys.map((k) => k.buffer));
		return { keys: job.keys, loadMs: t1 - t0, runMs: t2 - t1 };
	}
	if (typeof job.error === "string") {
		return { error: job.error, start: false };
	}
	return { error: program + " exited with code " + exitCode + " and no result", start: false };
}

function wipe(a) {
	if (a instanceof Uint8Array) {
		a.fill(0);
	}
}

function describe(err) {
	return err instanceof Error ? err.name + ": " + err.message : String(err);
}
