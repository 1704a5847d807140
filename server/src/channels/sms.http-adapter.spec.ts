import type { ChannelSendOf } from './channel.port';
import { providerRef } from './provider-ref';
import { SmsHttpAdapter } from './sms.http-adapter';

const req = (key: string): ChannelSendOf<'sms'> => ({
  key,
  corpId: 'corp-1',
  customerId: 'cust-1',
  recipient: '13812341234',
  senderUserId: null,
  message: { channel: 'sms', template: 'SMS_RENEW', text: '您的保单将于3月1日到期' },
});

function answering(status: number, text: string) {
  const calls: Array<{ url: string; headers: Record<string, string>; body: any }> = [];
  const fn = async (input: string | URL, init?: RequestInit): Promise<Response> => {
    calls.push({ url: String(input), headers: init?.headers as Record<string, string>, body: JSON.parse(String(init?.body)) });
    return new Response(text, { status });
  };
  return { fn, calls };
}

describe('SmsHttpAdapter', () => {
  const adapter = (f: ReturnType<typeof answering>) => new SmsHttpAdapter({ baseUrl: 'https://sms.example/v1/', apiKey: 'k-123', fetch: f.fn });

  it('posts the contract with the bearer key and the key as clientRef, and returns the gateway id', async () => {
    const f = answering(200, '{"ok":true,"id":"G-1"}');
    expect(await adapter(f).send(req('j1:c1:s2'))).toEqual({ status: 'sent', providerId: 'G-1' });
    expect(f.calls[0]!.url).toBe('https://sms.example/v1/sms/send');
    expect(f.calls[0]!.headers.authorization).toBe('Bearer k-123');
    expect(f.calls[0]!.body).toEqual({ phone: '13812341234', template: 'SMS_RENEW', text: '您的保单将于3月1日到期', clientRef: 'j1:c1:s2' });
  });

  it('reads a refusal as final, except rate_limited and busy', async () => {
    expect(await adapter(answering(200, '{"ok":false,"code":"invalid_phone","message":"bad number"}')).send(req('k'))).toEqual({
      status: 'failed',
      retryable: false,
      code: 'invalid_phone',
      message: 'the SMS gateway refused the message: bad number',
    });
    expect(await adapter(answering(200, '{"ok":false,"code":"rate_limited","message":"slow down"}')).send(req('k'))).toMatchObject({ retryable: true, code: 'rate_limited' });
    expect(await adapter(answering(200, '{"ok":false,"code":"busy"}')).send(req('k'))).toMatchObject({ retryable: true, code: 'busy' });
  });

  it('reads a rejected key as final and a gateway error or an unreadable answer as retryable', async () => {
    expect(await adapter(answering(401, '{"ok":false,"code":"unauthorized"}')).send(req('k'))).toMatchObject({ retryable: false, code: 'unauthorized' });
    expect(await adapter(answering(503, 'down')).send(req('k'))).toMatchObject({ retryable: true, code: 'http_503' });
    expect(await adapter(answering(200, '{"id":"x"}')).send(req('k'))).toMatchObject({ retryable: true, code: 'bad_answer' });
  });

  it('sends a long key as a stable 64-character hash', async () => {
    const long = `journey:${'x'.repeat(100)}`;
    const f = answering(200, '{"ok":true,"id":"G"}');
    await adapter(f).send(req(long));
    await adapter(f).send(req(long));
    const [a, b] = f.calls.map((c) => c.body.clientRef as string);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(providerRef(`journey:${'y'.repeat(100)}`)).not.toBe(a);
    expect(providerRef('密钥')).toMatch(/^[0-9a-f]{64}$/);
  });
});
