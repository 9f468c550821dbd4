// Twofold: moves every code's countdown without waking the wasm app.
//
// Each [data-period] element (drawn by the app, which gives it no content)
// gets the seconds left until its code changes, as text and as the value of
// its <progress>. Codes change on multiples of the period in Unix time, so
// the countdown needs only the clock. Only countdowns on screen are drawn
// each second, so a long list costs no more than a short one; a countdown
// is drawn at once when it scrolls into view. Nothing secret is read or
// written.
"use strict";

(() => {
  const visible = new Set();

  const draw = (el, now) => {
    const period = parseInt(el.dataset.period, 10);
    if (!(period > 0)) {
      return;
    }
    const left = Math.ceil(period - (now % period)) || period;
    const text = el.querySelector(".seconds");
    if (text && text.textContent === String(left)) {
      return;
    }
    const bar = el.querySelector("progress");
    if (bar) {
      bar.value = left;
    }
    if (text) {
      text.textContent = String(left);
    }
    // The list carries the label in the page's language, with %[1]s for
    // the number of seconds, in the form for one second and for others.
    const list = el.closest("[data-seconds-other]");
    const form = list ? (left === 1 && list.dataset.secondsOne) || list.dataset.secondsOther : "";
    el.setAttribute("aria-label", form ? form.replace("%[1]s", String(left)) : String(left));
    el.classList.toggle("ending", left <= 5);
  };

  const seen = new IntersectionObserver((entries) => {
    const now = Date.now() / 1000;
    for (const e of entries) {
      if (e.isIntersecting) {
        visible.add(e.target);
        draw(e.target, now);
      } else {
        visible.delete(e.target);
      }
    }
  });

  // Watch the countdowns the app adds, and forget the ones it removes.
  const watched = new WeakSet();
  const scan = () => {
    for (const el of document.querySelectorAll("[data-period]")) {
      if (!watched.has(el)) {
        watched.add(el);
        seen.observe(el);
      }
    }
    for (const el of visible) {
      if (!el.isConnected) {
        visible.delete(el);
        seen.unobserve(el);
      }
    }
  };
  let pending = false;
  new MutationObserver(() => {
    if (!pending) {
      pending = true;
      queueMicrotask(() => {
        pending = false;
        scan();
      });
    }
  }).observe(document.documentElement, { childList: true, subtree: true });

  // Redraw on each whole second.
  const tick = () => {
    const now = Date.now() / 1000;
    for (const el of visible) {
      draw(el, now);
    }
    setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
  };
  scan();
  tick();
})();
