// scan-worker.js is the dedicated worker in which twofold.app/wasm/scan
// reads QR codes, so that the page's main thread never decodes: the page
// only hands over frames and files, and gets texts back.
//
// It starts the Go program scan.wasm (twofold.app/wasm/scanworker) once and
// keeps it running, then posts either {ready: true, protocol: number,
// canvas: boolean, loadMs: number} (protocol is the program's, canvas tells
// whether this worker can draw images, with OffscreenCanvas) or {error:
// string, start: true} when something failed to load.
//
// Then it takes jobs, one at a time in the order they came, each with an
// id that its reply repeats:
//
//   - {id, kind: "frame", frame: VideoFrame, stream: number}, a frame of a
//     camera or a screen capture, transferred; stream tells the captures
//     apart, so that the live decoder starts afresh for a new one. The
//     worker closes the frame.
//   - {id, kind: "pixels", data: Uint8Array or Uint8ClampedArray, format:
//     "RGBA", width, height, stride, stream, thorough: boolean}, pixels the
//     page read itself (a canvas), the buffer transferred.
//   - {id, kind: "image", blob: Blob, maxSide: number, thorough: true}, an
//     image file, drawn here at most maxSide pixels on its longer side.
//
// A reply is {id, texts: [string…], readMs, decodeMs, memoryBytes} (no
// texts when the frame holds no code; memoryBytes is the size of the
// program's memory, which only grows until the worker is terminated) or {id, error: string} with one of the flags
// format (this frame's pixels cannot be read here: the page should read
// them itself), unreadable (the file is no image the browser reads), start
// (the program never started) or dead (it has stopped).
//
// Paths are relative to this script, which the site serves as
// /web/scan-worker.js: scan.wasm is /web/scan.wasm and ../wasm_exec.js is
// go-app's /wasm_exec.js. Everything is same-origin, and nothing is
// evaluated from a string, so the page's CSP (script-src 'self'
// 'wasm-unsafe-eval'; worker-src 'self') is enough.
"use strict";

let loadError = null;
try {
	importScripts("../wasm_exec.js");
} catch (err) {
	// Report it as the start's error rather than as an uncaught error, so
	// the page gets one clear answer.
	loadError = "loading wasm_exec.js: " + describe(err);
}

// The formats whose first plane is 8-bit luma, and the 8-bit RGB ones: the
// program reads these (qr.Frame.SetPlane).
const lumaFirst = new Set(["I420", "I420A", "I422", "I422A", "I444", "I444A", "NV12"]);
const rgb = new Set(["RGBA", "RGBX", "BGRA", "BGRX"]);

let scanner = null; // the program's twofoldScan, once it runs
let memory = null; // the program's WebAssembly.Memory
let dead = null; // why the program stopped, once it has

const started = start().catch((err) => ({ error: describe(err), start: true }));
let queue = started.then((msg) => postMessage(msg));

self.onmessage = (event) => {
	const job = event.data;
	// handle never rejects, so one failed job cannot stop the queue.
	queue = queue.then(() => handle(job));
};

// start loads and runs scan.wasm, and returns the message that says so.
async function start() {
	if (loadError !== null) {
		return { error: loadError, start: true };
	}
	const t0 = performance.now();
	const url = new URL("scan.wasm", self.location.href);
	let instance;
	const go = new Go();
	try {
		const response = await fetch(url, { credentials: "same-origin" });
		if (!response.ok) {
			return { error: "loading " + url.pathname + ": HTTP " + response.status, start: true };
		}
		({ instance } = await WebAssembly.instantiateStreaming(response, go.importObject));
	} catch (err) {
		return { error: "loading " + url.pathname + ": " + describe(err), start: true };
	}
	// run returns a promise that settles when the program ends, which it
	// only does when it fails; its main has set twofoldScan by the time run
	// returns.
	go.run(instance).then(
		() => { dead = "scan.wasm exited"; },
		(err) => { dead = "scan.wasm failed: " + describe(err); },
	);
	scanner = globalThis.twofoldScan;
	memory = instance.exports.mem;
	if (!scanner || typeof scanner.decode !== "function") {
		return { error: "scan.wasm did not start", start: true };
	}
	return {
		ready: true,
		protocol: scanner.protocol,
		canvas: typeof OffscreenCanvas === "function",
		loadMs: performance.now() - t0,
	};
}

async function handle(job) {
	const id = job && job.id;
	let reply;
	try {
		reply = await run(job);
	} catch (err) {
		reply = { error: describe(err) };
	} finally {
		if (job && job.frame && typeof job.frame.close === "function") {
			job.frame.close();
		}
	}
	reply.id = id;
	try {
		postMessage(reply);
	} catch (err) {
		postMessage({ id: id, error: "posting the reply: " + describe(err) });
	}
}

async function run(job) {
	const msg = await started;
	if (msg.error) {
		return { error: msg.error, start: true };
	}
	if (dead !== null) {
		return { error: dead, dead: true };
	}
	const t0 = performance.now();
	let px;
	switch (job && job.kind) {
		case "frame":
			px = await framePixels(job.frame);
			break;
		case "image":
			px = await imagePixels(job.blob, job.maxSide);
			break;
		case "pixels":
			px = { data: job.data, format: job.format, width: job.width, height: job.height, stride: job.stride };
			break;
		default:
			return { error: "unknown job " + String(job && job.kind) };
	}
	if (px.error) {
		return px;
	}
	const t1 = performance.now();
	px.data = planeOf(px);
	px.thorough = job.thorough === true;
	px.stream = typeof job.stream === "number" ? job.stream : 0;
	const r = scanner.decode(px);
	const t2 = performance.now();
	if (dead !== null) {
		return { error: dead, dead: true };
	}
	if (typeof r.error === "string") {
		return { error: r.error };
	}
	return { texts: r.texts, readMs: t1 - t0, decodeMs: t2 - t1, memoryBytes: memory ? memory.buffer.byteLength : 0 };
}

// planeOf cuts px.data to the first plane, the bytes the program reads.
function planeOf(px) {
	const bpp = lumaFirst.has(px.format) ? 1 : 4;
	const n = (px.height - 1) * px.stride + bpp * px.width;
	return px.data.length > n ? px.data.subarray(0, n) : px.data;
}

// buf is the copy of the last frame, reused for the next one.
let buf = null;

// framePixels copies a VideoFrame's visible pixels out. The formats the
// program reads are copied as they are (a camera's YUV frame gives its luma
// plane with no conversion at all); any other frame is drawn into a canvas.
async function framePixels(frame) {
	if (typeof VideoFrame !== "function" || !(frame instanceof VideoFrame)) {
		return { error: "the frame is not a VideoFrame", format: true };
	}
	const format = frame.format;
	const rect = frame.visibleRect;
	if (!rect || rect.width === 0 || rect.height === 0) {
		return { error: "the frame is empty", format: true };
	}
	if (lumaFirst.has(format) || rgb.has(format)) {
		try {
			const size = frame.allocationSize();
			if (buf === null || buf.length < size) {
				buf = new Uint8Array(size);
			}
			const layout = await frame.copyTo(buf);
			const plane = layout[0];
			return {
				data: buf.subarray(plane.offset),
				format: format,
				width: rect.width,
				height: rect.height,
				stride: plane.stride,
			};
		} catch (err) {
			// Fall through to the canvas, which reads any frame it can draw.
		}
	}
	if (typeof OffscreenCanvas !== "function") {
		return { error: "cannot read video frames of format " + String(format), format: true };
	}
	return drawn(frame, frame.displayWidth, frame.displayHeight, false);
}

// imagePixels decodes an image file with the browser's decoders (so every
// format the browser shows works), at most maxSide pixels on its longer
// side.
async function imagePixels(blob, maxSide) {
	if (typeof OffscreenCanvas !== "function") {
		return { error: "this worker cannot draw images", format: true };
	}
	let bitmap;
	try {
		bitmap = await createImageBitmap(blob);
	} catch (err) {
		return { error: "this file is not an image the browser can read: " + describe(err), unreadable: true };
	}
	try {
		let w = bitmap.width, h = bitmap.height;
		if (w === 0 || h === 0) {
			return { error: "the image is empty", unreadable: true };
		}
		const m = Math.max(w, h);
		if (maxSide > 0 && m > maxSide) {
			w = Math.floor(w * maxSide / m);
			h = Math.floor(h * maxSide / m);
		}
		return drawn(bitmap, w, h, true);
	} finally {
		bitmap.close();
	}
}

// ctx is the canvas that frames and images are drawn into, kept for the
// next one.
let ctx = null;

// drawn draws src (a VideoFrame or an ImageBitmap) into a w×h canvas and
// reads it back; white first when the source may be transparent, so that
// transparent pixels read as white.
function drawn(src, w, h, white) {
	if (ctx === null) {
		ctx = new OffscreenCanvas(w, h).getContext("2d", { willReadFrequently: true });
	}
	const canvas = ctx.canvas;
	if (canvas.width !== w || canvas.height !== h) {
		canvas.width = w;
		canvas.height = h;
	}
	if (white) {
		ctx.fillStyle = "#fff";
		ctx.fillRect(0, 0, w, h);
	}
	ctx.drawImage(src, 0, 0, w, h);
	const data = ctx.getImageData(0, 0, w, h).data;
	return { data: data, format: "RGBA", width: w, height: h, stride: 4 * w };
}

function describe(err) {
	return err instanceof Error ? err.name + ": " + err.message : String(err);
}
