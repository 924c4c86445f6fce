if (!element.dataset.cbBound) {
  element.dataset.cbBound = '1';
  element.addEventListener('click', (e) => {
    const b = e.target.closest ? e.target.closest('.cb-open') : null;
    if (!b) return;
    trigger('click', {doc: b.dataset.doc, start: Number(b.dataset.start), end: Number(b.dataset.end),
                     sha: b.dataset.sha || ''});
  });
}
