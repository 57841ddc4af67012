// Preloaded into the `serve` process by bench/memory.mjs (node --require): on SIGUSR2 it writes the
// process's own account of its memory to $NPSKIT_MEMORY_PROBE — V8 heap (used/total, new space),
// external and array buffers — before and after a full GC (the process runs with --expose-gc), so
// the benchmark can tell V8 garbage from memory that is held.
const { writeFileSync } = require('node:fs');
const v8 = require('node:v8');

const mb = (bytes) => Math.round(bytes / 2 ** 20);
function snapshot() {
  const usage = process.memoryUsage();
  const spaces = Object.fromEntries(
    v8.getHeapSpaceStatistics().map((space) => [space.space_name, mb(space.space_size)]),
  );
  return {
    rss: mb(usage.rss),
    heapUsed: mb(usage.heapUsed),
    heapTotal: mb(usage.heapTotal),
    newSpace: spaces.new_space,
    oldSpace: spaces.old_space,
    external: mb(usage.external),
    arrayBuffers: mb(usage.arrayBuffers),
  };
}
process.on('SIGUSR2', () => {
  const before = snapshot();
  global.gc?.();
  writeFileSync(process.env.NPSKIT_MEMORY_PROBE, JSON.stringify({ before, afterGc: snapshot() }));
});
