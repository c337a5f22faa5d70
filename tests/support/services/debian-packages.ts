import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { findExecutable } from './executables.js';
import { messageOf } from './service.js';

const run = promisify(execFile);

/** A Debian package the suite needs, and how to tell it is missing. */
export interface Requirement {
  readonly debianPackage: string;
  /** What the tests use it for, for the error message. */
  readonly purpose: string;
  /** How to do without it (an environment variable pointing elsewhere), for the error message. */
  readonly alternative?: string;
  readonly missing: () => boolean;
}

/** What the machine offers to install packages with: root, Debian, apt-get. */
export interface Installer {
  readonly canInstall: boolean;
  install(packages: readonly string[]): Promise<void>;
}

/**
 * Installs the missing packages of `requirements` from Debian when the process may
 * (root, apt-get), printing one line that says so; otherwise fails at once naming
 * what to install. Returns the packages installed.
 *
 * @example await ensureDebianPackages([{ debianPackage: 'redis-server', purpose: 'the queue tests', missing: () => !hasRedis() }]);
 */
export async function ensureDebianPackages(
  requirements: readonly Requirement[],
  installer: Installer = aptInstaller(),
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<string[]> {
  const missing = requirements.filter((requirement) => requirement.missing());
  if (missing.length === 0) return [];
  const packages = missing.map((requirement) => requirement.debianPackage);
  if (!installer.canInstall) {
    const what = missing.map((requirement) => `${requirement.debianPackage} (${requirement.purpose}${requirement.alternative === undefined ? '' : `, or set ${requirement.alternative}`})`);
    throw new Error(
      `The test suite needs ${what.join(', ')}: install ${packages.length === 1 ? 'it' : 'them'} with \`apt-get install -y ${packages.join(' ')}\` as root (the test setup does so itself when run as root on Debian).`,
    );
  }
  log(`test setup: installing ${packages.join(' ')} from Debian packages (missing)`);
  await installer.install(packages);
  const still = missing.filter((requirement) => requirement.missing());
  if (still.length > 0) throw new Error(`test setup: installed ${packages.join(' ')} but still missing: ${still.map((requirement) => requirement.purpose).join(', ')}`);
  return packages;
}

/** `apt-get update -qq` then `apt-get install -y -qq PACKAGES`, non-interactive; usable as root on Debian only. */
export function aptInstaller(): Installer {
  const aptGet = findExecutable('apt-get');
  const canInstall = process.getuid?.() === 0 && aptGet !== undefined && existsSync('/etc/debian_version');
  return {
    canInstall,
    install: async (packages) => {
      const options = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, maxBuffer: 64 * 1024 * 1024 };
      try {
        await run(aptGet ?? 'apt-get', ['update', '-qq'], options);
        await run(aptGet ?? 'apt-get', ['install', '-y', '-qq', ...packages], options);
      } catch (error) {
        const output = typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr) : '';
        throw new Error(`test setup: \`apt-get install -y ${packages.join(' ')}\` failed: ${messageOf(error)}\n${output}`);
      }
    },
  };
}
