/**
 * The few SQL bits that differ between SQLite and MySQL/MariaDB for day arithmetic on local days
 * stored as 'YYYY-MM-DD' text, and UTC DATETIME columns turned into local days at a fixed offset.
 */
export interface DaySql {
  readonly mysql: boolean;
  /** Whole days from day expression `b` to day expression `a` (a - b). */
  diff(a: string, b: string): string;
  /** The day expression `day` plus `n` days (`n` an SQL integer expression), as 'YYYY-MM-DD' text. */
  plusDays(day: string, n: string): string;
  /** The local day ('YYYY-MM-DD') of a UTC DATETIME expression at a fixed offset from UTC. */
  localDay(time: string, offsetMinutes: number): string;
  /** `CREATE TEMPORARY TABLE` / `DROP TEMPORARY TABLE IF EXISTS` for a per-connection scratch table. */
  createTemp(name: string, columns: string): string;
  dropTemp(name: string): string;
  /** An inner join that keeps the written table order (the left table drives): MySQL's STRAIGHT_JOIN, SQLite's CROSS JOIN. */
  readonly drivingJoin: string;
}

export function daySql(mysql: boolean): DaySql {
  const minutes = (m: number): number => {
    if (!Number.isInteger(m) || Math.abs(m) > 24 * 60) throw new RangeError(`bad offset ${m}`);
    return m;
  };
  if (mysql) {
    return {
      mysql,
      diff: (a, b) => `DATEDIFF(${a}, ${b})`,
      plusDays: (day, n) => `DATE_FORMAT(DATE_ADD(${day}, INTERVAL ${n} DAY), '%Y-%m-%d')`,
      localDay: (time, offset) => `DATE_FORMAT(DATE_ADD(${time}, INTERVAL ${minutes(offset)} MINUTE), '%Y-%m-%d')`,
      createTemp: (name, columns) => `CREATE TEMPORARY TABLE ${name} (${columns})`,
      dropTemp: (name) => `DROP TEMPORARY TABLE IF EXISTS ${name}`,
      drivingJoin: 'STRAIGHT_JOIN',
    };
  }
  return {
    mysql,
    diff: (a, b) => `CAST(ROUND(julianday(${a}) - julianday(${b})) AS INTEGER)`,
    plusDays: (day, n) => `date(${day}, '+' || (${n}) || ' days')`,
    localDay: (time, offset) => `date(${time}, '${minutes(offset) >= 0 ? '+' : '-'}${Math.abs(offset)} minutes')`,
    createTemp: (name, columns) => `CREATE TEMP TABLE ${name} (${columns})`,
    dropTemp: (name) => `DROP TABLE IF EXISTS temp.${name}`,
    drivingJoin: 'CROSS JOIN',
  };
}

/**
 * The zone's offset from UTC in minutes at an instant (Asia/Shanghai: 480). Analytics turn stored
 * instants into local days with one offset per query: exact for zones without daylight saving.
 */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(at);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const whole = Math.floor(at.getTime() / 1000) * 1000;
  return Math.round((wall - whole) / 60_000);
}
