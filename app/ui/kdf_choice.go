package ui

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/kdf"
	"twofold.app/app/vault"
)

// KDFChoice offers a costlier key derivation for the vault's password to
// people who accept a slower unlock, and says what each costs on this
// device. Changing it needs the password.
type KDFChoice struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang
	Env  *env

	stronger bool // chosen in the select, not yet applied
	chosen   bool // the select was changed since the last apply
	password string
	sets     int // the app's own changes of password
	busy     bool
	err      shown
	done     shown
}

// stronger reports whether p is the stronger choice: at least as costly as
// [kdf.Stronger].
func isStronger(p vault.Params) bool {
	return work(p) >= work(kdf.Stronger)
}

// work is the cost of a derivation with p, in passes over a KiB.
func work(p vault.Params) float64 { return float64(p.Time) * float64(p.MemoryKiB) }

// estimate returns how long a derivation with p would take on a device
// where one with took took d: the cost grows with passes times memory.
func estimate(d time.Duration, took, p vault.Params) time.Duration {
	if work(took) == 0 {
		return 0
	}
	return time.Duration(float64(d) * work(p) / work(took))
}

// seconds writes d in seconds with one decimal.
func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', 1, 64)
}

// target is the cost the select names.
func (c *KDFChoice) target() vault.Params {
	if c.stronger {
		return kdf.Stronger
	}
	return c.Env.svc.params()
}

func (c *KDFChoice) current() bool {
	return c.Env != nil && isStronger(c.Env.keeper.Params())
}

func (c *KDFChoice) onChoose(ctx app.Context, e app.Event) {
	c.stronger = ctx.JSSrc().Get("value").String() == "stronger"
	c.chosen, c.err, c.done = true, nil, nil
}

func (c *KDFChoice) onPassword(ctx app.Context, e app.Event) {
	c.password = ctx.JSSrc().Get("value").String()
	c.err = nil
}

func (c *KDFChoice) apply(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if c.busy || c.Env == nil {
		return
	}
	password, p := []byte(c.password), c.target()
	c.password = ""
	c.sets++
	c.busy, c.err, c.done = true, nil, nil
	k, derive := c.Env.keeper, c.Env.svc.kdf()
	// The new slot's derivation is timed, to say what unlocking costs now.
	var mu sync.Mutex
	var took time.Duration
	timed := func(password, salt []byte, q vault.Params) ([]byte, error) {
		start := time.Now()
		key, err := derive(password, salt, q)
		if q == p {
			mu.Lock()
			took = time.Since(start)
			mu.Unlock()
		}
		return key, err
	}
	env := c.Env
	ctx.Async(func() {
		err := k.ChangeParams(context.Background(), password, p, timed)
		ctx.Dispatch(func(ctx app.Context) {
			c.busy = false
			if err != nil {
				c.err = showErr(err)
				if errors.Is(err, vault.ErrWrongPassword) {
					c.err = showMsg(i18n.SettingsWrongCurrent)
				}
				return
			}
			mu.Lock()
			env.unlockTook, env.unlockParams = took, p
			mu.Unlock()
			c.chosen = false
			c.done = showF(i18n.SettingsKDFChanged, seconds(took))
		})
	})
}

// Render draws the choice, and the password and the button once another
// one is chosen.
func (c *KDFChoice) Render() app.UI {
	l := c.Lang
	current := c.current()
	stronger := current
	if c.chosen {
		stronger = c.stronger
	}
	var took, would string
	if c.Env != nil && c.Env.unlockTook > 0 {
		took = l.F(i18n.SettingsKDFTook, seconds(c.Env.unlockTook))
		if stronger != current {
			p := c.Env.svc.params()
			if stronger {
				p = kdf.Stronger
			}
			would = l.F(i18n.SettingsKDFWould, seconds(estimate(c.Env.unlockTook, c.Env.unlockParams, p)))
		}
	}
	return app.Div().Body(
		app.H2().Text(l.T(i18n.SettingsKDF)),
		app.P().Class("muted").Text(l.T(i18n.SettingsKDFIntro)),
		app.Form().ID("kdf-form").OnSubmit(c.apply).Body(
			app.Div().Class("field").Body(
				app.Label().For("kdf-choice").Text(l.T(i18n.SettingsKDFLabel)),
				app.Select().ID("kdf-choice").Disabled(c.busy).OnChange(c.onChoose).Body(
					app.Option().Value("standard").Selected(!stronger).Text(l.T(i18n.SettingsKDFStandard)),
					app.Option().Value("stronger").Selected(stronger).Text(l.T(i18n.SettingsKDFStronger)),
				),
				app.If(took != "" && c.done == nil, func() app.UI {
					return app.P().ID("kdf-took").Class("hint").Text(took + " " + would)
				}),
			),
			app.If(stronger != current || c.busy, func() app.UI {
				return app.Div().Body(
					app.Div().Class("field").Body(
						app.Label().For("kdf-password").Text(l.T(i18n.SettingsKDFPassword)),
						&textField{ID: "kdf-password", Text: c.password, Set: c.sets, Input: func() app.HTMLInput {
							return app.Input().Type("password").Attr("autocomplete", "current-password").
								Required(true).Disabled(c.busy).OnInput(c.onPassword)
						}},
					),
					busyButton("kdf-apply", l.T(i18n.SettingsKDFApply), l.T(i18n.SettingsKDFApplying), c.busy),
				)
			}),
			app.If(c.err != nil, func() app.UI { return app.P().ID("kdf-error").Class("error").Role("alert").Text(c.err.in(l)) }),
			app.If(c.done != nil, func() app.UI { return app.P().ID("kdf-done").Class("hint").Role("status").Text(c.done.in(l)) }),
		),
	)
}
