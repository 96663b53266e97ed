// Preloaded (`node --import bench/heap-probe.mjs bin/tat.js …`) into the flat-memory runs of
// `npm run bench`: where the process's memory is, as V8 sees it, to explain its peak RSS. Samples
// every 100 ms and keeps only the largest value of each measure (constant memory), written as
// JSON to $TAT_BENCH_PROBE at exit. Not part of tat.
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';

const out = process.env.TAT_BENCH_PROBE;
if (out) {
  const peak = { rss: 0, heapUsed: 0, heapTotal: 0, newSpace: 0, oldSpaceUsed: 0, largeObjects: 0, external: 0 };
  const sample = () => {
    const memory = process.memoryUsage();
    const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((space) => [space.space_name, space]));
    const values = {
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      heapTotal: memory.heapTotal,
      // Committed young generation: two semi-spaces, which V8 doubles up to 2 × 16 MiB as objects survive.
      newSpace: spaces.new_space?.space_size ?? 0,
      oldSpaceUsed: spaces.old_space?.space_used_size ?? 0,
      largeObjects: (spaces.large_object_space?.space_size ?? 0) + (spaces.new_large_object_space?.space_size ?? 0),
      external: memory.external,
    };
    for (const [key, value] of Object.entries(values)) peak[key] = Math.max(peak[key], value);
  };
  setInterval(sample, 100).unref();
  process.on('exit', () => {
    sample();
    writeFileSync(out, JSON.stringify(peak));
  });
}
