import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import { seatsText } from '../../components/activity-card';
import { Consent, Field, Loading, Tag } from '../../components/ui';
import { useData } from '../../hooks/use-data';
import { usePageView } from '../../hooks/use-page-view';
import { ApiError, api, newRequestId, session, tracker } from '../../services';
import type { FormField, MpActivityDetail, MpPlayResult, MpSignupResult } from '../../services/types';
import { activityTypeLabels, signupStatusLabels, timeRange } from '../../utils/format';
import './index.css';

function SignupForm({ a, onDone }: { a: MpActivityDetail; onDone: (r: MpSignupResult) => void }) {
  const [form, setForm] = useState<{ name: string; phone: string; companions: number; note: string }>({ name: session.customer()?.name ?? '', phone: '', companions: 0, note: '' });
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [requestId] = useState(() => newRequestId('su'));
  const fields: FormField[] = a.form.length ? a.form : [{ name: 'name', label: '姓名', type: 'text', required: true }];
  const need = (n: string) => fields.find((f) => f.name === n);
  const missing = fields.filter((f) => f.required && f.name !== 'companions' && !String(form[f.name as 'name' | 'phone' | 'note']).trim());

  const submit = async () => {
    if (busy) return;
    if (missing.length) return void Taro.showToast({ title: `请填写${missing[0]!.label}`, icon: 'none' });
    if (!consent) return void Taro.showToast({ title: '请先阅读并勾选同意', icon: 'none' });
    setBusy(true);
    try {
      const res = await api.signup(a.id, {
        requestId,
        form: {
          name: form.name.trim(),
          ...(need('phone') && form.phone.trim() ? { phone: form.phone.trim() } : {}),
          ...(need('companions') ? { companions: form.companions } : {}),
          ...(need('note') && form.note.trim() ? { note: form.note.trim() } : {}),
        },
      });
      tracker.track('signup', { activity_id: a.id, activity_type: a.type, status: res.status, companions: form.companions });
      onDone(res);
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '报名失败，请重试', icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const max = need('companions')?.max ?? 3;
  return (
    <View className='card t-signup-form'>
      <Text className='card-title'>报名信息</Text>
      {need('name') ? (
        <Field label={need('name')!.label} required>
          <Input className='input t-signup-name' value={form.name} placeholder='请输入姓名' maxlength={32} onInput={(e) => setForm({ ...form, name: e.detail.value })} />
        </Field>
      ) : null}
      {need('phone') ? (
        <Field label={need('phone')!.label} required={need('phone')!.required}>
          <Input className='input t-signup-phone' type='number' value={form.phone} placeholder='用于接收活动提醒' maxlength={11} onInput={(e) => setForm({ ...form, phone: e.detail.value })} />
        </Field>
      ) : null}
      {need('companions') ? (
        <Field label={need('companions')!.label} hint={`每位同行人占 1 个席位，最多 ${max} 人`}>
          <View className='stepper'>
            <View className='stepper-btn t-companions-minus' onClick={() => setForm({ ...form, companions: Math.max(0, form.companions - 1) })}>
              −
            </View>
            <Text className='stepper-value t-companions'>{form.companions}</Text>
            <View className='stepper-btn t-companions-plus' onClick={() => setForm({ ...form, companions: Math.min(max, form.companions + 1) })}>
              +
            </View>
          </View>
        </Field>
      ) : null}
      {need('note') ? (
        <Field label={need('note')!.label}>
          <Textarea className='textarea t-signup-note' value={form.note} placeholder='想了解的问题（选填）' maxlength={200} onInput={(e) => setForm({ ...form, note: e.detail.value })} />
        </Field>
      ) : null}
      <Consent checked={consent} onChange={setConsent} className='t-signup-consent'>
        我同意北辰保险使用以上信息办理本次活动报名、发送活动提醒，并由我的专属顾问与我联系。
      </Consent>
      <View className={`btn btn-block t-signup-submit ${consent ? '' : 'btn-disabled'}`} onClick={submit}>
        {busy ? '提交中…' : a.seatsLeft === 0 ? '加入候补' : '确认报名'}
      </View>
    </View>
  );
}

function Play({ a, onPlayed }: { a: MpActivityDetail; onPlayed: () => void }) {
  const [answers, setAnswers] = useState<number[]>([]);
  const [result, setResult] = useState<MpPlayResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [requestId] = useState(() => newRequestId('pl'));
  const quiz = a.quiz ?? [];

  const play = async () => {
    if (busy) return;
    if (a.type === 'quiz' && answers.filter((x) => x !== undefined).length < quiz.length) return void Taro.showToast({ title: '请先答完所有题目', icon: 'none' });
    setBusy(true);
    try {
      const res = await api.play(a.id, { requestId, ...(a.type === 'quiz' ? { answers } : {}) });
      setResult(res);
      tracker.track(a.type === 'quiz' ? 'quiz_submit' : 'lottery_draw', { activity_id: a.id, points: res.pointsAwarded });
      onPlayed();
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    return (
      <View className='card play-result t-play-result'>
        {result.kind === 'quiz' ? (
          <>
            <Text className='play-big'>
              答对 {result.score} / {result.total}
            </Text>
            <Text className='muted'>{result.pointsAwarded ? `获得 ${result.pointsAwarded} 积分` : '再接再厉，下次加油'}</Text>
          </>
        ) : (
          <>
            <Text className='play-big'>{result.prize ? `恭喜抽中「${result.prize.name}」` : '很遗憾，未中奖'}</Text>
            <Text className='muted'>{result.pointsAwarded ? `积分 +${result.pointsAwarded}` : '感谢参与'}</Text>
          </>
        )}
      </View>
    );
  }
  if (a.played) return <View className='card notice t-played'>你已参与过本活动，感谢支持！</View>;

  if (a.type === 'quiz') {
    return (
      <View className='card t-quiz'>
        <Text className='card-title'>知识问答</Text>
        {quiz.map((q, qi) => (
          <View key={qi} className='quiz-q'>
            <Text className='quiz-title'>
              {qi + 1}. {q.question}
            </Text>
            {q.options.map((o, oi) => (
              <View
                key={oi}
                className={`quiz-option t-quiz-${qi}-${oi} ${answers[qi] === oi ? 'quiz-option-on' : ''}`}
                onClick={() => {
                  const next = [...answers];
                  next[qi] = oi;
                  setAnswers(next);
                }}
              >
                {String.fromCharCode(65 + oi)}. {o}
              </View>
            ))}
          </View>
        ))}
        <View className='btn btn-accent btn-block t-quiz-submit' onClick={play}>
          {busy ? '提交中…' : '提交答案'}
        </View>
      </View>
    );
  }
  return (
    <View className='card center t-lottery'>
      <Text className='card-title'>幸运抽奖</Text>
      <View className='lottery-prizes'>
        {(a.prizes ?? []).map((p) => (
          <View key={p.name} className='lottery-prize'>
            {p.name}
          </View>
        ))}
      </View>
      <View className='btn btn-accent btn-block t-lottery-draw' onClick={play}>
        {busy ? '抽奖中…' : '立即抽奖'}
      </View>
    </View>
  );
}

export default function Activity() {
  const router = useRouter();
  const id = router.params.id ?? '';
  const inviter = router.params.inviter ?? router.params.r;
  usePageView('活动详情');
  const [outcome, setOutcome] = useState<MpSignupResult | null>(null);

  const detail = useData(async () => {
    if (inviter) session.rememberReferrer(router.params.r ?? null);
    await session.ensure();
    return api.activity(id, inviter ?? undefined);
  }, [id]);
  const code = useData(async () => (await api.referrals()).code, []);

  useShareAppMessage(() => {
    tracker.track('share', { page: 'pages/activity/index', activity_id: id });
    const r = code.data ? `&inviter=${code.data}&r=${code.data}` : '';
    return { title: detail.data ? `邀你参加：${detail.data.title}` : '北辰保险活动邀请', path: `/pages/activity/index?id=${encodeURIComponent(id)}${r}` };
  });

  const cancel = async () => {
    const ok = await Taro.showModal({ title: '取消报名', content: '取消后席位将让给候补的客户，确定取消吗？' });
    if (!ok.confirm) return;
    try {
      await api.cancelSignup(id);
      tracker.track('signup_cancel', { activity_id: id });
      setOutcome(null);
      await detail.reload();
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    }
  };

  return (
    <View className='page-flush activity'>
      <Loading state={detail}>
        {(a) => {
          const mine = a.mySignup && a.mySignup.status !== 'cancelled' ? a.mySignup : null;
          return (
            <View>
              <View className={`activity-hero activity-cover-${a.type}`}>
                <View className='row'>
                  <Tag tone='gray' className='activity-hero-tag'>
                    {a.kind === 'online' ? '线上活动' : '线下活动'}
                  </Tag>
                  <Tag tone='gray' className='activity-hero-tag'>
                    {activityTypeLabels[a.type] ?? a.type}
                  </Tag>
                </View>
                <Text className='activity-hero-title t-activity-title'>{a.title}</Text>
              </View>
              <View className='pad lift-small'>
                <View className='card'>
                  <View className='info-row'>
                    <Text className='info-key'>时间</Text>
                    <Text className='info-val t-activity-time'>{timeRange(a.startsAt, a.endsAt)}</Text>
                  </View>
                  {a.location ? (
                    <View className='info-row'>
                      <Text className='info-key'>地点</Text>
                      <Text className='info-val'>{a.location}</Text>
                    </View>
                  ) : null}
                  <View className='info-row'>
                    <Text className='info-key'>名额</Text>
                    <Text className={`info-val t-seats-left ${a.seatsLeft === 0 ? 'accent' : 'primary'}`}>{seatsText(a)}</Text>
                  </View>
                  {a.capacity !== null && a.seatsLeft !== null ? (
                    <View className='seat-bar'>
                      <View className='seat-bar-fill' style={{ width: `${Math.round(((a.capacity - a.seatsLeft) / a.capacity) * 100)}%` }} />
                    </View>
                  ) : null}
                  <Text className='activity-desc'>{a.description}</Text>
                </View>

                {a.kind === 'online' ? <Play a={a} onPlayed={() => void detail.reload()} /> : null}

                {a.kind === 'offline' && (outcome || mine) ? (
                  <View className='card signup-status t-signup-status'>
                    {(outcome?.status ?? mine?.status) === 'waitlisted' ? (
                      <>
                        <Text className='signup-status-title accent'>已加入候补</Text>
                        <Text className='muted t-waitlist-position'>当前候补第 {outcome?.position ?? mine?.position ?? '-'} 位，有席位释放时将按顺序为你补位并通知你</Text>
                      </>
                    ) : (
                      <>
                        <Text className='signup-status-title primary'>{signupStatusLabels[mine?.status ?? 'confirmed']}</Text>
                        <Text className='muted'>请于活动当天出示电子门票入场</Text>
                        <View className='btn btn-block gap-16 t-view-ticket' onClick={() => Taro.navigateTo({ url: `/pages/ticket/index?code=${encodeURIComponent(outcome?.ticket?.code ?? mine?.ticketCode ?? '')}` })}>
                          查看电子门票
                        </View>
                      </>
                    )}
                    {mine?.status !== 'attended' ? (
                      <Text className='cancel-link t-cancel-signup' onClick={cancel}>
                        取消报名
                      </Text>
                    ) : null}
                  </View>
                ) : null}

                {a.kind === 'offline' && !outcome && !mine && a.status === 'published' ? (
                  <SignupForm
                    a={a}
                    onDone={(r) => {
                      setOutcome(r);
                      void detail.reload();
                      if (r.status === 'confirmed' && r.ticket) void Taro.navigateTo({ url: `/pages/ticket/index?code=${encodeURIComponent(r.ticket.code)}` });
                    }}
                  />
                ) : null}
                {a.status === 'closed' ? <View className='card notice'>活动已结束报名</View> : null}
              </View>
            </View>
          );
        }}
      </Loading>
    </View>
  );
}
