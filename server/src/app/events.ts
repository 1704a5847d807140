import type { ChannelCodeService } from '../acquisition';
import type { RelationshipService } from '../customers';
import type { EventBus } from '../platform/event-bus';
import type { Logger } from '../platform/logger';
import type { WecomEvent } from '../wecom';

/** Every fact one part of the product announces to the others. */
export interface DomainEvents {
  /** A verified WeCom callback, taken from the inbox. */
  'wecom.event': { corpId: string; event: WecomEvent; at: Date };
}

/** The one place that says who reacts to which event. */
export function wireEvents(bus: EventBus<DomainEvents>, deps: { logger: Logger; relationships: RelationshipService; channelCodes: ChannelCodeService }): void {
  bus.on('wecom.event', async ({ corpId, event, at }) => {
    switch (event.kind) {
      case 'contact.added':
        await deps.relationships.apply(corpId, event, at);
        await deps.channelCodes.attribute(corpId, event.state, event.externalUserId, at);
        return;
      case 'contact.edited':
      case 'contact.deleted_by_agent':
      case 'contact.deleted_by_customer':
      case 'contact.transfer_failed':
      case 'contact.archive_approved':
        await deps.relationships.apply(corpId, event, at);
        return;
      case 'group.created':
      case 'group.updated':
      case 'group.dismissed':
      case 'tag.changed':
      case 'staff.changed':
      case 'archive.notify':
      case 'unknown':
        // Groups, tags, staff and the archive pull arrive with the rest of issue 3 and issue 7.
        deps.logger.debug({ kind: event.kind }, 'wecom event not handled yet');
        return;
    }
  });
}
