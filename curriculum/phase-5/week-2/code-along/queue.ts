// Step 4: a reliable job queue on Redis — the core of what BullMQ does with its Lua scripts.
// wait (list) → active (list) → done | delayed (sorted set by run-at time) → wait … → failed (list)
import type { Redis } from 'ioredis';

export interface Job<T> {
  id: string;
  data: T;
  attemptsMade: number;
}

/** BullMQ's built-in exponential backoff: delay · 2^(attemptsMade − 1). */
export const backoffDelay = (attemptsMade: number, delayMs: number) => delayMs * 2 ** (attemptsMade - 1);

// Create the job hash and enqueue its id in one atomic step, unless the id already exists.
const ADD = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'data', ARGV[2], 'attemptsMade', 0)
redis.call('LPUSH', KEYS[2], ARGV[1])
return 1`;

// Move due jobs from delayed to wait atomically, so two workers can't promote the same job twice.
const PROMOTE = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('LPUSH', KEYS[2], id)
end
return #ids`;

export function createQueue<T>(redis: Redis, name: string, opts = { attempts: 3, backoffMs: 1000 }) {
  const k = {
    wait: `${name}:wait`,
    active: `${name}:active`,
    delayed: `${name}:delayed`,
    failed: `${name}:failed`,
    job: (id: string) => `${name}:job:${id}`,
  };

  /** Returns false if a job with this id already exists (idempotent producer, like BullMQ's jobId). */
  async function add(id: string, data: T): Promise<boolean> {
    return (await redis.eval(ADD, 2, k.job(id), k.wait, id, JSON.stringify(data))) === 1;
  }

  async function promoteDelayed(now = Date.now()): Promise<number> {
    return (await redis.eval(PROMOTE, 2, k.delayed, k.wait, now)) as number;
  }

  /** Process one job. Returns its id, or null if the queue is empty. */
  async function processNext(handler: (job: Job<T>) => Promise<void>, now = Date.now()): Promise<string | null> {
    // LMOVE is atomic: the job is never "in nobody's hands". A crashed worker leaves it in
    // active, where a stalled-job checker (BullMQ has one) can move it back to wait.
    const id = await redis.lmove(k.wait, k.active, 'RIGHT', 'LEFT');
    if (id === null) return null;
    const raw = await redis.hgetall(k.job(id));
    const job: Job<T> = { id, data: JSON.parse(raw.data!) as T, attemptsMade: Number(raw.attemptsMade) };
    try {
      await handler(job);
      await redis.multi().lrem(k.active, 1, id).del(k.job(id)).exec();
    } catch {
      const attemptsMade = await redis.hincrby(k.job(id), 'attemptsMade', 1);
      const tx = redis.multi().lrem(k.active, 1, id);
      if (attemptsMade < opts.attempts) tx.zadd(k.delayed, now + backoffDelay(attemptsMade, opts.backoffMs), id);
      else tx.lpush(k.failed, id);
      await tx.exec();
    }
    return id;
  }

  const counts = async () => ({
    wait: await redis.llen(k.wait),
    active: await redis.llen(k.active),
    delayed: await redis.zcard(k.delayed),
    failed: await redis.llen(k.failed),
  });

  return { add, processNext, promoteDelayed, counts, keys: k };
}
