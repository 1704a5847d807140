import { useEffect, useState } from 'react';
import { Dialog, Input, Tag } from 'tdesign-react';
import type { CustomerListItem, GroupView } from '@lodestar/shared';
import { searchCustomers } from '../services/customers';
import { listGroups } from '../services/groups';
import { gradeTheme, stageLabels } from '../common/labels';

/** The fake JS-SDK's stand-in for "which chat is open": one of the agent's customers, or one of their groups. */
export function ContactPicker(props: { visible: boolean; onClose: () => void; onPick: (c: { externalUserId?: string | null; chatId?: string | null }) => void }) {
  const [q, setQ] = useState('');
  const [customers, setCustomers] = useState<CustomerListItem[]>([]);
  const [groups, setGroups] = useState<GroupView[]>([]);

  useEffect(() => {
    if (!props.visible) return;
    const t = setTimeout(() => {
      searchCustomers({ q: q.trim() || undefined, limit: 30 })
        .then((r) => setCustomers(r.items.filter((c) => c.externalUserId)))
        .catch(() => setCustomers([]));
      listGroups({ q: q.trim() || undefined, limit: 20 })
        .then((r) => setGroups(r.items))
        .catch(() => setGroups([]));
    }, 250);
    return () => clearTimeout(t);
  }, [q, props.visible]);

  return (
    <Dialog visible={props.visible} header="选择演示会话" footer={false} onClose={props.onClose} width="92%" placement="center" className="sb-picker">
      <Input value={q} onChange={(v) => setQ(String(v))} placeholder="客户姓名或城市" clearable />
      <div className="sb-picker__list">
          {customers.map((c) => (
            <button type="button" key={c.id} className="sb-picker__item" data-testid="pick-customer" onClick={() => props.onPick({ externalUserId: c.externalUserId })}>
              <span>{c.name}</span>
              <span className="sb-muted">
                {c.city ?? ''} · {stageLabels[c.stage]}
              </span>
              {c.lead && (
                <Tag size="small" theme={gradeTheme[c.lead.grade]} variant="light">
                  {c.lead.grade}
                </Tag>
              )}
            </button>
          ))}
          {groups.map((g) => (
            <button type="button" key={g.id} className="sb-picker__item" onClick={() => props.onPick({ chatId: g.chatId })}>
              <span>【群】{g.name}</span>
              <span className="sb-muted">{g.memberCount} 人</span>
            </button>
          ))}
      </div>
    </Dialog>
  );
}
