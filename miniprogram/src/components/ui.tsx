import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** Small building blocks shared by the pages (styles in app.css). */

export function Section({ title, extra, onExtra, children, className = '' }: { title: string; extra?: string; onExtra?: () => void; children: ReactNode; className?: string }) {
  return (
    <View className={`section ${className}`}>
      <View className='section-head'>
        <Text className='section-title'>{title}</Text>
        {extra ? (
          <Text className='section-extra' onClick={onExtra}>
            {extra} ›
          </Text>
        ) : null}
      </View>
      {children}
    </View>
  );
}

export function Empty({ text, className = '' }: { text: string; className?: string }) {
  return (
    <View className={`empty ${className}`}>
      <View className='empty-icon' />
      <Text className='empty-text'>{text}</Text>
    </View>
  );
}

/** What a page shows while its data loads or after a load failed (with a retry). */
export function Loading<T>({ state, children, skeleton = 3 }: { state: { data: T | null; error: Error | null; loading: boolean; reload: () => void }; children: (data: T) => ReactNode; skeleton?: number }) {
  if (state.data !== null) return <>{children(state.data)}</>;
  if (state.error)
    return (
      <View className='load-error t-load-error'>
        <Text className='load-error-text'>{state.error.message || '加载失败'}</Text>
        <View className='btn btn-ghost btn-small t-retry' onClick={() => state.reload()}>
          重试
        </View>
      </View>
    );
  return (
    <View className='skeleton t-loading'>
      {Array.from({ length: skeleton }, (_, i) => (
        <View key={i} className='skeleton-card' />
      ))}
    </View>
  );
}

export function Tag({ children, tone = 'blue', className = '' }: { children: ReactNode; tone?: 'blue' | 'orange' | 'green' | 'gray' | 'red'; className?: string }) {
  return <Text className={`tag tag-${tone} ${className}`}>{children}</Text>;
}

/** An explicit consent tick box (never pre-ticked): the action it guards stays disabled until ticked. */
export function Consent({ checked, onChange, children, className = '' }: { checked: boolean; onChange: (v: boolean) => void; children: ReactNode; className?: string }) {
  return (
    <View className={`consent ${checked ? 'consent-on' : ''} ${className}`} onClick={() => onChange(!checked)}>
      <View className={`consent-box ${checked ? 'consent-box-on' : ''}`}>{checked ? '✓' : ''}</View>
      <Text className='consent-text'>{children}</Text>
    </View>
  );
}

export function Field({ label, required, children, hint }: { label: string; required?: boolean; children: ReactNode; hint?: string }) {
  return (
    <View className='field'>
      <View className='field-label'>
        <Text>{label}</Text>
        {required ? <Text className='field-required'>*</Text> : null}
      </View>
      <View className='field-control'>{children}</View>
      {hint ? <Text className='field-hint'>{hint}</Text> : null}
    </View>
  );
}

/** Horizontal bars drawn with Views: value against a maximum, with labels. */
export function Bars({ rows, className = '' }: { rows: Array<{ label: string; value: number; max: number; note: string; tone?: 'ok' | 'gap' }>; className?: string }) {
  return (
    <View className={`bars ${className}`}>
      {rows.map((r) => (
        <View key={r.label} className='bar-row'>
          <View className='bar-head'>
            <Text className='bar-label'>{r.label}</Text>
            <Text className='bar-note'>{r.note}</Text>
          </View>
          <View className='bar-track'>
            <View className={`bar-fill bar-${r.tone ?? 'ok'}`} style={{ width: `${Math.max(2, Math.min(100, r.max > 0 ? (r.value / r.max) * 100 : 0))}%` }} />
          </View>
        </View>
      ))}
    </View>
  );
}
