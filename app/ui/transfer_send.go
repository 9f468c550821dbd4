package ui

import (
	"encoding/base64"
	"sort"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/transfer"
	"twofold.app/app/vault"
)

// TransferSendPanel moves accounts to another device or browser: the user
// chooses the accounts and where the codes will be read, then it shows the
// transfer QR codes, step by step or playing by themselves, with the
// verification code that the other side types.
type TransferSendPanel struct {
	app.Compo

	Env    *env
	OnDone func(ctx app.Context)

	excluded  map[string]bool
	query     string
	group     string // "" for every group
	situation transfer.Situation
	busy      bool
	err       string

	msg    *transfer.Message
	code   string
	layout transfer.Layout
	count  int
	shown  int // the step shown, from 0
	auto   bool
	rate   int // frames a second while playing
	frame  string
	side   int // the code's side in CSS pixels
	paused bool

	stop chan struct{}
	// still stops the redrawing of the code shown step by step; variant
	// says which error correction level draws it now.
	still   chan struct{}
	variant bool
	release func()
	unhide  func()
	swipeX  float64
}

// playRates are the auto-play speeds offered, in frames a second.
var playRates = []int{2, 3, 4, 6, 8, 10}

// OnDismount ends the transfer: leaving the screen forgets the message and
// the verification code.
func (p *TransferSendPanel) OnDismount() { p.end() }

func (p *TransferSendPanel) end() {
	p.halt()
	if p.still != nil {
		close(p.still)
		p.still = nil
	}
	p.msg, p.code, p.frame, p.count, p.shown, p.auto = nil, "", "", 0, 0, false
}

// halt stops auto-play, the wake lock and the page-hiding watch.
func (p *TransferSendPanel) halt() {
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

func (p *TransferSendPanel) close(ctx app.Context, e app.Event) {
	p.end()
	if p.OnDone != nil {
		p.OnDone(ctx)
	}
}

// chosen returns the accounts to send, in the vault's order.
func (p *TransferSendPanel) chosen() []vault.Account {
	if p.Env == nil {
		return nil
	}
	var out []vault.Account
	for _, a := range p.Env.keeper.Contents().Accounts {
		if !p.excluded[a.ID] {
			out = append(out, a)
		}
	}
	return out
}

// listed reports whether account a is shown by the search and the group.
func (p *TransferSendPanel) listed(a *vault.Account) bool {
	return matches(a, p.query) && (p.group == "" || a.Group == p.group)
}

func (p *TransferSendPanel) onToggle(ctx app.Context, e app.Event) {
	if p.excluded == nil {
		p.excluded = map[string]bool{}
	}
	p.excluded[ctx.JSSrc().Get("dataset").Get("id").String()] = !ctx.JSSrc().Get("checked").Bool()
	p.err = ""
}

// onShown chooses or leaves out every account that the search and group
// show.
func (p *TransferSendPanel) onShown(ctx app.Context, e app.Event) {
	if p.Env == nil {
		return
	}
	if p.excluded == nil {
		p.excluded = map[string]bool{}
	}
	out := ctx.JSSrc().Get("id").String() == "tr-none"
	for _, a := range p.Env.keeper.Contents().Accounts {
		if p.listed(&a) {
			p.excluded[a.ID] = out
		}
	}
	p.err = ""
}

func (p *TransferSendPanel) onSituation(ctx app.Context, e app.Event) {
	if s, err := strconv.Atoi(ctx.JSSrc().Get("value").String()); err == nil {
		p.situation = transfer.Situation(s)
	}
}

func (p *TransferSendPanel) situationOr() transfer.Situation {
	if p.situation == 0 {
		return transfer.Screen
	}
	return p.situation
}

// start seals the chosen accounts under a new verification code.
func (p *TransferSendPanel) start(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.Env == nil || p.busy {
		return
	}
	accounts := p.chosen()
	if len(accounts) == 0 {
		p.err = "Choose at least one account."
		return
	}
	svc, situation := p.Env.svc, p.situationOr()
	p.busy, p.err = true, ""
	ctx.Async(func() {
		var msg *transfer.Message
		code, err := transfer.NewCode(svc.rand())
		if err == nil {
			msg, err = transfer.Seal(accounts, code, transfer.DefaultParams, svc.rand(), svc.kdf())
		}
		ctx.Dispatch(func(ctx app.Context) {
			p.busy = false
			if err != nil {
				p.err = describe(err)
				return
			}
			l := transfer.LayoutIn(situation, codeRoom(svc))
			p.msg, p.code, p.layout, p.count, p.shown = msg, code.String(), l, msg.Count(l), 0
			p.rate = l.Rate
			p.draw(ctx, msg.Frames(l)[0])
			p.redraw(ctx)
			// The title takes the focus, which scrolls the page back to the
			// top of the panel: the code must be whole on the screen to be
			// captured. The arrow keys step from there.
			p.Env.focus(ctx, "tr-title")
		})
	})
}

// stillEvery is how often the code shown step by step is drawn again at
// the other error correction level.
const stillEvery = 2 * time.Second

// redraw draws the code shown step by step again every stillEvery, at the
// other error correction level: the same text in other modules. A screen
// capture that cannot read a code (a pattern in its data that looks like a
// finder pattern) fails on every identical frame, so a still code must
// change to be read.
func (p *TransferSendPanel) redraw(ctx app.Context) {
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
				if p.still != still || p.auto || p.msg == nil {
					return
				}
				p.variant = !p.variant
				p.draw(ctx, p.msg.Frames(p.layout)[p.shown])
			})
		}
	})
}

// draw shows a frame text as a QR code with whole device pixels per
// module, as large as the window allows.
func (p *TransferSendPanel) draw(ctx app.Context, text string) {
	l := p.layout
	if p.variant {
		l.Level = map[bool]transfer.Level{true: transfer.LevelM, false: transfer.LevelL}[l.Level == transfer.LevelL]
	}
	src, side, err := qrImage(text, l, p.Env.svc)
	if err != nil {
		p.err = describe(err)
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
func (p *TransferSendPanel) step(ctx app.Context, by int) {
	if p.msg == nil || p.auto {
		return
	}
	n := min(max(p.shown+by, 0), p.count-1)
	if n == p.shown {
		return
	}
	p.shown = n
	p.draw(ctx, p.msg.Frames(p.layout)[n])
}

func (p *TransferSendPanel) onStep(ctx app.Context, e app.Event) {
	if ctx.JSSrc().Get("id").String() == "tr-prev" {
		p.step(ctx, -1)
	} else {
		p.step(ctx, 1)
	}
}

// onKey steps with the arrow keys and closes with Escape.
func (p *TransferSendPanel) onKey(ctx app.Context, e app.Event) {
	switch e.Get("key").String() {
	case "ArrowRight", "PageDown":
		p.step(ctx, 1)
	case "ArrowLeft", "PageUp":
		p.step(ctx, -1)
	case "Escape":
		p.close(ctx, e)
	}
}

func (p *TransferSendPanel) onPointerDown(ctx app.Context, e app.Event) {
	p.swipeX = e.Get("clientX").Float()
}

// onPointerUp steps when the pointer moved sideways by more than a fifth
// of the code: a swipe.
func (p *TransferSendPanel) onPointerUp(ctx app.Context, e app.Event) {
	dx := e.Get("clientX").Float() - p.swipeX
	if limit := float64(max(p.side/5, 24)); dx > limit {
		p.step(ctx, -1)
	} else if dx < -limit {
		p.step(ctx, 1)
	}
}

// onPlay starts or stops auto-play.
func (p *TransferSendPanel) onPlay(ctx app.Context, e app.Event) {
	if p.msg == nil {
		return
	}
	if p.auto {
		p.halt()
		p.auto = false
		p.draw(ctx, p.msg.Frames(p.layout)[p.shown])
		return
	}
	p.auto = true
	p.play(ctx)
}

func (p *TransferSendPanel) onRate(ctx app.Context, e app.Event) {
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
func (p *TransferSendPanel) play(ctx app.Context) {
	svc, msg, l := p.Env.svc, p.msg, p.layout
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
					p.err = describe(err)
					return
				}
				p.frame, p.side = src, side
			})
		}
	})
}

// Render draws the choice of accounts, then the codes.
func (p *TransferSendPanel) Render() app.UI {
	body := p.choice()
	if p.msg != nil {
		body = p.codeView()
	}
	return app.Section().ID("transfer-send").Class("card panel").Aria("labelledby", "tr-title").OnKeyDown(p.onKey).Body(
		app.H1().ID("tr-title").TabIndex(-1).Text("Move to another device"),
		body,
		app.If(p.err != "", func() app.UI { return app.P().ID("tr-error").Class("error").Role("alert").Text(p.err) }),
	)
}

func (p *TransferSendPanel) choice() app.UI {
	var rows []app.UI
	groups := map[string]bool{}
	chosen := 0
	if p.Env != nil {
		for _, a := range p.Env.keeper.Contents().Accounts {
			if a.Group != "" {
				groups[a.Group] = true
			}
			if !p.excluded[a.ID] {
				chosen++
			}
			if !p.listed(&a) {
				continue
			}
			rows = append(rows, app.Li().Body(app.Label().Class("check").Body(
				app.Input().Type("checkbox").ID("tr-acc-"+a.ID).DataSet("id", a.ID).
					Checked(!p.excluded[a.ID]).OnChange(p.onToggle),
				app.Span().Text(label(a)),
			)))
		}
	}
	var groupSelect app.UI
	if len(groups) > 0 {
		names := make([]string, 0, len(groups))
		for g := range groups {
			names = append(names, g)
		}
		sort.Strings(names)
		opts := []app.UI{app.Option().Value("").Selected(p.group == "").Text("All groups")}
		for _, g := range names {
			opts = append(opts, app.Option().Value(g).Selected(p.group == g).Text(g))
		}
		groupSelect = app.Select().ID("tr-group").Aria("label", "Group").Body(opts...).
			OnChange(func(ctx app.Context, e app.Event) { p.group = ctx.JSSrc().Get("value").String() })
	}
	situations := []struct {
		s     transfer.Situation
		id    string
		label string
		hint  string
	}{
		{transfer.Screen, "tr-for-screen", "Another browser on this screen", "The other browser shares this window and reads the codes from it."},
		{transfer.Camera, "tr-for-camera", "Another device's camera", "A phone or a laptop points its camera at this screen."},
		{transfer.OldCamera, "tr-for-old", "An older or blurry camera", "Smaller codes, more of them."},
	}
	radios := make([]app.UI, len(situations))
	for i, s := range situations {
		radios[i] = app.Label().Class("radio").Body(
			app.Input().Type("radio").ID(s.id).Name("tr-for").Value(strconv.Itoa(int(s.s))).
				Checked(p.situationOr() == s.s).OnChange(p.onSituation),
			app.Span().Body(app.Text(s.label), app.Span().Class("hint block").Text(s.hint)),
		)
	}
	return app.Form().ID("tr-form").OnSubmit(p.start).Body(
		app.P().Text("Shows transfer QR codes for Twofold on the other device or browser: open Twofold there and choose "+
			"“Move accounts from another device”. The codes are encrypted; a verification code shown here, never in a QR code, unlocks them."),
		app.FieldSet().Class("choice").Body(
			app.Legend().Text("Accounts to move ("+strconv.Itoa(chosen)+" chosen)"),
			app.Div().Class("toolbar tight").Body(
				app.Input().ID("tr-search").Type("search").Class("search").Placeholder("Search").
					Aria("label", "Search accounts to move").Value(p.query).
					OnInput(func(ctx app.Context, e app.Event) { p.query = ctx.JSSrc().Get("value").String() }),
				groupSelect,
				app.Button().ID("tr-all").Type("button").Class("ghost").Text("Choose shown").OnClick(p.onShown),
				app.Button().ID("tr-none").Type("button").Class("ghost").Text("Leave out shown").OnClick(p.onShown),
			),
			app.Ul().ID("tr-accounts").Class("checklist").Body(rows...),
		),
		app.FieldSet().Class("choice").Body(append([]app.UI{app.Legend().Text("Where the codes will be read")}, radios...)...),
		app.Div().Class("actions").Body(
			busyButton("tr-show", "Show transfer codes", "Encrypting…", p.busy),
			app.Button().ID("tr-close").Type("button").Class("ghost").Text("Cancel").OnClick(p.close),
		),
	)
}

func (p *TransferSendPanel) codeView() app.UI {
	last := p.shown == p.count-1
	var status string
	switch {
	case p.auto && p.paused:
		status = "Paused while this page is hidden."
	case p.auto:
		status = "Playing " + plural(p.count, "code") + " in a loop, new ones each time. Let the other side scan until it has them all."
	default:
		status = "Code " + strconv.Itoa(p.shown+1) + " of " + strconv.Itoa(p.count) + "."
	}
	alt := "Transfer QR code " + strconv.Itoa(p.shown+1) + " of " + strconv.Itoa(p.count)
	if p.auto {
		alt = "Transfer QR codes, changing " + strconv.Itoa(p.rate) + " times a second"
	}
	rates := make([]app.UI, len(playRates))
	for i, r := range playRates {
		rates[i] = app.Option().Value(strconv.Itoa(r)).Selected(r == p.rate).Text(strconv.Itoa(r) + " a second")
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
				app.Span().Text("Verification code: "),
				app.Strong().ID("tr-code").Class("verify-code").Text(p.code),
			)
		}),
		app.If(!p.auto && !last, func() app.UI {
			return app.P().Class("hint").Text("The verification code shows under the last code.")
		}),
		app.Div().Class("actions").Body(
			app.If(!p.auto, func() app.UI {
				return app.Button().ID("tr-prev").Type("button").Class("ghost").Disabled(p.shown == 0).Text("Back").OnClick(p.onStep)
			}),
			app.If(!p.auto, func() app.UI {
				return app.Button().ID("tr-next").Type("button").Class("primary").Disabled(last).Text("Next").OnClick(p.onStep)
			}),
			app.Button().ID("tr-play").Type("button").Class("ghost").Aria("pressed", p.auto).
				Text(map[bool]string{false: "Play automatically", true: "Step by step"}[p.auto]).OnClick(p.onPlay),
			app.If(p.auto, func() app.UI {
				return app.Select().ID("tr-rate").Aria("label", "Codes a second").OnChange(p.onRate).Body(rates...)
			}),
			app.Button().ID("tr-done").Type("button").Class("ghost").Text("Done").OnClick(p.close),
		),
	)
}
