() => {
  if (window.__cbReveal) return;
  // Scroll el into the middle of its scrolling panel, and the page only as far as needed to show it.
  const reveal = (el) => {
    let box = el.parentElement;
    while (box && box !== document.body) {
      const s = getComputedStyle(box);
      if (/(auto|scroll)/.test(s.overflowY) && box.scrollHeight > box.clientHeight) break;
      box = box.parentElement;
    }
    if (box && box !== document.body) {
      const r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
      box.scrollTop += (r.top - b.top) - Math.max(0, (box.clientHeight - r.height) / 2);
    }
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) el.scrollIntoView({block: 'nearest'});
  };
  window.__cbReveal = reveal;
  // A citation marker's accessible name ("source 2: file, sentence") is its title: the chat's sanitizer
  // keeps title but drops aria-label, so it is copied over here whenever markers appear.
  const name = () => document.querySelectorAll('.cb-cite[title]:not([aria-label])').forEach(
    (el) => el.setAttribute('aria-label', el.title));
  new MutationObserver(name).observe(document.body, {childList: true, subtree: true});
  const show = (el) => {
    const ref = /(?:^|\s)cb-ref-(\S+)/.exec(el.className || '');
    // a card answers to each citation of its passage: its own id, or data-cites listing the others
    const target = ref && (document.getElementById(ref[1]) || document.querySelector(`[data-cites~="${ref[1]}"]`));
    if (!target) return;
    const turn = target.closest('details');
    if (turn) turn.open = true;
    const n = ref[1].split('-').pop();
    reveal(target.querySelector(`mark[data-n="${n}"]`) || target.querySelector('mark') || target);
    target.classList.add('cb-flash');
    setTimeout(() => target.classList.remove('cb-flash'), 1600);
  };
  const find = (e) => (e.target && e.target.closest) ? e.target.closest('[class*="cb-ref-"]') : null;
  document.addEventListener('click', (e) => {
    const el = find(e);
    if (el) { e.preventDefault(); show(el); }
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {  // Escape stops the answer being written
      const stop = document.querySelector('#cb-stop');
      if (stop && !stop.disabled) { e.preventDefault(); stop.click(); }
      return;
    }
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const el = find(e);
    if (el) { e.preventDefault(); show(el); }
  });
}
