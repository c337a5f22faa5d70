import type { Report } from '../../analysis/report.js';

/**
 * A small report with every section filled by hand (figures consistent with each
 * other where a renderer shows them side by side). Text fields carry markup and
 * formula starts so renderers' escaping is exercised.
 */
export const reportFixture: Report = {
  generated_at: '2026-11-24T00:00:00.000Z',
  filters: {},
  verbatims: 12,
  commented: 10,
  enriched: 12,
  nps: { score: 30, n: 10, promoters: 5, passives: 3, detractors: 2, ci95: [-18.4, 78.4] },
  drivers: [
    { theme: 'fees_pricing', label: 'fees_pricing', parent: null, count: 3, share: 0.3, sentiment_score: -0.6, positive: 0, negative: 3, nps_with: -66.7, nps_without: 71.4, impact: -41.4, ci95: [-60.3, -22.5], significant: true },
    { theme: '=cmd|x', label: '=cmd|x', parent: null, count: 1, share: 0.1, sentiment_score: 0, positive: 0, negative: 0, nps_with: null, nps_without: null, impact: null, ci95: null, significant: false },
  ],
  journey: [{ step: 'billing_statements', n: 3, nps: -66.7, themes: [{ theme: 'fees_pricing', label: 'fees_pricing', count: 3, impact: null, ci95: null, significant: false }], hidden_themes: 0 }],
  languages: { fr: 8, en: 2 },
  sentiment: { negative: 5, positive: 5 },
  key_drivers: {
    method: 'johnson_relative_weights',
    outcome: 'nps_points',
    n: 10,
    r2: 0.5,
    intercept: 71.4,
    excluded: [{ theme: '=cmd|x', reason: 'in no verbatim' }],
    themes: [{ theme: 'fees_pricing', count: 3, coefficient: -138.1, beta: -0.707, relative_weight: 0.5, importance: 1 }],
  },
  breakdowns: [
    {
      dimension: 'branch',
      kind: 'segment',
      omitted_groups: 0,
      groups: [
        { value: 'Lyon', n: 5, commented: 5, nps: { score: 100, n: 5, promoters: 5, passives: 0, detractors: 0, ci95: [100, 100] }, drivers: [] },
        {
          value: '<b>Paris</b>',
          n: 5,
          commented: 5,
          nps: { score: -40, n: 5, promoters: 0, passives: 3, detractors: 2, ci95: [-82.9, 2.9] },
          drivers: [{ theme: 'fees_pricing', count: 3, share: 0.6, sentiment_score: -0.6, nps_with: -66.7, nps_without: 0, impact: -40, ci95: [-80, 0], significant: false }],
        },
      ],
    },
  ],
  trends: {
    granularity: 'month',
    periods: [
      { period: '2026-02', n: 4, commented: 4, nps: { score: 50, n: 4, promoters: 2, passives: 2, detractors: 0, ci95: [0, 100] } },
      { period: '2026-03', n: 6, commented: 6, nps: { score: 16.7, n: 6, promoters: 3, passives: 1, detractors: 2, ci95: [-50, 83.3] } },
    ],
    themes: [
      {
        theme: 'fees_pricing',
        points: [
          { period: '2026-02', count: 0, share: 0, sentiment_score: null, impact: null, ci95: null },
          { period: '2026-03', count: 3, share: 0.5, sentiment_score: -0.6, impact: -58.3, ci95: [-90, -26.7] },
        ],
      },
    ],
  },
  emerging: {
    windows: { recent: { from: '2026-02-28T00:00:00.000Z', to: '2026-03-30T00:00:00.000Z' }, baseline: { from: '2025-11-30T00:00:00.000Z', to: '2026-02-28T00:00:00.000Z' } },
    recent_docs: 6,
    baseline_docs: 4,
    themes: [{ theme: 'fees_pricing', recent_count: 3, recent_share: 0.5, baseline_count: 0, baseline_share: 0, ratio: null, g2: 4.73, p_value: 0.0296, emerging: false }],
    phrases: [{ phrase: 'frais <script>', target_docs: 3, target_share: 0.5, reference_docs: 0, reference_share: 0, ratio: null, g2: 4.73, p_value: 0.0296, significant: false }],
    phrases_sampled: false,
  },
  suggested_themes: {
    untagged: 4,
    sample: 4,
    unclustered: 1,
    method: 'phrases',
    clusters: [
      {
        id: 'suggested_1',
        seed: 'carte bloquée',
        sample_size: 3,
        estimated_size: 3,
        top_phrases: [{ phrase: 'carte bloquée', docs: 3 }],
        examples: [{ id: 'v_1', text: 'Ma carte bloquée <img src=x onerror=alert(1)>' }],
      },
    ],
  },
  moments: {
    thresholds: { positive: 0.1, negative: -0.1, minAnswers: 5 },
    steps: [
      {
        step: 'billing_statements',
        customer: { n: 3, positive: 0, negative: 3, valence: -1, signal: 'none' },
        employee: { n: 0, positive: 0, negative: 0, valence: null, signal: 'none' },
        moment: null,
      },
      {
        step: 'support_contact',
        customer: { n: 6, positive: 5, negative: 0, valence: 0.833, signal: 'positive' },
        employee: { n: 5, positive: 0, negative: 4, valence: -0.8, signal: 'negative' },
        moment: 'douleur',
      },
    ],
  },
  enps: {
    nps: { score: -100, n: 1, promoters: 0, passives: 0, detractors: 1, ci95: [-100, -100] },
    drivers: [],
  },
  followups: {
    due_hours: 48,
    total: 2,
    open: 1,
    assigned: 0,
    closed: 1,
    closed_in_time: 1,
    due: 2,
    compliance: 0.5,
    overdue: 1,
    overdue_list: [
      { id: 2, verbatim_id: 'v_10', external_id: 'R-10', source: 'nps-test', nps: 0, status: 'open', assignee: null, due_at: '2026-03-12T09:30:00.000Z', hours_late: 24 },
    ],
  },  // a survey without stars: the rating sections stay out (tests/reports/rating-renderers.test.ts fills them)
  rating: null,
  rating_drivers: [],
  // no taxonomy in the database: labels are the ids; nothing below the minimum count
  theme_labels: {},
  hidden_themes: { min_count: 1, drivers: 0 },
};
