// The one source of truth for backex data files: the zod schema below gives the
// loader its validation, TypeScript its types (z.infer) and editors their JSON
// Schema (`npm run schema` writes data/schema/backex.schema.json from it).
// Messages are phrased to follow a field path: "dose.reps must be ...".
import { z } from 'zod';

const kebabId = z
  .string({ error: 'must be a text id' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    error: 'must be a kebab-case id (lower-case letters, digits and dashes, like "bird-dog")',
  });

const text = z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' });
const textList = z.array(text, { error: 'must be a list of texts' });

const positiveWhole = z
  .number({ error: 'must be a positive whole number' })
  .int({ error: 'must be a positive whole number' })
  .positive({ error: 'must be a positive whole number' });

const wholeSeconds = z
  .number({ error: 'must be a whole number of seconds, 0 or more' })
  .int({ error: 'must be a whole number of seconds, 0 or more' })
  .min(0, { error: 'must be a whole number of seconds, 0 or more' });

// Sanity limits: far above any home programme, low enough to catch a slip of the keyboard.
export const LIMITS = { reps: 100, holdSeconds: 300, tempoSeconds: 60, restSeconds: 300 } as const;

const repCount = positiveWhole.max(LIMITS.reps, { error: `must be at most ${LIMITS.reps}` });

export const RepRangeSchema = z
  .strictObject(
    { min: repCount, max: repCount },
    { error: 'must be a positive whole number or a range like { "min": 10, "max": 15 }' },
  )
  .refine((r) => r.min < r.max, { error: 'must have "min" smaller than "max"' });

export const RepsSchema = z.union([repCount, RepRangeSchema], {
  error: 'must be a positive whole number or a range like { "min": 10, "max": 15 }',
});

export const SidesSchema = z.enum(['none', 'each', 'alternate'], {
  error: 'must be "none", "each" (all reps on one side, then the other) or "alternate" (switch side every rep)',
});

const doseFields = {
  /** Repetitions; per side when `sides` is not "none". A range counts to min, then on until the user has had enough. */
  reps: RepsSchema,
  /** Seconds each repetition is held; 0 for exercises done at a steady tempo. */
  holdSeconds: wholeSeconds.max(LIMITS.holdSeconds, { error: `must be at most ${LIMITS.holdSeconds} seconds` }),
  sides: SidesSchema,
  /** What each side is called, first side first, e.g. ["left knee", "right knee"]. */
  sideNames: z.tuple([text, text], { error: 'must be a list of two names, first side first' }).optional(),
  /** Seconds per repetition when there is no hold (defaults to 4). */
  tempoSeconds: z
    .number({ error: `must be a number of seconds from 1 to ${LIMITS.tempoSeconds}` })
    .min(1, { error: `must be a number of seconds from 1 to ${LIMITS.tempoSeconds}` })
    .max(LIMITS.tempoSeconds, { error: `must be at most ${LIMITS.tempoSeconds} seconds` })
    .optional(),
  /** Seconds of rest after each hold (defaults to 3). */
  restSeconds: wholeSeconds.max(LIMITS.restSeconds, { error: `must be at most ${LIMITS.restSeconds} seconds` }).optional(),
};

export const DoseSchema = z.strictObject(doseFields, { error: 'must be an object with reps, holdSeconds and sides' });

/** A routine may change any part of an exercise's dose for one person. */
export const DoseOverrideSchema = z.strictObject(
  {
    reps: doseFields.reps.optional(),
    holdSeconds: doseFields.holdSeconds.optional(),
    sides: doseFields.sides.optional(),
    sideNames: doseFields.sideNames,
    tempoSeconds: doseFields.tempoSeconds,
    restSeconds: doseFields.restSeconds,
  },
  { error: 'must be an object with some of reps, holdSeconds, sides, sideNames, tempoSeconds, restSeconds' },
);

export const CATEGORIES = ['basics', 'stretch', 'core', 'ball'] as const;
export const CategorySchema = z.enum(CATEGORIES, {
  error: `must be one of ${CATEGORIES.map((c) => `"${c}"`).join(', ')}`,
});

export const ExerciseSchema = z.strictObject(
  {
    id: kebabId,
    /** Number on the physiotherapist's page (1-17); only the page's exercises have one. */
    number: positiveWhole.optional(),
    /** Letter in the page's master list (A-P). */
    letter: z.string().regex(/^[A-Z]$/, { error: 'must be one capital letter' }).optional(),
    name: text,
    /** Other names and spellings that `show` and `--exercises` accept. */
    aliases: textList.optional(),
    category: CategorySchema,
    /** The starting position, said aloud before the exercise. */
    position: text.optional(),
    equipment: textList.optional(),
    purpose: text.optional(),
    /** Muscles or regions the exercise works on. */
    targets: textList.optional(),
    steps: textList.min(1, { error: 'must list at least one step' }),
    /**
     * The movement in a few words, said with each rep's number ("Rep three of ten. Lift your hips."):
     * one for every side, or one per side, first side first.
     */
    moveWords: z.array(text, { error: 'must be a list of one or two short sentences' }).min(1, { error: 'must be a list of one or two short sentences' }).max(2, { error: 'must be a list of one or two short sentences' }).optional(),
    cautions: textList.optional(),
    /**
     * Said and shown when a hold ends, instead of "Relax.": one for every side, or
     * one per side, first side first (the bridge keeps its hips up between the feet).
     */
    releaseWords: z.array(text, { error: 'must be a list of one or two sentences' }).min(1, { error: 'must be a list of one or two sentences' }).max(2, { error: 'must be a list of one or two sentences' }).optional(),
    dose: DoseSchema,
  },
  { error: 'must be an exercise object' },
);

/** Best an id; any name `backex show` accepts (alias, number, letter) is resolved to the id on loading. */
const exerciseRef = z.string({ error: 'must be an exercise id, like "bird-dog"' }).trim().min(1, { error: 'must be an exercise id, like "bird-dog"' });

export const RoutineEntrySchema = z.union(
  [exerciseRef, z.strictObject({ exercise: exerciseRef, dose: DoseOverrideSchema.optional() })],
  { error: 'must be an exercise id, or { "exercise": id, "dose": { ... } }' },
);

export const RoutineSchema = z.strictObject(
  {
    id: kebabId,
    name: text,
    description: text.optional(),
    exercises: z.array(RoutineEntrySchema, { error: 'must be a list of exercises' }).min(1, {
      error: 'must list at least one exercise',
    }),
  },
  { error: 'must be a routine object' },
);

export const DataFileSchema = z.strictObject(
  {
    $schema: z.string().optional(),
    exercises: z.array(ExerciseSchema, { error: 'must be a list of exercises' }).optional(),
    routines: z.array(RoutineSchema, { error: 'must be a list of routines' }).optional(),
  },
  { error: 'must be one JSON object like { "exercises": [ ... ], "routines": [ ... ] }' },
);

export type RepRange = z.infer<typeof RepRangeSchema>;
export type Reps = z.infer<typeof RepsSchema>;
export type Sides = z.infer<typeof SidesSchema>;
export type Dose = z.infer<typeof DoseSchema>;
export type DoseOverride = z.infer<typeof DoseOverrideSchema>;
export type Category = z.infer<typeof CategorySchema>;
export type Exercise = z.infer<typeof ExerciseSchema>;
export type RoutineEntry = z.infer<typeof RoutineEntrySchema>;
export type Routine = z.infer<typeof RoutineSchema>;
export type DataFile = z.infer<typeof DataFileSchema>;
