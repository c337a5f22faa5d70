import { single, type RawQuery } from '../filters.js';

/** The languages the dashboard speaks. */
export const INTERFACE_LANGUAGES = ['en', 'fr'] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];

/** Query parameter that picks the interface language (`lang` is taken: it filters verbatims by language). */
export const UI_PARAM = 'ui';

function isInterfaceLanguage(value: string): value is InterfaceLanguage {
  return (INTERFACE_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The interface language of a request: `?ui=fr|en` when given, else the first language of
 * `Accept-Language` the dashboard speaks (by quality), else English.
 *
 * @example interfaceLanguage({}, 'fr-CA,fr;q=0.9,en;q=0.8') // 'fr'
 */
export function interfaceLanguage(query: RawQuery, acceptLanguage: string | undefined): InterfaceLanguage {
  const asked = single(query, UI_PARAM)?.toLowerCase();
  if (asked !== undefined && isInterfaceLanguage(asked)) return asked;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const quality = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((q) => q !== undefined);
      return { language: tag.trim().toLowerCase().split('-')[0] ?? '', quality: quality === undefined ? 1 : Number(quality), index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((entry) => entry.language).find(isInterfaceLanguage) ?? 'en';
}
