import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { FetchError } from '../../scrapers/fetch-error.js';
import { createAddressPolicy, guardedLookup, literalAddress } from '../../scrapers/ssrf-guard.js';

describe('address policy', () => {
  it.each([
    ['93.184.216.34', false, undefined],
    ['2606:4700:4700::1111', false, undefined],
    ['127.0.0.1', false, '127.0.0.1 is a loopback address'],
    ['10.20.30.40', false, '10.20.30.40 is a private address'],
    ['172.16.5.4', false, '172.16.5.4 is a private address'],
    ['192.168.1.1', false, '192.168.1.1 is a private address'],
    ['169.254.169.254', false, '169.254.169.254 is a link-local address'],
    ['100.64.0.1', false, '100.64.0.1 is a carrier-grade NAT address'],
    ['0.0.0.0', false, '0.0.0.0 is the unspecified address'],
    ['::1', false, '::1 is a loopback address'],
    ['fe80::1', false, 'fe80::1 is a link-local address'],
    ['fd12:3456::1', false, 'fd12:3456::1 is a unique-local (private) address'],
    ['::ffff:10.0.0.1', false, '::ffff:10.0.0.1 is a private address'],
    ['64:ff9b::7f00:1', false, '64:ff9b::7f00:1 is not a public address (rfc6052)'],
    ['127.0.0.1', true, undefined],
    ['fd12:3456::1', true, undefined],
    ['224.0.0.1', true, '224.0.0.1 is a multicast address'],
    ['10.20.30.40', ['10.0.0.0/8'], undefined],
    ['192.168.1.1', ['10.0.0.0/8'], '192.168.1.1 is a private address'],
    ['127.0.0.1', ['127.0.0.1'], undefined],
  ] as const)('%s with allowPrivate=%j: %s', (address, allowPrivate, refusal) => {
    expect(createAddressPolicy(allowPrivate).refusal(address)).toBe(refusal);
  });

  it('refuses an unreadable range at construction', () => {
    expect(() => createAddressPolicy(['10.0.0.0/99'])).toThrow('Expected an IP address or CIDR range such as 10.0.0.0/8, got `10.0.0.0/99`');
  });

  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '::1'],
    ['reviews.example', undefined],
  ])('literalAddress(%s) = %s', (hostname, expected) => {
    expect(literalAddress(hostname)).toBe(expected);
  });
});

describe('guarded lookup', () => {
  const dns = async (hostname: string): Promise<LookupAddress[]> =>
    hostname === 'split.example'
      ? [
          { address: '10.0.0.1', family: 4 },
          { address: '93.184.216.34', family: 4 },
        ]
      : [{ address: '192.168.0.9', family: 4 }];

  function lookup(hostname: string, options: { all?: boolean; family?: number }): Promise<{ error: unknown; address: unknown; family?: number }> {
    return new Promise((resolve) => guardedLookup(dns, createAddressPolicy(false), `http://${hostname}/`)(hostname, options, (error, address, family) => resolve({ error, address, family })));
  }

  it('hands over only the allowed addresses, in both callback forms', async () => {
    expect(await lookup('split.example', { all: true })).toEqual({ error: null, address: [{ address: '93.184.216.34', family: 4 }], family: undefined });
    expect(await lookup('split.example', {})).toEqual({ error: null, address: '93.184.216.34', family: 4 });
  });

  it('fails with ssrf-refused when nothing is allowed', async () => {
    const { error } = await lookup('home.example', { all: true });
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).describe()).toBe('http://home.example/: ssrf-refused: home.example resolves to 192.168.0.9 is a private address; refused (use --allow-private for intranets)');
  });
});
