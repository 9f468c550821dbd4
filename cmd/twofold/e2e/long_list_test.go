//go:build !js

package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// rowAtFocusJS returns the place in the whole list (aria-posinset) of the
// row holding the focus, 0 when the focus is not in a row of the list, and
// -1 when the row is not on the screen.
const rowAtFocusJS = `(() => {
	const e = document.activeElement;
	const li = e && e.closest("#accounts > li.account");
	if (!li) return 0;
	const r = e.getBoundingClientRect();
	if (r.bottom <= 0 || r.top >= innerHeight) return -1;
	return Number(li.getAttribute("aria-posinset"));
})()`

// shownRowJS returns the text of the issuer of the account the list shows
// at the height y of the screen, "" for none.
const shownRowJS = `(y) => {
	const e = document.elementFromPoint(innerWidth / 2, y);
	const li = e && e.closest("#accounts > li.account");
	return li ? li.querySelector(".issuer").textContent : "";
}`

// TestLongList drives a list of 1,000 accounts as a person does: the page
// holds only the rows near the screen, each saying its place in the list
// (checked by axe-core too);
// Tab goes from row to row past the rows first drawn; the last account is
// there at the end of the page, scrolled to with the End key; a search
// finds an account far down the list and its code is copied.
func TestLongList(t *testing.T) {
	const n = 1000
	sealed, rev := benchVault(t, n)
	for _, size := range []struct {
		name          string
		width, height int64
	}{{"laptop", 1280, 800}, {"phone", 375, 740}} {
		t.Run(size.name, func(t *testing.T) {
			p := openPage(t, newServer(t, testSite(t).Dir))
			p.do("emulating a "+size.name, stepTimeout, chromedp.EmulateViewport(size.width, size.height))
			p.storeVault(sealed, rev)
			p.navigate("/")
			p.submitUnlock(benchPassword, kdfTimeout)
			p.waitFor("1000 accounts listed", "("+listedJS+")() === 1000", time.Minute)
			held := p.count("#accounts > li.account")
			if held < 5 || held > 150 {
				t.Fatalf("the page holds %d rows of %d", held, n)
			}
			if got := evalJS[string](p, `document.querySelector("#accounts > li.account").getAttribute("aria-posinset")`); got != "1" {
				t.Errorf("the first row says it is at %q", got)
			}
			p.axeCheck("a list of 1,000 accounts") // the rows' places are ARIA a list item may have

			// A click as soon as the list is no longer busy lands on the
			// button: the star of the third account, which then leads.
			p.click(`#accounts > li.account:nth-child(3) .fav`)
			p.waitFor("the third account starred, first", `(() => { const r = document.querySelector("#accounts > li.account"); return r.querySelector(".issuer").textContent === "Service 0002" && r.querySelector(".fav").getAttribute("aria-pressed") === "true"; })()`, stepTimeout)

			// Tab from the search field: the focus goes from row to row,
			// always to one on the screen, to ten rows past those first
			// drawn.
			p.click("#search")
			for i := 0; evalJS[int](p, rowAtFocusJS) == 0; i++ {
				if i == 30 {
					t.Fatalf("30 presses of Tab from the search did not reach the list: the focus is on %s", evalJS[string](p, `document.activeElement.outerHTML.slice(0, 80)`))
				}
				p.press(kb.Tab)
			}
			last := 0
			for i := 0; last <= held+10; i++ {
				if i == 400 {
					t.Fatalf("400 presses of Tab reached row %d, of the %d rows first drawn", last, held)
				}
				at := evalJS[int](p, rowAtFocusJS)
				if at <= 0 {
					t.Fatalf("after row %d the focus went to %s (at %d)", last, evalJS[string](p, `document.activeElement.outerHTML.slice(0, 80)`), at)
				}
				if at != last && at != last+1 && last != 0 {
					t.Fatalf("the focus went from row %d to row %d", last, at)
				}
				last = at
				p.press(kb.Tab)
			}
			if held := p.count("#accounts > li.account"); held > 150 {
				t.Errorf("after tabbing the page holds %d rows", held)
			}
			p.shotScreen(fmt.Sprintf("long-list-tabbed-%s", size.name))

			// The End key on the page, from outside the list: the last
			// account is at the bottom.
			evalJS[chromedp.Void](p, `document.activeElement.blur()`)
			p.press(kb.End)
			p.waitFor("the last account on the screen", `document.documentElement.scrollHeight - scrollY - innerHeight < 2 && [...document.querySelectorAll("#accounts > li.account")].some((li) => li.querySelector(".issuer").textContent === "Service 0999" && li.getBoundingClientRect().bottom <= innerHeight)`, stepTimeout)
			p.settle()
			p.shotScreen(fmt.Sprintf("long-list-end-%s", size.name))
			if got := evalJS[string](p, "("+shownRowJS+")(innerHeight / 2)"); got == "" {
				t.Error("the middle of the screen at the end of the list shows no row")
			}

			// A search from the top finds an account far down, whose code
			// is then copied.
			p.press(kb.Home)
			p.click("#search")
			p.typeText("#search", "0873")
			p.waitFor("one account found", `document.querySelectorAll("#accounts > li.account").length === 1 && document.querySelector("#accounts .issuer").textContent === "Service 0873"`, stepTimeout)
			if p.count("#accounts [aria-setsize]") != 0 {
				t.Error("the rows of a short search say a place in a list")
			}
			p.click("#accounts .code-button")
			p.waitFor("the code copied", `document.querySelector("#accounts .copied").textContent !== ""`, stepTimeout)
			p.typeText("#search", "")
			p.waitFor("1000 accounts listed again", "("+listedJS+")() === 1000", stepTimeout)
		})
	}
}

// middleRowJS returns, for the row under the middle of the screen (or
// just below it, where the middle falls between two rows), its place in
// the list (aria-posinset) and the place the list's own height puts there
// (its height shared by its rows, as if they were all in the page), or
// [0, 0] when no row is there.
const middleRowJS = `(() => {
	let y = innerHeight / 2, li = null;
	for (const dy of [0, 12]) {
		const e = document.elementFromPoint(innerWidth / 2, y + dy);
		li = e && e.closest("#accounts > li.account");
		if (li) { y += dy; break; }
	}
	if (!li) return [0, 0];
	const ul = li.parentElement, r = ul.getBoundingClientRect();
	const n = Number(li.getAttribute("aria-setsize"));
	const gap = parseFloat(getComputedStyle(ul).rowGap) || 0;
	return [Number(li.getAttribute("aria-posinset")), Math.floor((y - r.top) / ((r.height + gap) / n)) + 1];
})()`

// journeyLongList: a vault of 1,000 accounts opens with a few dozen rows
// in the page, each saying its place in the list; Page Down and End scroll
// through it with, at every step, the right row under the middle of the
// screen (where the whole list would have it: Chromium and Firefox anchor
// the scroll when rows above the screen change, WebKit does not); a search
// finds an account far down.
func journeyLongList(t testing.TB, d driver, s builtSite) *jpage {
	p := openJourney(t, d, newServer(t, s.Dir))
	sealed, rev := benchVault(t, 1000)
	p.navigate(blankPath)
	if n := jeval[int](p, storeVaultJS(sealed, rev)); n != len(sealed) {
		t.Fatalf("stored %d bytes of the vault, want %d", n, len(sealed))
	}
	p.navigate("/")
	p.unlock(benchPassword)
	p.waitFor("1000 accounts listed", "("+listedJS+")() === 1000", stepTimeout)
	if held := jeval[int](p, `document.querySelectorAll("#accounts > li.account").length`); held < 5 || held > 150 {
		t.Fatalf("%s: the page holds %d rows of 1000", d.name(), held)
	}
	jeval[any](p, `document.activeElement.blur()`)
	for i := range 12 {
		y := jeval[float64](p, `scrollY`)
		p.press("PageDown")
		p.waitFor("the page scrolled", fmt.Sprintf(`scrollY > %f`, y), stepTimeout)
		jeval[any](p, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`)
		at := jeval[[2]int](p, middleRowJS)
		if at[0] == 0 {
			t.Fatalf("%s: after %d presses of Page Down no row is under the middle of the screen%s", d.name(), i+1, p.describe())
		}
		if at[0]-at[1] > 1 || at[1]-at[0] > 1 {
			t.Errorf("%s: after %d presses of Page Down row %d is under the middle of the screen, where the list's height puts row %d", d.name(), i+1, at[0], at[1])
		}
	}
	p.press("End")
	p.waitFor("the last account on the screen", `document.documentElement.scrollHeight - scrollY - innerHeight < 2 && [...document.querySelectorAll("#accounts > li.account")].some((li) => li.querySelector(".issuer").textContent === "Service 0999" && li.getBoundingClientRect().bottom <= innerHeight)`, stepTimeout)
	jeval[any](p, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`)
	if at := jeval[[2]int](p, middleRowJS); at[0] == 0 || at[0]-at[1] > 1 || at[1]-at[0] > 1 {
		t.Errorf("%s: at the end row %d is under the middle of the screen, where the list's height puts row %d", d.name(), at[0], at[1])
	}
	p.shot("long-list-end")
	p.press("Home")
	p.typeText("#search", "0873")
	p.waitFor("one account found", `document.querySelectorAll("#accounts > li.account").length === 1 && document.querySelector("#accounts .issuer").textContent === "Service 0873"`, stepTimeout)
	p.typeText("#search", "")
	p.waitFor("1000 accounts listed again", "("+listedJS+")() === 1000", stepTimeout)
	return p
}
