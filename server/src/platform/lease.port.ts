/** Database-backed coordination between server processes (implemented in db/). */
export interface LeaseStore {
  /** Claims one scheduled tick; exactly one caller per key ever gets true. */
  claimTick(key: string, job: string, scheduledAt: Date, owner: string, now: Date): Promise<boolean>;
  /** Records how the tick ended. */
  finishTick(key: string, outcome: 'done' | 'failed', now: Date, error?: string): Promise<void>;
  /** Takes or renews a named lease until `expiresAt`; false while another owner holds it. */
  acquire(name: string, owner: string, now: Date, expiresAt: Date): Promise<boolean>;
  /** Gives a lease back early. */
  release(name: string, owner: string): Promise<void>;
  /** Gives back every lease this owner holds (graceful shutdown). */
  releaseAll(owner: string): Promise<number>;
  /** Deletes finished tick records scheduled before `before`; returns how many. */
  pruneTicks(before: Date): Promise<number>;
}
