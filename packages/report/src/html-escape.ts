/**
 * Escaping for everything the report inlines. Text goes through `escapeHtml`; data goes in a
 * `<script type="application/json">` through `jsonForScript`, which leaves no `<`, `>`, `&` or
 * line separator in the JSON, so no config name, label or YAML can close the script element
 * or inject markup.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => JSON_ESCAPES[c] ?? c);
}

/**
 * A script's source made safe to inline: `</script` (any case) cannot appear in it. The
 * bundled chart.js and the report script contain none; this guards against a future version.
 */
export function scriptForInline(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}
