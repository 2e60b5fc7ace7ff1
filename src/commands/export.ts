import { UsageError } from '../errors.js';

export async function run(): Promise<void> {
  throw new UsageError('`backex export` is not built yet');
}
