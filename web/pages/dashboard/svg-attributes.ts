// ECharts writes text styles as style="" attributes, which the pages' CSP (style-src 'self')
// blocks; the same declarations as SVG presentation attributes are not styles and still apply.

/**
 * Rewrites every style="a:b;c:d" inside <svg>…</svg> as a="b" c="d" (later ones win, as in CSS),
 * and drops the SVG's own <style> (hover rules only, blocked as well).
 */
export function svgStylesToAttributes(html: string): string {
  return html.replace(/<svg\b[\s\S]*?<\/svg>/g, (svg) =>
    svg.replace(/<style\b[\s\S]*?<\/style>/g, '').replace(/<([a-zA-Z][\w:-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*?)\s+style="([^"]*)"/g, (_whole, tag: string, before: string, style: string) => {
      const declared = new Map<string, string>();
      for (const part of style.split(';')) {
        const colon = part.indexOf(':');
        if (colon <= 0) continue;
        const name = part.slice(0, colon).trim().toLowerCase();
        const value = part.slice(colon + 1).trim();
        if (/^[a-z-]+$/.test(name) && value !== '') declared.set(name, value);
      }
      // An attribute already on the element keeps its place; the style's value replaces it.
      let attrs = before;
      for (const name of declared.keys()) attrs = attrs.replace(new RegExp(`\\s+${name}="[^"]*"`), '');
      const added = [...declared].map(([name, value]) => ` ${name}="${value.replace(/"/g, '&quot;')}"`).join('');
      return `<${tag}${attrs}${added}`;
    }),
  );
}
