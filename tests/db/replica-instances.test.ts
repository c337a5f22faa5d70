import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { keepIdleReplicaInstances, leaseReadOnlyInstance, openReplicaInstances, type ReadOnlyInstanceLease } from '../../db/replica-instances.js';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'verbatim-t-replica-instances-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});
afterEach(() => {
  keepIdleReplicaInstances(0);
});

/** A DuckDB file at `file` whose table `t` holds `value`. */
async function writeDatabase(file: string, value: number): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run(`create table t as select ${String(value)} as value`);
  connection.closeSync();
  instance.closeSync();
}

async function valueOf(lease: ReadOnlyInstanceLease): Promise<number> {
  const connection = await lease.instance.connect();
  try {
    return Number((await connection.runAndReadAll('select value from t')).getRows()[0]?.[0]);
  } finally {
    connection.closeSync();
  }
}

const fileNamed = (name: string): string => path.join(folder, `${name}-${Math.random().toString(36).slice(2)}.duckdb`);

it('shares one instance between the leases of a file, and closes it with the last one by default', async () => {
  const file = fileNamed('shared');
  await writeDatabase(file, 1);
  const [first, second] = await Promise.all([leaseReadOnlyInstance(file), leaseReadOnlyInstance(file)]);
  expect(second.instance).toBe(first.instance);
  expect(openReplicaInstances()).toBe(1);
  first.release();
  first.release(); // a second release of the same lease changes nothing
  expect(openReplicaInstances()).toBe(1);
  expect(await valueOf(second)).toBe(1);
  second.release();
  expect(openReplicaInstances()).toBe(0);
  const third = await leaseReadOnlyInstance(file);
  expect(third.instance).not.toBe(first.instance);
  third.release();
});

it('keeps an idle instance for the next lease when asked, and closes the idle ones when told 0', async () => {
  keepIdleReplicaInstances(60_000);
  const file = fileNamed('kept');
  await writeDatabase(file, 2);
  const first = await leaseReadOnlyInstance(file);
  first.release();
  expect(openReplicaInstances()).toBe(1);
  const second = await leaseReadOnlyInstance(file);
  expect(second.instance).toBe(first.instance);
  expect(await valueOf(second)).toBe(2);
  second.release();
  keepIdleReplicaInstances(0);
  expect(openReplicaInstances()).toBe(0);
});

it('closes a kept instance once it has been idle that long', async () => {
  keepIdleReplicaInstances(20);
  const file = fileNamed('idle');
  await writeDatabase(file, 3);
  (await leaseReadOnlyInstance(file)).release();
  expect(openReplicaInstances()).toBe(1);
  for (let waited = 0; waited < 5_000 && openReplicaInstances() > 0; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(openReplicaInstances()).toBe(0);
});

it('opens a new instance for a file renamed over the old one, while a lease on the old one keeps reading it', async () => {
  keepIdleReplicaInstances(60_000);
  const file = fileNamed('replaced');
  await writeDatabase(file, 4);
  const old = await leaseReadOnlyInstance(file);
  const next = `${file}.next`;
  await writeDatabase(next, 5);
  await rename(next, file);
  const fresh = await leaseReadOnlyInstance(file);
  expect(fresh.instance).not.toBe(old.instance);
  expect(await valueOf(fresh)).toBe(5);
  expect(await valueOf(old)).toBe(4);
  old.release();
  fresh.release();
  expect(openReplicaInstances()).toBe(2); // both idle, kept
});

it('fails as DuckDB or the file system does for a missing or foreign file, and keeps nothing open', async () => {
  await expect(leaseReadOnlyInstance(fileNamed('missing'))).rejects.toThrow(/ENOENT/);
  const foreign = fileNamed('foreign');
  await writeFile(foreign, 'not a database');
  await expect(leaseReadOnlyInstance(foreign)).rejects.toThrow();
  expect(openReplicaInstances()).toBe(0);
});
