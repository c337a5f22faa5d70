import type { AuthorSecret } from '../../core/author-key.js';

/** A fixed author-key secret for tests that make or compare author keys without a data dir. */
export const TEST_SECRET: AuthorSecret = Object.freeze({ ring: Object.freeze([Buffer.alloc(32, 7)]) });
