import { useCallback, useEffect, useState } from 'react';
import { Button, Dialog, Input, MessagePlugin, Popconfirm, Radio, Table } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { dateTime } from '../../../common/format';
import { errorText } from '../../../services/http';
import { addDoNotContact, doNotContact, removeDoNotContact, type DoNotContactEntry } from '../../../services/lead-admin';
import '../_kit/kit.css';

/** 免打扰名单: numbers cleaning drops; adding one rejects that customer's open, unworked leads. */
export function DoNotContactPage() {
  const [rows, setRows] = useState<DoNotContactEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const load = useCallback(() => {
    doNotContact()
      .then((r) => {
        setRows(r);
        setError(null);
      })
      .catch((e) => {
        setRows([]);
        setError(errorText(e));
      });
  }, []);
  useEffect(load, [load]);
  return (
    <div>
      <div className="cs-toolbar">
        <span className="cs-muted">名单只保存号码的加密哈希与掩码。外呼时客户要求不再联系，也会自动加入。</span>
        <span className="cs-toolbar__spacer" />
        <Button theme="primary" icon={<AddIcon />} onClick={() => setAdding(true)}>
          添加号码
        </Button>
      </div>
      <div className="cs-card">
        <Table
          rowKey="phoneHash"
          size="small"
          data={rows ?? []}
          loading={rows === null}
          empty={error ? `加载失败：${error}` : '名单是空的'}
          columns={[
            { colKey: 'phoneMasked', title: '号码', width: 160, cell: ({ row }) => row.phoneMasked ?? <span className="cs-muted">（未知）</span> },
            { colKey: 'reason', title: '原因', cell: ({ row }) => row.reason ?? '—' },
            { colKey: 'addedBy', title: '添加人', width: 140, cell: ({ row }) => row.addedBy ?? '系统' },
            { colKey: 'addedAt', title: '添加于', width: 130, cell: ({ row }) => dateTime(row.addedAt) },
            {
              colKey: 'op',
              title: '操作',
              width: 90,
              cell: ({ row }) => (
                <Popconfirm
                  content="移出名单？期间被剔除的线索保持剔除。"
                  onConfirm={() =>
                    removeDoNotContact(row.phoneHash)
                      .then(() => {
                        void MessagePlugin.success('已移出');
                        load();
                      })
                      .catch((e) => void MessagePlugin.error(errorText(e)))
                  }
                >
                  <Button size="small" variant="text" theme="danger">
                    移出
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </div>
      {adding && <AddDialog onClose={() => setAdding(false)} onDone={() => (setAdding(false), load())} />}
    </div>
  );
}

function AddDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const [by, setBy] = useState<'phone' | 'customer'>('phone');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const save = (): void => {
    setBusy(true);
    addDoNotContact({ ...(by === 'phone' ? { phone: value.trim() } : { customerId: value.trim() }), ...(reason.trim() ? { reason: reason.trim() } : {}) })
      .then((r) => {
        void MessagePlugin.success(`已加入 ${r.items.length} 个号码，剔除 ${r.rejectedLeads.length} 条未跟进的线索`);
        onDone();
      })
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setBusy(false));
  };
  return (
    <Dialog visible header="加入免打扰名单" onClose={onClose} onConfirm={save} confirmBtn={{ content: '加入', loading: busy, disabled: !value.trim() }}>
      <div className="cx-field">
        <Radio.Group value={by} onChange={(v) => setBy(v as 'phone' | 'customer')}>
          <Radio value="phone">按号码</Radio>
          <Radio value="customer">按客户（其全部号码）</Radio>
        </Radio.Group>
      </div>
      <div className="cx-field">
        <Input value={value} onChange={(v) => setValue(String(v))} placeholder={by === 'phone' ? '完整手机号' : '客户 ID（客户详情页地址中的 ID）'} />
      </div>
      <div className="cx-field">
        <label>原因（可选）</label>
        <Input value={reason} onChange={(v) => setReason(String(v))} placeholder="例如 客户投诉" />
      </div>
    </Dialog>
  );
}
