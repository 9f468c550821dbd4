package ui

import (
	"errors"
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
)

// scanInterval paces the camera and screen decoding: a frame is taken at
// most this often, and only once the decoder has answered for the one
// before, so that a slow device drops frames rather than falling behind.
// About ten frames a second is plenty; they are decoded off the page's main
// thread, which only hands them over.
const scanInterval = 100 * time.Millisecond

// Scanner reads QR codes from the camera (with a picker when there are
// several, and the torch), from a screen capture, or from image files
// picked, dropped or pasted, several at once, and hands their texts to
// OnTexts. It needs the Services only, no vault, so it can run on any
// screen.
//
// It says what the capture is doing (starting, aiming, stopped, why it
// could not start); what the codes mean is its parent's, which gives the
// lines to show about them in Status and Problem. The scanner's own line
// about the capture comes first while there is one.
type Scanner struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	// Svc gives the camera, the screen capture, the QR decoder and the
	// pastes. Nil, or nil fields, leave the buttons saying there is none.
	Svc *Services
	// Status is the parent's line about the codes read so far, such as
	// the progress of a multi-code export.
	Status string
	// Problem is the parent's problem with the codes read.
	Problem string
	// OnStart is called when the scanner starts reading from a new
	// source: a camera or a screen capture starts, or images are read.
	// The parent clears its problem, and lets a code read before count
	// again.
	OnStart func(ctx app.Context)
	// OnTexts receives the texts of the QR codes read at once: those of
	// one camera frame, or of all the images read together. It returns
	// true when it has what it wanted: the scanner then stops the camera
	// or the screen capture.
	OnTexts func(ctx app.Context, texts []string) (stop bool)
	// OnReset, when set, shows a "Start again" button that calls it: for
	// a parent that has gathered part of a multi-code message.
	OnReset func(ctx app.Context)

	decoder  Decoder // open while the scanner is mounted
	capture  Capture
	stop     chan struct{}
	source   string // "camera" or "screen" while capturing
	live     bool   // the capture gives frames
	status   shown  // what the capture or the image reading is doing
	problem  shown  // why the capture or an image failed
	torch    int    // 0 unknown, 1 off, 2 on, -1 none
	cameras  []Camera
	deviceID string
	unpaste  func()
}

// OnMount opens the QR decoder, which starts loading at once so that it is
// ready by the time a camera gives frames, and listens for images pasted
// anywhere in the page.
func (s *Scanner) OnMount(ctx app.Context) {
	if s.Svc != nil && s.Svc.Decoder != nil {
		s.decoder = s.Svc.Decoder()
	}
	if s.Svc != nil && s.Svc.OnPaste != nil {
		s.unpaste = s.Svc.OnPaste(func(files []File) {
			ctx.Dispatch(func(ctx app.Context) { s.images(ctx, files) })
		})
	}
}

// OnDismount releases the camera or the screen and the decoder, and stops
// listening for pastes.
func (s *Scanner) OnDismount() {
	s.halt()
	if s.decoder != nil {
		s.decoder.Close()
		s.decoder = nil
	}
	if s.unpaste != nil {
		s.unpaste()
		s.unpaste = nil
	}
}

func (s *Scanner) halt() {
	if s.stop != nil {
		close(s.stop)
		s.stop = nil
	}
	if s.capture != nil {
		s.capture.Stop()
		s.capture = nil
	}
	s.source, s.live, s.torch = "", false, 0
}

// started tells the parent that reading from a new source begins.
func (s *Scanner) started(ctx app.Context) {
	s.problem = nil
	if s.OnStart != nil {
		s.OnStart(ctx)
	}
}

// hand gives the texts read to the parent, and stops the capture when it
// has what it wanted.
func (s *Scanner) hand(ctx app.Context, texts []string) {
	if s.OnTexts != nil && s.OnTexts(ctx, texts) {
		s.halt()
		s.status = nil
	}
}

func (s *Scanner) onCamera(ctx app.Context, e app.Event) { s.start(ctx, false) }

func (s *Scanner) onScreen(ctx app.Context, e app.Event) { s.start(ctx, true) }

func (s *Scanner) onStop(ctx app.Context, e app.Event) {
	s.halt()
	s.status = nil
}

func (s *Scanner) onReset(ctx app.Context, e app.Event) {
	if s.OnReset != nil {
		s.OnReset(ctx)
	}
}

func (s *Scanner) onDevice(ctx app.Context, e app.Event) {
	s.deviceID = ctx.JSSrc().Get("value").String()
	s.halt()
	s.start(ctx, false)
}

func (s *Scanner) onTorch(ctx app.Context, e app.Event) {
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
func (s *Scanner) start(ctx app.Context, screen bool) {
	if s.Svc == nil || s.Svc.Capture == nil {
		s.problem = showMsg(i18n.ScanNoCapture)
		return
	}
	if s.decoder == nil {
		s.problem = frameWording(errNoDecoder, screen)
		return
	}
	s.halt()
	s.started(ctx)
	c := s.Svc.Capture(screen, s.deviceID, "scan-video")
	dec := s.decoder
	stop := make(chan struct{})
	s.capture, s.stop = c, stop
	s.source = map[bool]string{false: "camera", true: "screen"}[screen]
	s.status = showMsg(i18n.ScanStarting)
	cams := s.Svc.Cameras
	ctx.Async(func() {
		if err := c.Wait(); err != nil {
			ctx.Dispatch(func(ctx app.Context) {
				if s.capture == c {
					s.halt()
					s.status, s.problem = nil, captureWording(err, screen)
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
				s.cameras, s.torch, s.live, s.status = list, torch, true, nil
				if device != "" {
					s.deviceID = device
				}
			}
		})
		s.loop(ctx, c, dec, stop)
	})
}

// loop decodes frames until stop is closed or the capture ends. It hands
// one frame at a time to the decoder, and the next one scanInterval after
// the last was taken, or at once when the decoder took longer.
func (s *Scanner) loop(ctx app.Context, c Capture, dec Decoder, stop chan struct{}) {
	var last time.Time
	for {
		select {
		case <-stop:
			return
		case <-time.After(scanInterval - time.Since(last)):
		}
		last = time.Now()
		texts, err := dec.Frame(c)
		if err != nil {
			ctx.Dispatch(func(ctx app.Context) {
				if s.capture == c {
					screen := s.source == "screen"
					s.halt()
					s.status, s.problem = nil, frameWording(err, screen)
					if s.problem == nil && s.Status == "" {
						// Ended: the page was hidden, the share was
						// stopped, or the camera went away.
						s.status = showMsg(map[bool]i18n.Message{false: i18n.ScanCameraStopped, true: i18n.ScanScreenEnded}[screen])
					}
				}
			})
			return
		}
		if len(texts) == 0 {
			continue
		}
		ctx.Dispatch(func(ctx app.Context) {
			if s.capture == c {
				s.hand(ctx, texts)
			}
		})
	}
}

// onFile reads QR codes from the image files picked.
func (s *Scanner) onFile(ctx app.Context, e app.Event) {
	if s.Svc != nil && s.Svc.Files != nil {
		s.images(ctx, s.Svc.Files(ctx.JSSrc()))
	}
}

func (s *Scanner) onDragOver(ctx app.Context, e app.Event) { e.PreventDefault() }

func (s *Scanner) onDrop(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if s.Svc != nil && s.Svc.Files != nil {
		s.images(ctx, s.Svc.Files(e.Value))
	}
}

// images reads the QR codes of image files, and hands the texts of all of
// them to the parent at once.
func (s *Scanner) images(ctx app.Context, files []File) {
	if len(files) == 0 {
		return
	}
	dec := s.decoder
	if dec == nil {
		s.problem = frameWording(errNoDecoder, false)
		return
	}
	s.halt()
	s.started(ctx)
	s.status = showMsg(i18n.ScanReadingImage)
	if n := len(files); n > 1 {
		s.status = func(l i18n.Lang) string { return l.N(i18n.ScanReadingImages, n) }
	}
	ctx.Async(func() {
		var texts []string
		var problem shown
		for _, f := range files {
			t, err := dec.Image(f)
			texts = append(texts, t...)
			if name, several := f.Name(), len(files) > 1; err != nil && problem == nil {
				problem = func(l i18n.Lang) string { return imageProblem(l, name, err, several) }
			}
		}
		ctx.Dispatch(func(ctx app.Context) {
			s.status, s.problem = nil, problem
			if len(texts) > 0 {
				s.hand(ctx, texts)
			}
		})
	})
}

// errNoDecoder is why a scanner whose Services have no Decoder reads no
// codes.
var errNoDecoder = fmt.Errorf("%w: this page has none", ErrDecoderStart)

// captureWording words why a capture could not start or stopped, or is
// nil when it just ended, which the scanner says otherwise.
func captureWording(err error, screen bool) shown {
	if errors.Is(err, ErrCaptureEnded) {
		return nil
	}
	return func(l i18n.Lang) string { return captureProblem(l, err, screen) }
}

// frameWording words why reading the frames stopped: the decoder's
// failure, or the capture's as captureWording words it.
func frameWording(err error, screen bool) shown {
	if isDecoderErr(err) {
		return func(l i18n.Lang) string { return decoderProblem(l, err) }
	}
	return captureWording(err, screen)
}

// Render draws the scan buttons, the live view while capturing, and the
// lines about the capture and the codes.
func (s *Scanner) Render() app.UI {
	l := s.Lang
	status := s.status.in(l)
	if status == "" {
		status = s.Status
	}
	if status == "" && s.live {
		status = l.T(map[string]i18n.Message{"camera": i18n.ScanAim, "screen": i18n.ScanLooking}[s.source])
	}
	problem := s.problem.in(l)
	if problem == "" {
		problem = s.Problem
	}
	return app.Div().ID("scan").Class("scan").OnDragOver(s.onDragOver).OnDrop(s.onDrop).Body(
		app.Div().Class("scan-buttons").Body(
			app.Button().ID("scan-camera").Type("button").Class("ghost").Text(l.T(i18n.ScanCamera)).OnClick(s.onCamera),
			app.Button().ID("scan-screen").Type("button").Class("ghost").Text(l.T(i18n.ScanScreen)).OnClick(s.onScreen),
			app.Label().For("scan-file").Class("button ghost").Text(l.T(i18n.ScanOpenImage)),
			app.Input().ID("scan-file").Type("file").Class("file").Accept("image/*").Multiple(true).OnChange(s.onFile),
		),
		app.Div().Class("scan-view").Hidden(s.source != "camera").Body(
			app.Video().ID("scan-video").Class("scan-video").Muted(true).Attr("playsinline", true).AutoPlay(true).
				Aria("label", l.T(i18n.ScanCameraView)),
			app.Raw(aimFrame),
		),
		app.If(s.source != "", func() app.UI {
			return app.Div().Class("scan-controls").Body(
				app.If(s.source == "camera" && len(s.cameras) > 1, func() app.UI {
					opts := make([]app.UI, len(s.cameras))
					for i, cam := range s.cameras {
						label := cam.Label
						if label == "" {
							label = l.F(i18n.ScanCameraN, i+1)
						}
						opts[i] = app.Option().Value(cam.ID).Selected(cam.ID == s.deviceID).Text(label)
					}
					return app.Select().ID("scan-device").Aria("label", l.T(i18n.ScanCameraPicker)).OnChange(s.onDevice).Body(opts...)
				}),
				app.If(s.source == "camera" && s.torch > 0, func() app.UI {
					return app.Button().ID("scan-torch").Type("button").Class("ghost").
						Aria("pressed", s.torch == 2).Text(l.T(i18n.ScanTorch)).OnClick(s.onTorch)
				}),
				app.Button().ID("scan-stop").Type("button").Class("ghost").Text(l.T(i18n.ScanStop)).OnClick(s.onStop),
			)
		}),
		app.If(status != "", func() app.UI {
			return app.P().ID("scan-status").Class("hint").Role("status").Text(status)
		}),
		app.If(s.OnReset != nil, func() app.UI {
			return app.Button().ID("scan-reset").Type("button").Class("link").Text(l.T(i18n.ScanReset)).OnClick(s.onReset)
		}),
		app.If(problem != "", func() app.UI {
			return app.P().ID("scan-error").Class("error").Role("alert").Text(problem)
		}),
		app.P().Class("hint").Text(l.T(i18n.ScanDropHint)),
	)
}

// aimFrame is the square drawn over the camera's picture to aim at. An SVG
// whose square viewBox is fitted to the picture ("meet") keeps it square
// and centred whatever the picture's shape, sized by its shorter side;
// outside the square the picture is dimmed.
const aimFrame = `<svg class="scan-frame" aria-hidden="true" viewBox="0 0 100 100" preserveAspectRatio="xMidYMid meet">` +
	`<path d="M-1000-1000H1100V1100H-1000ZM14 14V86H86V14Z" fill="#000" fill-opacity="0.25" fill-rule="evenodd"/>` +
	`<rect x="14" y="14" width="72" height="72" rx="5" fill="none" stroke="#fff" stroke-opacity="0.85" stroke-width="1.2"/>` +
	`</svg>`
