// Detached DOM in Chromium: a results panel renders cards, later removes them from the document but keeps
// them in a JavaScript array (resultsPanel.removedCards), so detached <div> trees pile up in every interval.
// Plateau: ThemeToken objects are loaded during the first interval. Churn: RenderTask objects live in a ring,
// and the visible <li> rows are replaced every round.
// Snapshots come over CDP (HeapProfiler.takeHeapSnapshot) from one page, so ids are stable across the series.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { parseArgs } from '../lib/series.mjs';

const ROUNDS_PER_INTERVAL = 4;
const CARDS_PER_ROUND = 10;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const PAGE = `<!doctype html>
<html><head><title>results</title></head>
<body>
<ul id="visible"></ul>
<section id="cards"></section>
<script>
class CardModel {
  constructor(id, title, score) {
    this.id = id;
    this.title = title;
    this.score = score;
  }
}
class ThemeToken {
  constructor(name, value) {
    this.name = name;
    this.value = value;
  }
}
class RenderTask {
  constructor(round, count) {
    this.round = round;
    this.count = count;
  }
}

const resultsPanel = { removedCards: [], theme: [], recentTasks: [], rounds: 0, nextCard: 0 };
window.resultsPanel = resultsPanel;

function loadTheme(from, to) {
  for (let i = from; i < to; i++) resultsPanel.theme.push(new ThemeToken('token-' + i, '#' + (100000 + i * 7)));
}

function renderRound(count) {
  const round = ++resultsPanel.rounds;
  const section = document.getElementById('cards');
  for (let i = 0; i < count; i++) {
    const id = ++resultsPanel.nextCard;
    const card = document.createElement('div');
    card.className = 'card';
    const heading = document.createElement('h3');
    heading.textContent = 'Result ' + id;
    card.appendChild(heading);
    card.model = new CardModel(id, 'Result ' + id, (id * 37) % 100);
    section.appendChild(card);
  }
  // The bug: cards leave the document on the next search, but the panel keeps them "for undo".
  for (const card of Array.from(section.children)) {
    card.remove();
    resultsPanel.removedCards.push(card);
  }
  // The visible list is rebuilt each round: old rows are dropped for good.
  const visible = document.getElementById('visible');
  visible.textContent = '';
  for (let i = 0; i < 10; i++) {
    const row = document.createElement('li');
    row.className = 'result';
    row.textContent = 'round ' + round + ' row ' + i;
    visible.appendChild(row);
  }
  resultsPanel.recentTasks.push(new RenderTask(round, count));
  if (resultsPanel.recentTasks.length > 3) resultsPanel.recentTasks.shift();
}

function counts() {
  return {
    CardModel: resultsPanel.removedCards.length,
    ThemeToken: resultsPanel.theme.length,
    RenderTask: resultsPanel.recentTasks.length,
  };
}
</script>
</body></html>`;

const args = parseArgs();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.setContent(PAGE);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  let chunks = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));

  const files = [];
  const counts = {};
  for (let i = 0; i < args.snapshots; i++) {
    await page.evaluate(
      ({ interval, rounds, cards }) => {
        if (interval === 0) loadTheme(0, 10);
        if (interval === 1) loadTheme(10, 30);
        for (let r = 0; r < rounds; r++) renderRound(cards);
      },
      { interval: i, rounds: ROUNDS_PER_INTERVAL, cards: CARDS_PER_ROUND },
    );
    const now = await page.evaluate(() => counts());
    now['Detached <div>'] = now.CardModel;
    for (const [name, n] of Object.entries(now)) (counts[name] ??= []).push(n);
    await cdp.send('HeapProfiler.collectGarbage');
    chunks = [];
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const file = `s${args.first + i}.heapsnapshot`;
    writeFileSync(join(args.out, file), chunks.join(''));
    files.push(file);
  }
  writeFileSync(join(args.out, `counts-${args.first}.json`), JSON.stringify({ snapshots: files, counts }, null, 2));
} finally {
  await browser.close();
}
