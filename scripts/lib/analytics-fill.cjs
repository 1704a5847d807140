/**
 * A year of a synthetic corp for the analytics bench, generated inside MariaDB from its sequence
 * engine (seq_1_to_N tables), so a million customers take minutes and no client round trips.
 * Deterministic: every value is a function of the row's sequence number. The year ends at `end`
 * (exclusive, a local day); rows spread over the 365 days before it.
 *
 * Per customer k (1..N): owner agent 1 + k % agents in team 1 + agent % teams; stage index k % 6,
 * walked one stage every 5 days from day b = (k * 37) % 330 (stage_transition); app starts on six
 * days, check-ins on four (30% of customers), an activity view (40%), sign-up (20%) and attendance
 * (10%) in the daily rollup (activity_count); 1% merged. The other tables are scaled from it.
 */
'use strict';

/** The statements, each with a label for the progress bar; `n` customers, `end` 'YYYY-MM-DD'. */
function fillStatements({ n, end, agents = 600, teams = 20, corp = 'C' }) {
  const chunks = [];
  const step = 100_000;
  const d0 = `DATE_SUB('${end}', INTERVAL 365 DAY)`;
  const at = (minutesExpr) => `TIMESTAMPADD(MINUTE, ${minutesExpr}, ${d0})`;
  const yearMinutes = 365 * 1440;
  const s = (label, sql) => chunks.push({ label, sql });
  s('corp, teams, agents', `INSERT INTO corp (id, wecom_corp_id, name, timezone, created_at) VALUES ('${corp}', 'bench', 'Bench corp', 'Asia/Shanghai', ${d0})`);
  s('teams', `INSERT INTO team (id, corp_id, name, created_at) SELECT CONCAT('t', seq), '${corp}', CONCAT('团队', seq), ${d0} FROM seq_1_to_${teams}`);
  s(
    'agents',
    `INSERT INTO staff_member (id, corp_id, team_id, wecom_user_id, name, role, seniority, status, created_at, updated_at)
     SELECT CONCAT('s', seq), '${corp}', CONCAT('t', 1 + seq % ${teams}), CONCAT('u', seq), CONCAT('agent', seq), 'agent', 'junior', 'active', ${d0}, ${d0} FROM seq_1_to_${agents}`,
  );
  for (let lo = 1; lo <= n; lo += step) {
    const hi = Math.min(n, lo + step - 1);
    const range = `seq_${lo}_to_${hi}`;
    const base = `((seq * 37) % 330)`;
    const rBase = `((r.seq * 37) % 330)`;
    const day = (offset) => `DATE_ADD(${d0}, INTERVAL ${base} + ${offset} DAY)`;
    const rDay = (offset) => `DATE_ADD(${d0}, INTERVAL ${rBase} + ${offset} DAY)`;
    s(
      `customers ${hi.toLocaleString('en-US')}`,
      `INSERT INTO customer (id, corp_id, name, gender, owner_staff_id, stage, created_at, updated_at, merged_into_id)
       SELECT CONCAT('k', seq), '${corp}', CONCAT('客户', seq), 'unknown', CONCAT('s', 1 + seq % ${agents}),
              ELT(1 + seq % 6, 'interest', 'online_interaction', 'analysis', 'need_clarified', 'purchase', 'referral'),
              ${day(0)}, ${day(0)}, IF(seq % 100 = 0, 'k1', NULL) FROM ${range}`,
    );
    s(
      `stage history ${hi.toLocaleString('en-US')}`,
      `INSERT INTO stage_transition (id, corp_id, customer_id, from_stage, to_stage, at)
       SELECT CONCAT('st', r.seq, '-', i.seq), '${corp}', CONCAT('k', r.seq),
              IF(i.seq = 0, NULL, ELT(i.seq, 'interest', 'online_interaction', 'analysis', 'need_clarified', 'purchase')),
              ELT(1 + i.seq, 'interest', 'online_interaction', 'analysis', 'need_clarified', 'purchase', 'referral'),
              TIMESTAMPADD(HOUR, 10, DATE_ADD(${d0}, INTERVAL ${rBase} + 5 * i.seq DAY))
       FROM ${range} r JOIN seq_0_to_5 i ON i.seq <= r.seq % 6`,
    );
    // The daily rollup: app starts on 6 days (every (k % 5 + 1) days), check-ins on 4 consecutive days
    // (30%), an activity view on day b+2 (40%), a sign-up on b+4 (20%), attendance on b+10 (10%).
    const counts = [
      [`'event:$AppStart'`, `DATE_ADD(${d0}, INTERVAL ${rBase} + i.seq * (r.seq % 5 + 1) DAY)`, 'seq_0_to_5', '1'],
      [`'event:check_in'`, `DATE_ADD(${d0}, INTERVAL ${rBase} + i.seq DAY)`, 'seq_0_to_3', 'r.seq % 10 < 3'],
      [`'event:activity_view'`, rDay(2), 'seq_0_to_0', 'r.seq % 10 < 4'],
      [`'event:activity_signup'`, rDay(4), 'seq_0_to_0', 'r.seq % 10 < 2'],
      [`'event:activity_attended'`, rDay(10), 'seq_0_to_0', 'r.seq % 10 < 1'],
    ];
    const rolled = counts
      .map(([key, dayExpr, times, where]) => `SELECT CONCAT('k', r.seq), ${key}, ${dayExpr}, '${corp}', 1 + r.seq % 3 FROM ${range} r JOIN ${times} i WHERE ${where}`)
      .join(' UNION ALL ');
    s(`daily rollup ${hi.toLocaleString('en-US')}`, `INSERT IGNORE INTO activity_count (customer_id, counter_key, \`day\`, corp_id, \`count\`) ${rolled}`);
  }
  const m = (expr) => at(`(${expr}) % ${yearMinutes}`);
  s('segment (10%)', `INSERT INTO segment (id, corp_id, name, rule, created_at, updated_at) VALUES ('S', '${corp}', '十分之一', '{}', ${d0}, ${d0})`);
  s('segment members', `INSERT INTO segment_member (segment_id, customer_id, corp_id, entered_at) SELECT 'S', CONCAT('k', seq), '${corp}', ${d0} FROM seq_1_to_${n} WHERE seq % 10 = 3`);
  s('mini-program members (30%)', `INSERT INTO mp_member (customer_id, corp_id, referral_code, joined_at) SELECT CONCAT('k', seq), '${corp}', CONCAT('r', seq), ${d0} FROM seq_1_to_${n} WHERE seq % 10 < 3`);
  s(
    'check-ins',
    `INSERT IGNORE INTO mp_checkin (id, corp_id, customer_id, local_date, timezone, streak, at)
     SELECT CONCAT('ci', seq), '${corp}', CONCAT('k', 10 * (seq DIV 4) + seq % 3), DATE_FORMAT(${m('seq * 7919')}, '%Y-%m-%d'), 'Asia/Shanghai', 1 + seq % 4, ${m('seq * 7919')} FROM seq_1_to_${Math.round(n * 1.2)}`,
  );
  s(
    'activities',
    `INSERT INTO activity (id, corp_id, kind, type, title, description, starts_at, ends_at, status)
     SELECT CONCAT('a', seq), '${corp}', IF(seq % 2 = 0, 'offline', 'online'), IF(seq % 2 = 0, 'seminar', 'quiz'), CONCAT('活动', seq), '', TIMESTAMPADD(DAY, seq % 365, ${d0}), TIMESTAMPADD(DAY, seq % 365, ${d0}), 'published' FROM seq_1_to_730`,
  );
  s(
    'sign-ups',
    `INSERT INTO mp_signup (id, corp_id, activity_id, customer_id, status, seats, name, request_id, signed_up_at, queued_at, updated_at)
     SELECT CONCAT('su', seq), '${corp}', CONCAT('a', 2 * (1 + seq % 365)), CONCAT('k', 1 + (seq * 13) % ${n}), ELT(1 + seq % 4, 'confirmed', 'attended', 'cancelled', 'attended'), 1, '客户', CONCAT('rq', seq),
            TIMESTAMPADD(DAY, CAST((1 + seq % 365) * 2 % 365 AS SIGNED) - 3, ${d0}), TIMESTAMPADD(DAY, CAST((1 + seq % 365) * 2 % 365 AS SIGNED) - 3, ${d0}), ${d0} FROM seq_1_to_${Math.round(n * 0.2)}`,
  );
  s('quiz plays', `INSERT IGNORE INTO mp_play (activity_id, customer_id, corp_id, result, at) SELECT CONCAT('a', 1 + 2 * (seq % 365)), CONCAT('k', 1 + (seq * 7) % ${n}), '${corp}', '{}', ${m('seq * 131')} FROM seq_1_to_${Math.round(n * 0.15)}`);
  s(
    'invitation views',
    `INSERT IGNORE INTO mp_activity_view (activity_id, customer_id, corp_id, inviter, views, first_at, last_at)
     SELECT CONCAT('a', 2 * (1 + seq % 365)), CONCAT('k', 1 + (seq * 11) % ${n}), '${corp}', IF(seq % 3 = 0, CONCAT('u', 1 + seq % ${agents}), NULL), 1, ${m('seq * 977')}, ${m('seq * 977')} FROM seq_1_to_${Math.round(n * 0.3)}`,
  );
  s('assessments', `INSERT INTO mp_assessment (id, corp_id, customer_id, input, gaps, score, at) SELECT CONCAT('as', seq), '${corp}', CONCAT('k', 1 + (seq * 17) % ${n}), '{}', '[]', 50, ${m('seq * 389')} FROM seq_1_to_${Math.round(n * 0.08)}`);
  s(
    'referrals',
    `INSERT INTO mp_referral (id, corp_id, referrer_id, referee_id, status, joined_at) SELECT CONCAT('rf', seq), '${corp}', CONCAT('k', 10 * (seq % ${Math.round(n / 30)}) + 1), CONCAT('k', 1 + (seq * 19) % ${n}), 'joined', ${m('seq * 211')} FROM seq_1_to_${Math.round(n * 0.05)}`,
  );
  s(
    'leads',
    `INSERT INTO \`lead\` (id, corp_id, customer_id, product_line, source_id, detail, status, owner_staff_id, created_at, updated_at, closed_at)
     SELECT CONCAT('L', seq), '${corp}', CONCAT('k', 1 + (seq * 4) % ${n}), 'medical', 'src', '', ELT(1 + seq % 4, 'won', 'lost', 'assigned', 'pool'), CONCAT('s', 1 + seq % ${agents}), ${m('seq * 61')}, ${m('seq * 61')},
            IF(seq % 4 < 2, ${m('seq * 61 + 4320')}, NULL) FROM seq_1_to_${Math.round(n * 0.3)}`,
  );
  s(
    'lead moves',
    `INSERT INTO lead_move (id, corp_id, lead_id, customer_id, kind, to_staff_id, from_staff_id, reason, actor, at)
     SELECT CONCAT('mv', seq), '${corp}', CONCAT('L', 1 + seq DIV 3), CONCAT('k', 1 + ((1 + seq DIV 3) * 4) % ${n}), ELT(1 + seq % 3, 'assigned', 'activity', 'returned'), CONCAT('s', 1 + (1 + seq DIV 3) % ${agents}), CONCAT('s', 1 + (1 + seq DIV 3) % ${agents}), 'r',
            IF(seq % 3 = 1, CONCAT('s', 1 + (1 + seq DIV 3) % ${agents}), 'system'), ${m(`(1 + seq DIV 3) * 61 + (seq % 3) * 60`)} FROM seq_0_to_${Math.round(n * 0.9) - 1}`,
  );
  s(
    'calls',
    `INSERT INTO lead_call (id, corp_id, lead_id, customer_id, seat_group_id, staff_id, connected, intent, next_step, called_at)
     SELECT CONCAT('call', seq), '${corp}', CONCAT('L', 1 + seq % ${Math.round(n * 0.3)}), CONCAT('k', 1 + (seq * 5) % ${n}), 'g', CONCAT('s', 1 + seq % ${agents}), IF(seq % 5 < 2, 1, 0), 'mid', 'x', ${m('seq * 101')} FROM seq_1_to_${Math.round(n * 0.6)}`,
  );
  for (let part = 0; part < 2; part++) {
    const lo = part * n + 1;
    s(
      `chat messages ${part + 1}/2`,
      `INSERT INTO chat_message (id, corp_id, msgid, seq, action, msg_type, from_id, sender_kind, staff_id, customer_id, tolist, content, body, mined, sent_at, archived_at)
       SELECT CONCAT('m', seq), '${corp}', CONCAT('wx', seq), seq, 'send', 'text', 'x', IF(seq % 2 = 0, 'staff', 'customer'), CONCAT('s', 1 + seq % ${agents}), CONCAT('k', 1 + seq % ${n}), '[]', '您好', '{}', 'mined', ${m('seq * 17')}, ${m('seq * 17')}
       FROM seq_${lo}_to_${lo + n - 1}`,
    );
  }
  s(
    'conversations',
    `INSERT INTO chat_conversation (id, corp_id, staff_id, customer_id, started_at, last_at, messages, product_line, nodes)
     SELECT CONCAT('cv', seq), '${corp}', CONCAT('s', 1 + seq % ${agents}), CONCAT('k', 1 + (seq * 4) % ${n}), ${m('seq * 97')}, ${m('seq * 97 + 30')}, 5, ELT(1 + seq % 3, 'medical', 'any', 'critical_illness'),
            ELT(1 + seq % 3, '[]', '[{"key":"needs_probing","name":"需求挖掘","at":"2026-02-01T00:00:00.000Z","messageId":null}]',
                '[{"key":"needs_probing","name":"需求挖掘","at":"2026-02-01T00:00:00.000Z","messageId":null},{"key":"coverage_gap","name":"缺口","at":"2026-02-01T00:00:00.000Z","messageId":null}]')
     FROM seq_1_to_${Math.round(n * 0.3)}`,
  );
  s(
    'journey positions',
    `INSERT INTO journey_position (id, corp_id, journey_id, version_id, customer_id, instance_key, step_id, status, entered_at, step_entered_at, run_started_at, goal_until, converted_at, updated_at)
     SELECT CONCAT('jp', seq), '${corp}', CONCAT('J', seq % 5), 'v', CONCAT('k', 1 + (seq * 2) % ${n}), 'main', 's', IF(seq % 10 = 0, 'holdout', 'done'), ${m('seq * 53')}, ${m('seq * 53')}, ${m('seq * 53')}, ${m('seq * 53 + 43200')},
            IF(seq % 3 = 0, ${m('seq * 53 + 1440')}, NULL), ${m('seq * 53')} FROM seq_1_to_${Math.round(n * 0.5)}`,
  );
  s(
    'SOP tasks',
    `INSERT INTO sop_task (id, corp_id, plan_id, plan_version, step_id, occurrence, mode, target_kind, target_id, wecom_target, owner_staff_id, owner_user_id, due_at, status, content, sent_at, created_at, updated_at)
     SELECT CONCAT('sp', seq), '${corp}', CONCAT('p', seq % 20), 1, 's', CONCAT('o', seq), 'manual', 'groups', CONCAT('g', seq), 'g', CONCAT('s', 1 + seq % ${agents}), 'u', ${m('seq * 149')}, ELT(1 + seq % 3, 'sent', 'failed', 'sent'), '{}', ${m('seq * 149 + 30')}, ${d0}, ${d0}
     FROM seq_1_to_${Math.round(n * 0.1)}`,
  );
  s(
    'agent tasks',
    `INSERT INTO agent_task (id, corp_id, task_key, staff_id, customer_id, kind, title, status, source, due_at, created_at, done_at)
     SELECT CONCAT('at', seq), '${corp}', CONCAT('tk', seq), CONCAT('s', 1 + seq % ${agents}), CONCAT('k', 1 + (seq * 9) % ${n}), 'call', '回访', IF(seq % 2 = 0, 'done', 'open'), 'j', ${m('seq * 83')}, ${m('seq * 83')}, IF(seq % 2 = 0, ${m('seq * 83 + 600')}, NULL)
     FROM seq_1_to_${Math.round(n * 0.1)}`,
  );
  s('statistics', 'ANALYZE TABLE customer, activity_count, stage_transition, mp_member, mp_checkin, mp_signup, mp_play, lead, lead_move, lead_call, chat_message, chat_conversation, journey_position, sop_task, agent_task');
  return chunks;
}

module.exports = { fillStatements };
