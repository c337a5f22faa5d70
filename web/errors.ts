/** The closed set of HTTP API error codes and their status codes (CONTRACT.md error body). */
export const API_ERRORS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  out_of_scope: 403,
  csrf_invalid: 403,
  not_found: 404,
  method_not_allowed: 405,
  /** The request is sound but the state it assumed has changed (a re-tag running, a stale preview). */
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
} as const;
export type ApiErrorCode = keyof typeof API_ERRORS;

/**
 * An error the server answers with `{ error: { code, message } }` (API) or an error page (dashboard).
 *
 * @example throw new ApiError('forbidden', 'this token cannot assign follow-ups')
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly statusCode: number;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.statusCode = API_ERRORS[code];
  }

  toBody(): { error: { code: ApiErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}
