import type { Stage } from '../stage.js';
import { modelWindow } from './model-window.js';

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * Cleans what survey exports leave in texts: Unicode forms, control characters,
 * HTML tags and entities, runs of whitespace. The original stays in `verbatim.text`.
 *
 * @example normalizeText('Tr&egrave;s  bien<br/>merci') // 'Tr&egrave;s bien merci'
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/<br\s*\/?>|<\/p>/gi, ' ')
    // `[^<>]`, not `[^>]`: an unclosed "<a<a<a…" is then read once, not rescanned from every '<'.
    .replace(/<\/?[a-z][^<>]*>/gi, '')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_match, name: string) => ENTITIES[name] ?? '')
    .replace(/&#(\d{2,5});/g, (_match, code: string) => String.fromCodePoint(Number(code)))
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Normalises each text, and keeps the window of it the models read (every later stage's work is then bounded). */
export const normalizeStage: Stage = {
  name: 'normalize',
  run: (items) => {
    for (const item of items) item.text = modelWindow(normalizeText(item.text));
    return items;
  },
};
