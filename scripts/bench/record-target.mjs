// Child program for the record benchmark: a service-like heap of about --mb MB
// that leaks a little every 200 ms, and stays up until SIGTERM. It measures its
// own pauses: a 10 ms heartbeat reports each gap over 50 ms as "stall <ms> <end>" on
// stderr, which is how long a snapshot (GC included) stopped it, whoever took it, and
// when the pause ended (ms since the epoch: the reader may take the line much later).
// "ready" on stderr once the heap is built.
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '300' } } });
const targetBytes = Number(values.mb) * 1e6;

class Customer {
  constructor(i) {
    this.id = i;
    this.name = `customer-${i}`;
    this.email = `c${i}@example.com`;
    this.tags = ['a', 'b', `t${i % 100}`];
    this.orders = [];
    for (let k = 0; k < 4; k++) this.orders.push({ sku: `sku-${(i * 7 + k) % 5000}`, qty: k + 1, price: (i % 97) + k / 10 });
  }
}
class LeakedResponse {
  constructor(i) {
    this.id = i;
    this.body = `response ${i} `.repeat(4);
    this.headers = { 'content-type': 'application/json', 'x-id': String(i) };
  }
}

// About 1 KB per customer once strings, arrays and order objects are counted.
const customers = [];
for (let i = 0; i < targetBytes / 1000; i++) customers.push(new Customer(i));
// A module's top-level constant that no function uses is dropped once the module has run: keep it reachable.
globalThis.customers = customers;
const leaked = [];
let n = 0;
setInterval(() => {
  for (let k = 0; k < 50; k++) leaked.push(new LeakedResponse(n++));
}, 200);

let last = performance.now();
setInterval(() => {
  const now = performance.now();
  if (now - last > 60) process.stderr.write(`stall ${Math.round(now - last - 10)} ${(performance.timeOrigin + now).toFixed(1)}\n`);
  last = now;
}, 10);
process.on('SIGTERM', () => process.exit(0));
process.stderr.write(`ready ${customers.length} customers, heap used ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB\n`);
