const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/**
 * Text safe inside HTML element content and quoted attribute values: the one escaper
 * of the project (the written reports and the dashboard's `html` template). The
 * backtick too, as old browsers took it for an attribute quote.
 *
 * @example escapeHtml('<b>"x"</b>') // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => ENTITIES[char] ?? char);
}

/**
 * JSON safe inside `<script type="application/json">`: `<` is written `\u003c`, so
 * no string can close the script element or open a comment.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Library code inlined in a `<script>`: a `</script` inside it would end the element early. */
export function scriptForInline(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1');
}
