// Builds dist/: the entry file (dist/cli.js) holds everything `list` and `show`
// need, and every other command, and each heavy package, is a chunk loaded on
// demand. Three steps, each for a measured reason (README, Speed):
//   1. esbuild bundles src/ and its dependencies, split at every `import()`.
//      Its splitting makes a chunk for each set of entry points that shares code:
//      `list` ended up loading twelve small files, and Node's ES module loader
//      pays for each one (about 5 ms in all).
//   2. rollup merges the chunks `list` and `show` load into the entry file
//      (manualChunks); the other commands still load only what they use.
//   3. esbuild minifies each file: smaller files parse faster. The entry file
//      must stay ASCII (checked at the end).
// `node scripts/build.mjs --schema` also writes data/schema/backex.schema.json from the zod schema.
import { build, transform } from 'esbuild';
import { rollup } from 'rollup';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const minify = !process.env.BACKEX_NO_MINIFY;

// commander loads node:child_process when it loads (for executable subcommands,
// which backex does not use); Node has to initialise it, about 5 ms of every
// start. This gives commander a stand-in that loads the real module on first use.
const deferChildProcess = {
  name: 'defer-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) => (/commander[\\/]lib[\\/]command\.js$/.test(args.importer) ? { path: 'deferred-child-process', namespace: 'backex' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'backex' }, () => ({
      contents: "let real; const load = () => (real ??= require('node:child_process')); module.exports = new Proxy({}, { get: (_t, key) => load()[key] });",
      loader: 'js',
    }));
  },
};

// `import { readFileSync } from 'node:fs'` in an ES module makes Node build the
// module's ES facade, which reads every export, and so runs fs's lazy getters:
// `list` loaded fs/promises, fs's streams and process.report that way, for
// nothing (about 11 M instructions of its start, README: Speed). Each file has a
// `require` (step 3), so each of Node's modules that src/ or a package imports is
// taken with require(), and only the exports used are read (the others, marked
// pure, are left out of the bundle).
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'import-statement' ? { path: args.path, namespace: 'builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, async (args) => {
      const names = Object.keys(await import(args.path)).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
      const lines = [`const m = require(${JSON.stringify(args.path)});`, 'const pick = (key) => m[key];', 'export default m;', ...names.map((n) => `export const ${n} = /* @__PURE__ */ pick(${JSON.stringify(n)});`)];
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

// jsonc-parser's "main" is a UMD build whose require('./impl/...') calls esbuild
// leaves for run time, where they fail; its ES module build bundles cleanly (but
// Node cannot load it directly: its imports have no extensions, so src/ imports
// the package by name and only the bundle takes this path).
const jsoncAsModule = {
  name: 'jsonc-as-module',
  setup(b) {
    b.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: join(root, 'node_modules', 'jsonc-parser', 'lib', 'esm', 'main.js') }));
  },
};

// Step 1: esbuild, unminified, into a scratch folder.
const stage = await mkdtemp(join(tmpdir(), 'backex-build-'));
const { metafile } = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: stage,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  keepNames: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
  plugins: [deferChildProcess, builtinsByRequire, jsoncAsModule],
});

// Step 2: the files `list` and `show` load (the entry, their command chunks, and
// everything those import statically) become one, the entry file.
const outputs = Object.fromEntries(Object.entries(metafile.outputs).map(([file, output]) => [resolve(root, file), output]));
const startUp = new Set();
const visit = (file) => {
  if (startUp.has(file)) return;
  startUp.add(file);
  for (const i of outputs[file].imports) if (i.kind === 'import-statement' && !i.external) visit(resolve(root, i.path));
};
visit(join(stage, 'cli.js'));
for (const file of Object.keys(outputs)) if (/[\\/](list|show)-[A-Z0-9]+\.js$/.test(file)) visit(file);

const bundle = await rollup({
  input: join(stage, 'cli.js'),
  external: (id) => id.startsWith('node:') || !/^[./]/.test(id),
  onwarn: (warning, warn) => (warning.code === 'CIRCULAR_DEPENDENCY' ? undefined : warn(warning)),
  // The entry exports `main` and `run`: this lets rollup keep them in the one merged
  // file (exporting a little more) instead of a stub that loads a second file.
  preserveEntrySignatures: 'allow-extension',
});
await rm(dist, { recursive: true, force: true });
const { output } = await bundle.write({
  dir: dist,
  format: 'es',
  entryFileNames: '[name].js',
  chunkFileNames: 'chunks/[name].js',
  manualChunks: (id) => (startUp.has(id) ? 'cli' : undefined),
});
await bundle.close();
await rm(stage, { recursive: true, force: true });

// Step 3: minify; and give every file a `require` (CommonJS packages bundled in,
// like say.js, call require() for Node's own modules).
const banner = "import { createRequire as __backexCreateRequire } from 'node:module'; const require = __backexCreateRequire(import.meta.url);";
for (const file of output.filter((o) => o.type === 'chunk')) {
  const path = join(dist, file.fileName);
  const code = await readFile(path, 'utf8');
  const result = await transform(code, { format: 'esm', minify, keepNames: true, legalComments: 'none', target: 'node20', banner });
  await writeFile(path, result.code);
}
if (!(await readdir(dist)).includes('cli.js')) throw new Error('build: dist/cli.js was not written');
// One character beyond ASCII in the entry file (a regular expression's literal "•"
// was one: esbuild escapes them in strings, not in regular expressions) makes Node
// decode all of it the slow way and V8 hold it as two-byte text: write it \u2022.
const nonAscii = /[^\x00-\x7f]/.exec(await readFile(join(dist, 'cli.js'), 'utf8'));
if (nonAscii) throw new Error(`build: dist/cli.js holds ${JSON.stringify(nonAscii[0])} (U+${nonAscii[0].codePointAt(0).toString(16)}); write it as an escape in src/ so that the entry file stays ASCII`);

if (process.argv.includes('--schema')) {
  const out = join(root, '.bench', 'schema.mjs');
  await mkdir(dirname(out), { recursive: true });
  await build({ absWorkingDir: root, entryPoints: ['src/catalogue/json-schema.ts'], outfile: out, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
  const { jsonSchemaText } = await import(pathToFileURL(out).href);
  await writeFile(join(root, 'data', 'schema', 'backex.schema.json'), jsonSchemaText());
  console.log('wrote data/schema/backex.schema.json');
}
