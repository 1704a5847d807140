import { useEffect, useMemo, useState } from 'react';
import { Button, MessagePlugin, Select, Space, Tooltip } from 'tdesign-react';
import type { SopCalendarItem, SopPlanView, SopTaskStatus } from '@lodestar/shared';
import { hm } from '../../../common/format';
import { sopStatusColor, sopStatusLabels } from '../../../common/labels';
import { DAY, now } from '../../../services/clock';
import { errorText } from '../../../services/http';
import { listPlans, sopCalendar } from '../../../services/sop';

const days = 14;
const weekday = ['日', '一', '二', '三', '四', '五', '六'];
const legend: SopTaskStatus[] = ['planned', 'pending', 'awaiting', 'sent', 'partly_sent', 'failed', 'skipped', 'overdue', 'cancelled'];

function startOfDay(t: number): Date {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d;
}
const dayKey = (d: Date): string => `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;

/** What every plan sent and will send, per group and day: tasks in their status colour, forecasts dashed. */
export function SopCalendarPage() {
  const [start, setStart] = useState(() => startOfDay(now() - 3 * DAY));
  const [planId, setPlanId] = useState<string | undefined>(undefined);
  const [plans, setPlans] = useState<SopPlanView[]>([]);
  const [items, setItems] = useState<SopCalendarItem[] | null>(null);

  useEffect(() => {
    listPlans()
      .then((r) => setPlans(r.items))
      .catch(() => setPlans([]));
  }, []);

  useEffect(() => {
    setItems(null);
    const to = new Date(start.getTime() + days * DAY);
    sopCalendar(start, to, planId)
      .then((r) => setItems(r.items))
      .catch((e) => {
        setItems([]);
        void MessagePlugin.error(errorText(e));
      });
  }, [start, planId]);

  const columns = useMemo(() => Array.from({ length: days }, (_, i) => startOfDay(start.getTime() + i * DAY + 2 * 3_600_000)), [start]);
  const today = dayKey(startOfDay(now()));

  const rows = useMemo(() => {
    const byTarget = new Map<string, { name: string; owner: string; kind: string; cells: Map<string, SopCalendarItem[]> }>();
    for (const it of items ?? []) {
      let row = byTarget.get(it.targetId);
      if (!row) {
        row = { name: it.targetName, owner: it.ownerName, kind: it.targetKind, cells: new Map() };
        byTarget.set(it.targetId, row);
      }
      const k = dayKey(new Date(it.dueAt));
      row.cells.set(k, [...(row.cells.get(k) ?? []), it]);
    }
    return [...byTarget.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name, 'zh-CN'));
  }, [items]);

  const counts = useMemo(() => {
    const c = new Map<SopTaskStatus, number>();
    for (const it of items ?? []) c.set(it.status, (c.get(it.status) ?? 0) + 1);
    return c;
  }, [items]);

  return (
    <div data-testid="sop-calendar">
      <div className="cs-toolbar">
        <Space>
          <Button variant="outline" onClick={() => setStart(new Date(start.getTime() - 7 * DAY))}>
            ‹ 上一周
          </Button>
          <Button variant="outline" onClick={() => setStart(startOfDay(now() - 3 * DAY))}>
            今天
          </Button>
          <Button variant="outline" onClick={() => setStart(new Date(start.getTime() + 7 * DAY))}>
            下一周 ›
          </Button>
        </Space>
        <Select
          style={{ width: 240 }}
          clearable
          placeholder="全部计划"
          value={planId}
          onChange={(v) => setPlanId(v ? String(v) : undefined)}
          options={plans.map((p) => ({ label: p.name, value: p.id }))}
        />
        <span className="cs-toolbar__spacer" />
        <div className="cal-legend">
          {legend.map((s) => (
            <span key={s} style={{ ['--c' as string]: sopStatusColor[s] }}>
              {sopStatusLabels[s]} {counts.get(s) ?? 0}
            </span>
          ))}
        </div>
      </div>
      <div className="cs-card cal">
        {items !== null && rows.length === 0 ? (
          <div className="cs-empty">这段时间没有 SOP 任务或计划中的发送</div>
        ) : (
          <table>
            <thead>
              <tr>
                <th className="cal-target">客户群 / 群主</th>
                {columns.map((d) => (
                  <th key={dayKey(d)} className={dayKey(d) === today ? 'is-today' : ''}>
                    {d.getMonth() + 1}/{d.getDate()}
                    <div className="cs-muted">周{weekday[d.getDay()]}</div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(([id, row]) => (
                <tr key={id}>
                  <td className="cal-target">
                    <div className="cal-target__name">{row.name}</div>
                    <div className="cs-muted">{row.owner}</div>
                  </td>
                  {columns.map((d) => {
                    const k = dayKey(d);
                    const cell = row.cells.get(k) ?? [];
                    return (
                      <td key={k} className={k === today ? 'is-today' : ''}>
                        {cell.slice(0, 4).map((it, i) => (
                          <Tooltip key={`${it.taskId ?? it.stepId}-${i}`} content={`${it.planName} · ${it.stepName} · ${hm(it.dueAt)} · ${sopStatusLabels[it.status]}`}>
                            <span className={`cal-item ${it.status === 'planned' ? 'is-planned' : ''}`} style={{ background: sopStatusColor[it.status] }} data-status={it.status}>
                              {hm(it.dueAt)}
                            </span>
                          </Tooltip>
                        ))}
                        {cell.length > 4 && <span className="cs-muted">+{cell.length - 4}</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
