// Builds dist/ with esbuild: one small entry chunk plus one chunk per command,
// loaded on demand, with the dependencies bundled in. Bundling is measured to
// start faster than loading each package as separate ES modules (see README, Speed).
// `node scripts/build.mjs --schema` also writes data/schema/backex.schema.json from the zod schema.
import { build } from 'esbuild';
import { rm, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
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
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  // say.js is CommonJS and uses require(); give the ESM bundle a require to hand it.
  banner: { js: "import { createRequire as __backexCreateRequire } from 'node:module'; const require = __backexCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

if (process.argv.includes('--schema')) {
  const out = join(root, '.bench', 'schema.mjs');
  await mkdir(dirname(out), { recursive: true });
  await build({ absWorkingDir: root, entryPoints: ['src/catalogue/json-schema.ts'], outfile: out, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
  const { jsonSchemaText } = await import(pathToFileURL(out).href);
  await writeFile(join(root, 'data', 'schema', 'backex.schema.json'), jsonSchemaText());
  console.log('wrote data/schema/backex.schema.json');
}
