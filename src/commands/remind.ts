// `backex remind set|status|off|notify`: reminders by the system's own
// scheduler (a systemd user timer, a LaunchAgent, a Task Scheduler entry, or
// the crontab line to add by hand), never a daemon of backex's own.
import { UsageError } from '../errors.js';
import { readOverviews } from '../history/read.js';
import { programmeDays, programmeInUse } from '../programme/programme.js';
import { notifierFor, reminderText, sessionToday } from '../reminders/notify.js';
import { commandText, daysInWords, DAYS_ACCEPTED, looksLikeTime, parseDays, parseTime, reminderPlan, TASK_NAME, TIME_ACCEPTED, timeText } from '../reminders/schedule.js';
import { applyPlan, readState, reminderContext, removeReminder, undoCommands, type ReminderState } from '../reminders/system.js';
import { colour } from '../terminal/colour.js';
import { onPath } from '../voice/find-program.js';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { catalogueFor, print } from './common.js';
import type { Day } from '../catalogue/schema.js';

const ACTIONS = ['set', 'status', 'off', 'notify'];
const warn = (m: string) => process.stderr.write(`${colour().yellow(`backex: ${m}`)}\n`);

export async function run(args: string[], options: Record<string, unknown>): Promise<number> {
  const action = args[0];
  const when = (args[1] as unknown as string[] | undefined) ?? [];
  const env = process.env;
  if (action !== 'set' && when.length > 0) throw new UsageError(`remind ${action} takes no days or time (only remind set does)`);
  switch (action) {
    case 'set':
      return set(when, options, env);
    case 'status':
      return status(env);
    case 'off':
      return off(Boolean(options.dryRun), env);
    case 'notify':
      return notify(options, env);
    default:
      throw new UsageError(`'${action}' is not a remind action: use ${ACTIONS.join(', ')} (like backex remind set mon,wed,fri 07:30)`);
  }
}

async function set(when: string[], options: Record<string, unknown>, env: NodeJS.ProcessEnv): Promise<number> {
  if (when.length === 0) throw new UsageError(`give a time, and the days unless your programme says how often: backex remind set mon,wed,fri 07:30 (${DAYS_ACCEPTED}; ${TIME_ACCEPTED})`);
  const last = when.at(-1)!;
  if (!looksLikeTime(last) && when.length === 1) throw new UsageError(`'${last}' is not a time: ${TIME_ACCEPTED}; the days come first, like mon,wed,fri 07:30`);
  const time = parseTime(last);
  const daysGiven = when.slice(0, -1).join(',');
  let days: Day[] | undefined = daysGiven ? parseDays(daysGiven) : undefined;

  // The programme gives the default days, and the routine the reminder names.
  const wanted = options.routine as string | undefined;
  let routine: string | undefined;
  if (wanted || !days) {
    const programme = programmeInUse(await catalogueFor(options), wanted);
    routine = programme.id;
    days ??= programmeDays(programme);
    if (!days) throw new UsageError(`the routine "${programme.id}" does not say how often (sessionsPerWeek or days): give the days, like backex remind set mon,wed,fri ${timeText(time)} (${DAYS_ACCEPTED})`);
  } else {
    try {
      routine = programmeInUse(await catalogueFor(options), undefined).id;
    } catch {
      // No single programme: the reminder just says `backex session`.
    }
  }

  const context = reminderContext(env);
  const plan = reminderPlan(days, time, context);
  const what = `${daysInWords(days)} at ${timeText(time)}`;
  if (plan.crontab) {
    print([
      `No reminder was set: backex found no scheduler it can use here (${context.platform === 'linux' ? 'no systemd user session answers `systemctl --user`' : `nothing for ${context.platform}`}).`,
      'To be reminded ' + what + ', add this line to your crontab (run `crontab -e`):',
      '',
      plan.crontab,
    ]);
    return 1;
  }
  if (options.dryRun) {
    const out: string[] = [];
    for (const file of plan.files) out.push(`# would write ${file.path}:`, file.content.trimEnd(), '');
    for (const command of plan.run) out.push(`# would run:`, commandText(command, context.platform));
    print(out);
    return 0;
  }
  const before = readState(env);
  if (before) {
    const { warnings } = removeReminder(before, env);
    warnings.forEach(warn);
  }
  // A routine from --data files is found only with them: the reminder's command names them (absolute: it runs from anywhere).
  const data = routine && Array.isArray(options.data) && options.data.length > 0 ? (options.data as string[]).map((f) => resolve(f)) : undefined;
  applyPlan(plan, { v: 1, scheduler: plan.scheduler, days, time: timeText(time), ...(routine ? { routine } : {}), ...(data ? { data } : {}), setAt: new Date().toISOString() }, env);
  const by = plan.scheduler === 'systemd' ? `a systemd user timer (${plan.files[1]!.path}); one missed while the computer was off comes when it next starts` : plan.scheduler === 'launchd' ? `a LaunchAgent (${plan.files[0]!.path})` : `a Task Scheduler entry ("${TASK_NAME}")`;
  print([`${before ? 'Reminders changed' : 'Reminders set'}: ${what}${routine ? ` for "${routine}"` : ''}, by ${by}.`, 'No reminder comes on a day you have already done a session. `backex remind off` removes it.']);
  return 0;
}

function describe(state: ReminderState): string {
  const by = state.scheduler === 'systemd' ? 'a systemd user timer' : state.scheduler === 'launchd' ? 'a LaunchAgent' : `a Task Scheduler entry ("${TASK_NAME}")`;
  return `${daysInWords(state.days)} at ${state.time}${state.routine ? ` for "${state.routine}"` : ''}, by ${by}`;
}

function status(env: NodeJS.ProcessEnv): number {
  const state = readState(env);
  if (!state) {
    print('No reminders are set. Set them with: backex remind set mon,wed,fri 07:30');
    return 0;
  }
  const out = [`Reminders: ${describe(state)}.`, ...state.files.map((f) => `  ${f}${existsSync(f) ? '' : ' (missing: set the reminder again)'}`)];
  print(out);
  return 0;
}

function off(dryRun: boolean, env: NodeJS.ProcessEnv): number {
  const state = readState(env);
  if (!state) {
    print('No reminders set by backex: nothing to remove.');
    return 0;
  }
  if (dryRun) {
    print([...undoCommands(state).flatMap((c) => ['# would run:', commandText(c, state.scheduler === 'schtasks' ? 'win32' : 'linux')]), ...state.files.map((f) => `# would remove ${f}`)]);
    return 0;
  }
  const { warnings } = removeReminder(state, env);
  warnings.forEach(warn);
  print(`Reminders are off (they were ${describe(state)}).`);
  return warnings.length > 0 ? 1 : 0;
}

function notify(options: Record<string, unknown>, env: NodeJS.ProcessEnv): number {
  if (sessionToday(readOverviews({ warn }), new Date())) return 0;
  const context = reminderContext(env, false);
  const state = options.routine ? undefined : readState(env);
  const routine = (options.routine as string | undefined) ?? state?.routine;
  const { title, body } = reminderText(routine, (options.data as string[] | undefined) ?? state?.data);
  const notifier = notifierFor(context.platform, title, body);
  if (options.dryRun) {
    print(['# would run:', commandText([notifier.program, ...notifier.args], context.platform)]);
    return 0;
  }
  if (!onPath(notifier.program, env, context.platform)) {
    print(`${title}. ${body}`);
    warn(`no ${notifier.program} on PATH to show this as a notification${notifier.program === 'notify-send' ? ' (Debian/Ubuntu: sudo apt install libnotify-bin)' : ''}`);
    return 1;
  }
  const r = spawnSync(notifier.program, notifier.args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) {
    print(`${title}. ${body}`);
    warn(`${notifier.program} could not show the notification${r.stderr ? `: ${r.stderr.trim().split('\n')[0]}` : ''}`);
    return 1;
  }
  return 0;
}
