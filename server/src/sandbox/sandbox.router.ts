import {
  outboxQuerySchema,
  outboxSchema,
  sandboxClockRequestSchema,
  sandboxClockResponseSchema,
  sandboxInfoSchema,
  sandboxSimulateRequestSchema,
  sandboxSimulateResponseSchema,
  sandboxArchiveInputSchema,
  sandboxArchiveResultSchema,
  type SandboxArchiveInput,
  type SandboxSimulateRequest,
  type SandboxSimulateResponse,
} from '@lodestar/shared';
import type { OffsetClock } from '../platform/clock';
import { route, type AnyRoute } from '../platform/http/route';
import type { OutboxRepository } from './outbox.repository';
import type { FakeTokenIssuer } from './fake-token-issuer';
import type { WecomFaults } from './wecom-fake.router';
import { z } from 'zod';

const faultsSchema = z
  .object({
    expireTokens: z.boolean().optional().describe('every issued access token answers 42001 from now on'),
    rateLimitNext: z.number().int().min(0).max(1000).optional().describe('the next n WeCom calls answer 45009'),
    delayMs: z.number().int().min(0).max(120_000).optional().describe('every WeCom call waits this long before answering (0 = no delay)'),
    unavailableNext: z.number().int().min(0).max(1000).optional().describe('the next n WeCom calls answer HTTP 503'),
  })
  .strict();

export interface SandboxApiDeps {
  clock: OffsetClock;
  outbox: OutboxRepository;
  info: () => Promise<z.infer<typeof sandboxInfoSchema>>;
  /** Runs what became due after the clock moved. */
  onClockMoved: () => Promise<void>;
  wecomTokens: FakeTokenIssuer;
  wecomFaults: WecomFaults;
  /** Acts as WeCom: changes the fake tenant, then delivers the matching signed callbacks here. */
  simulate: (req: SandboxSimulateRequest) => Promise<SandboxSimulateResponse>;
  /** Appends messages to the sandbox chat archive (encrypted as the vendor's) and sends msgaudit_notify. */
  archive: (messages: SandboxArchiveInput['messages']) => Promise<{ appended: number; firstSeq: number; lastSeq: number }>;
}

/** The sandbox's own controls (CONTRACTS.md, "Sandbox mode"); mounted only without a WeCom tenant. */
export function sandboxRoutes(deps: SandboxApiDeps): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/sandbox/info',
      tag: 'sandbox',
      summary: 'Corp id, callback token and AES key, agent user ids and the mini-program app id of the sandbox',
      access: 'public',
      response: sandboxInfoSchema,
      handler: () => deps.info(),
    }),
    route({
      method: 'post',
      path: '/api/sandbox/clock',
      tag: 'sandbox',
      summary: 'Moves the product clock ({"set": ISO} or {"advanceMs": n}) and runs what became due',
      access: 'public',
      body: sandboxClockRequestSchema,
      response: sandboxClockResponseSchema,
      handler: async ({ body }) => {
        if ('set' in body) deps.clock.set(new Date(body.set));
        else deps.clock.advance(body.advanceMs);
        await deps.onClockMoved();
        return { now: deps.clock.now().toISOString() };
      },
    }),
    route({
      method: 'post',
      path: '/api/sandbox/wecom/faults',
      tag: 'sandbox',
      summary: 'Makes the fake WeCom answer with expired tokens, rate limits, slowly or with HTTP 503, to watch the client recover (an empty body reads the counters)',
      access: 'public',
      body: faultsSchema,
      response: z.object({ rateLimitNext: z.number(), delayMs: z.number(), unavailableNext: z.number(), received: z.number().describe('WeCom API calls the fake has received so far') }),
      handler: async ({ body }) => {
        if (body.expireTokens) deps.wecomTokens.expireAll();
        const f = deps.wecomFaults;
        if (body.rateLimitNext !== undefined) f.rateLimitNext = body.rateLimitNext;
        if (body.delayMs !== undefined) f.delayMs = body.delayMs;
        if (body.unavailableNext !== undefined) f.unavailableNext = body.unavailableNext;
        return { rateLimitNext: f.rateLimitNext, delayMs: f.delayMs, unavailableNext: f.unavailableNext, received: f.received };
      },
    }),
    route({
      method: 'post',
      path: '/api/sandbox/wecom/simulate',
      tag: 'sandbox',
      summary: 'Acts as WeCom: a customer adds an agent, a group changes, a tag is made, a member leaves, handovers end… then the encrypted, signed callback reaches /wecom/callback',
      access: 'public',
      body: sandboxSimulateRequestSchema,
      response: sandboxSimulateResponseSchema,
      errors: [400, 404, 409],
      handler: ({ body }) => deps.simulate(body),
    }),
    route({
      method: 'post',
      path: '/api/sandbox/archive',
      tag: 'sandbox',
      summary: 'Appends messages to the sandbox chat archive as the archive SDK returns them (RSA-wrapped keys, encrypted bodies), then sends msgaudit_notify',
      access: 'public',
      body: sandboxArchiveInputSchema,
      response: sandboxArchiveResultSchema,
      status: 201,
      errors: [400],
      handler: ({ body }) => deps.archive(body.messages),
    }),
    route({
      method: 'get',
      path: '/api/sandbox/outbox',
      tag: 'sandbox',
      summary: 'Every message the channels "sent" in the sandbox, newest first',
      access: 'public',
      query: outboxQuerySchema,
      response: outboxSchema,
      handler: async ({ query }) => {
        const { rows, total } = await deps.outbox.list(query);
        return {
          total,
          items: rows.map((r) => ({ id: r.id, channel: r.channel, recipient: r.recipient, customerId: r.customerId, content: r.content, sentAt: r.sentAt.toISOString() })),
        };
      },
    }),
  ];
}
