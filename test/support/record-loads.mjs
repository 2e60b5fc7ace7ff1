// Loaded with `node --import`: writes the URL of every module Node loads to the
// file named by BACKEX_LOADS, so a test can see what a command really imports.
import { register } from 'node:module';

const hook = `
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (process.env.BACKEX_LOADS) appendFileSync(process.env.BACKEX_LOADS, url + '\\n');
  return next(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
