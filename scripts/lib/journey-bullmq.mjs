/**
 * The journey bench's baseline: the same timers as BullMQ delayed jobs on the local Redis. Every
 * customer starts as a job at the young strivers entry step (added in bulk first, like the
 * engine's enrolment); the processor runs the step and schedules the next step as a new job with
 * that step's wait, scaled to milliseconds (BullMQ runs on the real clock):
 *
 *   holdout   → the same stable 10% leave (the engine's own stableBucket, same journey and
 *               customer ids, so exactly the same customers); the rest go on   (1 transition)
 *   invite    → next job: wait_open, delayed by its 3-day timeout scaled       (1 transition)
 *   wait_open → the timeout fires: exit_not_opened, the chain ends             (1 transition)
 *
 * So the transitions are the engine's, one job each, with nothing else in the processor (no
 * database, no send): what a queue alone costs per step. One Worker, `concurrency` jobs at once.
 * The queue is obliterated before and after.
 */
import cliProgress from 'cli-progress';
import { Queue, Worker } from 'bullmq';

const DAY = 86_400_000;
const addChunk = 1_000;

export async function bullmqTimers({ redis, queueName, journeyId, customerIds, stableBucket, holdoutPercent, waitOpenMs, dayMs, concurrency, redisCpu = () => null, limitMs = 600_000 }) {
  const connection = { host: redis.hostname, port: Number(redis.port || 6379), maxRetriesPerRequest: null };
  const queue = new Queue(queueName, { connection });
  const jobOpts = { removeOnComplete: true, removeOnFail: 1_000 };
  const scaled = Math.max(1, Math.round((waitOpenMs / DAY) * dayMs));
  let transitions = 0;
  let finished = 0;
  let failed = 0;
  let firstError = null;
  const held = new Set(customerIds.filter((id) => stableBucket(journeyId, id, '', 'holdout') < holdoutPercent * 100));
  const expected = (customerIds.length - held.size) * 3;
  let worker;
  try {
    await queue.obliterate({ force: true });
    // "Enrolment": one job per customer at the entry step, in bulk.
    const enrolStarted = performance.now();
    for (let i = 0; i < customerIds.length; i += addChunk) {
      await queue.addBulk(customerIds.slice(i, i + addChunk).map((c) => ({ name: 'step', data: { c, step: 'holdout' }, opts: jobOpts })));
    }
    const enrolSeconds = (performance.now() - enrolStarted) / 1000;

    const bar = new cliProgress.SingleBar(
      { format: `${`BullMQ, concurrency ${concurrency}`.padEnd(34)} [{bar}] {value}/{total} transitions {eta_formatted}`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 30_000 },
      cliProgress.Presets.shades_classic,
    );
    let done;
    const allDone = new Promise((resolve) => (done = resolve));
    const end = () => {
      finished += 1;
      if (finished === customerIds.length) done();
    };
    const cpu = process.cpuUsage();
    const redisBefore = redisCpu();
    const started = performance.now();
    bar.start(expected, 0);
    worker = new Worker(
      queueName,
      async (job) => {
        const { c, step } = job.data;
        switch (step) {
          case 'holdout':
            if (held.has(c)) return end();
            transitions += 1;
            await queue.add('step', { c, step: 'invite' }, jobOpts);
            break;
          case 'invite':
            transitions += 1;
            await queue.add('step', { c, step: 'wait_open' }, { ...jobOpts, delay: scaled });
            break;
          case 'wait_open':
            transitions += 1;
            end();
            break;
          default:
            throw new Error(`unknown step ${step}`);
        }
        if (transitions % 1_000 === 0) bar.update(transitions);
      },
      { connection, concurrency },
    );
    worker.on('failed', (_job, error) => {
      failed += 1;
      firstError ??= error;
    });
    let timer;
    const limit = new Promise((resolve) => (timer = setTimeout(resolve, limitMs)));
    await Promise.race([allDone, limit]);
    clearTimeout(timer);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const redisAfter = redisCpu();
    bar.update(transitions);
    bar.stop();
    if (finished !== customerIds.length) throw new Error(`BullMQ: ${finished} of ${customerIds.length} chains finished in ${limitMs / 1000} s (${failed} failed jobs${firstError ? `: ${firstError.message}` : ''})`);
    return { transitions, expected, held: held.size, seconds, enrolSeconds, cpuSeconds: (used.user + used.system) / 1e6, redisCpuSeconds: redisBefore === null || redisAfter === null ? null : redisAfter - redisBefore, failed, scaledWaitMs: scaled, jobs: customerIds.length + (customerIds.length - held.size) * 2 };
  } finally {
    await worker?.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}
