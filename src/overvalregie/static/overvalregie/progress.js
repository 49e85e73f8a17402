// A progress bar of background work: asks the server how far the worker is, once a second,
// and reloads the page when the state changes (an import checked or imported, an analysis
// computed). Without JavaScript the page refreshes itself instead.
(function () {
  "use strict";
  const section = document.querySelector("[data-progress-url]");
  if (!section) return;
  const bar = section.querySelector("progress");
  const rows = section.querySelector("[data-progress-rows]");
  const waiting = section.querySelector("[data-progress-waiting]");
  const numbers = new Intl.NumberFormat(document.documentElement.lang || "nl");

  async function poll() {
    try {
      const response = await fetch(section.dataset.progressUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const progress = await response.json();
        if (progress.state !== section.dataset.state) {
          window.location.reload();
          return;
        }
        const percent = Math.round(progress.fraction * 100);
        bar.value = percent;
        bar.textContent = percent + "%";
        if (rows) {
          rows.textContent = rows.dataset.template.replace("__ROWS__", numbers.format(progress.rows));
        }
        if (waiting) waiting.hidden = !progress.waiting;
      }
    } catch (error) {
      // A dropped connection: try again on the next tick.
    }
    window.setTimeout(poll, 1000);
  }

  window.setTimeout(poll, 500);
})();
