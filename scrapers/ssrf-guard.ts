import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { FetchError } from './fetch-error.js';

/** Resolves a host name to its addresses; injected so tests can make a public name resolve to a private address. */
export type DnsLookup = (hostname: string) => Promise<readonly LookupAddress[]>;

/** The system resolver (`getaddrinfo`, so /etc/hosts counts), every address. */
export const systemLookup: DnsLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Which non-public addresses may be reached: none (`false`, the default), all
 * (`true`, `--allow-private`: tests, intranets), or only these CIDR ranges.
 */
export type PrivateAccess = boolean | readonly string[];

/** Decides whether an IP address may be connected to. */
export interface AddressPolicy {
  /** `undefined` when allowed, else why not (`127.0.0.1 is a loopback address`). */
  refusal(address: string): string | undefined;
}

const RANGE_NAMES: Readonly<Record<string, string>> = {
  loopback: 'a loopback address',
  private: 'a private address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local (private) address',
  unspecified: 'the unspecified address',
  carrierGradeNat: 'a carrier-grade NAT address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
};

/**
 * Only public unicast addresses pass unless `allowPrivate` says otherwise.
 * IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 *
 * @example createAddressPolicy(false).refusal('169.254.169.254') // '169.254.169.254 is a link-local address'
 */
export function createAddressPolicy(allowPrivate: PrivateAccess = false): AddressPolicy {
  const allowed = Array.isArray(allowPrivate) ? allowPrivate.map(parseRange) : [];
  return {
    refusal(address) {
      if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
      const ip = ipaddr.process(address);
      const range = ip.range();
      if (range === 'unicast') return undefined;
      if (allowPrivate === true && range !== 'multicast' && range !== 'broadcast') return undefined;
      if (allowed.some(([network, bits]) => network.kind() === ip.kind() && ip.match(network, bits))) return undefined;
      return `${address} is ${RANGE_NAMES[range] ?? `not a public address (${range})`}`;
    },
  };
}

function parseRange(cidr: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  try {
    return ipaddr.parseCIDR(cidr);
  } catch {
    if (ipaddr.isValid(cidr)) {
      const ip = ipaddr.process(cidr);
      return [ip, ip.kind() === 'ipv4' ? 32 : 128];
    }
    throw new RangeError(`Expected an IP address or CIDR range such as 10.0.0.0/8, got \`${cidr}\``);
  }
}

/** A literal IP host (`127.0.0.1`, `[::1]`) as the bare address, or undefined for a name. */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) === 0 ? undefined : bare;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http.request` / `net.connect` that resolves with `lookup`
 * and only hands over addresses the policy allows. The check happens when the
 * socket connects, on the very address it connects to, so a name that
 * resolves differently the second time (DNS rebinding) gains nothing.
 */
export function guardedLookup(
  lookup: DnsLookup,
  policy: AddressPolicy,
  url: string,
): (hostname: string, options: LookupOptions, callback: LookupCallback) => void {
  return (hostname, options, callback) => {
    lookup(hostname).then(
      (addresses) => {
        const wanted = addresses.filter((entry) => options.family === undefined || options.family === 0 || entry.family === options.family);
        const allowed = wanted.filter((entry) => policy.refusal(entry.address) === undefined);
        const first = allowed[0];
        if (first === undefined) {
          const reasons = wanted.map((entry) => policy.refusal(entry.address)).filter((reason) => reason !== undefined);
          const why = reasons.length > 0 ? reasons.join(', ') : 'no address';
          callback(new FetchError('ssrf-refused', url, `${hostname} resolves to ${why}; refused (use --allow-private for intranets)`), '', 0);
          return;
        }
        if (options.all === true) callback(null, allowed.map((entry) => ({ address: entry.address, family: entry.family })));
        else callback(null, first.address, first.family);
      },
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        callback(Object.assign(failure, { code: (failure as NodeJS.ErrnoException).code ?? 'ENOTFOUND' }), '', 0);
      },
    );
  };
}
