import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { findExecutable } from './executables.js';
import { freePort } from './free-port.js';
import { givenUrl, messageOf, type TestService } from './service.js';

/**
 * `TEST_REDIS_URL` when set (checked reachable), else a `redis-server` of the suite's own
 * on a free loopback port, nothing saved to disk (`--save '' --appendonly no`), stopped by `stop()`.
 *
 * @example const redis = await startRedis(); try { … redis.url … } finally { await redis.stop(); }
 */
export async function startRedis(): Promise<TestService> {
  const given = givenUrl('TEST_REDIS_URL');
  if (given !== undefined) {
    await pingRedis(given).catch((error: unknown) => {
      throw new Error(`cannot reach Redis at TEST_REDIS_URL (${given}): ${messageOf(error)}`);
    });
    return { url: given, stop: async () => undefined };
  }
  const server = findExecutable('redis-server');
  if (server === undefined) {
    throw new Error('The test suite needs a Redis server and found none: install Redis (`apt-get install -y redis-server`) or set TEST_REDIS_URL=redis://HOST:PORT.');
  }
  return startServer(server);
}

async function startServer(executable: string): Promise<TestService> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmpdir(), '--daemonize', 'no', '--loglevel', 'warning'];
  const child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer): void => void (output = (output + chunk.toString()).slice(-4_000));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = once(child, 'exit');
  // Should the test run itself die, the server goes with it.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `redis://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} on port ${port}:\n${output}`);
    try {
      await pingRedis(url);
      return { url, stop };
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`redis-server did not answer on ${url} within 10 s (${messageOf(error)}):\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Resolves when the server at `url` answers PING with PONG (raw RESP, after AUTH when the URL has a password: no client library, no retries). */
export function pingRedis(url: string, timeoutMs = 2_000): Promise<void> {
  const parsed = new URL(url);
  const commands: string[][] = [];
  if (parsed.password !== '') commands.push(['AUTH', ...(parsed.username === '' ? [] : [decodeURIComponent(parsed.username)]), decodeURIComponent(parsed.password)]);
  commands.push(['PING']);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: parsed.hostname === '' ? '127.0.0.1' : parsed.hostname, port: Number(parsed.port || 6379) });
    let reply = '';
    const done = (error?: Error): void => {
      socket.destroy();
      if (error === undefined) resolve();
      else reject(error);
    };
    socket.setTimeout(timeoutMs, () => done(new Error(`no answer within ${timeoutMs} ms`)));
    socket.once('error', (error) => done(error));
    socket.once('connect', () => socket.write(commands.map(resp).join('')));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
      const error = /^-(.*)$/m.exec(reply);
      if (error !== null) done(new Error(`Redis answered: ${error[1]?.trim() ?? ''}`));
      else if (reply.includes('+PONG')) done();
    });
  });
}

/** A command in the Redis protocol's array form (safe for any bytes in its arguments). */
function resp(args: readonly string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}
