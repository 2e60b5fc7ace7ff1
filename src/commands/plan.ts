// `backex plan`: the programme in use, with today's dose of each exercise, the
// next step and exactly why it is or is not taken yet.
import { doseInWords } from '../catalogue/dose.js';
import { rulesInWords, rulesOf } from '../engine/pain.js';
import { readOverviews } from '../history/read.js';
import { plural } from '../history/stats.js';
import { demonstrationsLeftOut, planProgramme } from '../programme/progression.js';
import { frequencyInWords, programmeInUse, reviewInWords } from '../programme/programme.js';
import { colour } from '../terminal/colour.js';
import { outputWidth, prepareText, wrap, wrapPhrases } from '../terminal/width.js';
import { catalogueFor, print, printJson, suggest } from './common.js';

export async function run(_args: string[], options: Record<string, unknown>): Promise<void> {
  const catalogue = await catalogueFor(options);
  const routine = programmeInUse(catalogue, options.routine as string | undefined);
  const warn = (m: string) => process.stderr.write(`${colour().yellow(`backex: ${m}`)}\n`);
  const now = new Date();
  // Demonstration runs too, only to say how many the progression left out (planProgramme counts real sessions alone).
  const sessions = readOverviews({ warn, includeDemo: true });
  const plan = planProgramme(catalogue, routine, sessions, now);
  const demos = demonstrationsLeftOut(routine, sessions, now);
  const rules = rulesOf(routine);

  if (options.json) {
    printJson({
      routine: routine.id,
      name: routine.name,
      ...(routine.sessionsPerWeek !== undefined ? { sessionsPerWeek: routine.sessionsPerWeek } : {}),
      ...(routine.days ? { days: routine.days } : {}),
      ...(routine.review ? { review: routine.review } : {}),
      painRules: rules,
      exercises: plan.map(({ id, name, dose, next, reason }) => ({ id, name, dose, next, reason })),
    });
    return;
  }

  const c = colour();
  const width = outputWidth();
  const often = frequencyInWords(routine);
  const review = reviewInWords(routine, now);
  const out: string[] = [c.bold(`Programme "${routine.id}": ${routine.name}`)];
  if (often) out.push(`${often[0]!.toUpperCase()}${often.slice(1)}.`);
  // Without it, "after 1 more session" after a sped-up run reads as a miscount.
  const leftOut = demos > 0 ? `${plural(demos, 'demonstration run')} (sped up with BACKEX_TIME_SCALE) ${demos === 1 ? 'was' : 'were'} left out: demonstrations do not count towards the next step.` : undefined;
  for (const line of [...rulesInWords(rules), ...(review ? [review] : []), ...(leftOut ? [leftOut] : [])]) out.push(...wrap(line, width));
  out.push('');
  for (const p of plan) {
    await prepareText([p.name, p.reason]);
    out.push(`${c.bold(p.id)} · ${p.name}`);
    out.push(...wrap(`today: ${doseInWords(p.dose)}`, width - 2).map((l) => `  ${l}`));
    if (p.next) out.push(...wrap(p.reason, width - 9).map((l, i) => `${i === 0 ? '  next:  ' : '         '}${c.dim(l)}`));
    else out.push(...wrap(`(${p.reason})`, width - 2).map((l) => `  ${c.dim(l)}`));
  }
  // The command whole on a line where it fits, so it can be copied; with the --data given here, or the routine is not found.
  out.push('', ...wrapPhrases(["The session uses today's doses:", suggest(options, 'session', '--routine', routine.id)], width).map((l) => c.dim(l)));
  print(out);
}
