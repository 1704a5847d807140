/**
 * Synthetic customers for the journey bench (scripts/lib/journey-bench.mjs): young (20–29), with
 * an app start in the last three days (so the young strivers segment holds for them), a
 * mini-program openid (the invitation's channel address) and one subscription consent for the
 * invitation's template (so the send really goes through the channel port). Rows go in with
 * multi-row INSERTs of 500 rows, 2,000 customers a transaction, as the rescore bench does.
 */
import cliProgress from 'cli-progress';

const DAY = 86_400_000;
const perTransaction = 2_000;
const perStatement = 500;
const cities = ['上海', '北京', '深圳', '广州', '杭州', '成都', '南京', '武汉'];
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';

const columns = {
  customer: ['id', 'corp_id', 'name', 'gender', 'birth_date', 'city', 'owner_staff_id', 'stage', 'archive_consent', 'merged_into_id', 'created_at', 'updated_at'],
  customer_identity: ['id', 'corp_id', 'customer_id', 'kind', 'value', 'created_at'],
  activity_count: ['customer_id', 'counter_key', 'day', 'corp_id', 'count'],
  subscription_consent: ['id', 'corp_id', 'customer_id', 'template_id', 'remaining', 'updated_at'],
};

const insertSql = (table, rows) => {
  const one = `(${columns[table].map(() => '?').join(',')})`;
  return `INSERT INTO ${table} (${columns[table].join(', ')}) VALUES ${Array.from({ length: rows }, () => one).join(',')}`;
};
export const dbTime = (ms) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
/** China has one zone and no daylight saving: the local day is UTC+8's. */
const chinaDay = (ms) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** The rows of customers `start` … `start + count - 1`; deterministic apart from the ids. */
function rowsOf({ corpId, start, count, now, nextId, staffIds, appStartKey, templateId }) {
  const out = { customer: [], customer_identity: [], activity_count: [], subscription_consent: [] };
  const t = dbTime(now);
  for (let i = start; i < start + count; i++) {
    const id = nextId();
    const age = 20 + (i % 10);
    const birth = new Date(now - (age * 365 + ((i * 37) % 300)) * DAY).toISOString().slice(0, 10);
    const name = `${surnames[i % surnames.length]}${given[(i * 7) % given.length]}${given[(i * 13) % given.length]}`;
    const owner = staffIds.length ? staffIds[i % staffIds.length] : null;
    out.customer.push([id, corpId, name, i % 2 ? 'male' : 'female', birth, cities[i % cities.length], owner, 'interest', 0, null, t, t]);
    out.customer_identity.push([nextId(), corpId, id, 'openid', `oBench${String(i).padStart(22, '0')}`, t]);
    out.activity_count.push([id, appStartKey, chinaDay(now - (1 + (i % 3)) * DAY), corpId, 1 + (i % 4)]);
    out.subscription_consent.push([nextId(), corpId, id, templateId, 1, t]);
  }
  return out;
}

/**
 * Inserts `n` customers through the container's DataSource (numbered from `first`, so a second
 * set gets other openids); `consents: false` leaves out the subscription consents. Returns their
 * ids (in insertion order) and the seconds it took.
 */
export async function insertYoungCustomers(c, corpId, n, { appStartKey, templateId, first = 0, consents = true }) {
  const staff = await c.ds.query("SELECT id FROM staff_member WHERE corp_id = ? AND role = 'agent' AND status = 'active' ORDER BY id", [corpId]);
  const staffIds = staff.map((s) => String(s.id));
  const now = c.clock.now().getTime();
  const ids = [];
  const bar = new cliProgress.SingleBar(
    { format: `${'inserting young customers'.padEnd(34)} [{bar}] {value}/{total} customers {eta_formatted}`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 30_000 },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(n, 0);
  for (let start = 0; start < n; start += perTransaction) {
    const batch = rowsOf({ corpId, start: first + start, count: Math.min(perTransaction, n - start), now, nextId: () => c.ids.next(), staffIds, appStartKey, templateId });
    if (!consents) batch.subscription_consent = [];
    for (const row of batch.customer) ids.push(row[0]);
    await c.ds.transaction(async (em) => {
      for (const table of Object.keys(columns)) {
        for (let i = 0; i < batch[table].length; i += perStatement) {
          const part = batch[table].slice(i, i + perStatement);
          await em.query(insertSql(table, part.length), part.flat());
        }
      }
    });
    bar.update(Math.min(n, start + perTransaction));
  }
  bar.stop();
  return { ids, seconds: (performance.now() - started) / 1000 };
}
