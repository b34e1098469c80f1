// "Another client" of the station's Redis, in a process of its own: GETs one key in a loop (one at a time,
// about one per millisecond) on its own connection, and reports each GET's latency between `start` and
// `stop` messages from the parent.
import { Redis } from 'ioredis';

type Message = { type: 'start' } | { type: 'stop' } | { type: 'exit' };

if (process.send && process.argv[2]) {
  const redis = new Redis(process.argv[2], { maxRetriesPerRequest: 1 });
  await redis.set('bench:probe', 'on-air');
  let recording = false;
  let latencies: number[] = [];
  let running = true;
  process.on('message', (message: Message) => {
    if (message.type === 'start') {
      latencies = [];
      recording = true;
    } else if (message.type === 'stop') {
      recording = false;
      process.send?.(latencies);
    } else {
      running = false;
    }
  });
  process.send({ ready: true });
  while (running) {
    const started = performance.now();
    await redis.get('bench:probe');
    if (recording) latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await redis.unlink('bench:probe');
  redis.disconnect();
  process.exit(0);
}
