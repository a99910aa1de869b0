// Progressive enhancement of reference search boxes (schema-form RefSearchBox): as the user
// types, the suggestions come from the server's filtered list instead of the first few records.
// Without this script the box still works: the server resolves the typed name on submit.
(() => {
  if (window.__refSearch) return;
  window.__refSearch = true;
  const timers = new WeakMap();
  const refresh = async (input) => {
    const list = document.getElementById(input.getAttribute('list'));
    if (!list) return;
    const url = `${input.dataset.refSearch}?q=${encodeURIComponent(input.value)}`;
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (!res.ok) return;
      const { items } = await res.json();
      list.replaceChildren(...items.map((o) => Object.assign(document.createElement('option'), { value: o.label })));
    } catch {
      // Offline or signed out: the suggestions already shown stay.
    }
  };
  document.addEventListener('input', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.refSearch) return;
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(() => refresh(input), 200));
  });
})();
