import { configDefaults, defineConfig } from 'vitest/config';

// Test files share worker processes (isolate: false): starting a fresh one for
// each of 50-odd files cost about a fifth of the suite's CPU time. Files that
// replace a module with vi.mock get a fresh one each, so the replacement
// reaches no other file. A test that changes process.env puts it back.
// Some machines (this project's among them) set NODE_EXTRA_CA_CERTS to the whole
// system certificate bundle, so that npm reaches its registry; every Node process
// then parses it at start, about 50 ms of CPU each, and the suite starts several
// hundred (backex, stand-ins, workers). No test makes a network request, so the
// workers, and everything they start, go without it.
delete process.env.NODE_EXTRA_CA_CERTS;

const ownModules = ['test/history/store-faults.test.ts', 'test/history/export-file.test.ts', 'test/commands/visible-output.test.ts'];

export default defineConfig({
  test: {
    // Two cores, but most end-to-end tests wait on a child process or a session's
    // clock: four files at a time (measured 93 s against 108 s with three, on a
    // quiet machine), and within a file the pseudo-terminal sessions run side by side.
    maxWorkers: 4,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...ownModules], isolate: false } },
      { extends: true, test: { name: 'own-modules', include: ownModules } },
    ],
  },
});
