package ui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/importers"
	"twofold.app/app/migration"
	"twofold.app/app/otpauth"
	"twofold.app/app/qr"
	"twofold.app/app/scan"
	"twofold.app/app/vault"
)

// scanInterval paces the camera and screen decoding: about ten frames a
// second is plenty, and leaves the page responsive.
const scanInterval = 100 * time.Millisecond

// ScanPanel reads account QR codes from the camera, from a screen capture
// or from an image file (picked, dropped or pasted). A single account goes
// to OnAccount; a Google Authenticator export, once every code of it was
// read, goes to OnAccounts for review.
type ScanPanel struct {
	app.Compo

	Env        *env
	OnAccount  func(ctx app.Context, uri string)
	OnAccounts func(ctx app.Context, source string, f found)

	capture  Capture
	stop     chan struct{}
	source   string // "camera" or "screen" while scanning
	status   string
	problem  string
	torch    int // 0 unknown, 1 off, 2 on, -1 none
	cameras  []Camera
	deviceID string
	batch    migration.Batch
	progress migration.Progress
	// batchLine is the progress of a part-read export, shown whenever no
	// other status is, so that a refused code, an image without a code or
	// a stopped camera does not hide which codes are still missing.
	batchLine string
	last      string // the last text handled, to ignore repeats
	unpaste   func()
}

// OnMount listens for images pasted anywhere in the page.
func (s *ScanPanel) OnMount(ctx app.Context) {
	if s.Env != nil && s.Env.svc.OnPaste != nil {
		s.unpaste = s.Env.svc.OnPaste(func(files []File) {
			ctx.Dispatch(func(ctx app.Context) { s.image(ctx, files) })
		})
	}
}

// OnDismount releases the camera or the screen, and stops listening for
// pastes.
func (s *ScanPanel) OnDismount() {
	s.halt()
	if s.unpaste != nil {
		s.unpaste()
		s.unpaste = nil
	}
}

func (s *ScanPanel) halt() {
	if s.stop != nil {
		close(s.stop)
		s.stop = nil
	}
	if s.capture != nil {
		s.capture.Stop()
		s.capture = nil
	}
	s.source, s.torch = "", 0
}

func (s *ScanPanel) onCamera(ctx app.Context, e app.Event) { s.start(ctx, false) }

// onReset forgets the codes read so far of a multi-code export.
func (s *ScanPanel) onReset(ctx app.Context, e app.Event) {
	s.batch, s.progress, s.batchLine, s.last = migration.Batch{}, migration.Progress{}, "", ""
	s.status, s.problem = "", ""
}

func (s *ScanPanel) onScreen(ctx app.Context, e app.Event) { s.start(ctx, true) }

func (s *ScanPanel) onStop(ctx app.Context, e app.Event) {
	s.halt()
	s.status = s.batchLine
}

func (s *ScanPanel) onDevice(ctx app.Context, e app.Event) {
	s.deviceID = ctx.JSSrc().Get("value").String()
	s.halt()
	s.start(ctx, false)
}

func (s *ScanPanel) onTorch(ctx app.Context, e app.Event) {
	c := s.capture
	if c == nil {
		return
	}
	on := s.torch != 2
	ctx.Async(func() {
		has, err := c.Torch(on)
		ctx.Dispatch(func(ctx app.Context) {
			switch {
			case !has:
				s.torch = -1
			case err == nil && on:
				s.torch = 2
			case err == nil:
				s.torch = 1
			}
		})
	})
}

// start opens the camera or the screen capture; it runs inside the click
// handler, as browsers require.
func (s *ScanPanel) start(ctx app.Context, screen bool) {
	if s.Env == nil || s.Env.svc.Capture == nil {
		s.problem = "This browser gives no access to a camera or to the screen here."
		return
	}
	s.halt()
	s.problem, s.last = "", ""
	c := s.Env.svc.Capture(screen, s.deviceID, "scan-video")
	stop := make(chan struct{})
	s.capture, s.stop = c, stop
	s.source = map[bool]string{false: "camera", true: "screen"}[screen]
	s.status = "Starting…"
	cams := s.Env.svc.Cameras
	ctx.Async(func() {
		if err := c.Wait(); err != nil {
			ctx.Dispatch(func(ctx app.Context) {
				if s.capture == c {
					s.halt()
					s.problem = captureProblem(err, screen)
				}
			})
			return
		}
		var list []Camera
		torch, device := -1, ""
		if !screen && cams != nil {
			list, _ = cams()
			if has, _ := c.Torch(false); has {
				torch = 1
			}
			// The browser picks the camera when none was chosen (the rear
			// one, asked for, may be listed second): the picker shows the
			// one in use.
			device = c.DeviceID()
		}
		ctx.Dispatch(func(ctx app.Context) {
			if s.capture == c {
				s.cameras, s.torch = list, torch
				if device != "" {
					s.deviceID = device
				}
				s.status = map[bool]string{
					false: "Hold the QR code inside the frame.",
					true:  "Looking for a QR code in the shared window or screen…",
				}[screen]
			}
		})
		s.loop(ctx, c, stop)
	})
}

func captureProblem(err error, screen bool) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "refused"):
		if screen {
			return "Screen sharing was not allowed. Try again and choose the window that shows the QR code."
		}
		return "The camera was not allowed. Allow it in the browser's site settings, or use an image instead."
	case strings.Contains(msg, "no camera"):
		if screen {
			return "This browser cannot share the screen here."
		}
		return "No camera was found."
	case strings.Contains(msg, "ended"):
		return ""
	}
	return "The " + map[bool]string{false: "camera", true: "screen capture"}[screen] + " could not start: " + msg + "."
}

// loop decodes frames until stop is closed or the capture ends.
func (s *ScanPanel) loop(ctx app.Context, c Capture, stop chan struct{}) {
	var dec qr.Decoder
	var buf []byte
	for {
		select {
		case <-stop:
			return
		case <-time.After(scanInterval):
		}
		pix, w, h, err := c.Luma(buf)
		buf = pix
		if err != nil {
			ctx.Dispatch(func(ctx app.Context) {
				if s.capture == c {
					screen := s.source == "screen"
					s.halt()
					s.status, s.problem = s.batchLine, captureProblem(err, screen)
					if s.problem == "" && s.status == "" {
						// Ended: the page was hidden, the share was
						// stopped, or the camera went away.
						s.status = map[bool]string{false: "The camera has stopped.", true: "Screen sharing has ended."}[screen]
					}
				}
			})
			return
		}
		if w == 0 {
			continue
		}
		results, err := dec.Decode(qr.Frame{Pix: pix, W: w, H: h, Stride: w})
		if err != nil || len(results) == 0 {
			continue
		}
		texts := make([]string, len(results))
		for i, r := range results {
			texts[i] = r.Text
		}
		ctx.Dispatch(func(ctx app.Context) {
			if s.capture == c {
				s.handle(ctx, texts)
			}
		})
	}
}

// onFile reads QR codes from an image file.
func (s *ScanPanel) onFile(ctx app.Context, e app.Event) {
	if s.Env != nil && s.Env.svc.Files != nil {
		s.image(ctx, s.Env.svc.Files(ctx.JSSrc()))
	}
}

func (s *ScanPanel) onDragOver(ctx app.Context, e app.Event) { e.PreventDefault() }

func (s *ScanPanel) onDrop(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if s.Env != nil && s.Env.svc.Files != nil {
		s.image(ctx, s.Env.svc.Files(e.Value))
	}
}

func (s *ScanPanel) image(ctx app.Context, files []File) {
	if len(files) == 0 || s.Env.svc.ImageLuma == nil {
		return
	}
	s.halt()
	s.problem, s.last, s.status = "", "", "Reading the image…"
	decode := s.Env.svc.ImageLuma
	ctx.Async(func() {
		var texts []string
		var err error
		for _, f := range files {
			var pix []byte
			var w, h int
			if pix, w, h, err = decode(f); err != nil {
				break
			}
			dec := qr.Decoder{Thorough: true}
			results, derr := dec.Decode(qr.Frame{Pix: pix, W: w, H: h, Stride: w})
			if derr != nil && !errors.Is(derr, qr.ErrNotFound) {
				err = derr
				break
			}
			for _, r := range results {
				texts = append(texts, r.Text)
			}
		}
		ctx.Dispatch(func(ctx app.Context) {
			s.status = s.batchLine
			switch {
			case err != nil:
				s.problem = "This image could not be read: " + err.Error() + "."
			case len(texts) == 0:
				s.problem = "No QR code was found in this image. Try a sharper or larger picture of the code."
			default:
				s.handle(ctx, texts)
			}
		})
	})
}

// handle acts on the texts of the codes read at once.
func (s *ScanPanel) handle(ctx app.Context, texts []string) {
	for _, text := range texts {
		if text == s.last {
			continue
		}
		s.last = text
		item := scan.Classify(text)
		switch item.Kind {
		case scan.KindMigration:
			s.migrationPart(ctx, item)
		case scan.KindAccount:
			if item.Err != nil {
				s.problem = "This QR code is an account link, but it is malformed: " + item.Err.Error() + "."
				continue
			}
			s.halt()
			s.status = ""
			if s.OnAccount != nil {
				s.OnAccount(ctx, otpauth.Format(item.Account))
			}
			return
		case scan.KindTransfer:
			s.problem = "This is a Twofold transfer code. Receiving transfers is not built yet: " +
				"make a backup on the other device and restore it here instead."
		default:
			s.problem = "This QR code holds no authenticator account: “" + item.Preview + "”."
		}
	}
}

// migrationPart adds one code of a Google Authenticator export.
func (s *ScanPanel) migrationPart(ctx app.Context, item scan.Item) {
	if item.Err != nil {
		s.problem = "This Google Authenticator export code could not be read: " + item.Err.Error() + "."
		return
	}
	p := item.Migration
	prog, err := s.batch.Add(p)
	if errors.Is(err, migration.ErrOtherBatch) {
		s.problem = "This code belongs to another Google Authenticator export than the codes scanned so far. " +
			"Scan the codes of one export, or press Start again."
		return
	} else if err != nil {
		s.problem = "This Google Authenticator export code could not be used: " + err.Error() + "."
		return
	}
	s.problem, s.progress = "", prog
	if !prog.Done() {
		s.batchLine = "Google Authenticator export: code " + strconv.Itoa(p.BatchIndex+1) + " read; " +
			strconv.Itoa(prog.Have) + " of " + strconv.Itoa(prog.Total) + " scanned, missing " + missing(prog.Missing) + "."
		s.status = s.batchLine
		return
	}
	accounts, skips, err := s.batch.Accounts()
	s.halt()
	s.status, s.batchLine = "", ""
	s.batch = migration.Batch{}
	if err != nil {
		s.problem = "The Google Authenticator export could not be read: " + err.Error() + "."
		return
	}
	var f found
	for _, a := range accounts {
		f.Accounts = append(f.Accounts, vault.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key})
	}
	for _, sk := range skips {
		f.Skipped = append(f.Skipped, skipFromMigration(sk))
	}
	if s.OnAccounts != nil {
		s.OnAccounts(ctx, "a Google Authenticator export ("+plural(prog.Total, "code")+")", f)
	}
}

func missing(idx []int) string {
	parts := make([]string, len(idx))
	for i, n := range idx {
		parts[i] = strconv.Itoa(n + 1)
	}
	return strings.Join(parts, ", ")
}

// Render draws the scan buttons, and the live view while scanning.
func (s *ScanPanel) Render() app.UI {
	scanning := s.source != ""
	return app.Div().ID("scan").Class("scan").OnDragOver(s.onDragOver).OnDrop(s.onDrop).Body(
		app.Div().Class("scan-buttons").Body(
			app.Button().ID("scan-camera").Type("button").Class("ghost").Text("Scan with the camera").OnClick(s.onCamera),
			app.Button().ID("scan-screen").Type("button").Class("ghost").Text("Scan a code on the screen").OnClick(s.onScreen),
			app.Label().For("scan-file").Class("button ghost").Text("Open an image"),
			app.Input().ID("scan-file").Type("file").Class("file").Accept("image/*").OnChange(s.onFile),
		),
		app.Div().Class("scan-view").Hidden(s.source != "camera").Body(
			app.Video().ID("scan-video").Class("scan-video").Muted(true).Attr("playsinline", true).AutoPlay(true).
				Aria("label", "Camera view"),
			app.Raw(aimFrame),
		),
		app.If(scanning, func() app.UI {
			return app.Div().Class("scan-controls").Body(
				app.If(s.source == "camera" && len(s.cameras) > 1, func() app.UI {
					opts := make([]app.UI, len(s.cameras))
					for i, cam := range s.cameras {
						label := cam.Label
						if label == "" {
							label = "Camera " + strconv.Itoa(i+1)
						}
						opts[i] = app.Option().Value(cam.ID).Selected(cam.ID == s.deviceID).Text(label)
					}
					return app.Select().ID("scan-device").Aria("label", "Camera").OnChange(s.onDevice).Body(opts...)
				}),
				app.If(s.source == "camera" && s.torch > 0, func() app.UI {
					return app.Button().ID("scan-torch").Type("button").Class("ghost").
						Aria("pressed", s.torch == 2).Text("Torch").OnClick(s.onTorch)
				}),
				app.Button().ID("scan-stop").Type("button").Class("ghost").Text("Stop").OnClick(s.onStop),
			)
		}),
		app.If(s.status != "", func() app.UI {
			return app.P().ID("scan-status").Class("hint").Role("status").Text(s.status)
		}),
		app.If(s.batchLine != "", func() app.UI {
			return app.Button().ID("scan-reset").Type("button").Class("link").Text("Start again").OnClick(s.onReset)
		}),
		app.If(s.problem != "", func() app.UI {
			return app.P().ID("scan-error").Class("error").Role("alert").Text(s.problem)
		}),
		app.P().Class("hint").Text("You can also drop or paste an image of a QR code here."),
	)
}

// skipFromMigration words a skipped account of a Google export like an
// import's skipped entry.
func skipFromMigration(s migration.Skip) importers.Skip {
	label := s.Name
	if label == "" {
		label = "?"
	}
	return importers.Skip{Index: s.Index, Label: label, Err: s.Err}
}

// aimFrame is the square drawn over the camera's picture to aim at. An SVG
// whose square viewBox is fitted to the picture ("meet") keeps it square
// and centred whatever the picture's shape, sized by its shorter side;
// outside the square the picture is dimmed.
const aimFrame = `<svg class="scan-frame" aria-hidden="true" viewBox="0 0 100 100" preserveAspectRatio="xMidYMid meet">` +
	`<path d="M-1000-1000H1100V1100H-1000ZM14 14V86H86V14Z" fill="#000" fill-opacity="0.25" fill-rule="evenodd"/>` +
	`<rect x="14" y="14" width="72" height="72" rx="5" fill="none" stroke="#fff" stroke-opacity="0.85" stroke-width="1.2"/>` +
	`</svg>`
