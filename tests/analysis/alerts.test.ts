import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { baselineTest, noiseFloor } from '../../analysis/alerts-metrics.js';
import { closedPeriods } from '../../analysis/alerts-periods.js';
import { parseAlertRules } from '../../analysis/alerts-rules.js';
import { runAlerts } from '../../analysis/alerts-run.js';
import { ConfigError } from '../../core/errors.js';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { listAlerts } from '../../db/alerts.table.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { ALERTS_NOW, ALERTS_YAML, seedAlertsData } from './alerts-fixture.js';

describe('alert rules file', () => {
  it.each([
    ['rules: []', /at `rules`/],
    ['rules:\n  - { id: a, kind: spike, metric: loudness }', /rules\.0\.metric/],
    ['rules:\n  - { id: a, kind: threshold, metric: nps }', /exactly one of `below` or `above`/],
    ['rules:\n  - { id: a, kind: spike }\n  - { id: a, kind: drop }', /used twice/],
    ['webhooks: [ftp://x]\nrules:\n  - { id: a, kind: spike }', /webhooks\.0/],
    ['rules: [', /not valid YAML/],
  ])('refuses %j', (text, message) => {
    expect(() => parseAlertRules(text, 'alerts.yaml')).toThrow(ConfigError);
    expect(() => parseAlertRules(text, 'alerts.yaml')).toThrow(message);
  });

  it('reads the example of the README', async () => {
    const readme = await readFile(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
    const example = /## Alerts[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(parseAlertRules(example, 'README.md').rules.map((rule) => rule.kind)).toEqual(['spike', 'threshold', 'emerging']);
  });

  it('fills the defaults', () => {
    const { rules, webhooks } = parseAlertRules('rules:\n  - { id: fees, kind: spike, theme: fees_pricing }', 'alerts.yaml');
    expect(webhooks).toEqual([]);
    expect(rules[0]).toEqual({ id: 'fees', kind: 'spike', theme: 'fees_pricing', metric: 'volume', period: 'week', baseline: 6, z: 3, minVolume: 10 });
  });
});

describe('alert maths', () => {
  it('judges the last complete period against the ones before', () => {
    expect(closedPeriods(ALERTS_NOW, 'week', 2).map((period) => [period.label, period.from.toISOString().slice(0, 10)])).toEqual([
      ['2026-W22', '2026-05-25'],
      ['2026-W23', '2026-06-01'],
      ['2026-W24', '2026-06-08'],
    ]);
    expect(closedPeriods(new Date('2026-03-01T00:00:00Z'), 'month', 1).map((period) => period.label)).toEqual(['2026-01', '2026-02']);
  });

  it.each([
    ['a flat baseline uses the Poisson noise', 30, [10, 10, 10, 10], (20 / Math.sqrt(10)).toFixed(2)],
    ['a noisy baseline uses its own sd', 30, [0, 20, 0, 20], (20 / Math.sqrt(400 / 3 + 0) / 1).toFixed(2)],
  ])('%s', (_name, current, baseline, z) => {
    expect(baselineTest(current, baseline, (mean) => noiseFloor('volume', mean, 0))?.z.toFixed(2)).toBe(z);
  });

  it('gives no verdict without three baseline periods', () => {
    expect(baselineTest(30, [10, 10], Math.sqrt)).toBeNull();
  });
});

forEachDatabase((database) => {
  describe('runAlerts', () => {
    beforeEach(async () => {
      await truncateAll(database().db);
      await sql`truncate table alerts restart identity cascade`.execute(database().db);
      await seedAlertsData(database().db);
    });

    it('raises the spike of a big theme, not the same jump of a small one, and the Lyon NPS threshold', async () => {
      const { db } = database();
      const result = await runAlerts(db, parseAlertRules(ALERTS_YAML, 'alerts.yaml'), { now: ALERTS_NOW });
      const spikes = result.raised.filter((alert) => alert.rule_id === 'theme-spike');
      expect(spikes.map((alert) => alert.theme)).toEqual(['fees_pricing']);
      expect(spikes[0]).toMatchObject({ period: '2026-W24', value: 30, baseline: 10, n: 30, kind: 'spike', metric: 'volume' });
      expect(spikes[0]?.message).toMatch(/^Spike: volume of theme fees_pricing 30 in 2026-W24, against 10 ± /);
      const threshold = result.raised.filter((alert) => alert.rule_id === 'lyon-nps');
      expect(threshold).toHaveLength(1);
      expect(threshold[0]).toMatchObject({ segments: { branch: 'Lyon' }, theme: null, value: -100, n: 41 });
      expect(result.rules).toEqual([
        { id: 'theme-spike', events: 1 },
        { id: 'lyon-nps', events: 1 },
      ]);
    });

    it('raises nothing new when run twice', async () => {
      const { db } = database();
      const rules = parseAlertRules(ALERTS_YAML, 'alerts.yaml');
      expect((await runAlerts(db, rules, { now: ALERTS_NOW })).raised).toHaveLength(2);
      const again = await runAlerts(db, rules, { now: ALERTS_NOW });
      expect(again.raised).toEqual([]);
      expect(again.rules.map((rule) => rule.events)).toEqual([1, 1]);
      expect(await listAlerts(db)).toHaveLength(2);
    });

    it.each([
      ['a flat volume is a share drop when the rest rises', '{ id: r, kind: drop, metric: share, theme: advisor_quality }', ['advisor_quality']],
      ['the total share of a theme rising with everything: no spike', '{ id: r, kind: spike, metric: share, theme: fees_pricing }', []],
      ['the NPS of everything drops', '{ id: r, kind: drop, metric: nps }', [null]],
      ['a spike of a segment without data: nothing', '{ id: r, kind: spike, theme: fees_pricing, segments: { branch: Paris } }', []],
      ['the sentiment of a theme under a bound (card_blocked, 8 verbatims, is under the minimum)', '{ id: r, kind: threshold, metric: sentiment, theme: "*", below: -0.6 }', ['fees_pricing']],
      ['a rating with no stars anywhere: nothing', '{ id: r, kind: threshold, metric: rating, below: 3 }', []],
      ['a small theme under the minimum volume: nothing', '{ id: r, kind: threshold, metric: volume, theme: atm, above: 2 }', []],
      ['the same with a minimum it meets', '{ id: r, kind: threshold, metric: volume, theme: atm, above: 2, minVolume: 3 }', ['atm']],
    ])('%s', async (_name, rule, themes) => {
      const result = await runAlerts(database().db, parseAlertRules(`rules:\n  - ${rule}`, 'alerts.yaml'), { now: ALERTS_NOW });
      expect(result.raised.map((alert) => alert.theme).sort()).toEqual(themes);
    });

    it('announces a new emerging theme once', async () => {
      const { db } = database();
      const rules = parseAlertRules('rules:\n  - { id: new-themes, kind: emerging, recentDays: 7, baselineDays: 42, minCount: 5 }', 'alerts.yaml');
      const first = await runAlerts(db, rules, { now: ALERTS_NOW });
      expect(first.raised.map((alert) => alert.theme)).toContain('card_blocked');
      expect(first.raised.map((alert) => alert.theme)).not.toContain('atm');
      const nextWeek = await runAlerts(db, rules, { now: new Date('2026-06-16T12:00:00.000Z') });
      expect(nextWeek.raised).toEqual([]);
    });
  });
});
