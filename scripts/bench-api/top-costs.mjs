// Top self-time costs of a V8 CPU profile (`node --cpu-prof`) of the production server, with
// minified bundle positions mapped back through the build's source maps, so "ours" (lib/, app/)
// can be told from Next's and Node's:
//   node scripts/bench-api/top-costs.mjs <file.cpuprofile> [top=25] [from s] [to s]
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SourceMapConsumer } from 'source-map-js';

const [file, topArg = '25'] = process.argv.slice(2);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const maps = new Map();

function consumerFor(url) {
  if (!maps.has(url)) {
    let consumer = null;
    try {
      const path = url.startsWith('file://') ? fileURLToPath(url) : url;
      if (fs.existsSync(`${path}.map`)) {
        const raw = JSON.parse(fs.readFileSync(`${path}.map`, 'utf8'));
        // Turbopack writes index maps (sections); source-map-js reads both kinds.
        consumer = new SourceMapConsumer(raw);
      }
    } catch {
      consumer = null;
    }
    maps.set(url, consumer);
  }
  return maps.get(url);
}

function where(frame) {
  const { url, functionName, lineNumber, columnNumber } = frame;
  if (!url) return `(${functionName || 'native'})`;
  const consumer = consumerFor(url);
  if (consumer) {
    const pos = consumer.originalPositionFor({ line: lineNumber + 1, column: columnNumber });
    if (pos.source) {
      const source = pos.source.replace(/^.*\[project\]\//, '').replace(/^turbopack:\/+/, '');
      return `${pos.name || functionName || '(anonymous)'} ${source}:${pos.line}`;
    }
  }
  const short = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/\.next\//, '.next/');
  return `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
// [from, to] in seconds since the profile's start keeps one case's window (the benchmark runs
// its cases one after another): e.g. `… 25 12 18`.
const [from = 0, to = Infinity] = process.argv.slice(4).map(Number);
const hits = new Map();
let at = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  at += profile.timeDeltas[i] ?? 0;
  if (at / 1e6 < from || at / 1e6 > to) return;
  hits.set(id, (hits.get(id) ?? 0) + dt);
});
const total = [...hits.values()].reduce((a, b) => a + b, 0);
const self = new Map();
for (const [id, us] of hits) {
  const key = where(byId.get(id).callFrame);
  self.set(key, (self.get(key) ?? 0) + us);
}
const ours = (k) => / (?:\.\.\/)*(?:lib|app)\/[^ ]+\.tsx?:\d+$/.test(k);
const idle = (k) => /^\(\((idle|program)\)\)/.test(k);
const busy = [...self].filter(([k]) => !idle(k)).reduce((a, [, v]) => a + v, 0);
const line = ([k, us]) =>
  `${((100 * us) / busy).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`;
console.log(`total ${(total / 1e6).toFixed(1)} s sampled, busy ${(busy / 1e6).toFixed(1)} s`);
console.log(`\ntop self time (share of busy time):`);
[...self]
  .filter(([k]) => !idle(k))
  .sort((a, b) => b[1] - a[1])
  .slice(0, Number(topArg))
  .forEach((e) => console.log(`${line(e)}${ours(e[0]) ? '   ← ours' : ''}`));
const oursTotal = [...self].filter(([k]) => ours(k)).reduce((a, [, v]) => a + v, 0);
const gc = self.get('((garbage collector))') ?? 0;
console.log(
  `\nours (lib/, app/) self time: ${((100 * oursTotal) / busy).toFixed(1)} % of busy; GC ${((100 * gc) / busy).toFixed(1)} %`,
);
console.log('\ntop of ours:');
[...self]
  .filter(([k]) => ours(k))
  .sort((a, b) => b[1] - a[1])
  .slice(0, 15)
  .forEach((e) => console.log(line(e)));

// Inclusive time (self + callees) of our frames: what a function costs with everything it calls
// (jose, better-sqlite3, JSON, crypto), counted once per sample however deep the recursion.
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map();
for (const [id, us] of hits) {
  const seen = new Set();
  for (let n = id; n !== undefined; n = parent.get(n)) {
    const key = where(byId.get(n).callFrame);
    if (ours(key) && !seen.has(key)) {
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
}
console.log('\ntop inclusive time of ours:');
[...inclusive]
  .sort((a, b) => b[1] - a[1])
  .slice(0, 20)
  .forEach((e) => console.log(line(e)));
