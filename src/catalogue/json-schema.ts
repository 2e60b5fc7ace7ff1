// The JSON Schema that editors use to check a data file, generated from the zod
// schema so the two can never disagree (a test compares it with the committed file).
import { z } from 'zod';
import { DataFileSchema } from './schema.js';

export function jsonSchemaText(): string {
  const schema = z.toJSONSchema(DataFileSchema, { io: 'input', target: 'draft-2020-12' });
  return (
    JSON.stringify(
      {
        ...schema,
        $id: 'https://backex.invalid/schema/backex.schema.json',
        title: 'backex exercises and routines',
        description: 'One backex data file: exercises, routines, or both.',
      },
      null,
      2,
    ) + '\n'
  );
}
