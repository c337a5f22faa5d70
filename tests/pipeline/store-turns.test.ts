import { describe, expect, it } from 'vitest';
import { storeTurns, type StoreTurn } from '../../pipeline/store-turns.js';

/** A promise settled from outside. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((settle, fail) => ((resolve = settle), (reject = fail)));
  return { promise, resolve, reject };
}

/** Lets every settled promise's continuations run. */
const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A store that behaves as the database's: waits for `mayBegin`, says `begun`, writes (held until
 * released from outside), waits for `mayCommit`, commits. Every step is logged.
 */
function fakeStore(events: string[]) {
  const writes = new Map<string, ReturnType<typeof deferred<void>>>();
  const store = async (name: string, turn: StoreTurn): Promise<string> => {
    await turn.mayBegin;
    turn.begun();
    events.push(`${name} begin`);
    const write = deferred();
    writes.set(name, write);
    await write.promise;
    events.push(`${name} written`);
    await turn.mayCommit;
    events.push(`${name} commit`);
    return name;
  };
  return { store, write: (name: string) => writes.get(name)?.resolve(), fail: (name: string, error: Error) => writes.get(name)?.reject(error) };
}

const ids = (...list: string[]): Set<string> => new Set(list);
const ready = <T>(value: T) => () => Promise.resolve(value);

describe('storeTurns', () => {
  it('writes two batches at once, and commits them in arrival order', async () => {
    const events: string[] = [];
    const { store, write } = fakeStore(events);
    const turns = storeTurns(2);
    const a = turns.enter(ids('1', '2'), ready('a'), store);
    const b = turns.enter(ids('3', '4'), ready('b'), store);
    await drain();
    expect(events).toEqual(['a begin', 'b begin']);
    write('b');
    await drain();
    expect(events).toEqual(['a begin', 'b begin', 'b written']); // b waits for a to commit
    write('a');
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(events).toEqual(['a begin', 'b begin', 'b written', 'a written', 'a commit', 'b commit']);
  });

  it('keeps at most `concurrency` stores under way: the third starts when the first has ended', async () => {
    const events: string[] = [];
    const { store, write } = fakeStore(events);
    const turns = storeTurns(2);
    const stored = ['a', 'b', 'c'].map((name, index) => turns.enter(ids(String(index)), ready(name), store));
    await drain();
    expect(events).toEqual(['a begin', 'b begin']);
    write('a');
    await drain();
    expect(events).toEqual(['a begin', 'b begin', 'a written', 'a commit', 'c begin']);
    write('c');
    write('b');
    expect(await Promise.all(stored)).toEqual(['a', 'b', 'c']);
    expect(events.slice(5)).toEqual(['c written', 'b written', 'b commit', 'c commit']); // c written first, committed after b
  });

  it('a batch sharing an id with a store under way waits for it to end: the first copy wins', async () => {
    const events: string[] = [];
    const { store, write } = fakeStore(events);
    const turns = storeTurns(2);
    const a = turns.enter(ids('1', '2'), ready('a'), store);
    const b = turns.enter(ids('2', '3'), ready('b'), store);
    await drain();
    expect(events).toEqual(['a begin']);
    write('a');
    await a;
    await drain();
    expect(events).toEqual(['a begin', 'a written', 'a commit', 'b begin']);
    write('b');
    await b;
  });

  it('a batch whose preparation ends first still begins after the one before it', async () => {
    const events: string[] = [];
    const { store, write } = fakeStore(events);
    const turns = storeTurns(2);
    const enriching = deferred<string>();
    const a = turns.enter(ids('1'), () => enriching.promise, store);
    const b = turns.enter(ids('2'), ready('b'), store);
    await drain();
    expect(events).toEqual([]); // b is ready but a has not begun: on a one-connection pool, a must get it first
    enriching.resolve('a');
    await drain();
    expect(events).toEqual(['a begin', 'b begin']);
    write('a');
    write('b');
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
  });

  it('a failed store fails the stores after it: one under way rolls back instead of committing, a later one never begins', async () => {
    const events: string[] = [];
    const { store, write, fail } = fakeStore(events);
    const turns = storeTurns(2);
    const a = turns.enter(ids('1'), ready('a'), store);
    const b = turns.enter(ids('2'), ready('b'), store);
    const c = turns.enter(ids('3'), ready('c'), store);
    for (const settled of [a, b, c]) settled.catch(() => undefined);
    await drain();
    write('b');
    fail('a', new Error('disk full'));
    await expect(a).rejects.toThrow('disk full');
    await expect(b).rejects.toThrow('disk full');
    await expect(c).rejects.toThrow('disk full');
    expect(events).toEqual(['a begin', 'b begin', 'b written']);
  });

  it('a failed preparation does not hold up the next batch', async () => {
    const events: string[] = [];
    const { store, write } = fakeStore(events);
    const turns = storeTurns(1);
    const a = turns.enter(ids('1'), () => Promise.reject(new Error('stopped')), store);
    const b = turns.enter(ids('2'), ready('b'), store);
    b.catch(() => undefined);
    await expect(a).rejects.toThrow('stopped');
    await expect(b).rejects.toThrow('stopped');
    write('b');
    expect(events).toEqual([]);
  });

  it('with concurrency 1, each store waits for the one before it to end', async () => {
    const events: string[] = [];
    const { store, write } = fakeStore(events);
    const turns = storeTurns(1);
    const a = turns.enter(ids('1'), ready('a'), store);
    const b = turns.enter(ids('2'), ready('b'), store);
    await drain();
    expect(events).toEqual(['a begin']);
    write('a');
    await a;
    await drain();
    write('b');
    await b;
    expect(events).toEqual(['a begin', 'a written', 'a commit', 'b begin', 'b written', 'b commit']);
  });

  it('checks its options up front', () => {
    expect(() => storeTurns(0)).toThrow('Expected `concurrency` to be a number from 1 and up, got `0` (number)');
  });
});
