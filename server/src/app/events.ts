import type { JourneyStage } from '@lodestar/shared';
import type { ChannelCodeService } from '../acquisition';
import type { ContactSyncService, CorpTagSyncService, CustomerTagsChange, GroupService, HandoverService, RelationshipService } from '../customers';
import type { StaffRepository } from '../org';
import type { EventBus } from '../platform/event-bus';
import type { Logger } from '../platform/logger';
import type { RecordedBatch, ServerEventRepository } from '../tracking';
import type { WecomEvent } from '../wecom';
import type { CustomerRefreshQueue } from './customer-refresh';
import type { JourneyTriggers } from '../journeys';
import type { ArchiveSyncService, ChatMessageRow } from '../chat';
import type { AgentNotificationService } from '../leads';
import type { ConversationIntelligenceService } from '../playbook';

/** Every fact one part of the product announces to the others. */
export interface DomainEvents {
  /** A verified WeCom callback, taken from the inbox. */
  'wecom.event': { corpId: string; event: WecomEvent; at: Date };
  /** Tags put on or taken off a customer; `origin` says who did it (WeCom's are not sent back). */
  'customer.tags_changed': CustomerTagsChange & { corpId: string; origin: 'lodestar' | 'wecom' };
  /** A customer came into or left a segment (journeys trigger on these). */
  'segment.entered': { corpId: string; segmentId: string; customerId: string };
  'segment.left': { corpId: string; segmentId: string; customerId: string };
  /** The customer's derived journey stage moved. */
  'customer.stage_changed': { corpId: string; customerId: string; from: JourneyStage; to: JourneyStage };
  /** Tracking events written (customers created or merged on the way). */
  'tracking.events_recorded': RecordedBatch;
  /** Archived chat messages stored for the first time. */
  'chat.messages_archived': { corpId: string; messages: ChatMessageRow[] };
}

export interface EventDeps {
  logger: Logger;
  relationships: RelationshipService;
  channelCodes: ChannelCodeService;
  contactSync: ContactSyncService;
  groups: GroupService;
  corpTags: CorpTagSyncService;
  handovers: HandoverService;
  staff: StaffRepository;
  customerRefresh: CustomerRefreshQueue;
  journeyTriggers: JourneyTriggers;
  archiveSync: ArchiveSyncService;
  intelligence: ConversationIntelligenceService;
  notifications: AgentNotificationService;
  chatEvents: ServerEventRepository;
}

/** The one place that says who reacts to which event. */
export function wireEvents(bus: EventBus<DomainEvents>, d: EventDeps): void {
  bus.on('wecom.event', async ({ corpId, event, at }) => {
    switch (event.kind) {
      case 'contact.added':
        await d.relationships.apply(corpId, event, at);
        await d.channelCodes.attribute(corpId, event.state, event.externalUserId, at);
        // The callback carries ids only: name, remark and the agent's tags come from WeCom.
        await d.contactSync.refreshContact(corpId, event.externalUserId);
        return;
      case 'contact.edited':
        await d.relationships.apply(corpId, event, at);
        await d.contactSync.refreshContact(corpId, event.externalUserId);
        return;
      case 'contact.transfer_failed':
        await d.relationships.apply(corpId, event, at);
        await d.handovers.onTransferFailed(corpId, event.userId, event.externalUserId, event.reason, at);
        return;
      case 'contact.deleted_by_agent':
      case 'contact.deleted_by_customer':
      case 'contact.archive_approved':
        await d.relationships.apply(corpId, event, at);
        return;
      case 'group.created':
        await d.groups.refresh(corpId, event.chatId, at);
        return;
      case 'group.updated':
        await d.groups.refresh(corpId, event.chatId, at, { quitScene: event.quitScene, memberIds: event.memberIds });
        return;
      case 'group.dismissed':
        await d.groups.dismiss(corpId, event.chatId, at);
        return;
      case 'tag.changed':
        await d.corpTags.reconcile(corpId);
        return;
      case 'staff.changed':
        // An agent who leaves hands their customers and groups over by the assignment rules.
        if (event.change === 'delete_user' && event.userId && (await d.staff.markLeft(corpId, event.userId, at))) {
          const batch = await d.handovers.start(corpId, { fromUserId: event.userId });
          d.logger.info({ userId: event.userId, customers: batch.customers, groups: batch.groups, counts: batch.counts }, 'agent left: handover started');
        }
        return;
      case 'archive.notify':
        // New archived messages exist: pull now (the schedule catches anything a lost notify missed).
        void d.archiveSync.pull(corpId).catch((error: unknown) => d.logger.error({ err: error, corpId }, 'chat archive pull failed'));
        return;
      case 'unknown':
        d.logger.debug({ kind: event.kind }, 'wecom event not handled');
        return;
    }
  });
  bus.on('customer.tags_changed', async ({ corpId, customerId, added, removed, origin }) => {
    if (origin === 'lodestar') await d.corpTags.pushCustomerTags(customerId, added, removed);
    d.customerRefresh.enqueue(corpId, [customerId]);
  });
  bus.on('tracking.events_recorded', async ({ corpId, customerIds, merges, events }) => {
    // Merged records are refreshed too, so they leave their segments.
    d.customerRefresh.enqueue(corpId, [...customerIds, ...merges.flatMap((m) => m.mergedIds)]);
    // Journeys: event triggers, customers waiting for these events, goals and exit events.
    await d.journeyTriggers.onEvents(corpId, events);
  });
  bus.on('chat.messages_archived', async ({ corpId, messages }) => {
    // Mining, compliance and key nodes; then the agent's live card and the team lead's alert.
    const outcome = await d.intelligence.process(corpId, messages);
    // What the customer showed becomes customer events: the timeline, and journeys waiting for them.
    if (outcome.events.length) {
      await d.chatEvents.record(outcome.events.map((e) => ({ ...e, corpId })));
      await d.journeyTriggers.onEvents(corpId, outcome.events);
    }
    for (const x of outcome.insights) await d.notifications.notify(corpId, x.staffId, 'chat.insight', x.payload);
    for (const x of outcome.alerts) await d.notifications.notify(corpId, x.leadStaffId, 'compliance.alert', x.payload);
  });
  bus.on('segment.entered', async ({ corpId, segmentId, customerId }) => {
    await d.journeyTriggers.onSegmentEntered(corpId, segmentId, [customerId]);
  });
}
