import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';
import { BUNDLE_DIR } from '../core/package-root.js';

/**
 * The `verbatim` executable as one ES-module bundle (split at its dynamic imports, so a command
 * still loads only what it runs), built from the compiled `dist/` after `tsc`.
 *
 * Why: a cold `verbatim report` loaded ≈ 520 modules before it counted, kysely 263 and zod 95 of
 * them; resolving and linking them one file at a time cost ≈ 0.3 s of a 3 s command
 * (db/README.md, "A bundled executable"). Only the packages below go into the bundle: plain
 * JavaScript that never reads its own files and loads no native code itself. Every other
 * package stays a runtime import, resolved from `node_modules` as before (native bindings,
 * WebAssembly, packages that find files next to themselves).
 */
export const BUNDLED_PACKAGES: ReadonlySet<string> = new Set([
  'kysely',
  // It imports kysely: outside the bundle it would load a second kysely beside the bundled one.
  'kysely-pglite-dialect',
  'zod',
  'commander',
  'csv-parse',
  'csv-stringify',
  'p-queue',
  'p-timeout',
  'eventemitter3',
  'yaml',
  // 181 CommonJS files; the native binding it requires (@duckdb/node-bindings) stays outside.
  '@duckdb/node-api',
]);

/** The package a bare import names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * The compiled module's source with each `import.meta.url` replaced by the URL of the file it came
 * from, computed from the chunk it lands in: worker entries, `createRequire` and the package root
 * are found next to the compiled file, whichever chunk carries its code.
 *
 * @example moduleUrlRewritten('new URL("./x.js", import.meta.url)', 'pipeline/a.js') // 'new URL("./x.js", new URL("../pipeline/a.js", import.meta.url).href)'
 */
export function moduleUrlRewritten(source: string, fromDist: string): string {
  const fromChunk = JSON.stringify(`../${fromDist.split(path.sep).join('/')}`);
  return source.replaceAll('import.meta.url', `new URL(${fromChunk}, import.meta.url).href`);
}

function verbatimBundlePlugin(distRoot: string): Plugin {
  return {
    name: 'verbatim-bundle',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:') || !BUNDLED_PACKAGES.has(packageOf(args.path))) return { path: args.path, external: true };
        return undefined;
      });
      build.onLoad({ filter: /\.js$/ }, async (args) => {
        const fromDist = path.relative(distRoot, args.path);
        if (fromDist.startsWith('..') || fromDist.split(path.sep).includes('node_modules')) return undefined;
        return { contents: moduleUrlRewritten(await readFile(args.path, 'utf8'), fromDist), loader: 'js' };
      });
    },
  };
}

/** esbuild's options for the bundle of the compiled executable (`dist/cli/main.js`) into `BUNDLE_DIR`, a folder of `dist/`. */
export function bundleOptions(): BuildOptions {
  const distRoot = path.dirname(BUNDLE_DIR);
  return {
    entryPoints: [path.join(distRoot, 'cli', 'main.js')],
    outdir: BUNDLE_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Readable stack traces: names kept (no minifying), and source maps chained to tsc's, so
    // `node --enable-source-maps` points at the TypeScript sources as it did unbundled.
    minify: false,
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    // The bundled CommonJS packages (commander, yaml, DuckDB's API) require Node's built-in modules and the binding.
    banner: { js: "import { createRequire as __verbatimCreateRequire } from 'node:module'; const require = __verbatimCreateRequire(import.meta.url);" },
    plugins: [verbatimBundlePlugin(distRoot)],
  };
}
