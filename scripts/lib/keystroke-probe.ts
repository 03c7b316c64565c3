// The library benchmarks' keystroke timer, run in the library page: each keydown in the search box
// starts a clock that stops once the list area shows that query and the next frame has painted
// (latencies in window.__lat). A string, not a function: tsx would wrap named inner functions in a
// helper the page lacks.
export const KEYSTROKE_PROBE = `(() => {
  const w = window; w.__lat = []; w.__t0 = null;
  const box = document.querySelector('[data-testid=search]');
  box.addEventListener('keydown', (e) => { w.__t0 = e.timeStamp; }, true);
  const check = () => {
    const area = document.querySelector('[data-testid=list-area]');
    if (w.__t0 === null || !area || area.getAttribute('data-query') !== box.value) return;
    const start = w.__t0; w.__t0 = null;
    requestAnimationFrame(() => setTimeout(() => w.__lat.push(performance.now() - start), 0));
  };
  new MutationObserver(check).observe(document.body, { attributes: true, childList: true, subtree: true, attributeFilter: ['data-query'] });
})()`;
