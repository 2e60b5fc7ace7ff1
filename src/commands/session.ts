// `backex session`: chooses the exercises, then either prints the timeline
// (--dry-run) or hands the session to its driver (src/session/driver.ts).
// Prompts, spinner and speech are imported here only, and only when a session runs.
import { exerciseSeconds, formatDuration } from '../catalogue/dose.js';
import { requireRoutine } from '../catalogue/find.js';
import { planRoutine } from '../catalogue/plan.js';
import type { Catalogue } from '../catalogue/load.js';
import type { Routine } from '../catalogue/schema.js';
import { buildSession } from '../engine/timeline.js';
import { plural } from '../history/stats.js';
import { plannedToday } from '../programme/today.js';
import { UsageError } from '../errors.js';
import type { SessionOutcome } from '../session/controller.js';
import { selectFromOptions } from '../session/select.js';
import { dryRun } from '../session/words.js';
import { parseScale } from '../time-scale.js';
import { catalogueFor, print, printJson } from './common.js';

export async function run(_args: string[], options: Record<string, unknown>): Promise<SessionOutcome | number> {
  const catalogue = await catalogueFor(options);
  const warn = (message: string) => process.stderr.write(`backex: ${message}\n`);
  // A programme's doses for today (its progression applied to the history); fixed doses otherwise.
  const plan = (c: Catalogue, routine: Routine) => plannedToday(c, routine, warn);
  let selection = selectFromOptions(catalogue, options, plan);
  const env = process.env;
  const scale = parseScale(env.BACKEX_TIME_SCALE);

  if (options.dryRun) {
    if (!selection) throw new UsageError('choose what to do: --core, --stretch, --ball, --all, --routine <name> or --exercises <list> (with --dry-run)');
    // The plan is timed at backex's estimate, whatever the voice; but a --voice that no
    // session could use is said now, not found out on the mat (here or not: its player may be elsewhere).
    if (typeof options.voice === 'string') {
      const { askedVoice, chooseVoice, findVoices, readVoiceSettings } = await import('../voice/voices.js');
      const search = await findVoices(env, process.platform);
      chooseVoice({ ...search, voices: search.voices.map((v) => ({ ...v, missing: undefined })) }, askedVoice(options.voice, readVoiceSettings(env)));
    }
    const out = dryRun(selection, buildSession(selection.planned, { brief: Boolean(options.brief) }), Boolean(options.json));
    if (Array.isArray(out)) print(out);
    else printJson(out);
    return 0;
  }
  if (options.json) throw new UsageError('--json goes with --dry-run (a session itself is interactive)');
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError('a session needs a terminal to answer the pain checks and press keys; to see the plan without one, add --dry-run');
  }

  if (!selection) {
    const [{ select }, { promptTheme }] = await Promise.all([import('@inquirer/prompts'), import('../terminal/prompt-theme.js')]);
    const leave = (): SessionOutcome => {
      // Ctrl-C at the chooser: nothing was started, so nothing to save.
      process.stdout.write('\nNo session today. Take care.\n');
      return { kind: 'not-started', by: 'ctrl-c', immediate: true };
    };
    // Ctrl-C before the prompt has the keyboard (a real SIGINT) leaves the same way.
    let left: ((outcome: SessionOutcome) => void) | undefined;
    const leftEarly = new Promise<SessionOutcome>((resolve) => (left = resolve));
    const onSigint = () => left?.(leave());
    process.once('SIGINT', onSigint);
    const chosen = select({
      message: 'Which routine would you like to do?',
      theme: promptTheme(),
      choices: catalogue.routines.map((r) => {
        const planned = planRoutine(catalogue, r);
        const seconds = planned.reduce((sum, p) => sum + exerciseSeconds(p.dose, p.exercise), 0);
        // "All 17 exercises (about 1 h 5 min)", not "(17 exercises, ...)" twice over.
        const count = plural(planned.length, 'exercise');
        const about = r.name.toLowerCase().includes(count) ? `about ${formatDuration(seconds)}` : `${count}, about ${formatDuration(seconds)}`;
        return { name: `${r.name} (${about})`, value: r.id, ...(r.description && { description: r.description }) };
      }),
    }).catch(() => null);
    const id = await Promise.race([chosen, leftEarly]);
    process.off('SIGINT', onSigint);
    if (typeof id === 'object' && id !== null) return id;
    if (id === null) return leave();
    const routine = requireRoutine(catalogue.routines, id);
    selection = { label: id, planned: plan(catalogue, routine), routines: [routine] };
  }

  const { runInTerminal } = await import('../session/driver.js');
  return runInTerminal(selection, { scale, options, env });
}
