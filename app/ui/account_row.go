package ui

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/listing"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// rowState is what a row of the list shows besides its account.
type rowState struct {
	now     time.Time
	copied  bool   // its code was just copied
	handle  bool   // it can be moved up or down, with a handle
	dragged bool   // it is being dragged by its handle
	drop    string // where a dragged row would land: "drop-before" or "drop-after" it
	masked  bool   // its code is hidden until tapped (see prefHide)
}

// row draws one account of the list. It is a plain function, not a
// component, so that a list of a thousand accounts stays quick to draw;
// its handlers are methods of the screen that read the account's id from
// the element (see rowID).
//
// A row holds, in order: the reorder handle (when the account can move),
// the issuer's mark, the copy button (issuer, name, group, code), the
// countdown or the HOTP Next button, the favourite star and Edit. CSS grid
// areas place them on screen.
func (c *VaultScreen) row(a *vault.Account, r rowState) app.UI {
	l := c.Lang
	label, sub := a.Issuer, a.Name
	if label == "" {
		label, sub = a.Name, ""
	}
	code, err := a.Key.Code(r.now)
	grouped := otp.Group(code)
	if err != nil {
		grouped = l.T(i18n.VaultCodeError)
	}
	id := a.ID
	var timer app.UI
	if a.Type != otp.HOTP {
		// The countdown is drawn by static/countdown.js from data-period;
		// go-app gives its elements no content to manage.
		timer = app.Div().Class("timer").Role("timer").DataSet("period", a.Period).Body(
			app.Progress().Class("countdown").Max(a.Period).Aria("hidden", "true"),
			app.Span().Class("seconds").Aria("hidden", "true"),
		)
	} else {
		timer = app.Button().Class("ghost next").DataSet("id", id).Aria("label", l.F(i18n.VaultNextLabel, label)).Text(l.T(i18n.VaultNext)).
			OnClick(c.onNext)
	}

	// The button's name is its visible text, led or followed by words
	// only a screen reader speaks (VaultCopy around the account), so that
	// a person who says what they see ("GitHub") finds it (WCAG 2.5.3,
	// label in name). The words read "copy the code of" before the
	// account in English and after it in Japanese; the "Copied" mark goes
	// at the other end, so that what the button shows stays one run of
	// its name. Grid areas place the parts on screen, whatever their
	// order.
	before, after := copyWords(l)
	copied := app.Span().Class("copied").Text(map[bool]string{true: l.T(i18n.VaultCopied), false: ""}[r.copied])
	var group app.UI
	if a.Group != "" {
		group = app.Span().Class("group-tag").Text(a.Group)
	}
	parts := []app.UI{
		hiddenText(before),
		app.Span().Class("issuer").Text(label),
		app.Span().Class("sub").Body(app.Span().Class("name").Text(sub), group),
		codeText(l, grouped, r.masked && err == nil),
		hiddenText(after),
	}
	if after != "" && before == "" {
		parts = append([]app.UI{copied}, parts...)
	} else {
		parts = append(parts, copied)
	}
	button := app.Button().ID("copy-"+id).Class("code-button").DataSet("id", id).OnClick(c.onCopy)
	// In the last seconds of a period, the next code shows where "Copied"
	// does. It is drawn by the style sheet from data-next, as generated
	// content with an empty alternative: it is there to be seen, and
	// kept out of the button's name, which would otherwise change under
	// a screen reader twice a period.
	if err == nil && !r.copied && !r.masked {
		if next, ok := listing.NextCode(a.Key, r.now); ok {
			button = button.DataSet("next", l.F(i18n.ListNextCode, otp.Group(next)))
		}
	}

	class := "account"
	if r.dragged {
		class += " dragging"
	}
	if r.drop != "" {
		class += " " + r.drop
	}
	var handle app.UI
	if r.handle {
		// A div, not a button: Firefox starts no drag from a button. The
		// list's handlers (see listDrag) move it with the arrow keys or
		// by dragging.
		move := l.F(i18n.ListMove, label)
		handle = app.Div().ID("move-"+id).Class("handle").Role("button").TabIndex(0).Draggable(true).DataSet("id", id).
			Aria("label", move).Aria("describedby", "move-help").Title(move)
	}
	mark := listing.NewMark(a.Issuer, a.Name)
	favourite := l.F(i18n.ListFavourite, label)
	return app.Li().Class(class).DataSet("id", id).Body(
		handle,
		app.Span().Class("mark "+mark.Class()).Aria("hidden", "true").Text(mark.Initials),
		button.Body(parts...),
		timer,
		app.Button().ID("fav-"+id).Class("fav").DataSet("id", id).Aria("pressed", a.Favourite).
			Aria("label", favourite).Title(favourite).OnClick(c.onFavourite),
		app.Button().Class("ghost edit").DataSet("id", id).Aria("label", l.F(i18n.VaultEditLabel, label)).Text(l.T(i18n.VaultEdit)).
			OnClick(c.onEdit),
	)
}

// codeText draws a row's code, or, hidden, dots in its place, which
// screen readers skip for words that say the code is hidden.
func codeText(l i18n.Lang, grouped string, hidden bool) app.UI {
	if !hidden {
		return app.Span().Class("code").Text(grouped)
	}
	return app.Span().Class("code masked").Body(
		app.Span().Aria("hidden", "true").Text(masked(grouped)),
		hiddenText(" "+l.T(i18n.VaultCodeHidden)),
	)
}

// copyWords returns the words of a copy button's name that come before and
// after the account in l, with the spaces that part them from it.
func copyWords(l i18n.Lang) (before, after string) {
	before, after, _ = strings.Cut(l.T(i18n.VaultCopy), "%[1]s")
	return before, after
}

// hiddenText is a text only screen readers speak, or nothing.
func hiddenText(s string) app.UI {
	if s == "" {
		return nil
	}
	return app.Span().Class("visually-hidden").Text(s)
}
