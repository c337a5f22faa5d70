import { performance } from 'node:perf_hooks';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/** Which statement of an enrichment save a raw SQL query is, by how its text starts. */
const STATEMENTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['sql_update_s', /^\s*update verbatims/],
  ['sql_verbatims_insert_s', /^\s*insert into verbatims \(/],
  ['sql_theme_delete_s', /^\s*delete from verbatim_themes/],
  ['sql_theme_insert_s', /^\s*insert into verbatim_themes \(verbatim_id, theme, sentiment, score, confidence, evidence\)\s/],
  ['sql_rollup_s', /^\s*insert into verbatim_themes \(verbatim_id, theme, sentiment, score, confidence, evidence, rolled_up\)/],
  ['sql_version_s', /^\s*with bump as/],
];

/**
 * A Kysely plugin that adds the wall seconds of each statement of `saveEnrichments`
 * (from the query handed to the driver to its result) to `totals`, by name, and the
 * process's CPU seconds meanwhile under the name with `_cpu` (meaningful when statements
 * run one at a time and nothing else runs: the save bench).
 *
 * @example const db = opened.db.withPlugin(statementTimer(totals)); await saveEnrichments(db, batch); // totals.sql_update_s
 */
export function statementTimer(totals: Record<string, number>): KyselyPlugin {
  const started = new WeakMap<object, { name: string; at: number; cpu: NodeJS.CpuUsage }>();
  return {
    transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
      const text = node.kind === 'RawNode' ? (node.sqlFragments[0] ?? '') : '';
      // The verbatims' multi-row INSERT is built, not raw (insertVerbatims, insertEnrichedVerbatims).
      const built = node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === 'verbatims' ? 'sql_verbatims_insert_s' : undefined;
      const name = built ?? STATEMENTS.find(([, pattern]) => pattern.test(text))?.[0];
      if (name !== undefined) started.set(queryId, { name, at: performance.now(), cpu: process.cpuUsage() });
      return node;
    },
    transformResult({ queryId, result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      const start = started.get(queryId);
      if (start !== undefined) {
        const cpu = process.cpuUsage(start.cpu);
        const cpuName = start.name.replace(/_s$/, '_cpu_s');
        totals[start.name] = (totals[start.name] ?? 0) + (performance.now() - start.at) / 1000;
        totals[cpuName] = (totals[cpuName] ?? 0) + (cpu.user + cpu.system) / 1e6;
      }
      return Promise.resolve(result);
    },
  };
}
