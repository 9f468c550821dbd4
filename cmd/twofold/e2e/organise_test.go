//go:build !js

package e2e

// The list's organisation (issue 11, "Organise"): group filters, search by
// note, favourites, moving accounts with the keyboard and by dragging, the
// orders, the compact density and the hint of the next code.

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"twofold.app/app/keeper"
	"twofold.app/app/listing"
	"twofold.app/app/otp"
	"twofold.app/app/store"
	"twofold.app/app/vault"
)

// grouped returns a new account filed under group, with a note.
func grouped(t testing.TB, issuer, name, group, note string, key otp.Key) vault.Account {
	t.Helper()
	a := newAccount(t, issuer, name, key)
	a.Group, a.Note = group, note
	return a
}

// issuersJS is a JavaScript expression for the issuers of the listed rows,
// in the order shown, as JSON.
const issuersJS = `JSON.stringify([...document.querySelectorAll("#accounts > li.account .issuer")].map((e) => e.textContent))`

// expectOrder waits until the list shows the accounts of the issuers
// want, in that order.
func (p *page) expectOrder(what string, want ...string) {
	p.t.Helper()
	b, _ := json.Marshal(want)
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](issuersJS+` === `+jsString(string(b)), chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		p.t.Fatalf("%s: the list shows %s, want %s", what, evalJS[string](p, issuersJS), b)
	}
}

// TestOrganise files accounts in groups and checks what the list does with
// them: a chip per group filters the list, the search finds a note, a
// favourite moves to the top and stays there after a reload, the handles
// move an account with the arrow keys and by dragging, the order is kept
// in the vault (after a reload and in a backup), the alphabetical and
// recent orders, and axe-core with groups, favourites and handles shown,
// in English and Japanese, light and dark, at phone and laptop widths.
func TestOrganise(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "groups and order"
	steam := otp.Key{Type: otp.Steam, Algorithm: otp.SHA1, Digits: otp.SteamDigits, Period: 30, Secret: randomSecret(t)}
	accounts := []vault.Account{
		grouped(t, "GitHub", "alice@example.com", "Work", "", totpKey(randomSecret(t))),
		grouped(t, "Zulip", "alice", "Work", "", totpKey(randomSecret(t))),
		grouped(t, "Bank of Tests", "alice", "Money", "savings and chequing", totpKey(randomSecret(t))),
		grouped(t, "Steam", "gamer", "Games", "", steam),
		grouped(t, "Mail", "alice@example.com", "", "", totpKey(randomSecret(t))),
		grouped(t, "Amazon", "alice", "", "", totpKey(randomSecret(t))),
	}
	id := map[string]string{}
	for _, a := range accounts {
		id[a.Issuer] = a.ID
	}
	p.seedVault(password, accounts)
	p.grantClipboard()
	p.navigate("/")
	p.unlock(password)
	p.expectOrder("at first", "GitHub", "Zulip", "Bank of Tests", "Steam", "Mail", "Amazon")

	// Each row shows its group and a decorative mark.
	type rowLook struct{ Group, Mark, MarkClass, MarkHidden string }
	look := evalJS[map[string]rowLook](p, `Object.fromEntries([...document.querySelectorAll("#accounts > li.account")].map((li) => {
		const tag = li.querySelector(".group-tag"), mark = li.querySelector(".mark");
		return [li.querySelector(".issuer").textContent, { Group: tag ? tag.textContent : "",
			Mark: mark ? mark.textContent : "", MarkClass: mark ? mark.className : "", MarkHidden: mark ? mark.getAttribute("aria-hidden") : "" }];
	}))`)
	for _, a := range accounts {
		r := look[a.Issuer]
		m := listing.NewMark(a.Issuer, a.Name)
		if r.Group != a.Group {
			t.Errorf("%s shows the group %q, want %q", a.Issuer, r.Group, a.Group)
		}
		if r.Mark != m.Initials || !strings.Contains(" "+r.MarkClass+" ", " "+m.Class()+" ") || r.MarkHidden != "true" {
			t.Errorf("%s's mark is %q (class %q, aria-hidden %q), want %q with class %s, hidden", a.Issuer, r.Mark, r.MarkClass, r.MarkHidden, m.Initials, m.Class())
		}
	}

	// The chips: All, each group with its count, No group last.
	type chip struct {
		Text, Pressed string
	}
	chips := func() []chip {
		t.Helper()
		return evalJS[[]chip](p, `[...document.querySelectorAll("#group-chips button.chip")].map((b) => ({
			Text: b.textContent, Pressed: b.getAttribute("aria-pressed") }))`)
	}
	wantChips := []chip{{"All6", "true"}, {"Games1", "false"}, {"Money1", "false"}, {"Work2", "false"}, {"No group2", "false"}}
	if got := chips(); !slices.Equal(got, wantChips) {
		t.Errorf("the chips are %q, want %q", got, wantChips)
	}
	if l := evalJS[string](p, `document.getElementById("group-chips").getAttribute("role") + "/" + document.getElementById("group-chips").getAttribute("aria-label")`); l != "group/Filter by group" {
		t.Errorf("the chips' group is %q", l)
	}
	if n := p.count("#accounts .handle"); n != 6 {
		t.Errorf("%d rows have a reorder handle in the manual order, want 6", n)
	}
	p.click(`button.chip[data-group="Work"]`)
	p.expectOrder("filtered by Work", "GitHub", "Zulip")
	if n := p.countShown("#accounts .handle"); n != 0 {
		t.Errorf("%d rows show a reorder handle in a filtered list, want none", n)
	}
	// The pressed chip, pressed again with the keyboard, lists every
	// account again.
	p.do("focusing the Work chip", stepTimeout, chromedp.Focus(chromedp.CSS(`button.chip[data-group="Work"]`)))
	p.press(" ")
	p.expectOrder("Work pressed again", "GitHub", "Zulip", "Bank of Tests", "Steam", "Mail", "Amazon")
	p.press(kb.Tab) // No group
	p.press(kb.Enter)
	p.expectOrder("filtered by no group", "Mail", "Amazon")
	if got := chips(); got[4].Pressed != "true" || got[0].Pressed != "false" {
		t.Errorf("after choosing No group, the chips are %q", got)
	}
	p.click(`button.chip[data-kind="all"]`)
	p.expectOrder("all again", "GitHub", "Zulip", "Bank of Tests", "Steam", "Mail", "Amazon")

	// The search looks in notes too.
	p.typeText("#search", "chequing")
	p.expectOrder("searching a note", "Bank of Tests")
	p.typeText("#search", "work")
	p.expectOrder("searching a group", "GitHub", "Zulip")
	if n := p.countShown("#accounts .handle"); n != 0 {
		t.Errorf("%d rows show a reorder handle in a search, want none", n)
	}
	p.shot("organise-search")
	p.typeText("#search", "")
	p.expectOrder("no search", "GitHub", "Zulip", "Bank of Tests", "Steam", "Mail", "Amazon")
	if n := p.countShown("#accounts .handle"); n != 6 {
		t.Errorf("%d rows show a reorder handle after the search, want 6", n)
	}

	// A favourite comes first; its star is pressed and keeps the focus.
	fav := "#fav-" + id["Amazon"]
	if name := evalJS[string](p, `document.querySelector(`+jsString(fav)+`).getAttribute("aria-label")`); name != "Favourite Amazon" {
		t.Errorf("the star is named %q", name)
	}
	p.click(fav)
	p.expectOrder("Amazon a favourite", "Amazon", "GitHub", "Zulip", "Bank of Tests", "Steam", "Mail")
	p.expectFocus(fav, "after pressing the star")
	if v := evalJS[string](p, `document.querySelector(`+jsString(fav)+`).getAttribute("aria-pressed")`); v != "true" {
		t.Errorf("the favourite's star has aria-pressed %q", v)
	}
	// The only favourite cannot move: it has no handle.
	if p.exists("#move-" + id["Amazon"]) {
		t.Error("the only favourite has a reorder handle")
	}

	// Move Steam up twice with the keyboard, with and without Alt: the
	// focus stays on its handle, and each move is announced.
	steamHandle := "#move-" + id["Steam"]
	p.do("focusing the search", stepTimeout, chromedp.Focus(chromedp.ID("search")))
	p.tabTo(steamHandle, false)
	p.expectFocusVisible("a reorder handle")
	if d := evalJS[string](p, `document.getElementById(document.querySelector(`+jsString(steamHandle)+`).getAttribute("aria-describedby")).textContent`); !strings.Contains(d, "arrow") {
		t.Errorf("the handle is described as %q", d)
	}
	p.press(kb.ArrowUp)
	p.expectOrder("Steam moved up", "Amazon", "GitHub", "Zulip", "Steam", "Bank of Tests", "Mail")
	p.waitFor("the move announced", `document.getElementById("move-status").textContent === "Steam moved to position 4 of 6."`, stepTimeout)
	p.expectFocus(steamHandle, "after moving Steam up")
	p.press(kb.ArrowUp, chromedp.KeyModifiers(chromedp.ModifierAlt))
	p.expectOrder("Steam moved up with Alt", "Amazon", "GitHub", "Steam", "Zulip", "Bank of Tests", "Mail")
	p.waitFor("the second move announced", `document.getElementById("move-status").textContent === "Steam moved to position 3 of 6."`, stepTimeout)
	p.expectFocus(steamHandle, "after moving Steam up with Alt")
	p.press(kb.ArrowDown)
	p.expectOrder("Steam moved down", "Amazon", "GitHub", "Zulip", "Steam", "Bank of Tests", "Mail")
	p.press(kb.ArrowUp)
	p.expectOrder("Steam moved up again", "Amazon", "GitHub", "Steam", "Zulip", "Bank of Tests", "Mail")
	p.expectFocus(steamHandle, "after moving Steam")

	// Drag Mail by its handle: it cannot land among the favourites, and
	// lands on GitHub's place.
	drag := func(from, onto string) (allowed bool) {
		t.Helper()
		ok := evalJS[bool](p, `(() => {
			const h = document.getElementById("move-" + `+jsString(from)+`);
			window.twofoldDrag = new DataTransfer();
			return h.dispatchEvent(new DragEvent("dragstart", { bubbles: true, cancelable: true, dataTransfer: window.twofoldDrag }));
		})()`)
		if !ok {
			t.Fatal("the page cancelled the dragstart")
		}
		return !evalJS[bool](p, `document.querySelector('li.account[data-id="' + `+jsString(onto)+` + '"] .issuer').dispatchEvent(
			new DragEvent("dragover", { bubbles: true, cancelable: true, dataTransfer: window.twofoldDrag }))`)
	}
	drop := func(from, onto string) {
		t.Helper()
		evalJS[bool](p, `(() => {
			const li = document.querySelector('li.account[data-id="' + `+jsString(onto)+` + '"]');
			li.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: window.twofoldDrag }));
			document.getElementById("move-" + `+jsString(from)+`).dispatchEvent(new DragEvent("dragend", { bubbles: true, dataTransfer: window.twofoldDrag }));
			return true;
		})()`)
	}
	if drag(id["Mail"], id["Amazon"]) {
		t.Error("Mail may be dropped among the favourites")
	}
	if !drag(id["Mail"], id["GitHub"]) {
		t.Fatal("Mail may not be dropped on GitHub")
	}
	p.waitVisible("li.account.drop-before", stepTimeout)
	drop(id["Mail"], id["GitHub"])
	p.expectOrder("Mail dragged onto GitHub", "Amazon", "Mail", "GitHub", "Steam", "Zulip", "Bank of Tests")
	p.waitFor("the drag announced", `document.getElementById("move-status").textContent === "Mail moved to position 2 of 6."`, stepTimeout)
	if p.exists("li.account.drop-before, li.account.drop-after, li.account.dragging") {
		t.Error("a row still shows the drag after the drop")
	}
	p.expectLabelsInNames("the organised list")

	// The order and the favourite are the vault's: they survive a reload
	// and are in a backup, decrypted here.
	want := []string{"Amazon", "Mail", "GitHub", "Steam", "Zulip", "Bank of Tests"}
	p.reload()
	p.unlock(password)
	p.expectOrder("after a reload", want...)
	p.openSettings()
	p.click("#open-backup")
	p.waitVisible("#bk-pass", stepTimeout)
	_, file := p.backUp(password, false)
	b := openBackup(t, file, password)
	var inBackup []string
	for _, i := range listing.Rows(b.Contents.Accounts, listing.Query{}) {
		inBackup = append(inBackup, b.Contents.Accounts[i].Issuer)
	}
	if !slices.Equal(inBackup, want) {
		t.Errorf("the backup lists %q, want %q", inBackup, want)
	}
	vaultOrder := make([]string, len(b.Contents.Accounts))
	for i, a := range b.Contents.Accounts {
		vaultOrder[i] = a.Issuer
		if a.Favourite != (a.Issuer == "Amazon") {
			t.Errorf("in the backup, %s is a favourite: %v", a.Issuer, a.Favourite)
		}
	}
	if w := []string{"Mail", "GitHub", "Steam", "Zulip", "Bank of Tests", "Amazon"}; !slices.Equal(vaultOrder, w) {
		t.Errorf("the backup's accounts are in the order %q, want %q", vaultOrder, w)
	}
	p.click("#bk-close")
	p.waitVisible("#accounts", stepTimeout)

	// Look: groups, a favourite and handles, in both languages.
	organiseLook(t, p, "organise")

	// A–Z: favourites first, then by issuer; no handles.
	p.choose("#list-sort", "alphabetical")
	p.expectOrder("A–Z", "Amazon", "Bank of Tests", "GitHub", "Mail", "Steam", "Zulip")
	if n := p.count("#accounts .handle"); n != 0 {
		t.Errorf("%d rows have a reorder handle in the alphabetical order, want none", n)
	}
	// Recently used: the copied account comes first after the favourites,
	// the others never used follow in the vault's order.
	p.choose("#list-sort", "recent")
	p.expectOrder("recently used, none used", "Amazon", "Mail", "GitHub", "Steam", "Zulip", "Bank of Tests")
	p.click("#copy-" + id["Zulip"])
	p.expectOrder("Zulip copied", "Amazon", "Zulip", "Mail", "GitHub", "Steam", "Bank of Tests")
	p.expectFocus("#copy-"+id["Zulip"], "after copying Zulip in the recent order")
	p.click("#copy-" + id["Steam"])
	p.expectOrder("Steam copied", "Amazon", "Steam", "Zulip", "Mail", "GitHub", "Bank of Tests")
	p.reload()
	p.unlock(password)
	p.expectOrder("recently used, after a reload", "Amazon", "Steam", "Zulip", "Mail", "GitHub", "Bank of Tests")
	if v := p.inputValue("list-sort"); v != "recent" {
		t.Errorf("after a reload the order select says %q, want recent", v)
	}
}

// organiseLook takes screenshots of the list as it is, at phone and laptop
// widths, light and dark, in English and Japanese, and runs axe-core on
// each; it leaves the page in English at laptop width, light.
func organiseLook(t *testing.T, p *page, name string) {
	t.Helper()
	for _, lang := range []string{"en", "ja"} {
		if lang == "ja" {
			p.openSettings()
			p.choose("#settings-lang", "ja")
			p.waitFor("the settings in Japanese", `document.documentElement.lang === "ja"`, stepTimeout)
			p.click("#settings-done")
			p.waitVisible("#accounts", stepTimeout)
		}
		for _, size := range []struct {
			name          string
			width, height int64
		}{{"phone", 375, 740}, {"laptop", 1280, 800}} {
			for _, scheme := range []string{"light", "dark"} {
				p.do("emulating "+size.name, stepTimeout, chromedp.EmulateViewport(size.width, size.height))
				p.emulate(&emulation.MediaFeature{Name: "prefers-color-scheme", Value: scheme})
				shot := fmt.Sprintf("%s-%s-%s-%s", name, lang, size.name, scheme)
				p.shot(shot)
				p.axeCheck(shot)
				if w := evalJS[[]int](p, `[document.documentElement.scrollWidth, window.innerWidth]`); w[0] > w[1] {
					t.Errorf("%s: the page is %d px wide, wider than the screen's %d px", shot, w[0], w[1])
				}
			}
		}
		p.expectLabelsInNames(name + " in " + lang)
	}
	p.openSettings()
	p.choose("#settings-lang", "en")
	p.waitFor("the settings in English", `document.documentElement.lang === "en"`, stepTimeout)
	p.click("#settings-done")
	p.waitVisible("#accounts", stepTimeout)
	p.emulate(&emulation.MediaFeature{Name: "prefers-color-scheme", Value: "light"})
}

// sealVaultWith is sealVault for contents with settings: a vault holding
// c under password, and its revision.
func sealVaultWith(t testing.TB, password string, c vault.Contents) ([]byte, uint64) {
	t.Helper()
	ctx := context.Background()
	mem := store.NewMem()
	k, err := keeper.Create(ctx, mem, []byte(password), vault.DefaultParams, vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatalf("creating a vault: %v", err)
	}
	defer k.Lock()
	if err := k.Update(ctx, func(v *vault.Contents) error { *v = c; return nil }); err != nil {
		t.Fatalf("filling the vault: %v", err)
	}
	rec, err := mem.Get(ctx, keeper.Key)
	if err != nil {
		t.Fatalf("reading the sealed vault: %v", err)
	}
	return rec.Data, rec.Revision
}

// TestOrganiseDensity lists 30 accounts on a laptop screen, 1280×800, in
// each density, and counts the rows that fit whole on the screen: compact
// must show at least twice as many as comfortable.
func TestOrganiseDensity(t *testing.T) {
	s := testSite(t)
	srv := newServer(t, s.Dir)
	const password = "thirty accounts"
	groups := []string{"Work", "Home", "", "Games"}
	var accounts []vault.Account
	for i := range 30 {
		accounts = append(accounts, grouped(t, fmt.Sprintf("Service %02d", i+1), fmt.Sprintf("user%d@example.com", i+1),
			groups[i%len(groups)], "", totpKey(randomSecret(t))))
	}
	accounts[1].Favourite = true
	fits := map[vault.Density]int{}
	for _, d := range []vault.Density{vault.DensityComfortable, vault.DensityCompact} {
		p := openPage(t, srv)
		sealed, rev := sealVaultWith(t, password, vault.Contents{Accounts: accounts, Settings: vault.Settings{Density: d}})
		p.storeVault(sealed, rev)
		p.do("emulating a laptop", stepTimeout, chromedp.EmulateViewport(1280, 800))
		p.navigate("/")
		p.unlock(password)
		p.waitFor("30 accounts", rowCount+" === 30", stepTimeout)
		if compact := p.exists("#accounts.compact"); compact != (d == vault.DensityCompact) {
			t.Errorf("%s: the list has the compact class: %v", d, compact)
		}
		fits[d] = evalJS[int](p, `[...document.querySelectorAll("#accounts > li.account")].filter((li) => {
			const r = li.getBoundingClientRect();
			return r.top >= 0 && r.bottom <= window.innerHeight;
		}).length`)
		t.Logf("%s: %d rows fit on a 1280×800 screen", d, fits[d])
		p.shot("organise-density-" + d.String() + "-laptop")
		if d == vault.DensityCompact {
			for _, scheme := range []string{"light", "dark"} {
				for _, size := range []struct {
					name          string
					width, height int64
				}{{"phone", 375, 740}, {"laptop", 1280, 800}} {
					p.do("emulating "+size.name, stepTimeout, chromedp.EmulateViewport(size.width, size.height))
					p.emulate(&emulation.MediaFeature{Name: "prefers-color-scheme", Value: scheme})
					shot := "organise-compact-" + size.name + "-" + scheme
					p.shot(shot)
					p.axeCheck(shot)
					if w := evalJS[[]int](p, `[document.documentElement.scrollWidth, window.innerWidth]`); w[0] > w[1] {
						t.Errorf("%s: the page is %d px wide, wider than the screen's %d px", shot, w[0], w[1])
					}
				}
			}
		}
	}
	if c, k := fits[vault.DensityComfortable], fits[vault.DensityCompact]; c == 0 || k < 2*c {
		t.Errorf("compact fits %d rows on a 1280×800 screen, comfortable %d: want at least twice as many", k, c)
	}
}

// TestOrganiseNextCode waits for the last five seconds of a period and
// checks that the rows of a TOTP and a Steam account show the code that
// follows, out of the copy button's name, and that the hint goes when the
// code changes.
func TestOrganiseNextCode(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "what comes next"
	totp := totpKey(randomSecret(t))
	steam := otp.Key{Type: otp.Steam, Algorithm: otp.SHA1, Digits: otp.SteamDigits, Period: 30, Secret: randomSecret(t)}
	hotp := otp.Key{Type: otp.HOTP, Algorithm: otp.SHA1, Digits: 6, Counter: 1, Secret: randomSecret(t)}
	accounts := []vault.Account{
		newAccount(t, "GitHub", "alice", totp),
		newAccount(t, "Steam", "gamer", steam),
		newAccount(t, "Bank", "", hotp),
	}
	p.seedVault(password, accounts)
	p.navigate("/")
	p.unlock(password)
	p.waitFor("three accounts", rowCount+" === 3", stepTimeout)

	sel := func(a vault.Account) string { return "#copy-" + a.ID }
	// At most a period and a second.
	p.waitFor("the next code's hint", `document.querySelector(`+jsString(sel(accounts[0]))+`).hasAttribute("data-next")`, 35*time.Second)
	type hint struct {
		Now                      int64
		TOTP, Steam, HOTP, After string
	}
	h := evalJS[hint](p, `(() => {
		const q = (s) => document.querySelector(s);
		const b = q(`+jsString(sel(accounts[0]))+`);
		return { Now: Date.now(), TOTP: b.dataset.next || "", Steam: q(`+jsString(sel(accounts[1]))+`).dataset.next || "",
			HOTP: q(`+jsString(sel(accounts[2]))+`).dataset.next || "", After: getComputedStyle(b, "::after").content };
	})()`)
	now := time.UnixMilli(h.Now)
	if justTurned(totp, now) { // read after the period turned, before the redraw
		now = now.Add(-2 * time.Second)
	}
	end := now.Truncate(30 * time.Second).Add(30 * time.Second)
	if left := end.Sub(now); left > listing.NextWindow+time.Second {
		t.Errorf("the hint shows %v before the code changes, want at most %v", left, listing.NextWindow)
	}
	for _, c := range []struct {
		what, got string
		key       otp.Key
	}{{"TOTP", h.TOTP, totp}, {"Steam", h.Steam, steam}} {
		code, err := c.key.Code(end)
		if err != nil {
			t.Fatal(err)
		}
		if want := "Next: " + otp.Group(code); c.got != want {
			t.Errorf("the %s row's hint is %q, want %q", c.what, c.got, want)
		}
	}
	if h.HOTP != "" {
		t.Errorf("the HOTP row shows a next code: %q", h.HOTP)
	}
	if !strings.Contains(h.After, strings.TrimPrefix(h.TOTP, "Next: ")) {
		t.Errorf("the hint is drawn as %s, which does not show %q", h.After, h.TOTP)
	}
	for _, n := range buttonNames(p) {
		if strings.Contains(n, "Next:") {
			t.Errorf("a button's name holds the hint: %q", n)
		}
	}
	p.shot("organise-next-code")
	p.waitFor("the hint gone with the new code", `!document.querySelector(`+jsString(sel(accounts[0]))+`).hasAttribute("data-next")`, 10*time.Second)
	p.expectCode("GitHub", totp)
}
