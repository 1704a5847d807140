import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Bars, Field } from '../../components/ui';
import { usePageView } from '../../hooks/use-page-view';
import { api, session, tracker } from '../../services';
import type { AssessmentResult, GapLine } from '../../services/types';
import { cover, lineLabels } from '../../utils/format';
import './index.css';

const gapLines: GapLine[] = ['critical_illness', 'medical', 'accident', 'life'];

interface FormState {
  age: string;
  annualIncome: string; // 万元
  dependents: number;
  debts: string; // 万元
  existing: Record<GapLine, string>; // 万元
}

const wan = (s: string): number => Math.max(0, Math.round((Number(s) || 0) * 10000));

export default function Assessment() {
  usePageView('保障缺口测评');
  const [f, setF] = useState<FormState>({ age: '35', annualIncome: '20', dependents: 2, debts: '100', existing: { critical_illness: '0', medical: '0', accident: '0', life: '0' } });
  const [result, setResult] = useState<AssessmentResult | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const age = Number(f.age);
    if (!Number.isInteger(age) || age < 0 || age > 100) return void Taro.showToast({ title: '请填写正确的年龄', icon: 'none' });
    setBusy(true);
    try {
      await session.ensure();
      const res = await api.assess({
        age,
        annualIncome: wan(f.annualIncome),
        dependents: f.dependents,
        debts: wan(f.debts),
        existing: { critical_illness: wan(f.existing.critical_illness), medical: wan(f.existing.medical), accident: wan(f.existing.accident), life: wan(f.existing.life) },
      });
      setResult(res);
      tracker.track('gap_assessment_submit', { score: res.score });
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 });
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    const max = Math.max(...result.gaps.map((g) => g.recommended), 1);
    const worst = [...result.gaps].sort((a, b) => b.gap - a.gap)[0];
    return (
      <View className='page assessment'>
        <View className='card score-card t-assessment-result'>
          <View className={`score-ring ${result.score >= 80 ? 'score-good' : result.score >= 50 ? 'score-mid' : 'score-low'}`}>
            <Text className='score-num t-assessment-score'>{result.score}</Text>
            <Text className='score-unit'>保障分</Text>
          </View>
          <Text className='score-text'>{result.score >= 80 ? '保障较为充足，继续保持' : result.score >= 50 ? '保障有缺口，建议补充' : '保障缺口较大，建议尽快配置'}</Text>
        </View>
        <View className='card'>
          <Text className='card-title'>各险种保障对比</Text>
          <Text className='card-sub'>绿色为已有保障，橙色为建议补足的缺口</Text>
          <View className='gap-24'>
            {result.gaps.map((g) => (
              <View key={g.line} className={`gap-line t-gap-${g.line}`}>
                <Bars
                  rows={[
                    { label: lineLabels[g.line], value: g.existing, max, note: `已有 ${cover(g.existing)} / 建议 ${cover(g.recommended)}`, tone: 'ok' },
                  ]}
                />
                {g.gap > 0 ? (
                  <View className='gap-chip'>
                    <View className='bar-track'>
                      <View className='bar-fill bar-gap' style={{ width: `${Math.max(2, Math.min(100, (g.gap / max) * 100))}%` }} />
                    </View>
                    <Text className='gap-text'>缺口 {cover(g.gap)}</Text>
                  </View>
                ) : (
                  <Text className='gap-ok'>已达建议保额</Text>
                )}
              </View>
            ))}
          </View>
        </View>
        {worst && worst.gap > 0 ? (
          <View className='btn btn-accent btn-block t-assessment-products' onClick={() => Taro.navigateTo({ url: `/pages/products/index?line=${worst.line}` })}>
            看看补足{lineLabels[worst.line]}缺口的产品
          </View>
        ) : null}
        <View className='btn btn-ghost btn-block gap-16 t-assessment-again' onClick={() => setResult(null)}>
          重新测评
        </View>
      </View>
    );
  }

  const num = (key: 'age' | 'annualIncome' | 'debts', label: string, unit: string) => (
    <Field label={label} required>
      <View className='row'>
        <Input className={`input grow t-assess-${key}`} type='digit' value={f[key]} onInput={(e) => setF({ ...f, [key]: e.detail.value })} />
        <Text className='unit'>{unit}</Text>
      </View>
    </Field>
  );

  return (
    <View className='page assessment'>
      <View className='card assess-intro'>
        <Text className='card-title'>3 分钟测出家庭保障缺口</Text>
        <Text className='card-sub'>根据收入、家庭责任和负债，按行业通行口径计算各险种的建议保额</Text>
      </View>
      <View className='card'>
        {num('age', '年龄', '岁')}
        {num('annualIncome', '税前年收入', '万元')}
        <Field label='需要抚养/赡养的家人'>
          <View className='stepper'>
            <View className='stepper-btn t-dependents-minus' onClick={() => setF({ ...f, dependents: Math.max(0, f.dependents - 1) })}>
              −
            </View>
            <Text className='stepper-value t-dependents'>{f.dependents}</Text>
            <View className='stepper-btn t-dependents-plus' onClick={() => setF({ ...f, dependents: Math.min(20, f.dependents + 1) })}>
              +
            </View>
          </View>
        </Field>
        {num('debts', '房贷等负债', '万元')}
      </View>
      <View className='card'>
        <Text className='card-title'>已有保障（保额）</Text>
        {gapLines.map((l) => (
          <Field key={l} label={lineLabels[l]}>
            <View className='row'>
              <Input className={`input grow t-assess-existing-${l}`} type='digit' value={f.existing[l]} onInput={(e) => setF({ ...f, existing: { ...f.existing, [l]: e.detail.value } })} />
              <Text className='unit'>万元</Text>
            </View>
          </Field>
        ))}
      </View>
      <View className='btn btn-block t-assess-submit' onClick={submit}>
        {busy ? '计算中…' : '查看测评结果'}
      </View>
    </View>
  );
}
