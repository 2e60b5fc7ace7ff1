// Builds dist/ with esbuild: one small entry chunk plus one chunk per command,
// loaded on demand, with the dependencies bundled in. Bundling is measured to
// start faster than loading each package as separate ES modules (see README, Speed).
// `node scripts/build.mjs --schema` also writes data/schema/backex.schema.json from the zod schema.
import { build } from 'esbuild';
import { rm, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

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
await rm(join(root, 'dist'), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  // Smaller files parse faster: start-up is measured by `npm run bench`.
  minify: !process.env.BACKEX_NO_MINIFY,
  keepNames: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  // say.js is CommonJS and uses require(); give the ESM bundle a require to hand it.
  banner: { js: "import { createRequire as __backexCreateRequire } from 'node:module'; const require = __backexCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  plugins: [deferChildProcess],
});

if (process.argv.includes('--schema')) {
  const out = join(root, '.bench', 'schema.mjs');
  await mkdir(dirname(out), { recursive: true });
  await build({ absWorkingDir: root, entryPoints: ['src/catalogue/json-schema.ts'], outfile: out, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
  const { jsonSchemaText } = await import(pathToFileURL(out).href);
  await writeFile(join(root, 'data', 'schema', 'backex.schema.json'), jsonSchemaText());
  console.log('wrote data/schema/backex.schema.json');
}
