// As nunjucks' autoescape writes a value (null and undefined print nothing): the one escape for HTML built in code.
const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' };

export const escapeHtml = (value: unknown): string =>
  (value === null || value === undefined ? '' : String(value).replace(/[&"'<>\\]/g, (ch) => ESCAPES[ch]!));

/** ` name="value"` for each attribute, values escaped. */
export const attributes = (given: Record<string, string> | undefined): string =>
  Object.entries(given ?? {}).map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
