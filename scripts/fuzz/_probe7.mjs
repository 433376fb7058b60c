import { readSnapshot } from '@heaptrail/parser';
import { createReadStream } from 'node:fs';
const f = process.argv[2];
for (const how of ['path', 'stream']) {
  const b0 = process.memoryUsage().arrayBuffers; let peak = 0;
  const tick = () => { peak = Math.max(peak, process.memoryUsage().arrayBuffers - b0); };
  try { await readSnapshot(how === 'path' ? f : createReadStream(f, { highWaterMark: 4096 }), { onProgress: tick, sourceName: f }); console.log(how, 'ok'); }
  catch (e) { tick(); console.log(how, e.message); }
  console.log('  peak arrayBuffers MB', (peak / 2 ** 20).toFixed(1));
}
