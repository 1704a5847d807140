import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import { Consent, Field, Loading, Tag } from '../../components/ui';
import { useData } from '../../hooks/use-data';
import { usePageView } from '../../hooks/use-page-view';
import { ApiError, api, newRequestId, session, tracker } from '../../services';
import { cover, lineLabels } from '../../utils/format';
import './index.css';

const highlights: Record<string, string[]> = {
  critical_illness: ['确诊即赔，一次性给付', '轻中症多次赔付', '保障终身可选'],
  medical: ['住院费用 100% 报销', '院外特药直付', '续保稳定'],
  accident: ['意外身故伤残', '意外医疗 0 免赔', '住院津贴'],
  travel_accident: ['境外意外保障', '24 小时紧急救援', '行程延误补偿'],
  life: ['身故全残给付保额', '家庭责任兜底', '健康告知简单'],
  annuity: ['按年领取养老金', '保证领取 20 年', '锁定长期收益'],
  education: ['教育金按期领取', '专款专用', '投保人豁免'],
};

const phoneOk = (s: string): boolean => /^1[3-9]\d{9}$/.test(s.replace(/[\s-]/g, '').replace(/^\+?86/, ''));

export default function Product() {
  const router = useRouter();
  const id = router.params.id ?? '';
  usePageView('产品详情');
  const [form, setForm] = useState({ name: '', phone: '', note: '' });
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [requestId] = useState(() => newRequestId('ld'));

  const product = useData(async () => {
    await session.ensure();
    return api.product(id);
  }, [id]);

  useShareAppMessage(() => {
    tracker.track('share', { page: 'pages/product/index', product_id: id });
    return { title: product.data?.name ?? '北辰保险产品', path: `/pages/product/index?id=${encodeURIComponent(id)}` };
  });

  const submit = async () => {
    if (busy || done) return;
    if (!form.name.trim()) return void Taro.showToast({ title: '请填写称呼', icon: 'none' });
    if (!phoneOk(form.phone)) return void Taro.showToast({ title: '请填写正确的手机号', icon: 'none' });
    if (!consent) return void Taro.showToast({ title: '请先勾选同意联系', icon: 'none' });
    setBusy(true);
    try {
      await api.leaveContact({ requestId, productId: id, name: form.name.trim(), phone: form.phone.trim(), consent: true, ...(form.note.trim() ? { note: form.note.trim() } : {}) });
      tracker.track('lead_form_submit', { product_id: id, product_line: product.data?.line ?? '' });
      setDone(true);
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '提交失败，请重试', icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page-flush product'>
      <Loading state={product}>
        {(p) => (
          <View>
            <View className='hero product-hero'>
              <Tag tone='gray' className='product-hero-tag'>
                {p.lineName || lineLabels[p.line]}
              </Tag>
              <Text className='hero-title t-product-name' style={{ marginTop: '16px' }}>
                {p.name}
              </Text>
              <Text className='hero-sub'>{p.description}</Text>
            </View>
            <View className='pad lift'>
              <View className='card'>
                <View className='row-between'>
                  <View className='kv'>
                    <Text className='kv-v t-product-cover'>
                      {cover(p.minCover)}–{cover(p.maxCover)}
                    </Text>
                    <Text className='kv-k'>保额范围</Text>
                  </View>
                  <View className='kv'>
                    <Text className='kv-v accent'>¥{p.premiumFrom}</Text>
                    <Text className='kv-k'>年保费低至</Text>
                  </View>
                </View>
              </View>
              <View className='card'>
                <Text className='card-title'>产品亮点</Text>
                {(highlights[p.line] ?? []).map((h) => (
                  <View key={h} className='row highlight'>
                    <View className='highlight-dot' />
                    <Text>{h}</Text>
                  </View>
                ))}
                <Text className='muted' style={{ display: 'block', marginTop: '12px' }}>
                  具体保障责任以保险合同条款为准。产品代码 {p.code}
                </Text>
              </View>

              <View className='card t-lead-form'>
                {done ? (
                  <View className='center t-lead-done'>
                    <Text className='lead-done-title'>提交成功</Text>
                    <Text className='muted'>专属顾问将在 1 个工作日内与你联系，请留意来电</Text>
                  </View>
                ) : (
                  <>
                    <Text className='card-title'>预约专属顾问</Text>
                    <Text className='card-sub'>留下联系方式，顾问为你免费定制保障方案</Text>
                    <Field label='称呼' required>
                      <Input className='input t-lead-name' value={form.name} placeholder='如：王先生' maxlength={32} onInput={(e) => setForm({ ...form, name: e.detail.value })} />
                    </Field>
                    <Field label='手机号' required>
                      <Input className='input t-lead-phone' type='number' maxlength={11} value={form.phone} placeholder='仅用于顾问联系你' onInput={(e) => setForm({ ...form, phone: e.detail.value })} />
                    </Field>
                    <Field label='想了解的问题'>
                      <Textarea className='textarea t-lead-note' value={form.note} maxlength={200} placeholder='选填' onInput={(e) => setForm({ ...form, note: e.detail.value })} />
                    </Field>
                    <Consent checked={consent} onChange={setConsent} className='t-lead-consent'>
                      我同意北辰保险及其授权顾问通过电话、企业微信与我联系，介绍本产品及相关保障服务。我可随时撤回同意。
                    </Consent>
                    <View className={`btn btn-accent btn-block t-lead-submit ${consent ? '' : 'btn-disabled'}`} onClick={submit}>
                      {busy ? '提交中…' : '免费预约咨询'}
                    </View>
                  </>
                )}
              </View>
            </View>
          </View>
        )}
      </Loading>
    </View>
  );
}
