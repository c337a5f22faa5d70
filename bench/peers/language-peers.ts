import { franc } from 'franc-min';

/** A peer language detector: text → ISO 639-1 code or `und`. */
export type LanguagePeer = (text: string) => string;

/** franc answers ISO 639-3; the evaluation set speaks ISO 639-1. */
const ISO_639_1: Readonly<Record<string, string>> = { fra: 'fr', eng: 'en', spa: 'es', deu: 'de', ita: 'it', nld: 'nl', por: 'pt', cat: 'ca', glg: 'gl' };

interface EldDetector {
  detect(text: string): { language: string };
}

/**
 * The language detectors users pick by default: franc (min, as most projects
 * install it) and eld alone, without our short-answer rules or source prior.
 */
export async function loadLanguagePeers(): Promise<Record<string, LanguagePeer>> {
  const { eld } = (await import('eld/medium')) as unknown as { eld: EldDetector };
  return {
    franc: (text) => {
      const code = franc(text, { minLength: 1 });
      return code === 'und' ? 'und' : (ISO_639_1[code] ?? code);
    },
    eld: (text) => eld.detect(text).language || 'und',
  };
}
