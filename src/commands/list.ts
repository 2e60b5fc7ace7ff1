// `backex list`: the catalogue as a table grouped by category (or one
// routine, in its order, with the doses it uses), with the time each takes.
import { doseInWords, exerciseSeconds, formatDuration } from '../catalogue/dose.js';
import { requireRoutine } from '../catalogue/find.js';
import { planExercises, planRoutine, repeatsNote, type PlannedExercise } from '../catalogue/plan.js';
import type { Category } from '../catalogue/schema.js';
import { colour } from '../terminal/colour.js';
import { visibleDeep } from '../terminal/visible.js';
import { layoutTable, renderTable, tableHeight, type Column } from '../terminal/table.js';
import { outputWidth, prepareText, wrap, wrapPhrases } from '../terminal/width.js';
import { catalogueFor, print, printJson, suggest } from './common.js';

export const CATEGORY_TITLES: Record<Category, string> = {
  basics: 'Basics: neutral spine and bracing',
  stretch: 'Stretches',
  core: 'Core training',
  ball: 'With a stability ball',
};

// "#" holds the page's number and master-list letter ("9 H"), so `show H` can be found.
// Ids wrap only when they must, and then after a dash; times never wrap.
const COLUMNS: Column[] = [
  { header: ' #', min: 0 },
  { header: 'id', min: 8, flex: true },
  { header: 'name', min: 8, flex: true },
  { header: 'position', min: 10, flex: true },
  { header: 'equip.', min: 0 },
  { header: 'dose', min: 10, flex: true },
  { header: 'time', min: 0 },
];

/**
 * One exercise in three short lines, for terminals too narrow for the table
 * (each phrase kept whole where it fits):
 *    7 F  backward-rock · Backward rock on hands and knees
 *         Start on your hands and knees (quadruped), with your spine neutral.
 *         10 x 5 s hold · no equipment · 2 min 10 s
 */
function card({ exercise, dose }: PlannedExercise, digits: number, width: number): string[] {
  const c = colour();
  const place = ` ${String(exercise.number ?? '-').padStart(digits)} ${exercise.letter ?? ' '}  `;
  const indent = ' '.repeat(place.length);
  const inner = Math.max(10, width - indent.length);
  const equipment = (exercise.equipment ?? []).join(', ') || 'no equipment';
  const lines = [
    ...wrapPhrases([`${exercise.id} ·`, exercise.name], inner).map((line, i) => (i === 0 ? place + line.replace(exercise.id, c.bold(exercise.id)) : indent + line)),
    ...(exercise.position ? wrap(exercise.position, inner).map((line) => indent + line) : []),
    ...wrapPhrases([`${doseInWords(dose)} ·`, `${equipment} ·`, formatDuration(exerciseSeconds(dose, exercise))], inner).map((line) => indent + c.dim(line)),
  ];
  return lines;
}

export async function run(_args: string[], options: Record<string, unknown>): Promise<void> {
  const catalogue = await catalogueFor(options);
  const chosen = options.routine ? requireRoutine(catalogue.routines, String(options.routine)) : undefined;
  let planned = chosen ? planRoutine(catalogue, chosen) : planExercises(catalogue.exercises);
  // A programme's doses grow over the weeks: show today's (loaded only then, to keep `list` quick).
  if (chosen?.progression) {
    const { plannedToday } = await import('../programme/today.js');
    planned = plannedToday(catalogue, chosen, (m) => process.stderr.write(`${colour().yellow(`backex: ${m}`)}\n`));
  }

  const categories = new Set<string>();
  if (options.category) categories.add(String(options.category));
  for (const c of ['stretch', 'core', 'ball'] as const) if (options[c]) categories.add(c);
  if (categories.size > 0) planned = planned.filter((p) => categories.has(p.exercise.category));
  if (options.equipment === 'none') planned = planned.filter((p) => (p.exercise.equipment ?? []).length === 0);
  if (options.equipment === 'ball') planned = planned.filter((p) => (p.exercise.equipment ?? []).some((e) => /ball/i.test(e)));

  if (options.json) {
    printJson(planned.map((p) => ({ ...p.exercise, dose: p.dose })));
    return;
  }
  if (planned.length === 0) {
    print(`No exercises match those filters. Try \`${suggest(options, 'list')}\` for all of them.`);
    return;
  }
  // The loader refuses control characters in data files; made visible here too, so no text from a file can drive the terminal.
  planned = planned.map((p) => ({ exercise: visibleDeep(p.exercise), dose: visibleDeep(p.dose) }));
  const routine = chosen && visibleDeep(chosen);

  const c = colour();
  const width = outputWidth();
  const groups: { title: string; items: PlannedExercise[] }[] = routine
    ? [{ title: `Routine "${routine.id}": ${routine.name}`, items: planned }]
    : (Object.keys(CATEGORY_TITLES) as Category[])
        .map((category) => ({ title: CATEGORY_TITLES[category], items: planned.filter((p) => p.exercise.category === category) }))
        .filter((g) => g.items.length > 0);

  const digits = Math.max(2, ...planned.map((p) => String(p.exercise.number ?? '').length));
  const rowOf = ({ exercise, dose }: PlannedExercise) => [
    `${String(exercise.number ?? '-').padStart(digits)} ${exercise.letter ?? ''}`.trimEnd(),
    exercise.id,
    exercise.name,
    exercise.position ?? '',
    // Short, so the table fits 80 columns: "ball" for a stability ball.
    (exercise.equipment ?? []).map((e) => e.replace(/^stability ball$/, 'ball')).join(', ') || '-',
    doseInWords(dose),
    formatDuration(exerciseSeconds(dose, exercise)),
  ];
  const rows = planned.map(rowOf);
  await prepareText([...rows.flat(), ...groups.map((g) => g.title), routine?.description, routine && repeatsNote(routine)]);
  // One layout for every group, so the columns line up down the page. The table gives way to
  // a card per exercise when it would break a word (an id split over lines cannot be copied)
  // or take more lines than the cards: in a narrow terminal, a tall table is hard to read.
  let widths = layoutTable(COLUMNS, rows, width, { wholeWords: true });
  // A card takes at least three lines, so a table of at most that many needs no comparing.
  const height = widths ? tableHeight(COLUMNS, rows, widths) : 0;
  const cards = new Map<PlannedExercise, string[]>();
  const cardOf = (p: PlannedExercise) => cards.get(p) ?? cards.set(p, card(p, digits, width)).get(p)!;
  if (widths && height > 3 * planned.length && height > planned.flatMap(cardOf).length) widths = null;
  const out: string[] = [];
  // A routine that names an exercise twice: say what the session does with it, which is what this list shows.
  const repeats = routine && repeatsNote(routine);
  if (repeats) out.push(...wrap(repeats, width).map((l) => c.yellow(l)), '');
  for (const group of groups) {
    const total = group.items.reduce((sum, p) => sum + exerciseSeconds(p.dose, p.exercise), 0);
    out.push(...wrap(group.title, width).map((l) => c.bold(l)));
    // A routine's own description goes under its heading, not above it.
    if (routine?.description && group === groups[0]) out.push(...wrap(routine.description, width).map((l) => c.dim(l)));
    if (widths) out.push(...renderTable(COLUMNS, group.items.map(rowOf), width, (h) => c.dim(h), widths));
    else out.push(...group.items.flatMap(cardOf));
    const count = `${group.items.length} exercise${group.items.length === 1 ? '' : 's'}`;
    out.push(...wrapPhrases([`Total: ${count},`, `about ${formatDuration(total)}`, '(plus a pain check before each)'], width).map((l) => c.cyan(l)), '');
  }
  // The commands suggested carry the --data given here: a routine or exercise from those files is not found without it.
  const notes = [['Times include getting into position and the rests.'], ...(routine?.progression ? [["Today's doses of this programme:", suggest(options, 'plan', '--routine', routine.id), 'says how they grow.']] : []), ['Each in full:', suggest(options, 'show', '<id, # or letter>'), '(bird-dog, 9 or H).']];
  // `session --core` is the core routine, which starts with #1: say so where the two could be confused.
  const found = !routine && categories.size === 1 ? catalogue.routines.find((r) => categories.has(r.id)) : undefined;
  const shortcut = found && visibleDeep(found);
  if (found && shortcut && planRoutine(catalogue, found).some((p) => !planned.some((q) => q.exercise.id === p.exercise.id))) {
    notes.push([`\`backex session --${shortcut.id}\` does the "${shortcut.id}" routine:`, `${shortcut.description ?? shortcut.name}`, `(${suggest(options, 'list', '--routine', shortcut.id)})`]);
  }
  for (const note of notes) {
    out.push(...wrapPhrases(note, width).map((l) => c.dim(l)));
  }
  print(out);
}
