import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../scrapers/fixture-server.js';
import { goOffline } from './offline-dns.js';
import { runCli, type CliRun } from './run-cli.js';
import { seedMigratedPglite } from '../support/pglite-template.js';

const REFUSED = 'offline test resolver refused';

let dir: string;
let env: Record<string, string>;
let server: FixtureServer;
let config: string;
let restoreDns: (() => void) | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verbatim-scrape-'));
  env = { VERBATIM_DATA_DIR: path.join(dir, 'data') };
  await seedMigratedPglite(path.join(dir, 'data'));
  server = await startFixtureServer();
  // The commands run in this test process: from now on no host name resolves (but localhost), so no run can reach outside the machine.
  restoreDns = await goOffline();
  config = path.join(dir, 'sources.yaml');
  await writeFile(
    config,
    `# Review sources of Banque Exemple (the loopback fixture server)
userAgent: "verbatim-cli-test/1.0 (+mailto:cx-team@banque.invalid)"
allowPrivate: ["127.0.0.1/32"]
limits: { timeout: 2s, maxBytes: 1MB, maxPages: 10 }
politeness: { concurrencyPerHost: 2, minInterval: 10ms, retries: 1 }
sources:
  - name: app-ios
    kind: app-store
    url: ${server.url('/fr/rss/customerreviews/page=1/id=123456789/sortby=mostrecent/json')}
    schedule: { every: 6h }
    segments: { channel: app }
  - name: avis-agences
    kind: css
    url: ${server.url('/avis-clients?page=1')}
    selectors: { review: section.avis, title: .titre, text: .texte, rating: ".note@data-note", author: .nom, date: "time@datetime", id: "@data-review-id" }
  - name: site
    kind: sitemap
    url: ${server.url('/sitemap.xml')}
  - name: flux
    urls: [${server.url('/feeds/avis.rss')}, ${server.url('/feeds/reviews.atom')}, ${server.url('/loop/a')}]
`,
  );
}, 120_000);

afterAll(async () => {
  restoreDns?.();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** `verbatim ARGS`, failing the test if the run looked up any host name. */
async function verbatim(args: readonly string[]): Promise<CliRun> {
  const run = await runCli(args, { env });
  expect(run.stderr).not.toContain(REFUSED);
  return run;
}

describe('verbatim scrape', () => {
  it('runs offline: a URL on a host name fails with one line, never asking the real DNS', async () => {
    const run = await runCli(['scrape', 'http://elsewhere.invalid/avis', 'https://apps.apple.example/fr/app/id123456789'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${REFUSED} elsewhere.invalid`);
    expect(run.stderr).toContain(`${REFUSED} apps.apple.example`);
  });

  it('scrapes URLs given on the command line with --allow-private, and a second run adds nothing', async () => {
    const urls = [server.url('/offres/compte-essentiel'), server.url('/cartes/premier')];
    const first = await verbatim(['scrape', ...urls, '--allow-private', '--source', 'pages']);
    expect(first.stderr).toContain(`verbatim: scrape: pages: ${server.url('/offres/compte-essentiel')}: warning: JSON-LD block 1: invalid JSON`);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('pages: 2 pages (0 unchanged), 5 reviews found, 5 new, 0 already there, 0 older than --since, 0 failed URLs, 1 warnings; rated 4.1/5 by 212 (Compte Essentiel)\n');
    const second = await verbatim(['scrape', ...urls, '--allow-private', '--source', 'pages']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('5 reviews found, 0 new, 5 already there');
  });

  it('refuses the loopback server without --allow-private, one line per URL, exit 1', async () => {
    const run = await verbatim(['scrape', server.url('/feeds/reviews.atom')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`verbatim: scrape: ${server.origin.replace('http://', '')}: ${server.url('/feeds/reviews.atom')}: ssrf-refused: 127.0.0.1 is a loopback address`);
    expect(run.stderr).toContain('1 of 1 sources could not be read at all');
  });

  it('runs a sources file: every source reported, each failed URL on one line, the rest stored', async () => {
    const first = await verbatim(['scrape', '--config', config]);
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^app-ios: 2 pages \(0 unchanged\), 3 reviews found, 3 new,/);
    expect(lines[1]).toMatch(/^avis-agences: 2 pages \(0 unchanged\), 3 reviews found, 3 new,/);
    expect(lines[2]).toMatch(/^site: 6 pages \(0 unchanged\), 6 reviews found, 6 new, .*1 failed URLs/);
    expect(lines[3]).toMatch(/^flux: 4 pages \(0 unchanged\), 5 reviews found, 5 new, .*1 failed URLs/);
    const errors = first.stderr.split('\n').filter((line) => / (robots-disallowed|redirect-loop|timeout|too-large|ssrf-refused|http-status): /.test(line));
    // Sources run side by side: the lines come in any order.
    expect(errors.sort()).toEqual([
      `verbatim: scrape: flux: ${server.url('/loop/a')}: redirect-loop: redirect loop: ${server.url('/loop/a')} → ${server.url('/loop/b')} → ${server.url('/loop/a')}`,
      `verbatim: scrape: site: ${server.url('/private/offre-collaborateurs')}: robots-disallowed: disallowed by ${server.origin}/robots.txt for verbatim-cli-test`,
    ]);
    expect(server.requests.filter((request) => request.path === '/feeds/avis.rss').every((request) => request.headers['user-agent'] === 'verbatim-cli-test/1.0 (+mailto:cx-team@banque.invalid)')).toBe(true);

    const second = await verbatim(['scrape', '--config', config]);
    expect(second.code).toBe(0);
    const again = second.stdout.trim().split('\n');
    expect(again[0]).toMatch(/^app-ios: skipped: last run \d+ s ago, schedule every 6 h \(use --force to run now\)$/);
    for (const line of again.slice(1)) expect(line).toMatch(/, 0 new, /);
    const forced = await verbatim(['scrape', '--config', config, '--force']);
    expect(forced.stdout).toMatch(/^app-ios: 1 page \(0 unchanged\), 2 reviews found, 0 new, 2 already there,/);
  });

  it('names the file, line and field of a bad sources file', async () => {
    const bad = path.join(dir, 'bad.yaml');
    await writeFile(bad, 'sources:\n  - name: ok\n    url: https://example.invalid/\n  - name: typo\n    kind: rs\n    url: https://example.invalid/feed\n');
    const run = await verbatim(['scrape', '--config', bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^verbatim: ${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:5: field \`sources\\[1\\]\\.kind\`: `));
  });

  it.each([
    [[], 'nothing to scrape: give one or more URLs, or --config FILE'],
    [['--config', 'sources.yaml', 'https://banque.example/'], 'give URLs or --config, not both'],
    [['--config', 'sources.yaml', '--kind', 'rss'], '--kind apply to URLs given on the command line; with --config, set them in the sources file'],
    [['ftp://banque.example/avis'], 'not an http(s) URL: `ftp://banque.example/avis`'],
  ])('refuses %j with a usage error', async (args, message) => {
    const run = await verbatim(['scrape', ...args]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`verbatim: ${message}\n`);
  });

  it.each([
    [['--since', 'yesterday'], "option '--since <date>' argument 'yesterday' is invalid. expected a date such as 2026-10-01, got `yesterday`"],
    [['--since', '2026-02-30'], "option '--since <date>' argument '2026-02-30' is invalid. expected a date such as 2026-10-01, got `2026-02-30`"],
    [['--kind', 'rs'], "option '--kind <kind>' argument 'rs' is invalid. expected one of auto, schema-org, json-ld, microdata, rss, atom, app-store, css, sitemap, got `rs`"],
    [['--max-pages', '0'], "option '--max-pages <n>' argument '0' is invalid. expected a whole number from 1 and up, got `0`"],
  ])('refuses %j with one line naming the option, exit 1', async (args, message) => {
    const run = await verbatim(['scrape', 'https://banque.example/avis', ...args]);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(`error: ${message}`);
  });

  it('applies --since, --max-pages and --kind to the URLs given', async () => {
    const feed = server.url('/feeds/avis.rss');
    const run = await verbatim(['scrape', feed, '--allow-private', '--source', 'flux-options', '--kind', 'rss', '--since', '2026-10-07', '--max-pages', '1']);
    expect(run.code).toBe(0);
    // Page 1 holds an item of 7 October and one of the 6th; page 2 is left for --max-pages.
    expect(run.stdout).toBe('flux-options: 1 page (0 unchanged), 1 reviews found, 1 new, 0 already there, 1 older than --since, 0 failed URLs, 0 warnings (stopped at the source limits)\n');
    const wrongKind = await verbatim(['scrape', feed, '--allow-private', '--source', 'flux-kind', '--kind', 'app-store']);
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.stderr).toContain(`verbatim: scrape: flux-kind: ${feed}: content-type: `);
  });

  it('stores reviews that enrich and export like survey answers: a rating, no NPS, no author names', async () => {
    expect((await verbatim(['enrich'])).code).toBe(0);
    const run = await verbatim(['export', '--format', 'jsonl']);
    expect(run.code).toBe(0);
    const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const app = records.filter((record) => record['source'] === 'app-ios');
    expect(app).toHaveLength(3);
    expect(app.every((record) => record['nps'] === null && typeof record['rating'] === 'number' && record['channel'] === 'app')).toBe(true);
    expect(records.find((record) => record['external_id'] === '11223344556')).toMatchObject({ rating: 1, lang: 'fr', app_version: '8.4.1' });
    expect(run.stdout).not.toMatch(/Lulu_75|Claire M\.|Hélène|Priya K\./);
    const forgotten = await verbatim(['forget', '--author', 'Lulu_75']);
    expect(forgotten.stdout).toMatch(/: 1 verbatims/);
  });
});
