import { digestKey, ownKey } from './event-key';
import { eventTime, extractPhones, identityFromKey, validName, validProperties } from './record-rules';
import { isPlainObject, reject, type IdentityClaim, type Mapped, type TrackedEvent } from './tracked-event';

const types = new Set(['track', 'identify', 'page', 'screen', 'alias']);
const volatile = ['sentAt', 'receivedAt', '_metadata', 'writeKey'] as const;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 128) : typeof v === 'number' ? String(v) : null);

/** One Segment (or RudderStack) message in our vocabulary, or the reason it is refused. */
export function mapSegmentMessage(raw: unknown, ctx: { receivedAt: Date; defaultType?: string }): Mapped {
  if (!isPlainObject(raw)) return reject('not_an_object', 'a message must be a JSON object', raw);
  const type = typeof raw.type === 'string' ? raw.type : (ctx.defaultType ?? '');
  if (!types.has(type)) return reject('unknown_type', type ? `type "${type.slice(0, 40)}" is not taken (track, identify, page, screen, alias)` : 'the message has no type', raw);
  const bag = type === 'identify' ? (raw.traits ?? {}) : (raw.properties ?? {});
  if (!validProperties(bag)) return reject('bad_properties', `${type === 'identify' ? 'traits' : 'properties'} must be an object of at most 500 entries`, raw);
  const at = eventTime(raw.timestamp ?? raw.originalTimestamp, ctx.receivedAt);
  if (!at) return reject('bad_time', `timestamp ${JSON.stringify(raw.timestamp)?.slice(0, 40)} is not a time up to a day ahead`, raw);

  const claims: IdentityClaim[] = [];
  const add = (kind: IdentityClaim['kind'], v: unknown): void => {
    const value = str(v);
    if (value && !claims.some((c) => c.kind === kind && c.value === value)) claims.push({ kind, value });
  };
  const userId = str(raw.userId);
  const anonymousId = str(raw.anonymousId);
  add('login_id', userId);
  add('anonymous_id', anonymousId);
  const distinctId = userId ?? anonymousId;
  if (distinctId) add('distinct_id', distinctId);
  if (type === 'alias') {
    const previous = str(raw.previousId);
    if (!previous || !userId) return reject('missing_identity', 'alias needs previousId and userId', raw);
    add('anonymous_id', previous);
    add('distinct_id', previous);
  }
  const context = isPlainObject(raw.context) ? raw.context : {};
  const traits = { ...(isPlainObject(context.traits) ? context.traits : {}), ...(type === 'identify' ? bag : {}) };
  for (const [k, v] of Object.entries(traits)) {
    const kind = identityFromKey(k);
    if (kind) add(kind, v);
  }
  if (Array.isArray(context.externalIds)) {
    for (const x of context.externalIds) if (isPlainObject(x) && typeof x.type === 'string') add(identityFromKey(x.type) ?? 'distinct_id', x.id);
  }
  const properties: Record<string, unknown> = { ...bag };
  for (const phone of [...extractPhones(properties), ...extractPhones(traits)]) add('phone', phone);
  if (claims.length === 0) return reject('missing_identity', 'the message has neither userId nor anonymousId', raw);

  let name: string;
  let eventType: TrackedEvent['type'];
  if (type === 'track') {
    const event = typeof raw.event === 'string' ? raw.event.trim() : '';
    if (!event) return reject('missing_event_name', 'a track message needs an event name', raw);
    // Segment names are free text ("Viewed Product"); keep them, with spaces made underscores.
    name = event.replace(/\s+/g, '_').slice(0, 100);
    if (!validName(name)) return reject('bad_event_name', `event "${event.slice(0, 40)}" has characters other than letters, digits, spaces, _ and $`, raw);
    eventType = 'track';
  } else if (type === 'page' || type === 'screen') {
    name = type === 'page' ? '$pageview' : '$AppViewScreen';
    if (typeof raw.name === 'string' && properties.$title === undefined) properties.$title = raw.name;
    eventType = type;
  } else if (type === 'identify') {
    name = '$identify';
    eventType = 'identify';
  } else {
    name = '$alias';
    eventType = 'alias';
  }
  const messageId = str(raw.messageId);
  return {
    ok: true,
    event: {
      key: messageId ? ownKey('sg', messageId) : digestKey('sg', raw, volatile),
      source: 'segment',
      project: null,
      type: eventType,
      name,
      at,
      identities: claims,
      joins: type === 'alias' || (type === 'identify' && !!userId && !!anonymousId),
      unbinds: [],
      distinctId,
      properties,
      profile: type === 'identify' ? { op: 'set', properties } : null,
    },
  };
}
