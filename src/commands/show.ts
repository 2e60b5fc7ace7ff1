// `backex show <exercise>`: one exercise in full, with the general safety rules.
import { doseInSentences, doseInWords, exerciseSeconds, formatDuration } from '../catalogue/dose.js';
import { requireExercise } from '../catalogue/find.js';
import { SAFETY_RULES } from '../catalogue/safety.js';
import { colour } from '../terminal/colour.js';
import { visible, visibleDeep } from '../terminal/visible.js';
import { indentWrap, outputWidth, padEnd, prepareText } from '../terminal/width.js';
import { UsageError } from '../errors.js';
import { parseScale } from '../time-scale.js';
import { catalogueFor, print, printJson, suggest } from './common.js';
import { CATEGORY_TITLES } from './list.js';

export async function run(args: string[], options: Record<string, unknown>): Promise<void> {
  const catalogue = await catalogueFor(options);
  const found = requireExercise(catalogue.exercises, args[0] ?? '', suggest(options, 'list'));
  if (options.json && options.svg) throw new UsageError('choose one of --json and --svg');
  if (options.json) {
    printJson(found);
    return;
  }
  if (options.svg) {
    if (!found.figure) throw new UsageError(`${found.id} has no figure to draw (its data file gives it no "figure")`);
    const { exerciseSvg } = await import('../figure/svg.js');
    process.stdout.write(exerciseSvg({ ...found, figure: found.figure }));
    return;
  }
  // The loader refuses control characters in data files; made visible here too, so no text from a file can drive the terminal.
  const exercise = visibleDeep(found);
  await prepareText([exercise.name, exercise.purpose, exercise.position, ...exercise.steps, ...(exercise.cautions ?? []), ...(exercise.aliases ?? []), ...(exercise.targets ?? []), ...(exercise.equipment ?? []), ...SAFETY_RULES]);
  const c = colour();
  const width = outputWidth();
  const label = 13;
  const field = (name: string, value: string) => indentWrap(value, width, ' '.repeat(label), c.dim(padEnd(name, label)));
  const ref = [exercise.number !== undefined ? `#${exercise.number}` : undefined, exercise.letter, CATEGORY_TITLES[exercise.category]].filter(Boolean).join(', ');
  const source = catalogue.exerciseSource.get(found.id);

  const out = [c.bold(exercise.name) + c.dim(`  ${exercise.id}  ${ref}`)];
  if (source && source !== 'built-in') out.push(c.dim(`from ${visible(source)}`));
  out.push('');
  if (exercise.purpose) out.push(field('Purpose', exercise.purpose));
  if (exercise.targets?.length) out.push(field('Works on', exercise.targets.join(', ')));
  if (exercise.position) out.push(field('Position', exercise.position));
  out.push(field('Equipment', exercise.equipment?.length ? exercise.equipment.join(', ') : 'none'));
  out.push('', c.bold('Steps'));
  exercise.steps.forEach((step, i) => out.push(indentWrap(step, width, '      ', `  ${String(i + 1).padStart(2)}. `)));
  out.push('');
  out.push(field('Dose', `${doseInWords(exercise.dose)}. ${doseInSentences(exercise.dose)}`));
  out.push(field('Time', `about ${formatDuration(exerciseSeconds(exercise.dose, exercise))} in a session`));
  if (exercise.cautions?.length) {
    out.push('', c.yellow.bold('Take care'));
    for (const caution of exercise.cautions) out.push(c.yellow(indentWrap(caution, width, '    ', '  - ')));
  }
  // Other names people may type; one that differs from the name only in case adds nothing.
  const aliases = (exercise.aliases ?? []).filter((a) => a.toLowerCase() !== exercise.name.toLowerCase());
  if (aliases.length) out.push('', field('Also called', aliases.join('; ')));
  out.push('', c.bold('Safety, always'));
  for (const rule of SAFETY_RULES) out.push(indentWrap(rule, width, '    ', '  - '));
  // The figure only for a person at a terminal: a pipe, a script or TERM=dumb get the text alone.
  if (exercise.figure && options.figure !== false && process.stdout.isTTY && process.env.TERM !== 'dumb') {
    const { showWithFigure } = await import('../terminal/show-figure.js');
    await showWithFigure({ ...exercise, figure: exercise.figure }, out, process.stdout, { speed: parseScale(process.env.BACKEX_TIME_SCALE) });
    return;
  }
  print(out);
}
