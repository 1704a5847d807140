import { AutoComplete } from 'tdesign-react';
import { commonEvents } from './labels';

const options = commonEvents.map((e) => ({
  text: e.value,
  label: (
    <span>
      {e.value} <span className="cs-muted">{e.label}</span>
    </span>
  ),
}));

/** An event name: free text, with the common ones suggested. */
export function EventInput({ value, onChange, width = 200, testId, placeholder = '事件名，如 check_in' }: { value: string; onChange: (v: string) => void; width?: number; testId?: string; placeholder?: string }) {
  return (
    <span data-testid={testId} style={{ width, display: 'inline-block' }}>
      <AutoComplete value={value} options={options} placeholder={placeholder} clearable onChange={(v) => onChange(String(v))} filter={(words, o) => typeof o === 'object' && String(o.text ?? '').toLowerCase().includes(words.trim().toLowerCase())} />
    </span>
  );
}
