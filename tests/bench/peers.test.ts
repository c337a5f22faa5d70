import { describe, expect, it } from 'vitest';
import { formatComparison } from '../../bench/accuracy-table.js';
import { loadLanguagePeers } from '../../bench/peers/language-peers.js';
import { loadSentimentPeers } from '../../bench/peers/sentiment-peers.js';
import { scoreEnrichment } from '../../bench/score-enrichment.js';

describe('accuracy bench peers', () => {
  it('maps franc ISO 639-3 answers to the ISO 639-1 codes of the evaluation set', async () => {
    const peers = await loadLanguagePeers();
    expect(peers['franc']?.('Les frais bancaires ont encore augmenté cette année, c’est inadmissible')).toBe('fr');
    expect(peers['eld']?.('The mobile app keeps logging me out every single morning')).toBe('en');
  });

  it('maps each sentiment peer to our labels', async () => {
    const peers = loadSentimentPeers();
    for (const name of ['natural', 'nlp.js', 'vader']) {
      const peer = peers[name];
      expect(await peer?.('This is a wonderful, excellent and great service', 'en'), name).toBe('positive');
      expect(await peer?.('Terrible, awful and horrible service', 'en'), name).toBe('negative');
    }
  });

  it('prints a dash for a metric a system does not predict', () => {
    const gold = [{ id: 'a', text: 'x', lang: 'fr', sentiment: 'neutral', themes: [{ theme: 'fees_pricing', sentiment: 'negative' }] }];
    const scores = scoreEnrichment(gold, new Map([['a', { themes: [{ theme: 'fees_pricing' }] }]]));
    const table = formatComparison('themes', ['theme_micro_f1', 'theme_sent_acc'], [{ name: 'keywords', scores, predicts: ['theme_micro_f1'] }]);
    expect(table).toMatch(/theme_micro_f1\s+1\.000/);
    expect(table).toMatch(/theme_sent_acc\s+-/);
  });
});
