import { ApiError } from '../errors.js';

/**
 * Where a page of follow-ups ends: its last row's rank (0 overdue, 1 open, 2 closed),
 * exact due time (microseconds, as `to_char` writes it) and id.
 */
export interface FollowupCursor {
  readonly r: number;
  readonly d: string;
  readonly i: number;
}

const CURSOR_TIME = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The cursor as an opaque URL-safe string. */
export function encodeFollowupCursor(cursor: FollowupCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/**
 * A cursor this server gave out, else a 400: anything else would reach the database as a
 * bad timestamp or number (a 500).
 */
export function decodeFollowupCursor(text: string): FollowupCursor {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<FollowupCursor>;
    const { r, d, i } = parsed;
    const valid =
      (r === 0 || r === 1 || r === 2) &&
      typeof d === 'string' &&
      CURSOR_TIME.test(d) &&
      !Number.isNaN(new Date(d).getTime()) &&
      typeof i === 'number' &&
      Number.isInteger(i) &&
      i >= 1 &&
      i <= 2_147_483_647;
    if (valid) return { r, d, i };
  } catch {
    // reported below
  }
  throw new ApiError('bad_request', 'query parameter `cursor`: not a cursor this server gave out');
}
