package ui

import (
	"encoding/base64"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/transfer"
)

// TransferCodes shows the codes of a sealed transfer, step by step or
// playing by themselves, with the verification code that the other side
// types. Leaving it ends the transfer.
type TransferCodes struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	Env    *env
	Msg    *transfer.Message
	Code   string
	Layout transfer.Layout
	OnDone func(ctx app.Context)

	count  int
	shown  int // the step shown, from 0
	auto   bool
	rate   int // frames a second while playing
	frame  string
	side   int // the code's side in CSS pixels
	paused bool
	err    shown

	stop chan struct{}
	// still stops the redrawing of the code shown step by step; variant
	// says which error correction level draws it now.
	still   chan struct{}
	variant bool
	release func()
	unhide  func()
	swipeX  float64
}

// OnMount shows the first code and moves the focus to the title, which
// scrolls the page back to the top of the panel: the code must be whole on
// the screen to be captured. The arrow keys step from there.
func (p *TransferCodes) OnMount(ctx app.Context) {
	if p.Msg == nil || p.Env == nil {
		return
	}
	p.count, p.shown, p.rate = p.Msg.Count(p.Layout), 0, p.Layout.Rate
	p.draw(ctx, p.Msg.Frames(p.Layout)[0])
	p.redraw(ctx)
	p.Env.focus(ctx, "tr-title")
}

// OnDismount stops auto-play and the redrawing, and forgets the code shown.
func (p *TransferCodes) OnDismount() {
	p.halt()
	if p.still != nil {
		close(p.still)
		p.still = nil
	}
	p.frame, p.count, p.shown, p.auto = "", 0, 0, false
}

func (p *TransferCodes) close(ctx app.Context, e app.Event) {
	if p.OnDone != nil {
		p.OnDone(ctx)
	}
}

// Render draws the code, what it is, the verification code under the last
// one, and the buttons.
func (p *TransferCodes) Render() app.UI {
	return app.Section().ID("transfer-send").Class("card panel").Aria("labelledby", "tr-title").OnKeyDown(p.onKey).Body(
		app.H1().ID("tr-title").TabIndex(-1).Text(p.Lang.T(i18n.TransferSendTitle)),
		p.codeView(),
		app.If(p.err != nil, func() app.UI { return app.P().ID("tr-error").Class("error").Role("alert").Text(p.err.in(p.Lang)) }),
	)
}

// halt stops auto-play, the wake lock and the page-hiding watch.
func (p *TransferCodes) halt() {
	if p.stop != nil {
		close(p.stop)
		p.stop = nil
	}
	if p.release != nil {
		p.release()
		p.release = nil
	}
	if p.unhide != nil {
		p.unhide()
		p.unhide = nil
	}
	p.paused = false
}

// stillEvery is how often the code shown step by step is drawn again at
// the other error correction level.
const stillEvery = 2 * time.Second

// redraw draws the code shown step by step again every stillEvery, at the
// other error correction level: the same text in other modules. A screen
// capture that cannot read a code (a pattern in its data that looks like a
// finder pattern) fails on every identical frame, so a still code must
// change to be read.
func (p *TransferCodes) redraw(ctx app.Context) {
	still := make(chan struct{})
	p.still = still
	ctx.Async(func() {
		t := time.NewTicker(stillEvery)
		defer t.Stop()
		for {
			select {
			case <-still:
				return
			case <-t.C:
			}
			ctx.Dispatch(func(ctx app.Context) {
				if p.still != still || p.auto || p.Msg == nil {
					return
				}
				p.variant = !p.variant
				p.draw(ctx, p.Msg.Frames(p.Layout)[p.shown])
			})
		}
	})
}

// draw shows a frame text as a QR code with whole device pixels per
// module, as large as the window allows.
func (p *TransferCodes) draw(ctx app.Context, text string) {
	l := p.Layout
	if p.variant {
		l.Level = map[bool]transfer.Level{true: transfer.LevelM, false: transfer.LevelL}[l.Level == transfer.LevelL]
	}
	src, side, err := qrImage(text, l, p.Env.svc)
	if err != nil {
		p.err = showErr(err)
		return
	}
	p.frame, p.side = src, side
}

// qrImage renders text as a PNG with one pixel a module, a four-module
// quiet zone included, and returns it as a data URL with the side in CSS
// pixels at which each module covers a whole number of device pixels.
func qrImage(text string, l transfer.Layout, svc Services) (src string, side int, err error) {
	png, modules, err := transfer.Image(text, l, 1)
	if err != nil {
		return "", 0, err
	}
	w, h, ratio := 1280, 800, 1.0
	if svc.Display != nil {
		w, h, ratio = svc.Display()
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(png), codeSide(modules, w, h, ratio), nil
}

// codeRoom returns the side in device pixels that a code may take in the
// window.
func codeRoom(svc Services) int {
	w, h, ratio := 1280, 800, 1.0
	if svc.Display != nil {
		w, h, ratio = svc.Display()
	}
	return int(float64(min(w-codeRoomW, h-codeRoomH)) * max(ratio, 1))
}

// codeRoomW and codeRoomH are the room in CSS pixels that the code view keeps around a
// code for the text and buttons: width beside it, height below it.
const codeRoomW, codeRoomH = 32, 330

// codeSide returns the side in CSS pixels of a code of modules modules (its
// quiet zone included) drawn as large as a window of w×h CSS pixels at
// ratio device pixels per CSS pixel allows, with a whole number of device
// pixels per module, and at least one.
func codeSide(modules, w, h int, ratio float64) int {
	if ratio <= 0 {
		ratio = 1
	}
	room := min(w-codeRoomW, h-codeRoomH)
	px := int(float64(room) * ratio / float64(modules))
	px = max(px, 1)
	return int(float64(px*modules)/ratio + 0.5)
}

// step shows the previous or the next code.
func (p *TransferCodes) step(ctx app.Context, by int) {
	if p.Msg == nil || p.auto {
		return
	}
	n := min(max(p.shown+by, 0), p.count-1)
	if n == p.shown {
		return
	}
	p.shown = n
	p.draw(ctx, p.Msg.Frames(p.Layout)[n])
}

func (p *TransferCodes) onStep(ctx app.Context, e app.Event) {
	// The button used is disabled at either end, which would drop the
	// focus: it moves on to the next thing to press.
	if ctx.JSSrc().Get("id").String() == "tr-prev" {
		p.step(ctx, -1)
		if p.shown == 0 {
			p.Env.focus(ctx, "tr-next")
		}
	} else {
		p.step(ctx, 1)
		if p.shown == p.count-1 {
			p.Env.focus(ctx, "tr-done")
		}
	}
}

// onKey steps with the arrow keys and closes with Escape.
func (p *TransferCodes) onKey(ctx app.Context, e app.Event) {
	switch e.Get("key").String() {
	case "ArrowRight", "PageDown":
		p.step(ctx, 1)
	case "ArrowLeft", "PageUp":
		p.step(ctx, -1)
	case "Escape":
		p.close(ctx, e)
	}
}

func (p *TransferCodes) onPointerDown(ctx app.Context, e app.Event) {
	p.swipeX = e.Get("clientX").Float()
}

// onPointerUp steps when the pointer moved sideways by more than a fifth
// of the code: a swipe.
func (p *TransferCodes) onPointerUp(ctx app.Context, e app.Event) {
	dx := e.Get("clientX").Float() - p.swipeX
	if limit := float64(max(p.side/5, 24)); dx > limit {
		p.step(ctx, -1)
	} else if dx < -limit {
		p.step(ctx, 1)
	}
}

// onPlay starts or stops auto-play.
func (p *TransferCodes) onPlay(ctx app.Context, e app.Event) {
	if p.Msg == nil {
		return
	}
	if p.auto {
		p.halt()
		p.auto = false
		p.draw(ctx, p.Msg.Frames(p.Layout)[p.shown])
		return
	}
	p.auto = true
	p.play(ctx)
}

func (p *TransferCodes) onRate(ctx app.Context, e app.Event) {
	r, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
	if err != nil || r <= 0 {
		return
	}
	p.rate = r
	if p.auto {
		p.halt()
		p.play(ctx)
	}
}

// play shows the stream, a new frame at each tick, never the same frame
// twice, until halted; it pauses while the page is hidden and keeps the
// screen on while it plays.
func (p *TransferCodes) play(ctx app.Context) {
	svc, msg, l := p.Env.svc, p.Msg, p.Layout
	stop := make(chan struct{})
	p.stop = stop
	if svc.WakeLock != nil {
		p.release = svc.WakeLock()
	}
	hidden := make(chan bool, 1)
	if svc.OnHidden != nil {
		p.unhide = svc.OnHidden(func(h bool) {
			select {
			case hidden <- h:
			case <-stop:
			}
		})
	}
	every := time.Second / time.Duration(max(p.rate, 1))
	ctx.Async(func() {
		t := time.NewTicker(every)
		defer t.Stop()
		paused := false
		for seq := uint64(0); ; {
			select {
			case <-stop:
				return
			case paused = <-hidden:
				ctx.Dispatch(func(ctx app.Context) {
					if p.stop == stop {
						p.paused = paused
					}
				})
				continue
			case <-t.C:
			}
			if paused {
				continue
			}
			src, side, err := qrImage(msg.Stream(l, seq), l, svc)
			seq++
			ctx.Dispatch(func(ctx app.Context) {
				if p.stop != stop {
					return
				}
				if err != nil {
					p.err = showErr(err)
					return
				}
				p.frame, p.side = src, side
			})
		}
	})
}

func (p *TransferCodes) codeView() app.UI {
	l := p.Lang
	last := p.shown == p.count-1
	var status string
	switch {
	case p.auto && p.paused:
		status = l.T(i18n.TransferPaused)
	case p.auto:
		status = l.N(i18n.TransferPlaying, p.count)
	default:
		status = l.F(i18n.TransferStep, p.shown+1, p.count)
	}
	alt := l.F(i18n.TransferImageStep, p.shown+1, p.count)
	if p.auto {
		alt = l.F(i18n.TransferImagePlaying, p.rate)
	}
	rates := make([]app.UI, len(playRates))
	for i, r := range playRates {
		rates[i] = app.Option().Value(strconv.Itoa(r)).Selected(r == p.rate).Text(l.F(i18n.TransferRate, r))
	}
	return app.Div().Class("qr-view transfer-view").Body(
		app.P().ID("tr-count").Role("status").Aria("live", "polite").Text(status),
		// The size is given as attributes: the CSP allows no style
		// attributes, and the image must not be scaled by CSS.
		app.Img().ID("tr-image").Class("qr-code transfer-code").Alt(alt).Src(p.frame).
			Width(p.side).Height(p.side).Attr("draggable", "false").
			On("pointerdown", p.onPointerDown).On("pointerup", p.onPointerUp),
		app.If(p.auto || last, func() app.UI {
			return app.P().ID("tr-code-line").Class("verify").Body(
				app.Span().Text(l.T(i18n.TransferCodeIs)),
				app.Strong().ID("tr-code").Class("verify-code").Text(p.Code),
			)
		}),
		app.If(!p.auto && !last, func() app.UI {
			return app.P().Class("hint").Text(l.T(i18n.TransferCodeLater))
		}),
		app.Div().Class("actions").Body(
			app.If(!p.auto, func() app.UI {
				return app.Button().ID("tr-prev").Type("button").Class("ghost").Disabled(p.shown == 0).Text(l.T(i18n.TransferBack)).OnClick(p.onStep)
			}),
			app.If(!p.auto, func() app.UI {
				return app.Button().ID("tr-next").Type("button").Class("primary").Disabled(last).Text(l.T(i18n.TransferNext)).OnClick(p.onStep)
			}),
			app.Button().ID("tr-play").Type("button").Class("ghost").Aria("pressed", p.auto).
				Text(l.T(map[bool]i18n.Message{false: i18n.TransferPlay, true: i18n.TransferStepwise}[p.auto])).OnClick(p.onPlay),
			app.If(p.auto, func() app.UI {
				return app.Select().ID("tr-rate").Aria("label", l.T(i18n.TransferRateLabel)).OnChange(p.onRate).Body(rates...)
			}),
			app.Button().ID("tr-done").Type("button").Class("ghost").Text(l.T(i18n.TransferDone)).OnClick(p.close),
		),
	)
}

// playRates are the auto-play speeds offered, in frames a second.
var playRates = []int{2, 3, 4, 6, 8, 10}
