// The unit tests that guard the session's logic, for mutation testing
// (`npm run mutation`): fast, in-process, no built CLI needed.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/session/**/*.test.ts', 'test/engine/**/*.test.ts'],
    maxWorkers: 1,
  },
});
