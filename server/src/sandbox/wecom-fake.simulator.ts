import type { SandboxSimulateRequest, SandboxSimulateResponse } from '@lodestar/shared';
import { DomainError } from '../platform/errors';
import { meaningOf } from '../wecom';
import type { WecomFakeTenant } from './wecom-fake-tenant';
import { callbacks, describeCallback, fakeCallbackXml, type FakeCallback } from './wecom-fake.callbacks';
import { FakeWecomError } from './wecom-fake.state';

export interface WecomSimulatorDeps {
  tenant: WecomFakeTenant;
  /** WeCom's corp id: the callbacks' ToUserName. */
  wecomCorpId: string;
  now: () => Date;
  /** Encrypts, signs and posts one plaintext callback to this server's /wecom/callback. */
  deliver: (xml: string) => Promise<{ status: number; text: string }>;
  /** Records a mass message that went out (the sandbox outbox). */
  recordMassSend: (recipient: string, content: Record<string, unknown>) => Promise<void>;
}

/**
 * Acts as WeCom's users and servers for POST /api/sandbox/wecom/simulate: changes the fake tenant
 * as the action would, then delivers the callbacks WeCom sends for it, in order.
 */
export class WecomSimulator {
  constructor(private readonly d: WecomSimulatorDeps) {}

  async run(req: SandboxSimulateRequest): Promise<SandboxSimulateResponse> {
    await this.d.tenant.ready();
    let outcome: { callbacks: FakeCallback[]; ids?: Omit<SandboxSimulateResponse, 'delivered'> };
    try {
      outcome = await this.apply(req);
    } catch (error) {
      if (error instanceof FakeWecomError) throw new DomainError(meaningOf(error.errcode).code, `WeCom would refuse this (${error.errcode}): ${error.errmsg}`);
      throw error;
    }
    const delivered: string[] = [];
    for (const c of outcome.callbacks) {
      const res = await this.d.deliver(fakeCallbackXml(this.d.wecomCorpId, c));
      if (res.status !== 200 || res.text !== 'success') {
        throw new DomainError('internal_error', `the server refused the ${describeCallback(c)} callback (${res.status}: ${res.text.slice(0, 200)}) after ${delivered.length} delivered`);
      }
      delivered.push(describeCallback(c));
    }
    return { delivered, ...outcome.ids };
  }

  private async apply(req: SandboxSimulateRequest): Promise<{ callbacks: FakeCallback[]; ids?: Omit<SandboxSimulateResponse, 'delivered'> }> {
    const t = this.d.tenant;
    const at = Math.floor(this.d.now().getTime() / 1000);
    switch (req.type) {
      case 'contact_added': {
        const added = t.contacts.add({
          userId: req.userId,
          name: req.name,
          ...(req.externalUserId ? { externalUserId: req.externalUserId } : {}),
          ...(req.gender ? { gender: req.gender } : {}),
          ...(req.state ? { state: req.state } : {}),
          ...(req.remark ? { remark: req.remark } : {}),
          ...(req.unionId ? { unionId: req.unionId } : {}),
        });
        return {
          callbacks: [callbacks.contactAdded(at, req.userId, added.externalUserId, { ...(req.state ? { state: req.state } : {}), welcomeCode: added.welcomeCode, half: req.half ?? false })],
          ids: { externalUserId: added.externalUserId, welcomeCode: added.welcomeCode },
        };
      }
      case 'contact_edited':
        t.contacts.edit(req.userId, req.externalUserId, {
          ...(req.remark !== undefined ? { remark: req.remark } : {}),
          ...(req.description !== undefined ? { description: req.description } : {}),
          ...(req.addTagIds ? { addTagIds: req.addTagIds } : {}),
          ...(req.removeTagIds ? { removeTagIds: req.removeTagIds } : {}),
        });
        return { callbacks: [callbacks.contactEdited(at, req.userId, req.externalUserId)], ids: { externalUserId: req.externalUserId } };
      case 'contact_deleted_by_agent':
        t.contacts.removeByAgent(req.userId, req.externalUserId);
        return { callbacks: [callbacks.contactDeletedByAgent(at, req.userId, req.externalUserId)], ids: { externalUserId: req.externalUserId } };
      case 'contact_deleted_by_customer':
        t.contacts.removeByCustomer(req.userId, req.externalUserId);
        return { callbacks: [callbacks.contactDeletedByCustomer(at, req.userId, req.externalUserId)], ids: { externalUserId: req.externalUserId } };
      case 'archive_approved':
        t.data.contact(req.externalUserId);
        t.data.requireRelationship(req.externalUserId, req.userId);
        return { callbacks: [callbacks.archiveApproved(at, req.userId, req.externalUserId)], ids: { externalUserId: req.externalUserId } };
      case 'group_created': {
        const chat = t.groups.create({ ownerUserId: req.ownerUserId, name: req.name, externalUserIds: req.externalUserIds, ...(req.staffUserIds ? { staffUserIds: req.staffUserIds } : {}) });
        return { callbacks: [callbacks.groupCreated(at, chat.chatId)], ids: { chatId: chat.chatId } };
      }
      case 'group_members_joined': {
        const joined = t.groups.join(req.chatId, req.externalUserIds, req.joinScene, req.invitorUserId);
        return { callbacks: [callbacks.membersJoined(at, req.chatId, joined, req.joinScene, t.data.group(req.chatId).members.length)], ids: { chatId: req.chatId } };
      }
      case 'group_members_quit': {
        const left = t.groups.quit(req.chatId, req.externalUserIds);
        return { callbacks: [callbacks.membersQuit(at, req.chatId, left, req.quitScene, t.data.group(req.chatId).members.length)], ids: { chatId: req.chatId } };
      }
      case 'group_renamed':
        t.groups.rename(req.chatId, req.name);
        return { callbacks: [callbacks.groupRenamed(at, req.chatId)], ids: { chatId: req.chatId } };
      case 'group_dismissed':
        t.groups.dismiss(req.chatId);
        return { callbacks: [callbacks.groupDismissed(at, req.chatId)], ids: { chatId: req.chatId } };
      case 'corp_tag_created': {
        // A new group comes with its first tag; WeCom announces the group then.
        const { group, added, groupCreated } = t.tags.add({ groupName: req.groupName }, [{ name: req.tagName }]);
        const tagId = added[0]!.id;
        return { callbacks: [groupCreated ? callbacks.tagChanged(at, 'create', group.id, 'tag_group') : callbacks.tagChanged(at, 'create', tagId, 'tag')], ids: { tagId } };
      }
      case 'corp_tag_renamed': {
        const kind = t.tags.rename(req.tagId, req.name);
        return { callbacks: [callbacks.tagChanged(at, 'update', req.tagId, kind)], ids: { tagId: req.tagId } };
      }
      case 'corp_tag_deleted': {
        const kind = t.tags.kindOf(req.tagId) ?? 'tag';
        t.tags.delete(kind === 'tag' ? { tagIds: [req.tagId] } : { groupIds: [req.tagId] });
        return { callbacks: [callbacks.tagChanged(at, 'delete', req.tagId, kind)], ids: { tagId: req.tagId } };
      }
      case 'staff_left':
        t.contacts.staffLeft(req.userId);
        return { callbacks: [callbacks.staffDeleted(at, req.userId)] };
      case 'customer_refuses_handover':
        t.handovers.refuseBy(req.externalUserId);
        return { callbacks: [], ids: { externalUserId: req.externalUserId } };
      case 'handovers_complete':
        return { callbacks: this.handoverCallbacks(at) };
      case 'mass_send_confirmed': {
        const task = t.messages.task(req.msgId);
        if (task.cancelTime !== null) throw new DomainError('conflict', `the mass send ${req.msgId} was cancelled (cancel_groupmsg_send): the agent can no longer confirm it`);
        for (const r of t.messages.confirm(req.msgId, req.userId)) {
          await this.d.recordMassSend(r.externalUserId ?? r.chatId ?? '', { msgid: task.msgId, sender: r.userId, text: task.text, attachments: task.attachments });
        }
        return { callbacks: [] };
      }
    }
  }

  /**
   * WeCom's documented callbacks for a handover that ended: a completed one is an add for the
   * takeover agent (none when the agent had the customer already) and, in service, a delete with
   * Source DELETE_BY_TRANSFER for the previous agent; a failed one is transfer_fail for the
   * takeover agent. WeCom documents no delete for a resigned handover's previous agent.
   */
  private handoverCallbacks(at: number): FakeCallback[] {
    const out: FakeCallback[] = [];
    for (const { handover: h, takeoverKnewCustomer } of this.d.tenant.handovers.completeAll()) {
      if (h.status === 3) out.push(callbacks.transferFailed(at, h.takeoverUserId, h.externalUserId, 'customer_refused'));
      else if (h.status === 4) out.push(callbacks.transferFailed(at, h.takeoverUserId, h.externalUserId, 'customer_limit_exceed'));
      else {
        if (!takeoverKnewCustomer) out.push(callbacks.contactAdded(at, h.takeoverUserId, h.externalUserId, {}));
        if (!h.resigned) out.push(callbacks.contactDeletedByAgent(at, h.handoverUserId, h.externalUserId, true));
      }
    }
    return out;
  }
}
