import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import type { TaxonomyVersion } from '../analysis/taxonomy-editing.js';
import type { TaxonomyPreview } from '../analysis/taxonomy-preview.js';
import type { Taxonomy } from '../models/themes/taxonomy.js';
import { UsageError } from '../core/errors.js';
import { terminalSafe } from '../reports/terminal-safe.js';
import { modelPlaces, type CliContext } from './context.js';
import { oneOf, positiveInteger } from './option-parsers.js';
import type { CommandRegistration } from './program.js';
import { NO_REPLICA_SYNC_HELP, syncReplicaAfterWrite } from './replica-after-write.js';
import { withDatabase } from './with-database.js';

const FORMATS = ['text', 'json'] as const;

/** `3` or `v3`. */
function versionNumber(value: string): number {
  return positiveInteger(value.replace(/^v/, ''));
}

// Loaded when a taxonomy command runs: every command registers at start-up.
const sources = () => import('./taxonomy-sources.js');
const retagging = () => import('./taxonomy-retag.js');

/**
 * `verbatim taxonomy export|import|diff|history|undo`: the taxonomy versions the theme
 * editor stores, as files a team keeps in git. `import` and `undo` re-tag every verbatim.
 */
export const registerTaxonomy: CommandRegistration = (program, context) => {
  const taxonomy = program.command('taxonomy').description('taxonomy versions: export, import (re-tags), diff, history, undo');
  registerExport(taxonomy, context);
  registerImport(taxonomy, context);
  registerDiff(taxonomy, context);
  taxonomy
    .command('history')
    .description('every taxonomy version, newest first: number, date, author, message; * = active')
    .action(async () => {
      const [{ listTaxonomyVersions }, { activeVersion }] = await Promise.all([import('../db/taxonomy-versions.table.js'), sources()]);
      await withDatabase(context, async (db) => {
        await activeVersion(context, db);
        for (const row of await listTaxonomyVersions(db)) {
          const when = row.created_at.toISOString().slice(0, 16).replace('T', ' ');
          context.stdout.write(`${row.active ? '*' : ' '} v${row.version}  ${when}  ${terminalSafe(row.author)}  ${terminalSafe(row.message)}\n`);
        }
      });
    });
  taxonomy
    .command('undo')
    .description('make the version before the active one active again, and re-tag every verbatim')
    .option('--no-replica-sync', NO_REPLICA_SYNC_HELP)
    .action(async (options: { replicaSync: boolean }) => {
      const [{ undoTaxonomyVersion }, { activeVersion }, { retagWithProgress }] = await Promise.all([import('../analysis/taxonomy-editing.js'), sources(), retagging()]);
      await withDatabase(context, async (db) => {
        const from = await activeVersion(context, db);
        const back = await undoTaxonomyVersion(db);
        if (back === undefined) throw new UsageError(`version ${from.row.version} is the first: nothing to undo`);
        const { done } = await retagWithProgress(context, db, back, 'taxonomy undo');
        context.stdout.write(`taxonomy version ${back.row.version} active again (was ${from.row.version}); ${done} verbatims re-tagged\n`);
        if (options.replicaSync) await syncReplicaAfterWrite(context, db);
      });
    });
};

function registerExport(taxonomy: Command, context: CliContext): void {
  taxonomy
    .command('export')
    .description('the active taxonomy version (or version N) as YAML (JSON when --out ends in .json), labels included')
    // A positional, not --version: the program's own --version flag would take it.
    .argument('[version]', 'a stored version (3 or v3) instead of the active one', versionNumber)
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (version: number | undefined, options: { out?: string }) => {
      const [{ taxonomyText }, { activeVersion, storedVersion }] = await Promise.all([import('../models/themes/taxonomy-edit-export.js'), sources()]);
      const chosen = await withDatabase(context, (db) => (version === undefined ? activeVersion(context, db) : storedVersion(db, version)));
      const json = options.out?.toLowerCase().endsWith('.json') === true;
      const text = taxonomyText(chosen.taxonomy, json ? 'json' : 'yaml');
      if (options.out === undefined) context.stdout.write(text);
      else {
        await writeFile(path.resolve(context.cwd, options.out), text, 'utf8');
        context.stderr.write(`taxonomy version ${chosen.row.version} written to ${options.out}\n`);
      }
    });
}

function registerImport(taxonomy: Command, context: CliContext): void {
  taxonomy
    .command('import')
    .description('validate FILE, store it as a new active version, re-tag every verbatim')
    .argument('<file>', 'taxonomy file (YAML or JSON)')
    .option('--message <text>', 'what changed and why (shown in the history)')
    .option('--author <name>', 'who made the change (default: the user running the command)')
    .option('--no-replica-sync', NO_REPLICA_SYNC_HELP)
    .action(async (file: string, options: { message?: string; author?: string; replicaSync: boolean }) => {
      const [{ storeTaxonomyVersion }, { diffTaxonomies, formatTaxonomyDiff, isEmptyDiff }, { activeVersion, taxonomyFile }, { retagWithProgress }] = await Promise.all([
        import('../analysis/taxonomy-editing.js'),
        import('../models/themes/taxonomy-diff.js'),
        sources(),
        retagging(),
      ]);
      const proposed = await taxonomyFile(context, file);
      await withDatabase(context, async (db) => {
        const current = await activeVersion(context, db);
        const diff = diffTaxonomies(current.taxonomy, proposed);
        if (isEmptyDiff(diff)) {
          context.stdout.write(`${file} is the same as the active version ${current.row.version}: nothing stored\n`);
          return;
        }
        const author = options.author ?? userInfo().username;
        const stored = await storeTaxonomyVersion(db, proposed, { author, message: options.message ?? `imported ${path.basename(file)}`, now: context.now() });
        context.stderr.write(formatTaxonomyDiff(diff));
        const { done } = await retagWithProgress(context, db, stored, 'taxonomy import');
        context.stdout.write(`taxonomy version ${stored.row.version} stored and active; ${done} verbatims re-tagged\n`);
        if (options.replicaSync) await syncReplicaAfterWrite(context, db);
      });
    });
}

function registerDiff(taxonomy: Command, context: CliContext): void {
  taxonomy
    .command('diff')
    .description('A alone: what A would change against the active version, verbatims re-tagged in memory (nothing stored); A B: the taxonomy change from A to B. A version is 3 or v3, anything else a file')
    .argument('<a>', 'a taxonomy file, or a version number')
    .argument('[b]', 'a second file or version: compare the taxonomies only')
    .option('--format <format>', FORMATS.join(' | '), oneOf(FORMATS), 'text')
    .action(async (a: string, b: string | undefined, options: { format: (typeof FORMATS)[number] }) => {
      const [{ diffTaxonomies, formatTaxonomyDiff }, { previewTaxonomy }, { openTaxonomyTagger }, { activeVersion, versionOrFile }] = await Promise.all([
        import('../models/themes/taxonomy-diff.js'),
        import('../analysis/taxonomy-preview.js'),
        import('../pipeline/taxonomy-retag.js'),
        sources(),
      ]);
      await withDatabase(context, async (db) => {
        const before = b === undefined ? activeAsSource(await activeVersion(context, db)) : await versionOrFile(context, db, a);
        const after = await versionOrFile(context, db, b ?? a);
        const diff = diffTaxonomies(before.taxonomy, after.taxonomy);
        const preview = b === undefined ? await previewTaxonomy(db, await openTaxonomyTagger(modelPlaces(context), {}, after.taxonomy)) : undefined;
        if (options.format === 'json') {
          context.stdout.write(`${JSON.stringify({ from: before.name, to: after.name, diff, ...(preview === undefined ? {} : { preview }) }, null, 2)}\n`);
          return;
        }
        context.stdout.write(`${before.name} → ${after.name}\n${formatTaxonomyDiff(diff)}`);
        if (preview !== undefined) context.stdout.write(formatPreview(preview));
      });
    });
}

const activeAsSource = (version: TaxonomyVersion): { name: string; taxonomy: Taxonomy } => ({ name: `active version ${version.row.version}`, taxonomy: version.taxonomy });

const signed = (value: number | null): string => (value === null ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(1)}`);

/** The preview as lines: per theme, verbatims gained and lost, mentions and driver impact before → after. */
export function formatPreview(preview: TaxonomyPreview): string {
  const lines = [`\n${preview.changed} of ${preview.scanned} verbatims would change themes`];
  for (const theme of preview.themes.filter((entry) => entry.gained + entry.lost > 0)) {
    lines.push(
      `  ${theme.theme}: +${theme.gained} -${theme.lost} verbatims; mentions ${theme.mentionsBefore} → ${theme.mentionsAfter}; impact ${signed(theme.impactBefore)} → ${signed(theme.impactAfter)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
