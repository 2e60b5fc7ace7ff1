import { UsageError } from '../errors.js';

export async function run(): Promise<void> {
  throw new UsageError('`backex history` is not built yet');
}
