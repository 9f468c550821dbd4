// Twofold: moves every code's countdown without waking the wasm app.
//
// Each [data-period] element (drawn by the app, which gives it no content)
// gets the seconds left until its code changes, as text and as the value of
// its <progress>. Codes change on multiples of the period in Unix time, so
// the countdown needs only the clock. Nothing secret is read or written.
"use strict";

(() => {
  const draw = () => {
    const now = Date.now() / 1000;
    for (const el of document.querySelectorAll("[data-period]")) {
      const period = parseInt(el.dataset.period, 10);
      if (!(period > 0)) {
        continue;
      }
      const left = Math.ceil(period - (now % period)) || period;
      const bar = el.querySelector("progress");
      const text = el.querySelector(".seconds");
      if (bar) {
        bar.value = left;
      }
      if (text && text.textContent !== String(left)) {
        text.textContent = String(left);
        el.setAttribute("aria-label", left + " seconds until the code changes");
      }
      el.classList.toggle("ending", left <= 5);
    }
  };

  // Redraw on each whole second, and at once when the app adds rows.
  const tick = () => {
    draw();
    setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
  };
  let pending = false;
  new MutationObserver(() => {
    if (!pending) {
      pending = true;
      queueMicrotask(() => {
        pending = false;
        draw();
      });
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  tick();
})();
