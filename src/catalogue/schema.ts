// The one source of truth for backex data files: the zod schema below gives the
// loader its validation, TypeScript its types (z.infer) and editors their JSON
// Schema (`npm run schema` writes data/schema/backex.schema.json from it).
// Messages are phrased to follow a field path: "dose.reps must be ...".
import { z } from 'zod';
import { FigureSchema } from '../figure/schema.js';
import { escapeOf, firstControl } from '../terminal/visible.js';

// Lengths: far above anything on the page (its longest step is about 200
// characters), low enough that a slip or a hostile file cannot make a session
// take hours or a table run to megabytes.
export const TEXT_LIMITS = { id: 60, name: 100, short: 100, sentence: 300, paragraph: 600, sideName: 40, list: 50, exercisesPerFile: 500, routinesPerFile: 200 } as const;

/**
 * Text a person wrote: no control characters (an escape sequence would drive the
 * terminal that shows it; a bidirectional override would make it read differently
 * from what it holds), and not empty once blanks and invisible characters (zero-width
 * spaces and joiners, a byte order mark) are left out.
 */
function checkedText(max: number) {
  return z
    .string({ error: 'must be text' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })
    .superRefine((value, ctx) => {
      const found = firstControl(value);
      if (found) ctx.addIssue({ code: 'custom', message: `must not hold control characters (found ${escapeOf(found.character)} at character ${found.index + 1})` });
      else if (value !== '' && value.replace(/[\s\p{Cf}]+/gu, '') === '') ctx.addIssue({ code: 'custom', message: 'must not be empty (it holds only invisible characters)' });
    });
}

const kebabId = z
  .string({ error: 'must be a text id' })
  .max(TEXT_LIMITS.id, { error: `must be at most ${TEXT_LIMITS.id} characters` })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    error: 'must be a kebab-case id (lower-case letters, digits and dashes, like "bird-dog")',
  });

const text = checkedText(TEXT_LIMITS.name);
const sentence = checkedText(TEXT_LIMITS.sentence);
const paragraph = checkedText(TEXT_LIMITS.paragraph);
function listOf(item: z.ZodType<string>, what: string, max: number = TEXT_LIMITS.list) {
  return z.array(item, { error: 'must be a list of texts' }).max(max, { error: `must list at most ${max} ${what}` });
}

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
  sideNames: z.tuple([checkedText(TEXT_LIMITS.sideName), checkedText(TEXT_LIMITS.sideName)], { error: 'must be a list of two names, first side first' }).optional(),
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
    number: positiveWhole.max(999, { error: 'must be at most 999' }).optional(),
    /** Letter in the page's master list (A-P). */
    letter: z.string().regex(/^[A-Z]$/, { error: 'must be one capital letter' }).optional(),
    name: text,
    /** Other names and spellings that `show` and `--exercises` accept. */
    aliases: listOf(text, 'names').optional(),
    category: CategorySchema,
    /** The starting position, said aloud before the exercise. */
    position: sentence.optional(),
    equipment: listOf(text, 'items', 10).optional(),
    purpose: paragraph.optional(),
    /** Muscles or regions the exercise works on. */
    targets: listOf(text, 'targets').optional(),
    steps: listOf(paragraph, 'steps').min(1, { error: 'must list at least one step' }),
    /**
     * The movement in a few words, said with each rep's number ("Rep three of ten. Lift your hips."):
     * one for every side, or one per side, first side first.
     */
    moveWords: z.array(sentence, { error: 'must be a list of one or two short sentences' }).min(1, { error: 'must be a list of one or two short sentences' }).max(2, { error: 'must be a list of one or two short sentences' }).optional(),
    cautions: listOf(paragraph, 'cautions').optional(),
    /**
     * Said and shown when a hold ends, instead of "Relax.": one for every side, or
     * one per side, first side first (the bridge keeps its hips up between the feet).
     */
    releaseWords: z.array(sentence, { error: 'must be a list of one or two sentences' }).min(1, { error: 'must be a list of one or two sentences' }).max(2, { error: 'must be a list of one or two sentences' }).optional(),
    dose: DoseSchema,
    /** The same as dose.sideNames, accepted here too, where people put it; moved into the dose on loading. */
    sideNames: doseFields.sideNames,
    /** The figure that shows the movement: its poses, by joint angles (src/figure/schema.ts). */
    figure: FigureSchema.optional(),
  },
  { error: 'must be an exercise object' },
);

/** Best an id; any name `backex show` accepts (alias, number, letter) is resolved to the id on loading. */
const exerciseRef = checkedText(TEXT_LIMITS.name);

export const RoutineEntrySchema = z.union(
  [exerciseRef, z.strictObject({ exercise: exerciseRef, dose: DoseOverrideSchema.optional() })],
  { error: 'must be an exercise id, or { "exercise": id, "dose": { ... } }' },
);

// A programme is a routine with more to say: how often, the pain rules for this
// person, how each dose grows, and when to review it. Every field is optional.
// What needs the catalogue (the exercises' own doses, names resolved to ids) is
// checked when the files are merged (src/catalogue/load.ts).

const wholeFrom = (min: number, max: number, what = 'a whole number') =>
  z
    .number({ error: `must be ${what} from ${min} to ${max}` })
    .int({ error: `must be ${what} from ${min} to ${max}` })
    .min(min, { error: `must be ${what} from ${min} to ${max}` })
    .max(max, { error: `must be ${what} from ${min} to ${max}` });

const painLevel = (min: number) => wholeFrom(min, 10, 'a pain level, a whole number');

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const DaySchema = z.enum(DAYS, { error: `must be one of ${DAYS.map((d) => `"${d}"`).join(', ')}` });

/** The pain rules for this person; what is left out keeps backex's own value (src/engine/pain.ts). */
export const PainRulesSchema = z
  .strictObject(
    {
      /** A pain answer at or above this ends the session (backex's own: 7). */
      stopAt: painLevel(1).optional(),
      /** A rise of at least this over the first answer offers to skip the exercise (backex's own: 1). */
      skipAboveStartBy: painLevel(1).optional(),
      /** This many exercises skipped for pain in a row end the session (backex's own: 2). */
      painSkipsToEnd: wholeFrom(1, 10).optional(),
      /** The pain-monitoring model: pain up to this level is acceptable during exercise, if back to the usual by the next morning. */
      acceptableDuring: painLevel(0).optional(),
    },
    { error: 'must be an object with some of stopAt, skipAboveStartBy, painSkipsToEnd, acceptableDuring' },
  )
  .refine((r) => r.acceptableDuring === undefined || r.acceptableDuring < (r.stopAt ?? 7), {
    error: (issue) => {
      const r = issue.input as { stopAt?: number };
      return `must be below stopAt (${r.stopAt ?? '7, backex\'s own'}): pain at the stop ends the session, so it cannot be acceptable`;
    },
    path: ['acceptableDuring'],
  });

const stepFields = {
  reps: positiveWhole.max(LIMITS.reps, { error: `must be at most ${LIMITS.reps}` }).optional(),
  holdSeconds: positiveWhole.max(LIMITS.holdSeconds, { error: `must be at most ${LIMITS.holdSeconds} seconds` }).optional(),
};

/** How one exercise's dose grows over the weeks, and when it steps back. */
export const ProgressionSchema = z
  .strictObject(
    {
      exercise: exerciseRef,
      /** Added at each step: more reps (per side), a longer hold. */
      step: z
        .strictObject(stepFields, { error: 'must be an object with reps or holdSeconds, like { "holdSeconds": 1 }' })
        .refine((s) => s.reps !== undefined || s.holdSeconds !== undefined, { error: 'must give reps or holdSeconds, like { "holdSeconds": 1 }' }),
      /** A step after this many sessions that qualify (the exercise done, no pain above ifPainAtMost, no pain stop). */
      afterSessions: wholeFrom(1, 100).optional(),
      /** A step at most every this many weeks (with afterSessions: both must be met). */
      everyWeeks: wholeFrom(1, 52).optional(),
      /** A session qualifies only if no pain answer in it was above this (without it: none above its first answer). */
      ifPainAtMost: painLevel(0).optional(),
      /** The most each stepped field may reach. */
      cap: z.strictObject(stepFields, { error: 'must be an object with reps or holdSeconds, like { "holdSeconds": 10 }' }).optional(),
      /** One step back after a session with a pain stop (ended for pain, or an exercise skipped for pain). */
      stepBackAfterPainStop: z.boolean({ error: 'must be true or false' }).optional(),
      /** One step back after a next-morning check-in with pain above that session's first answer. */
      stepBackAfterWorseMorning: z.boolean({ error: 'must be true or false' }).optional(),
    },
    { error: 'must be an object like { "exercise": "bird-dog", "step": { "holdSeconds": 1 }, "afterSessions": 2 }' },
  )
  .superRefine((p, ctx) => {
    if (p.afterSessions === undefined && p.everyWeeks === undefined) {
      ctx.addIssue({ code: 'custom', path: ['afterSessions'], message: 'is needed (or everyWeeks): say when the step comes, like "afterSessions": 2' });
    }
    for (const key of ['reps', 'holdSeconds'] as const) {
      if (p.cap?.[key] !== undefined && p.step[key] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['cap', key], message: `caps a field the step does not change: add step.${key}, or remove cap.${key}` });
      }
    }
  });

/** A calendar date, YYYY-MM-DD, that exists (no 30 February). */
export const DateSchema = z
  .string({ error: 'must be a date written YYYY-MM-DD, like "2027-01-15"' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD, like "2027-01-15"' })
  .refine(
    (s) => {
      const [y, m, d] = s.split('-').map(Number) as [number, number, number];
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    },
    { error: 'must be a date that exists, written YYYY-MM-DD' },
  );

export const RoutineSchema = z
  .strictObject(
    {
      id: kebabId,
      name: text,
      description: paragraph.optional(),
      exercises: z
        .array(RoutineEntrySchema, { error: 'must be a list of exercises' })
        .min(1, { error: 'must list at least one exercise' })
        .max(100, { error: 'must list at most 100 exercises' }),
      /** How many sessions a week the programme asks for (reminders default to it). */
      sessionsPerWeek: wholeFrom(1, 14).optional(),
      /** Or which days, like ["mon", "wed", "fri"]. */
      days: z.array(DaySchema, { error: 'must be a list of days, like ["mon", "wed", "fri"]' }).min(1, { error: 'must list at least one day' }).optional(),
      painRules: PainRulesSchema.optional(),
      progression: z.array(ProgressionSchema, { error: 'must be a list of progressions, one per exercise' }).optional(),
      /** When the physiotherapist means to look at the programme again. */
      review: DateSchema.optional(),
    },
    { error: 'must be a routine object' },
  )
  .superRefine((r, ctx) => {
    if (r.days && new Set(r.days).size !== r.days.length) ctx.addIssue({ code: 'custom', path: ['days'], message: 'names a day twice' });
    if (r.days && r.sessionsPerWeek !== undefined && r.sessionsPerWeek !== r.days.length) {
      ctx.addIssue({ code: 'custom', path: ['sessionsPerWeek'], message: `must match days (${r.days.length} of them), or be left out` });
    }
  });

export const DataFileSchema = z.strictObject(
  {
    $schema: checkedText(TEXT_LIMITS.paragraph).optional(),
    exercises: z.array(ExerciseSchema, { error: 'must be a list of exercises' }).max(TEXT_LIMITS.exercisesPerFile, { error: `must list at most ${TEXT_LIMITS.exercisesPerFile} exercises in one file` }).optional(),
    routines: z.array(RoutineSchema, { error: 'must be a list of routines' }).max(TEXT_LIMITS.routinesPerFile, { error: `must list at most ${TEXT_LIMITS.routinesPerFile} routines in one file` }).optional(),
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
export type Day = z.infer<typeof DaySchema>;
export type PainRulesField = z.infer<typeof PainRulesSchema>;
export type Progression = z.infer<typeof ProgressionSchema>;
export type DataFile = z.infer<typeof DataFileSchema>;
