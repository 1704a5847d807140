import type { ChannelCodeView, CreateChannelCode } from '@lodestar/shared';
import type { TaggingService } from '../customers';
import type { Clock } from '../platform/clock';
import { DomainError } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import type { WecomApiPort } from '../wecom';
import { nextAgent } from './agent-pool';
import type { ChannelCode } from './channel-code.entity';
import type { ChannelCodeRepository } from './channel-code.repository';

export interface ChannelCodeDeps {
  repo: ChannelCodeRepository;
  wecom: WecomApiPort;
  tagging: TaggingService;
  clock: Clock;
  ids: IdGenerator;
}

const view = (c: ChannelCode): ChannelCodeView => ({
  id: c.id,
  name: c.name,
  channel: c.channel,
  state: c.state,
  agentUserIds: c.agentUserIds,
  strategy: c.strategy,
  tagNames: c.tagNames,
  welcomeText: c.welcomeText,
  qrCode: c.qrCode,
  createdAt: c.createdAt.toISOString(),
});

/** Channel codes: creation through WeCom, the welcome message on add, attribution and auto-tags. */
export class ChannelCodeService {
  constructor(private readonly d: ChannelCodeDeps) {}

  async create(corpId: string, req: CreateChannelCode): Promise<ChannelCodeView> {
    const unknown = await this.d.tagging.unknownTags(corpId, req.tagNames);
    if (unknown.length) throw new DomainError('validation_failed', `Unknown tags: ${unknown.join(', ')}`, [{ path: 'body.tagNames', message: `not in the tag dictionary: ${unknown.join(', ')}` }]);
    if (await this.d.repo.stateTaken(corpId, req.state)) throw new DomainError('conflict', `A channel code with state "${req.state}" exists already`);
    const first = nextAgent(req.agentUserIds, req.strategy, 0, await this.d.repo.load(corpId, req.agentUserIds));
    const way = await this.d.wecom.addContactWay({ userIds: [first], state: req.state, skipVerify: req.skipVerify, remark: req.name.slice(0, 30) });
    const code: ChannelCode = {
      id: this.d.ids.next(),
      corpId,
      name: req.name,
      channel: req.channel,
      state: req.state,
      agentUserIds: req.agentUserIds,
      strategy: req.strategy,
      assigned: 0,
      tagNames: req.tagNames,
      welcomeText: req.welcomeText,
      wecomConfigId: way.configId,
      qrCode: way.qrCode,
      createdAt: this.d.clock.now(),
    };
    if (!(await this.d.repo.insert(code))) throw new DomainError('conflict', `A channel code with state "${req.state}" exists already`);
    return view(code);
  }

  async list(corpId: string): Promise<ChannelCodeView[]> {
    return (await this.d.repo.list(corpId)).map(view);
  }

  /**
   * The fast path, run straight from the callback (not behind the inbox), because WeCom accepts a
   * welcome message only within 20 seconds of the add: send it, then hand the code to the next agent.
   */
  async onAdded(corpId: string, state: string | null, welcomeCode: string | null): Promise<'sent' | 'no_code' | 'no_message'> {
    if (!state) return 'no_code';
    const code = await this.d.repo.byState(corpId, state);
    if (!code) return 'no_code';
    let outcome: 'sent' | 'no_message' = 'no_message';
    if (code.welcomeText && welcomeCode) {
      await this.d.wecom.sendWelcomeMessage(welcomeCode, code.welcomeText);
      outcome = 'sent';
    }
    if (code.agentUserIds.length > 1) {
      await this.d.repo.bumpAssigned(code.id);
      const load = code.strategy === 'least_loaded' ? await this.d.repo.load(corpId, code.agentUserIds) : new Map<string, number>();
      await this.d.wecom.updateContactWay(code.wecomConfigId, [nextAgent(code.agentUserIds, code.strategy, code.assigned + 1, load)]);
    }
    return outcome;
  }

  /** After the customer exists: the code's tags, with the code as evidence. */
  async attribute(corpId: string, state: string | null, externalUserId: string, at: Date): Promise<void> {
    if (!state) return;
    const code = await this.d.repo.byState(corpId, state);
    if (!code || code.tagNames.length === 0) return;
    await this.d.tagging.tagByExternalId(corpId, externalUserId, code.tagNames, 'static', `渠道活码「${code.name}」(${code.channel})`, at);
  }
}
