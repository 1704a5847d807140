import { ConfigError, loadConfig, sandboxDefaults } from './config';

const strongSecret = 'x'.repeat(32);
const production = {
  WECOM_CORP_ID: 'ww1234567890',
  WECOM_CALLBACK_TOKEN: 'Token123',
  WECOM_CALLBACK_AES_KEY: 'A'.repeat(43),
  JWT_SECRET: strongSecret,
  ADMIN_USERNAME: 'root',
  ADMIN_PASSWORD: 'a-long-password',
  PHONE_HASH_KEY: 'h'.repeat(32),
  PHONE_ENCRYPTION_KEY: 'ab'.repeat(32),
  ID_NUMBER_HASH_KEY: 'i'.repeat(32),
  ID_NUMBER_ENCRYPTION_KEY: 'cd'.repeat(32),
};

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('loadConfig did not throw');
}

describe('loadConfig', () => {
  it('defaults to sandbox mode with the demo admin account', () => {
    const c = loadConfig({});
    expect(c.sandbox).toBe(true);
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBe('sqlite:.data/lodestar.sqlite');
    expect(c.role).toBe('all');
    expect(c.admin).toEqual({ username: 'admin', password: 'lodestar-demo' });
    expect(c.wecom.corpId).toBe(sandboxDefaults.corpId);
    expect(c.wecom.apiBase).toBeUndefined();
  });

  it('ships a sandbox callback AES key that is a valid 32-byte WeCom EncodingAESKey', () => {
    const key = loadConfig({}).wecom.callbackAesKey;
    expect(key).toHaveLength(43);
    expect(key).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(Buffer.from(key + '=', 'base64')).toHaveLength(32);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', WECOM_CORP_ID: '' }).sandbox).toBe(true);
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['ROLE', { ROLE: 'boss' }],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://x' }],
    ['WECOM_CALLBACK_AES_KEY', { WECOM_CALLBACK_AES_KEY: 'tooShort123' }],
    ['JWT_SECRET', { JWT_SECRET: 'short' }],
    ['PHONE_ENCRYPTION_KEY', { PHONE_ENCRYPTION_KEY: 'not-hex' }],
  ])('rejects a bad %s with a one-line message naming it', (name, env) => {
    const { message } = configError(env);
    expect(message).toContain(name);
    expect(message).not.toMatch(/\n/);
  });

  it('accepts a full production configuration outside sandbox mode', () => {
    const c = loadConfig(production);
    expect(c.sandbox).toBe(false);
    expect(c.admin).toEqual({ username: 'root', password: 'a-long-password' });
    expect(c.jwtSecret).toBe(strongSecret);
    expect(c.wecom.apiBase).toBe('https://qyapi.weixin.qq.com');
  });

  it.each(['JWT_SECRET', 'WECOM_CALLBACK_TOKEN', 'WECOM_CALLBACK_AES_KEY', 'ADMIN_USERNAME', 'ADMIN_PASSWORD', 'PHONE_HASH_KEY', 'PHONE_ENCRYPTION_KEY', 'ID_NUMBER_HASH_KEY', 'ID_NUMBER_ENCRYPTION_KEY'] as const)(
    'refuses to start outside sandbox mode without %s',
    (name) => {
      const { message } = configError({ ...production, [name]: undefined });
      expect(message).toContain(name);
      expect(message).toMatch(/required/);
    },
  );

  it('keeps idle HTTP connections 75 s by default, beyond a balancer idle timeout', () => {
    expect(loadConfig({}).httpKeepAliveMs).toBe(75_000);
    expect(loadConfig({ HTTP_KEEP_ALIVE_MS: '120000' }).httpKeepAliveMs).toBe(120_000);
    expect(configError({ HTTP_KEEP_ALIVE_MS: '10' }).message).toContain('HTTP_KEEP_ALIVE_MS');
  });

  it('keeps CORS closed by default and reads CORS_ORIGINS as exact origins', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: ' https://Console.Example.com/ , http://localhost:5173,' }).corsOrigins).toEqual([
      'https://console.example.com',
      'http://localhost:5173',
    ]);
    for (const bad of ['*', 'console.example.com', 'https://console.example.com/path', 'ftp://x.example.com']) {
      const { message } = configError({ CORS_ORIGINS: bad });
      expect(message).toContain('CORS_ORIGINS');
      expect(message).not.toMatch(/\n/);
    }
  });

  it('refuses ADMIN_USERNAME without ADMIN_PASSWORD even in sandbox mode', () => {
    const { message } = configError({ ADMIN_USERNAME: 'someone' });
    expect(message).toContain('ADMIN_PASSWORD');
  });
});
