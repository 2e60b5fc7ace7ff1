// Only the timeline's own tests (and those of its length without it), for its mutation score (stryker.timeline.conf.json).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/engine/timeline.test.ts', 'test/engine/duration.test.ts'],
    maxWorkers: 1,
    testTimeout: 60_000,
    env: { BACKEX_PROPERTY_RUNS: '5' },
  },
});
