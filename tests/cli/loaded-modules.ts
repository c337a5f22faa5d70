import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface LoadedModules {
  readonly code: number | null;
  readonly stdout: string;
  /** Every module URL the process loaded through the ES-module loader, in load order. */
  readonly urls: readonly string[];
}

/** Runs an executable in a fresh process with a module loader hook that logs every module it loads. */
export class ModuleLoadRecorder {
  private constructor(
    private readonly dir: string,
    private readonly register: string,
  ) {}

  static async create(): Promise<ModuleLoadRecorder> {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-loads-'));
    const hooks = path.join(dir, 'hooks.mjs');
    await writeFile(
      hooks,
      `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(process.env.LOAD_LOG, url + '\\n'); return next(url, context); }\n`,
    );
    const register = path.join(dir, 'register.mjs');
    await writeFile(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    return new ModuleLoadRecorder(dir, register);
  }

  /** `node EXECUTABLE ARGS` on an empty data dir of its own. */
  async loadedBy(executable: string, args: readonly string[]): Promise<LoadedModules> {
    const name = `${path.basename(path.dirname(executable))}_${args.join('_').replace(/\W/g, '')}`;
    const log = path.join(this.dir, `${name}.log`);
    await writeFile(log, '');
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', pathToFileURL(this.register).href, executable, ...args], {
        env: { ...process.env, LOAD_LOG: log, VERBATIM_DATA_DIR: path.join(this.dir, `data_${name}`) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('error', reject);
      child.on('close', (exit) => resolve({ code: exit, stdout: out }));
    });
    return { code, stdout, urls: (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '') };
  }

  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
