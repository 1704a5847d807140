import type { ErrorCode } from '@lodestar/shared';

export interface ErrorDetail {
  path: string;
  message: string;
}

/** An error the caller can act on. The HTTP error handler maps its code to a status. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string): DomainError => new DomainError('not_found', `${what} not found`);
export const forbidden = (message = 'You do not have access to this resource'): DomainError =>
  new DomainError('forbidden', message);
export const unauthorized = (message = 'Sign in first: send a bearer token'): DomainError =>
  new DomainError('unauthorized', message);

/** HTTP status per error code; a new code fails to compile until it has a status. */
export const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  /** WeCom or WeChat refused a call for a reason the caller or an admin can act on. */
  upstream_error: 502,
  internal_error: 500,
};
