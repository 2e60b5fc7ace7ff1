import { configDefaults, defineConfig } from 'vitest/config';

// Test files share worker processes (isolate: false): starting a fresh one for
// each of 50-odd files cost about a fifth of the suite's CPU time. Files that
// replace a module with vi.mock get a fresh one each, so the replacement
// reaches no other file. A test that changes process.env puts it back.
const ownModules = ['test/history/store-faults.test.ts', 'test/history/export-file.test.ts', 'test/commands/visible-output.test.ts'];

export default defineConfig({
  test: {
    // Two cores: end-to-end tests spawn processes, so keep parallelism modest
    // (within a file, the pseudo-terminal sessions run side by side: they mostly wait).
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...ownModules], isolate: false } },
      { extends: true, test: { name: 'own-modules', include: ownModules } },
    ],
  },
});
