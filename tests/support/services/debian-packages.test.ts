import { describe, expect, it } from 'vitest';
import { ensureDebianPackages, type Installer, type Requirement } from './debian-packages.js';

/** A requirement that is missing until `installed` holds its package. */
function requirement(debianPackage: string, installed: Set<string>, alternative?: string): Requirement {
  return { debianPackage, purpose: `${debianPackage} for the tests`, alternative, missing: () => !installed.has(debianPackage) };
}

/** An installer that records what it was asked for and "installs" it. */
function fakeInstaller(installed: Set<string>, canInstall = true): Installer & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    canInstall,
    calls,
    install: async (packages) => {
      calls.push([...packages]);
      for (const name of packages) installed.add(name);
    },
  };
}

describe('ensureDebianPackages', () => {
  it('does nothing, and says nothing, when nothing is missing', async () => {
    const installed = new Set(['redis-server', 'postgresql']);
    const installer = fakeInstaller(installed);
    const lines: string[] = [];
    expect(await ensureDebianPackages([requirement('redis-server', installed), requirement('postgresql', installed)], installer, (line) => lines.push(line))).toEqual([]);
    expect(installer.calls).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('installs just the missing packages in one apt run, announced on one line', async () => {
    const installed = new Set(['postgresql']);
    const installer = fakeInstaller(installed);
    const lines: string[] = [];
    const requirements = ['redis-server', 'postgresql', 'chromium'].map((name) => requirement(name, installed));
    expect(await ensureDebianPackages(requirements, installer, (line) => lines.push(line))).toEqual(['redis-server', 'chromium']);
    expect(installer.calls).toEqual([['redis-server', 'chromium']]);
    expect(lines).toEqual(['test setup: installing redis-server chromium from Debian packages (missing)']);
  });

  it('fails at once, naming what to install, when it may not install (not root, no apt-get)', async () => {
    const installed = new Set<string>();
    const installer = fakeInstaller(installed, false);
    const run = ensureDebianPackages([requirement('redis-server', installed, 'TEST_REDIS_URL'), requirement('chromium', installed)], installer, () => undefined);
    await expect(run).rejects.toThrow(
      'The test suite needs redis-server (redis-server for the tests, or set TEST_REDIS_URL), chromium (chromium for the tests): install them with `apt-get install -y redis-server chromium` as root',
    );
    expect(installer.calls).toEqual([]);
  });

  it('fails when a package installed still leaves the need unmet', async () => {
    const installer: Installer = { canInstall: true, install: async () => undefined };
    await expect(ensureDebianPackages([requirement('redis-server', new Set())], installer, () => undefined)).rejects.toThrow('installed redis-server but still missing');
  });
});
