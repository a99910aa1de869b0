// The stored report page as the browser shows it under the app's CSP: its inline <style> is served
// as a stylesheet of its own (report.css), the charts' style attributes become SVG attributes, and
// a toolbar (hidden in print) leads back to the list, prints and downloads the workbook.
import type { T } from '../layout.tsx';
import { svgStylesToAttributes } from '../dashboard/svg-attributes.ts';

const STYLE = /<style>([\s\S]*?)<\/style>/;
const TOOLBAR_CSS = `
.toolbar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.5rem 0 1rem;border-bottom:1px solid #ccc;margin-bottom:1rem}
.toolbar a,.toolbar button{font:inherit;color:#0f6b5c;background:none;border:1px solid #0f6b5c;border-radius:.3rem;padding:.2rem .7rem;text-decoration:none;cursor:pointer}
`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The report's own styles, plus the toolbar's. */
export function reportStyles(html: string): string {
  return (STYLE.exec(html)?.[1] ?? '') + TOOLBAR_CSS;
}

export function printableReport(html: string, opts: { slug: string; id: string; t: T; nonce?: string | undefined }): string {
  const base = `/t/${opts.slug}/reports`;
  const e = (key: Parameters<T>[0]) => escapeHtml(opts.t(key));
  const print = opts.nonce
    ? `<button type="button" id="print">${e('reports.print')}</button><script nonce="${escapeHtml(opts.nonce)}">document.getElementById('print').addEventListener('click',()=>window.print())</script>`
    : '';
  const toolbar = `<nav class="toolbar no-print"><a href="${base}">← ${e('reports.back')}</a>${print}<a href="${base}/${opts.id}/xlsx">${e('reports.xlsx')}</a></nav>`;
  return svgStylesToAttributes(html)
    .replace(STYLE, () => `<link rel="stylesheet" href="${base}/${opts.id}/report.css">`)
    .replace(/<body>/, () => `<body>${toolbar}`);
}
