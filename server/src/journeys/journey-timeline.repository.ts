import type { DataSource } from 'typeorm';
import { ServerEventRepository, type ServerEvent } from '../tracking';

/** An engine action as a customer event: the timeline and analytics see journeys like any behaviour. */
export type TimelineEvent = ServerEvent;

/** Writes engine events into tracking_event (source "journey"), ignoring keys written before. */
export class JourneyTimelineRepository extends ServerEventRepository {
  constructor(ds: DataSource, nextId: () => string) {
    super(ds, 'journey', nextId);
  }
}
