// Twofold: draws the first screen before the wasm app has arrived.
//
// The prerendered page carries the unlock and the create forms, drawn by
// the app's own components in each language, inside <template> elements
// (inert: not in the page, nor in the accessibility tree). This script asks
// IndexedDB only whether the vault's record exists (a count: the record is
// never read), and puts the unlock form in the page if it does, the create
// form if nothing says a vault was ever held. In any other case (storage
// refused or failing, a vault that is gone, the app already running) it
// does nothing and the app decides, as it did without this script.
//
// The form shown is usable at once. A submit or a click on one of its
// buttons before the app runs is held back (a form never submits to a
// URL) and remembered. When the app mounts it replaces the prerendered
// nodes; in the microtask after that, before any later keystroke is
// delivered, this script gives the new inputs what was typed (by an input
// event, as typing would), puts the focus and the caret back, and performs
// the action that was held back; a button pressed on the form and
// released on the app's (the app mounted in between) is clicked then. What
// was typed is kept in the page only: never stored, sent or logged.
//
// If the app's program fails to load or to compile, the form says so, in
// its language (go-app's own loading screen, which would, is hidden under
// the form).
"use strict";

(() => {
  // twofoldBooting settles once this script has drawn its form or decided
  // to draw none: the app waits for it before it mounts (wasm/main.go), so
  // that it never mounts under a form about to be drawn.
  const started = performance.now();
  let settle;
  let settled = false;
  window.twofoldBooting = new Promise((resolve) => {
    settle = () => {
      settled = true;
      resolve();
    };
  });
  // twofoldBoot says what this script drew and when (in ms since the
  // navigation): the app starts on the screen it names (wasm/browser), and
  // the benchmarks read the times.
  const times = { screen: "", started: started, drawn: -1, answered: -1, taken: -1 };
  window.twofoldBoot = times;
  const root = document.body && document.body.firstElementChild;
  const main = document.getElementById("main");
  if (!root || !main || !window.indexedDB) {
    settle();
    return;
  }
  // IndexedDB may never answer (a blocked open): the app does not wait
  // for it longer than this. It needs IndexedDB's answer itself to choose
  // its first screen, so waiting for this script's costs it nothing.
  setTimeout(() => settle(), 5000);

  // lang is the language the app will draw in (ui.Services.lang and
  // i18n.Match): the one chosen in the app, else the first of the
  // browser's that Twofold has, else English.
  const known = (tag) => {
    const primary = String(tag || "").trim().toLowerCase().split(/[-_;.]/)[0];
    return primary === "en" || primary === "ja" ? primary : "";
  };
  const pref = (key) => {
    try {
      return localStorage.getItem("twofold." + key) || "";
    } catch (e) {
      return ""; // storage refused: no preference
    }
  };
  const chosenLang = () => {
    const chosen = known(pref("lang"));
    if (chosen) {
      return chosen;
    }
    const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (const tag of langs) {
      const l = known(tag);
      if (l) {
        return l;
      }
    }
    return "en";
  };
  let lang = chosenLang();

  // vaultExists calls back with true or false, or null when IndexedDB
  // cannot tell. It never creates the database: an upgrade means there
  // was none, and is aborted.
  const vaultExists = (done) => {
    let req;
    try {
      req = indexedDB.open("twofold");
    } catch (e) {
      done(null);
      return;
    }
    let none = false;
    req.onupgradeneeded = () => {
      none = true;
      req.transaction.abort();
    };
    req.onerror = (e) => {
      e.preventDefault();
      done(none ? false : null);
    };
    req.onblocked = () => done(null);
    req.onsuccess = () => {
      const db = req.result;
      try {
        if (!db.objectStoreNames.contains("records")) {
          db.close();
          done(false);
          return;
        }
        const count = db.transaction("records", "readonly").objectStore("records").count("vault");
        count.onsuccess = () => {
          db.close();
          done(count.result > 0);
        };
        count.onerror = (e) => {
          e.preventDefault();
          db.close();
          done(null);
        };
      } catch (e) {
        db.close();
        done(null);
      }
    };
  };

  // handedOver is set once the app has replaced the prerendered page.
  let handedOver = false;
  let shown = null; // the form's section, in the page
  let pending = null; // {form} or {click}: the action held back
  let focused = null; // the element last focused in the prerendered page
  let pressed = ""; // the id of the button of the form under a press
  let failed = false; // the app's program failed to load

  let screenShown = "";
  const show = (screen) => {
    const tpl = document.getElementById("boot-" + screen + "-" + lang);
    if (handedOver || !root.isConnected || !tpl || (settled && !shown)) {
      return;
    }
    const before = shown;
    shown = tpl.content.firstElementChild.cloneNode(true);
    screenShown = screen;
    // go-app prerenders a boolean attribute that is off as ="false",
    // which HTML reads as on.
    for (const el of shown.querySelectorAll("[disabled=false], [required=false], [autofocus=false], [readonly=false]")) {
      for (const a of ["disabled", "required", "autofocus", "readonly"]) {
        if (el.getAttribute(a) === "false") {
          el.removeAttribute(a);
        }
      }
    }
    // ... and one that is on (aria-hidden="true") as a bare attribute,
    // which ARIA reads as not set.
    for (const el of [root, shown]) {
      for (const n of el.querySelectorAll("[aria-hidden=''], [aria-busy='']")) {
        for (const a of ["aria-hidden", "aria-busy"]) {
          if (n.getAttribute(a) === "") {
            n.setAttribute(a, "true");
          }
        }
      }
    }
    if (before) {
      // The same form in another language: what was typed stays.
      for (const old of before.querySelectorAll("input")) {
        const now = old.id && shown.querySelector("#" + CSS.escape(old.id));
        if (now) {
          now.value = old.value;
        }
        old.value = "";
      }
    }
    // The form's first field gets the focus (below). The forms carry no
    // autofocus attribute: the app moves the focus itself, so that its
    // mount over this form takes the focus from nowhere.
    const first = shown.querySelector("form input");
    main.replaceChildren(shown);
    document.documentElement.lang = lang;
    document.documentElement.classList.add("booted");
    const select = document.getElementById("top-lang");
    if (select) {
      select.value = lang;
      select.setAttribute("aria-label", tpl.dataset.selectLabel || select.getAttribute("aria-label"));
    }
    Object.assign(times, { screen: screen, lang: lang, drawn: performance.now() });
    if (failed) {
      sayFailed();
    }
    if (before) {
      return; // the listeners are on <main> already
    }
    // The field in use: the one focused last, or typed in last (a window
    // without the system's focus gets no focus events).
    for (const type of ["focusin", "input"]) {
      root.addEventListener(type, (e) => {
        focused = e.target;
      });
    }
    main.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!handedOver && e.target.checkValidity()) {
        pending = { form: e.target.id };
        busy(e.target.querySelector("button[type=submit]"));
      }
    });
    main.addEventListener("click", (e) => {
      const b = e.target.closest("button");
      // A form's submit button is left to the submit event.
      if (b && b.id && !(b.type === "submit" && b.form) && !handedOver) {
        pending = { click: b.id };
        busy(b);
      }
    });
    // A press is followed until its release, in case the app replaces
    // the button in between (see handOver).
    main.addEventListener("pointerdown", (e) => {
      const b = e.isPrimary && e.button === 0 && e.target.closest("button");
      pressed = b && b.id && !handedOver ? b.id : "";
    });
    for (const type of ["pointerup", "pointercancel"]) {
      document.addEventListener(type, () => {
        if (!handedOver) {
          pressed = "";
        }
      }, true);
    }
    if (select) {
      // The language chosen before the app runs: kept as the app keeps it,
      // and the form drawn again in it.
      select.addEventListener("change", () => {
        const l = known(select.value);
        if (handedOver || !l || l === lang) {
          return;
        }
        try {
          localStorage.setItem("twofold.lang", l);
        } catch (e) {
          // storage refused: the choice lasts until the app runs
        }
        lang = l;
        show(screenShown);
      });
    }
    if (first) {
      first.focus();
    }
  };

  // unshow takes the form drawn away and puts back what <main> held, with
  // anything typed into it or held back.
  const unshow = (nodes) => {
    for (const old of shown.querySelectorAll("input")) {
      old.value = "";
    }
    main.replaceChildren(...nodes);
    document.documentElement.classList.remove("booted");
    shown = null;
    screenShown = "";
    pending = null;
    focused = null;
    pressed = "";
    Object.assign(times, { screen: "", drawn: -1, taken: performance.now() });
  };

  // sayFailed says in the form that the app's program did not load, and
  // shows no held-back action as under way any more: it will not happen.
  const sayFailed = () => {
    if (!shown || handedOver || document.getElementById("boot-error")) {
      return;
    }
    const tpl = document.getElementById("boot-" + screenShown + "-" + lang);
    const p = document.createElement("p");
    p.id = "boot-error";
    p.className = "error";
    p.setAttribute("role", "alert");
    p.textContent = tpl.dataset.loadFailed;
    const h1 = shown.querySelector("h1");
    if (h1) {
      h1.after(p);
    } else {
      shown.prepend(p);
    }
    pending = null;
    for (const b of shown.querySelectorAll("button[aria-busy=true]")) {
      b.removeAttribute("aria-busy");
      for (const sp of b.querySelectorAll(".spinner")) {
        sp.remove();
      }
    }
  };

  // go-app's loader (app.js, v10) spins its icon while the program loads,
  // stops it and writes the error when loading or compiling fails, and
  // removes the loader once the program runs.
  const loaderIcon = document.getElementById("app-wasm-loader-icon");
  const checkFailed = () => {
    if (!failed && !handedOver && loaderIcon.isConnected && !loaderIcon.classList.contains("goapp-spin")) {
      failed = true;
      sayFailed();
    }
  };
  if (loaderIcon) {
    new MutationObserver(checkFailed).observe(loaderIcon, { attributes: true, attributeFilter: ["class"] });
    checkFailed();
  }

  // busy shows that the action held back is under way.
  const busy = (button) => {
    if (button && !button.querySelector(".spinner")) {
      const s = document.createElement("span");
      s.className = "spinner small";
      s.setAttribute("aria-hidden", "true");
      button.prepend(s);
      button.setAttribute("aria-busy", "true");
    }
  };

  // handOver carries what the prerendered form holds into the app's.
  const handOver = () => {
    handedOver = true;
    observer.disconnect();
    if (!shown) {
      return;
    }
    const caret = focused && focused.tagName === "INPUT" ? [focused.selectionStart, focused.selectionEnd, focused.selectionDirection] : null;
    for (const old of shown.querySelectorAll("input")) {
      const now = old.id && document.getElementById(old.id);
      if (now && now.tagName === "INPUT" && old.value !== "" && now.value === "") {
        now.value = old.value;
        now.dispatchEvent(new Event("input", { bubbles: true }));
      }
      old.value = "";
    }
    // The focus goes back where it was, unless it has moved on since (the
    // nodes removed took it with them: it is on the body now).
    const target = focused && focused.id && document.getElementById(focused.id);
    const active = document.activeElement;
    const moved = active && active !== document.body && active !== document.documentElement && active.isConnected;
    if (target && !moved) {
      target.focus();
      if (target.tagName === "INPUT" && caret && caret[0] !== null) {
        try {
          target.setSelectionRange(caret[0], caret[1], caret[2]);
        } catch (e) {
          // not a text input
        }
      }
    }
    // A press begun on the form's button and not yet released: the
    // release on the app's button is no click (its press was on another
    // element), so it is clicked here, unless the browser clicked it.
    if (pressed && !pending) {
      const id = pressed;
      document.addEventListener("pointerup", (e) => {
        const b = document.getElementById(id);
        if (!b || !b.contains(e.target)) {
          return; // released elsewhere: no click, as on any button
        }
        let clicked = false;
        const seen = (c) => {
          if (b.contains(c.target)) {
            clicked = true;
          }
        };
        document.addEventListener("click", seen, true);
        setTimeout(() => {
          document.removeEventListener("click", seen, true);
          if (!clicked && b.isConnected && !b.disabled) {
            b.click();
          }
        }, 0);
      }, { capture: true, once: true });
    }
    pressed = "";
    if (pending && pending.form) {
      const f = document.getElementById(pending.form);
      if (f && f.tagName === "FORM") {
        f.requestSubmit();
      }
    } else if (pending && pending.click) {
      const b = document.getElementById(pending.click);
      if (b) {
        b.click();
      }
    }
    pending = null;
    shown = null;
  };

  // twofoldMounting is called by the app in the task in which it mounts,
  // before it does: it notes the element that has the focus, which the
  // focus and input events may not have told (a window without the
  // system's focus gets no focus events, and a field focused but not yet
  // typed in has sent no input event).
  window.twofoldMounting = () => {
    const a = document.activeElement;
    if (shown && !handedOver && a && a !== document.body && root.contains(a)) {
      focused = a;
    }
  };

  const observer = new MutationObserver(() => {
    if (!root.isConnected) {
      handOver();
    }
  });
  observer.observe(document.body, { childList: true });

  // A browser that has held a vault says so in a preference that is not
  // secret (twofold.vault-since, see app/vault/SPEC.md), which is read at
  // once, where IndexedDB answers only after the page's other work, the
  // app's program starting among it: the unlock form is drawn now, and
  // taken away if IndexedDB then says the vault is gone or cannot tell
  // (the app decides, as without this script).
  const held = pref("vault-since") !== "";
  let mainNodes = null; // what <main> held before an early form
  if (held) {
    mainNodes = Array.from(main.childNodes);
    show("unlock");
  }
  vaultExists((exists) => {
    times.answered = performance.now();
    if (exists === true) {
      if (!shown) {
        show("unlock");
      }
    } else if (exists === false && !held) {
      show("setup");
    } else if (shown && !handedOver) {
      unshow(mainNodes);
    }
    if (shown) {
      // The app starts once the form is on screen: after the next frame.
      requestAnimationFrame(() => setTimeout(settle, 0));
    } else {
      settle();
    }
  });
})();
