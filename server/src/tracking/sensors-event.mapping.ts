import { digestKey, ownKey } from './event-key';
import { extractPhones, identityFromKey, validName, validProperties, eventTime } from './record-rules';
import { isPlainObject, reject, type IdentityClaim, type Mapped, type ProfileOp, type TrackedEvent } from './tracked-event';

const profileTypes: Record<string, ProfileOp> = {
  profile_set: 'set',
  profile_set_once: 'set_once',
  profile_increment: 'increment',
  profile_append: 'append',
  profile_unset: 'unset',
  profile_delete: 'delete',
};
const trackTypes = new Set(['track', 'track_signup', 'track_id_bind', 'track_id_unbind', ...Object.keys(profileTypes)]);

/** Fields that differ between a record and its retry (flush time), left out of the digest key. */
const volatile = ['_flush_time', '_hybrid_h5', 'dtk'] as const;

/** The `identities` map of ID-Mapping 3.0; the JS SDK may send it base64-encoded. */
function identitiesOf(raw: unknown): Record<string, unknown> | null {
  if (isPlainObject(raw)) return raw;
  if (typeof raw !== 'string' || raw === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
    return isPlainObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 128) : typeof v === 'number' ? String(v) : null);

/** One Sensors record (any of the ten types) in our vocabulary, or the reason it is refused. */
export function mapSensorsRecord(raw: unknown, ctx: { project: string | null; receivedAt: Date }): Mapped {
  if (!isPlainObject(raw)) return reject('not_an_object', 'a record must be a JSON object', raw);
  const type = typeof raw.type === 'string' ? raw.type : '';
  if (!trackTypes.has(type)) return reject('unknown_type', type ? `type "${type.slice(0, 40)}" is not a Sensors event type this endpoint takes` : 'the record has no type', raw);
  const props = raw.properties ?? {};
  if (!validProperties(props)) return reject('bad_properties', 'properties must be an object of at most 500 entries', raw);
  const at = eventTime(raw.time, ctx.receivedAt);
  if (!at) return reject('bad_time', `time ${JSON.stringify(raw.time)?.slice(0, 40)} is not a millisecond timestamp up to a day ahead`, raw);

  const claims: IdentityClaim[] = [];
  const add = (kind: IdentityClaim['kind'], v: unknown): void => {
    const value = str(v);
    if (value && !claims.some((c) => c.kind === kind && c.value === value)) claims.push({ kind, value });
  };
  const ids = identitiesOf(raw.identities);
  for (const [k, v] of Object.entries(ids ?? {})) {
    const kind = identityFromKey(k);
    if (kind) add(kind, v);
  }
  const distinctId = str(raw.distinct_id);
  add('login_id', raw.login_id);
  add('anonymous_id', raw.anonymous_id);
  if (distinctId) add('distinct_id', distinctId);

  const properties: Record<string, unknown> = { ...props };
  // Which SDK sent an event is worth keeping with it; a profile is about the person, so not there.
  const isProfile = type in profileTypes;
  if (!isProfile && isPlainObject(raw.lib) && properties.$lib === undefined && typeof raw.lib.$lib === 'string') properties.$lib = raw.lib.$lib;
  for (const phone of extractPhones(properties)) add('phone', phone);

  let name: string;
  let joins = false;
  let unbinds: IdentityClaim[] = [];
  let eventType: TrackedEvent['type'];
  const profileOp = profileTypes[type];
  if (profileOp) {
    eventType = 'profile';
    name = `$profile_${profileOp}`;
  } else if (type === 'track_id_unbind') {
    eventType = 'unbind';
    name = '$UnbindID';
    unbinds = claims.filter((c) => c.kind !== 'distinct_id');
  } else {
    const event = typeof raw.event === 'string' ? raw.event : '';
    if (type !== 'track_id_bind' && !event) return reject('missing_event_name', `a ${type} record needs an event name`, raw);
    if (event && !validName(event)) return reject('bad_event_name', `event "${event.slice(0, 40)}" is not a valid name (letters, digits, _ and $, at most 100)`, raw);
    name = event || '$BindID';
    eventType = type === 'track' ? 'track' : type === 'track_signup' ? 'signup' : 'bind';
    if (type === 'track_signup') {
      // distinct_id is the login id, original_id the anonymous one this device used before.
      if (distinctId) add('login_id', distinctId);
      const original = str(raw.original_id);
      if (!original) return reject('missing_identity', 'track_signup needs original_id', raw);
      add('anonymous_id', original);
      add('distinct_id', original);
    }
    joins = type !== 'track';
  }
  if (claims.length === 0) return reject('missing_identity', 'the record names nobody (no distinct_id, login_id or identities)', raw);

  const insertId = typeof properties.$insert_id === 'string' && properties.$insert_id ? properties.$insert_id : null;
  // Every Sensors SDK draws a _track_id per record and keeps it on a retry: with the type, event,
  // person and time it names the record; only without one is the whole record digested.
  const trackId = typeof raw._track_id === 'number' || typeof raw._track_id === 'string' ? String(raw._track_id) : null;
  const key = insertId
    ? ownKey('sa', insertId)
    : trackId
      ? digestKey('sa', { t: type, e: raw.event ?? null, d: distinctId, o: raw.original_id ?? null, at: raw.time ?? null, id: trackId }, [])
      : digestKey('sa', raw, volatile);
  return {
    ok: true,
    event: {
      key,
      source: 'sensors',
      project: ctx.project,
      type: eventType,
      name,
      at,
      identities: claims,
      joins,
      unbinds,
      distinctId,
      properties,
      profile: profileOp ? { op: profileOp, properties } : null,
    },
  };
}
