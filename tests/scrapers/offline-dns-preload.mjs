// Preloaded (`node --import`) into the `verbatim` processes the CLI tests spawn:
// no host name resolves but localhost, so a scrape that follows a link off the
// machine fails with a line naming the host instead of asking the real DNS.
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';

const LOOPBACK = { address: '127.0.0.1', family: 4 };

function refusal(hostname) {
  return Object.assign(new Error(`offline test resolver refused ${hostname}: no test reaches outside the machine`), { code: 'ENOTFOUND', hostname });
}

function answer(hostname, options) {
  if (hostname !== 'localhost') throw refusal(hostname);
  return options?.all === true ? [LOOPBACK] : LOOPBACK;
}

dns.lookup = (hostname, options, callback) => {
  const done = typeof options === 'function' ? options : callback;
  const settings = typeof options === 'object' ? options : undefined;
  process.nextTick(() => {
    try {
      const found = answer(hostname, settings);
      if (Array.isArray(found)) done(null, found);
      else done(null, found.address, found.family);
    } catch (error) {
      done(error);
    }
  });
};
dns.promises.lookup = async (hostname, options) => answer(hostname, options);
// `import { lookup } from 'node:dns/promises'` sees the replacement too.
syncBuiltinESMExports();
