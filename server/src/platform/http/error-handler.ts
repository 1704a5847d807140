import type { Context, Next } from 'koa';
import { type z } from 'zod';
import type { ErrorBody, ErrorCode } from '@lodestar/shared';
import { DomainError, statusByCode } from '../errors';
import { isDatabaseUnavailable, isDiskFull } from '../db-fault';
import type { Logger } from '../logger';

const codeByStatus: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

export function zodDetails(error: z.ZodError, prefix: string): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));
}

/** Maps what went wrong to a status and a clear JSON body; a stack trace never leaves the process. */
export function errorHandler({ logger }: { logger: Logger }) {
  return async function handleErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api/')) {
        throw new DomainError('not_found', `No route for ${ctx.method} ${ctx.path}`);
      }
    } catch (error) {
      const requestId = String(ctx.state.requestId ?? '');
      let code: ErrorCode;
      let message: string;
      let details: ErrorBody['error']['details'];
      let retryAfter: number | undefined;
      if (error instanceof DomainError) {
        code = error.code;
        message = error.message;
        details = error.details;
        retryAfter = error.retryAfterSeconds;
      } else if (isDatabaseUnavailable(error)) {
        // Not the caller's fault and not for good: SDKs, WeCom and browsers should simply try again.
        code = 'unavailable';
        message = isDiskFull(error)
          ? 'The server cannot store anything right now (its disk is full): retry later'
          : 'The database is unavailable right now: retry shortly';
        retryAfter = 5;
        (ctx.state.log as Logger | undefined ?? logger).error({ err: error, requestId }, 'database unavailable');
      } else if (isDataTooLong(error)) {
        // MySQL refuses a value longer than its column (SQLite stores it): the input was too big for
        // what the route's schema let through. Logged, since the schema ought to have said so first.
        code = 'validation_failed';
        message = 'A value in the request is too long (or not text) to store: shorten the longest text or list';
        (ctx.state.log as Logger | undefined ?? logger).warn({ err: error, requestId }, 'value too long for its column');
      } else if (isZlibError(error)) {
        // A body whose Content-Encoding (gzip, deflate, br) does not match its bytes: the caller's fault.
        code = 'bad_request';
        message = 'The request body could not be decompressed: check that it matches its Content-Encoding';
      } else if (isHttpError(error) && error.status < 500) {
        code = codeByStatus[error.status] ?? 'bad_request';
        message = error.expose && error.message ? error.message : 'The request body could not be parsed; check that it matches its Content-Type';
      } else {
        code = 'internal_error';
        message = `Something went wrong on our side; quote request id ${requestId} when reporting it`;
        (ctx.state.log as Logger | undefined ?? logger).error({ err: error, requestId }, 'unhandled error');
      }
      const status = code === 'bad_request' && isHttpError(error) ? error.status : statusByCode[code];
      ctx.status = status;
      if (retryAfter !== undefined) ctx.set('Retry-After', String(retryAfter));
      const body: ErrorBody = { error: { code, message, requestId, ...(details ? { details } : {}) } };
      ctx.body = body;
    }
  };
}

interface HttpErrorLike {
  status: number;
  expose?: boolean;
  message: string;
}

/**
 * MySQL's ER_DATA_TOO_LONG (1406), and ER_TRUNCATED_WRONG_VALUE_FOR_FIELD (1366), which MariaDB
 * reports when a too-long text is cut inside a multi-byte character; on a driver error or on
 * TypeORM's QueryFailedError that copies it.
 */
const valueTooBigCodes = new Set(['ER_DATA_TOO_LONG', 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD']);
function isDataTooLong(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  return valueTooBigCodes.has(String(e.code)) || valueTooBigCodes.has(String(e.driverError?.code));
}

/** zlib's errors (Z_DATA_ERROR, Z_BUF_ERROR, …, and brotli's ERR__ERROR_FORMAT_…) as a body parser rethrows them. */
function isZlibError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (/^Z_[A-Z_]+$/.test(code) || code.startsWith('ERR__ERROR_FORMAT'));
}

function isHttpError(error: unknown): error is HttpErrorLike {
  return typeof error === 'object' && error !== null && typeof (error as HttpErrorLike).status === 'number';
}
