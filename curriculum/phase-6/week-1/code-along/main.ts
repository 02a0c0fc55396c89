// Run it: npx tsx curriculum/phase-6/week-1/code-along/main.ts, then press Ctrl+C (SIGINT) or
// `kill -TERM <pid>` while `curl localhost:3000/slow?ms=5000` is in flight.
import { createApp } from './server.js';
import { onShutdownSignal } from './signals.js';

const app = createApp();
app.server.listen(Number(process.env.PORT ?? 3000), () => console.log(`listening, pid ${process.pid}`));
onShutdownSignal(process, async () => {
  console.log('signal received: draining');
  const { forced } = await app.shutdown({
    delayMs: Number(process.env.SHUTDOWN_DELAY_MS ?? 5_000),
    timeoutMs: Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000),
  });
  console.log(forced ? 'grace period over: closed remaining connections' : 'drained cleanly');
});
