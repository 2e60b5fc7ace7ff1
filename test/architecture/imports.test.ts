// The shape of src/: no import cycles anywhere (type-only imports included), and
// the session's controller stays pure (no node: modules, no terminal, voice or history).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every import and re-export of a module, static or dynamic, resolved to a file. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specs.filter((s) => s.startsWith('.') && !s.endsWith('.json')).map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

const graph = new Map(files(src).map((f) => [f, importsOf(f)]));

describe('src/ imports', () => {
  it('has no cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(src, f)).join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('every relative import names a file that exists', () => {
    const missing = [...graph].flatMap(([file, imports]) => imports.filter((i) => !graph.has(i)).map((i) => `${relative(src, file)} -> ${relative(src, i)}`));
    expect(missing).toEqual([]);
  });

  it('the session controller, its loop and its view are pure: no node: modules, terminal I/O, voice, history or prompts', () => {
    for (const name of ['controller.ts', 'loop.ts', 'view.ts', 'words.ts', 'select.ts']) {
      // Type-only imports (the Key type, say) bring no code with them.
      const text = readFileSync(join(src, 'session', name), 'utf8').split('\n').filter((line) => !line.startsWith('import type')).join('\n');
      expect(text, name).not.toMatch(/from ['"](node:|@inquirer|ora|say)|\/voice\/|\/history\/|terminal\/(keys|restore|session)|process\./);
    }
  });
});
