import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const url = z.url({ protocol: /^https?$/ });

const databaseUrl = z
  .string()
  .refine((v) => /^sqlite:.+/.test(v) || /^mysql:\/\/[^/]+\/[A-Za-z0-9_$]+(\?.*)?$/.test(v), {
    message: 'must be sqlite:<path>, sqlite::memory: or mysql://user:pass@host:3306/db',
  });

const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: databaseUrl.default('sqlite:.data/lodestar.sqlite'),
  ROLE: z.enum(['api', 'worker', 'all']).default('all'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WECOM_CORP_ID: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a WeCom corp id (letters and digits)').optional(),
  WECOM_CALLBACK_TOKEN: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'must be up to 32 letters or digits').optional(),
  WECOM_CALLBACK_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/, 'must be exactly 43 letters or digits').optional(),
  WECOM_CONTACT_SECRET: z.string().min(1).optional(),
  WECOM_AGENT_ID: z.coerce.number().int().positive().optional(),
  WECOM_AGENT_SECRET: z.string().min(1).optional(),
  WECOM_ARCHIVE_SECRET: z.string().min(1).optional(),
  WECOM_ARCHIVE_PRIVATE_KEYS: z.string().min(1).optional(),
  WECOM_ARCHIVE_SDK_PATH: z.string().min(1).optional(),
  WECOM_ARCHIVE_PROXY: z.string().min(1).optional(),
  WECOM_ARCHIVE_PROXY_PASSWORD: z.string().min(1).optional(),
  WECOM_ARCHIVE_TIMEOUT_SEC: z.coerce.number().int().min(1).max(300).default(10),
  WECOM_API_BASE: url.optional(),
  MP_APPID: z.string().min(1).optional(),
  MP_SECRET: z.string().min(1).optional(),
  MP_API_BASE: url.optional(),
  OA_APPID: z.string().min(1).optional(),
  OA_SECRET: z.string().min(1).optional(),
  OA_API_BASE: url.optional(),
  SMS_API_BASE: url.optional(),
  SMS_API_KEY: z.string().min(1).optional(),
  ADMIN_USERNAME: z.string().regex(/^[A-Za-z0-9_.@-]{3,64}$/, 'must be 3-64 letters, digits or _.@-').optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').max(256).optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Cron of the heartbeat job (proves the lease; tests shorten it). */
  HEARTBEAT_CRON: z.string().min(1).default('0 * * * * *'),
  WECOM_SYNC_ON_START: z.enum(['true', 'false'], 'must be true or false').default('true'),
  PHONE_HASH_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  PHONE_ENCRYPTION_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits (a 256-bit key)').optional(),
  ID_NUMBER_HASH_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  ID_NUMBER_ENCRYPTION_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits (a 256-bit key)').optional(),
  /** Most events accepted but not yet written before /sa and /v1 answer 429 (back-pressure). */
  TRACKING_MAX_PENDING: z.coerce.number().int().min(100).max(1_000_000).default(50_000),
  JOURNEY_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  /** How long one WeCom API request may take before it counts as failed (then retried, then counted by the breaker). */
  WECOM_API_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Failed calls in a row to an outside service (after retries) that pause calling it. */
  UPSTREAM_BREAKER_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** How long calls to a failing outside service are paused before one trial call. */
  UPSTREAM_BREAKER_OPEN_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /**
   * How long an idle keep-alive connection stays open. Longer than the balancer's idle timeout for
   * its upstream connections (nginx 60 s, most cloud balancers 60 s), or the balancer may send a
   * request on a connection the server is closing: a 502 for a POST it cannot retry.
   */
  HTTP_KEEP_ALIVE_MS: z.coerce.number().int().min(1_000).max(600_000).default(75_000),
  /** Browser origins allowed to call the API cross-origin (comma list); none by default. */
  CORS_ORIGINS: z
    .string()
    .transform((v) => v.split(',').map((o) => o.trim().replace(/\/+$/, '').toLowerCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/, 'must be a comma list of origins like https://console.example.com (scheme, host, optional port; no path)')))
    .default([]),
});

export type Env = z.infer<typeof envSchema>;

/** The sandbox's well-known values: a local demo tenant, never a real one. */
export const sandboxDefaults = {
  corpId: 'wwsandbox0000000001',
  callbackToken: 'LodestarSandboxToken',
  callbackAesKey: 'LodestarSandboxAesKey0123456789abcdefghijkl',
  contactSecret: 'sandbox-contact-secret',
  agentId: 1000002,
  agentSecret: 'sandbox-agent-secret',
  archiveSecret: 'sandbox-archive-secret',
  mpAppId: 'wxsandbox00000001',
  mpSecret: 'sandbox-mp-secret',
  smsApiKey: 'sandbox-sms-key',
  adminUsername: 'admin',
  adminPassword: 'lodestar-demo',
  phoneHashKey: 'lodestar-sandbox-phone-hash-key-0000000000',
  phoneEncryptionKey: '5a'.repeat(32),
  idNumberHashKey: 'lodestar-sandbox-id-number-hash-key-00000',
  idNumberEncryptionKey: '6b'.repeat(32),
  sensorsProject: 'default',
  segmentWriteKey: 'sandbox-write-key',
} as const;

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  role: 'api' | 'worker' | 'all';
  logLevel: Env['LOG_LEVEL'];
  sandbox: boolean;
  shutdownTimeoutMs: number;
  heartbeatCron: string;
  jwtSecret: string | undefined;
  admin: { username: string; password: string } | undefined;
  wecom: {
    corpId: string;
    callbackToken: string;
    callbackAesKey: string;
    contactSecret: string | undefined;
    agentId: number | undefined;
    agentSecret: string | undefined;
    archiveSecret: string | undefined;
    archivePrivateKeys: string | undefined;
    /** The vendor's libWeWorkFinanceSdk_C.so: the chat archive is pulled only when it is set (or in sandbox mode). */
    archiveSdkPath: string | undefined;
    archiveProxy: string | undefined;
    archiveProxyPassword: string | undefined;
    archiveTimeoutSec: number;
    /** Start the first full sync by itself when the corp never had one. */
    syncOnStart: boolean;
    /** Undefined in sandbox mode until the HTTP server knows its own address. */
    apiBase: string | undefined;
  };
  mp: { appId: string | undefined; secret: string | undefined; apiBase: string | undefined };
  /** The official account (template messages); in the sandbox the fake WeChat server with the mini-program's credentials. */
  oa: { appId: string | undefined; secret: string | undefined; apiBase: string | undefined };
  /** The SMS gateway (server/src/channels/sms.http-adapter.ts describes its contract). */
  sms: { apiBase: string | undefined; apiKey: string | undefined };
  /** Keys for phone numbers: an HMAC key for the joinable hash and an AES-256 key for the cipher. */
  phone: { hashKey: string; encryptionKey: string };
  /** Keys for ID numbers (身份证号): their own HMAC key and AES-256 key. */
  idNumber: { hashKey: string; encryptionKey: string };
  tracking: { maxPending: number };
  /** How long a worker holds the journey rows it claimed before another may take them. */
  journeys: { leaseMs: number };
  /** Timeouts and circuit breakers of the outside services' clients. */
  upstream: { wecomTimeoutMs: number; breakerFailures: number; breakerOpenMs: number };
  /** Origins that get CORS headers (exact scheme://host[:port], lower case); empty = CORS closed. */
  corsOrigins: string[];
  /** Idle keep-alive connections are closed after this (ms). */
  httpKeepAliveMs: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment into a Config, or throws a ConfigError whose message is one line naming
 * the variable and what is wrong with it.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const got = typeof cleaned[name] === 'string' ? ` (got "${String(cleaned[name]).slice(0, 80)}")` : '';
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message.replace(/^Invalid input: /, '')}${got}`);
  }
  const e = parsed.data;
  const sandbox = e.WECOM_CORP_ID === undefined;
  if (!sandbox) {
    const missing = (['WECOM_CALLBACK_TOKEN', 'WECOM_CALLBACK_AES_KEY', 'JWT_SECRET', 'PHONE_HASH_KEY', 'PHONE_ENCRYPTION_KEY', 'ID_NUMBER_HASH_KEY', 'ID_NUMBER_ENCRYPTION_KEY'] as const).find((k) => !e[k]);
    if (missing) throw new ConfigError(`Invalid configuration: ${missing} is required when WECOM_CORP_ID is set`);
    if (!e.ADMIN_USERNAME || !e.ADMIN_PASSWORD) {
      throw new ConfigError('Invalid configuration: ADMIN_USERNAME and ADMIN_PASSWORD are required when WECOM_CORP_ID is set');
    }
  }
  if ((e.ADMIN_USERNAME === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('Invalid configuration: ADMIN_USERNAME and ADMIN_PASSWORD must be set together');
  }
  const admin =
    e.ADMIN_USERNAME && e.ADMIN_PASSWORD
      ? { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD }
      : sandbox
        ? { username: sandboxDefaults.adminUsername, password: sandboxDefaults.adminPassword }
        : undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    role: e.ROLE,
    logLevel: e.LOG_LEVEL,
    sandbox,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    heartbeatCron: e.HEARTBEAT_CRON,
    jwtSecret: e.JWT_SECRET,
    admin,
    wecom: {
      corpId: e.WECOM_CORP_ID ?? sandboxDefaults.corpId,
      callbackToken: e.WECOM_CALLBACK_TOKEN ?? sandboxDefaults.callbackToken,
      callbackAesKey: e.WECOM_CALLBACK_AES_KEY ?? sandboxDefaults.callbackAesKey,
      contactSecret: e.WECOM_CONTACT_SECRET ?? (sandbox ? sandboxDefaults.contactSecret : undefined),
      agentId: e.WECOM_AGENT_ID ?? (sandbox ? sandboxDefaults.agentId : undefined),
      agentSecret: e.WECOM_AGENT_SECRET ?? (sandbox ? sandboxDefaults.agentSecret : undefined),
      archiveSecret: e.WECOM_ARCHIVE_SECRET ?? (sandbox ? sandboxDefaults.archiveSecret : undefined),
      archivePrivateKeys: e.WECOM_ARCHIVE_PRIVATE_KEYS,
      archiveSdkPath: e.WECOM_ARCHIVE_SDK_PATH,
      archiveProxy: e.WECOM_ARCHIVE_PROXY,
      archiveProxyPassword: e.WECOM_ARCHIVE_PROXY_PASSWORD,
      archiveTimeoutSec: e.WECOM_ARCHIVE_TIMEOUT_SEC,
      syncOnStart: e.WECOM_SYNC_ON_START === 'true',
      apiBase: e.WECOM_API_BASE ?? (sandbox ? undefined : 'https://qyapi.weixin.qq.com'),
    },
    mp: {
      appId: e.MP_APPID ?? (sandbox ? sandboxDefaults.mpAppId : undefined),
      secret: e.MP_SECRET ?? (sandbox ? sandboxDefaults.mpSecret : undefined),
      apiBase: e.MP_API_BASE ?? (sandbox ? undefined : 'https://api.weixin.qq.com'),
    },
    oa: {
      appId: e.OA_APPID ?? (sandbox ? sandboxDefaults.mpAppId : undefined),
      secret: e.OA_SECRET ?? (sandbox ? sandboxDefaults.mpSecret : undefined),
      apiBase: e.OA_API_BASE ?? (sandbox ? undefined : 'https://api.weixin.qq.com'),
    },
    sms: { apiBase: e.SMS_API_BASE, apiKey: e.SMS_API_KEY ?? (sandbox ? sandboxDefaults.smsApiKey : undefined) },
    phone: {
      hashKey: e.PHONE_HASH_KEY ?? sandboxDefaults.phoneHashKey,
      encryptionKey: e.PHONE_ENCRYPTION_KEY ?? sandboxDefaults.phoneEncryptionKey,
    },
    idNumber: {
      hashKey: e.ID_NUMBER_HASH_KEY ?? sandboxDefaults.idNumberHashKey,
      encryptionKey: e.ID_NUMBER_ENCRYPTION_KEY ?? sandboxDefaults.idNumberEncryptionKey,
    },
    tracking: { maxPending: e.TRACKING_MAX_PENDING },
    journeys: { leaseMs: e.JOURNEY_LEASE_MS },
    upstream: { wecomTimeoutMs: e.WECOM_API_TIMEOUT_MS, breakerFailures: e.UPSTREAM_BREAKER_FAILURES, breakerOpenMs: e.UPSTREAM_BREAKER_OPEN_MS },
    corsOrigins: e.CORS_ORIGINS,
    httpKeepAliveMs: e.HTTP_KEEP_ALIVE_MS,
  };
}
