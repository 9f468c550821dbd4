//go:build !js

package e2e

// Accessibility checks with axe-core (issue 11). axe-core is fetched from
// the npm registry at test time, into the test's cache, and injected into
// the page by the test; the app never serves it.

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// axeVersion is the axe-core release the tests run.
const axeVersion = "4.14.1"

var (
	axeOnce   sync.Once
	axeScript string
	axeErr    error
)

// axeSource returns axe.min.js of axeVersion, which it fetches once with
// npm pack into out/e2e/axe-core-VERSION/ and reuses after. Without npm or
// the registry, the test fails under CI=true and is skipped otherwise,
// saying what is missing.
func axeSource(t testing.TB) string {
	t.Helper()
	axeOnce.Do(func() { axeScript, axeErr = fetchAxe(moduleRoot(t)) })
	if axeErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core: %v", axeErr)
		}
		t.Skipf("AXE-CORE NOT AVAILABLE (%v): the accessibility checks did NOT run", axeErr)
	}
	return axeScript
}

func fetchAxe(root string) (string, error) {
	files, err := npmFiles(root, "axe-core", axeVersion, "axe.min.js")
	if err != nil {
		return "", err
	}
	return string(files["axe.min.js"]), nil
}

// axeViolation is one rule axe-core found broken, with the elements.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// axeCheck runs axe-core on the page as it is and fails the test for every
// critical or serious violation; moderate and minor ones are logged.
func (p *page) axeCheck(screen string) {
	p.t.Helper()
	for _, v := range p.axeRun() {
		msg := fmt.Sprintf("%s: axe %s (%s): %s, at %s", screen, v.ID, v.Impact, v.Help, strings.Join(v.Targets, "; "))
		if v.Impact == "critical" || v.Impact == "serious" {
			p.t.Error(msg)
		} else {
			p.t.Log(msg)
		}
	}
}

// axeRun runs axe-core, with all its rules, on the page as it is and
// returns the violations, injecting axe-core first if the page lacks it.
func (p *page) axeRun() []axeViolation {
	p.t.Helper()
	src := axeSource(p.t)
	if !evalJS[bool](p, `typeof window.axe === "object"`) {
		evalJS[any](p, src+";0")
	}
	return evalJS[[]axeViolation](p, `axe.run(document, {resultTypes: ["violations"]}).then((r) =>
		r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
			targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5)})))`)
}

// expectLabelsInNames checks that every button's visible text is in a
// button's accessible name (WCAG 2.5.3), on the buttons shown.
func (p *page) expectLabelsInNames(screen string) {
	p.t.Helper()
	seen := evalJS[[]string](p, `[...document.querySelectorAll("button")].filter((b) => b.offsetParent !== null).map((b) => {
		let text = b.innerText;
		for (const h of b.querySelectorAll(".visually-hidden")) text = text.replace(h.innerText, "");
		return text.replace(/\s+/g, " ").trim();
	}).filter((t) => t !== "")`)
	names := buttonNames(p)
	for _, s := range seen {
		if !slices.ContainsFunc(names, func(n string) bool { return strings.Contains(n, s) }) {
			p.t.Errorf("%s: no button's accessible name contains its visible text %q (names: %q)", screen, s, names)
		}
	}
}

// lookAt looks at a screen that a test reaches on its way, as
// TestEveryScreen looks at the others: at both widths, in both schemes,
// with axe-core and the checks of look. Where axe-core cannot be had
// outside CI, it takes the screenshot alone and says loudly what did not
// run, so that the test's own subject is still tested.
func (p *page) lookAt(name string) {
	p.t.Helper()
	axeOnce.Do(func() { axeScript, axeErr = fetchAxe(moduleRoot(p.t)) })
	if axeErr != nil && os.Getenv("CI") != "true" {
		p.t.Logf("AXE-CORE NOT AVAILABLE (%v): %s was NOT checked for accessibility", axeErr, name)
		p.shot(name)
		return
	}
	var lesser axeTally
	p.look(name, &lesser)
	lesser.log(p.t)
}
