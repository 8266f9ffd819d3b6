/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and prints the functions with the most self
 * time, and the share of the samples spent under a few places of interest (inclusive time), so a
 * profile of the proxy can be read without a browser's devtools.
 *   node .build/node/scripts/profile-top.js <file.cpuprofile> [how many, default 25]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const count = Number(process.argv[3] ?? 25);

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
const name = (node: Node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*node_modules\//, '').replace(/^.*\/(src|scripts)\//, '$1/').replace(/^file:\/\//, '');
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
};
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const node = byId.get(id)!;
  self.set(name(node), (self.get(name(node)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const n = name(byId.get(at)!);
    if (!seen.has(n)) inclusive.set(n, (inclusive.get(n) ?? 0) + dt);
    seen.add(n);
  }
});

const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
console.log(`${(total / 1e6).toFixed(1)} s sampled\n\nself time:`);
for (const [fn, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`${pct(us)}  ${fn}`);
console.log('\ninclusive time (ours and the bridge):');
const ours = [...inclusive].filter(([fn]) => /src\/server|hono|pino|sonic|(^| )(writeHead|end|write) /.test(fn));
for (const [fn, us] of ours.sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`${pct(us)}  ${fn}`);
