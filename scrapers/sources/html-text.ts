import { load } from 'cheerio';

const BLOCK_TAGS = 'p, div, li, ul, ol, h1, h2, h3, h4, h5, h6, blockquote, section, article, tr, table, pre, dd, dt';

/**
 * Plain text from an HTML fragment (feed content, a review body with markup):
 * scripts and styles dropped (never run), `<br>` and blocks become line
 * breaks, entities decoded, runs of spaces folded. Text without markup comes
 * back trimmed, its entities decoded.
 *
 * @example htmlToText('<p>Great <b>app</b></p><p>but slow&hellip;</p>') // 'Great app\nbut slow…'
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return foldSpaces(html);
  const $ = load(html, null, false);
  $('script, style, noscript, template, iframe, object').remove();
  $('br').replaceWith('\n');
  $(BLOCK_TAGS).each((_, element) => {
    $(element).prepend('\n').append('\n');
  });
  return foldSpaces($.root().text());
}

function foldSpaces(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n')
    .trim();
}
