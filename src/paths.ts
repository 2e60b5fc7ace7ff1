// Where backex keeps its files. Per-platform folders come from env-paths
// (XDG on Linux, Library on macOS, AppData on Windows); BACKEX_HOME moves all
// of them under one folder, which tests and portable installs use.
import envPaths from 'env-paths';
import { join } from 'node:path';

export interface BackexPaths {
  /** The user's own exercise and routine files: every *.json here is loaded. */
  config: string;
  /** History (health data: folder 0700, files 0600). */
  data: string;
  /** Things backex can make again (rendered speech): deleting it loses nothing. */
  cache: string;
}

export function backexPaths(env: NodeJS.ProcessEnv = process.env): BackexPaths {
  const home = env.BACKEX_HOME;
  if (home) return { config: join(home, 'config'), data: join(home, 'data'), cache: join(home, 'cache') };
  const paths = envPaths('backex', { suffix: '' });
  return { config: paths.config, data: paths.data, cache: paths.cache };
}

export function historyFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(backexPaths(env).data, 'history.jsonl');
}
