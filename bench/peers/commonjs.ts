import { createRequire } from 'node:module';

/** Loads an untyped CommonJS peer library; each caller states the slice of its API it uses. */
export const requirePeer = createRequire(import.meta.url) as (id: string) => unknown;
