// Reminders with no daemon of backex's own: the system's scheduler runs
// `backex remind notify` at the chosen times. This file is pure: the days and
// time typed, and for each scheduler exactly what files are written and what
// is run (so --dry-run prints it and tests compare it with golden text).
import { join } from 'node:path';
import { DAYS, type Day } from '../catalogue/schema.js';
import { UsageError } from '../errors.js';
import { shellWord } from '../shell.js';

export interface Time {
  hour: number;
  minute: number;
}

export const DAYS_ACCEPTED = 'days are mon, tue, wed, thu, fri, sat, sun, comma-separated (like mon,wed,fri), or daily, or weekdays';
export const TIME_ACCEPTED = 'the time is HH:MM on a 24-hour clock, like 07:30 or 18:45';

const FULL_NAMES: Record<string, Day> = { monday: 'mon', tuesday: 'tue', wednesday: 'wed', thursday: 'thu', friday: 'fri', saturday: 'sat', sunday: 'sun', tues: 'tue', thur: 'thu', thurs: 'thu' };

/** "mon,wed,fri", "Monday, Friday", "daily", "weekdays" -> days in week order; anything else is exit 2 saying what is accepted. */
export function parseDays(text: string): Day[] {
  const lower = text.trim().toLowerCase();
  if (lower === 'daily' || lower === 'every-day' || lower === 'everyday') return [...DAYS];
  if (lower === 'weekdays') return ['mon', 'tue', 'wed', 'thu', 'fri'];
  const words = lower.split(/[\s,]+/).filter(Boolean);
  const days = new Set<Day>();
  for (const word of words) {
    // Own keys only: a word like "__proto__" or "constructor" is not a day.
    const day = (DAYS as readonly string[]).includes(word) ? (word as Day) : Object.hasOwn(FULL_NAMES, word) ? FULL_NAMES[word] : undefined;
    if (!day) throw new UsageError(`'${word}' is not a day: ${DAYS_ACCEPTED}`);
    days.add(day);
  }
  if (days.size === 0) throw new UsageError(`no days given: ${DAYS_ACCEPTED}`);
  return DAYS.filter((d) => days.has(d));
}

/** "07:30", "7:30", "18:45" -> the time; "25:00", "7pm", "07:60" are exit 2 saying what is accepted. */
export function parseTime(text: string): Time {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const hour = match ? Number(match[1]) : NaN;
  const minute = match ? Number(match[2]) : NaN;
  if (!(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)) throw new UsageError(`'${text}' is not a time: ${TIME_ACCEPTED}`);
  return { hour, minute };
}

export const looksLikeTime = (text: string) => /^\d{1,2}:\d{2}$/.test(text.trim());

export const timeText = ({ hour, minute }: Time) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

export type Scheduler = 'systemd' | 'launchd' | 'schtasks' | 'cron';

/** Where backex runs, as far as reminders care: injected, so tests can be any platform. */
export interface ReminderContext {
  platform: NodeJS.Platform;
  /** The home folder and, on Linux, XDG_CONFIG_HOME when set. */
  home: string;
  xdgConfigHome?: string | undefined;
  uid: number;
  /** How to start backex: node and the bin file. */
  command: [node: string, bin: string];
  /** BACKEX_HOME to pass on, when set, so the reminder reads the same history. */
  backexHome?: string | undefined;
  /** Whether a systemd user session answers (Linux). */
  systemdUser: boolean;
}

export interface ReminderPlan {
  scheduler: Scheduler;
  /** Files written, each starting with MARKER (in its own comment syntax), so `remind off` knows them. */
  files: { path: string; content: string }[];
  /** Run, in order, after writing. */
  run: string[][];
  /** Run, in order, before removing the files (`remind off`). */
  undo: string[][];
  /** Without a scheduler backex can use: the crontab line to add by hand. */
  crontab?: string;
}

export const MARKER = 'Written by `backex remind set`; `backex remind off` removes it.';
export const UNIT = 'backex-reminder';
export const LAUNCHD_LABEL = 'org.backex.reminder';
export const TASK_NAME = 'backex reminder';

const SYSTEMD_DAYS: Record<Day, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
/** launchd and cron count Sunday as 0. */
const DAY_NUMBER: Record<Day, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

export function schedulerFor(context: ReminderContext): Scheduler {
  if (context.platform === 'darwin') return 'launchd';
  if (context.platform === 'win32') return 'schtasks';
  return context.systemdUser ? 'systemd' : 'cron';
}

/** A systemd command line word: quoted when it has spaces or quotes, % doubled (systemd expands %). */
function systemdWord(word: string): string {
  const escaped = word.replace(/%/g, '%%');
  return /[\s"'\\]/.test(escaped) ? `"${escaped.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : escaped;
}

/** A Windows command-line word (for schtasks /TR): quoted when it has spaces. */
function windowsWord(word: string): string {
  return /[\s"]/.test(word) ? `"${word.replace(/"/g, '\\"')}"` : word;
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function systemdUnitDir(context: ReminderContext): string {
  return join(context.xdgConfigHome || join(context.home, '.config'), 'systemd', 'user');
}

/** Exactly what `remind set` writes and runs for these days and time. */
export function reminderPlan(days: Day[], time: Time, context: ReminderContext): ReminderPlan {
  const notify = [...context.command, 'remind', 'notify'];
  const scheduler = schedulerFor(context);
  const hhmm = timeText(time);

  if (scheduler === 'systemd') {
    const dir = systemdUnitDir(context);
    const service = [
      `# ${MARKER}`,
      '[Unit]',
      'Description=backex: a reminder for your back exercises',
      '',
      '[Service]',
      'Type=oneshot',
      ...(context.backexHome ? [`Environment=${systemdWord(`BACKEX_HOME=${context.backexHome}`)}`] : []),
      `ExecStart=${notify.map(systemdWord).join(' ')}`,
      '',
    ].join('\n');
    const timer = [
      `# ${MARKER}`,
      '[Unit]',
      'Description=backex: when to remind you of your back exercises',
      '',
      '[Timer]',
      `OnCalendar=${days.map((d) => SYSTEMD_DAYS[d]).join(',')} *-*-* ${hhmm}:00`,
      // A reminder missed while the computer was off comes at the next start.
      'Persistent=true',
      `Unit=${UNIT}.service`,
      '',
      '[Install]',
      'WantedBy=timers.target',
      '',
    ].join('\n');
    return {
      scheduler,
      files: [
        { path: join(dir, `${UNIT}.service`), content: service },
        { path: join(dir, `${UNIT}.timer`), content: timer },
      ],
      run: [
        ['systemctl', '--user', 'daemon-reload'],
        ['systemctl', '--user', 'enable', '--now', `${UNIT}.timer`],
      ],
      undo: [
        ['systemctl', '--user', 'disable', '--now', `${UNIT}.timer`],
        ['systemctl', '--user', 'daemon-reload'],
      ],
    };
  }

  if (scheduler === 'launchd') {
    const path = join(context.home, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`);
    const intervals = days.map((d) => `    <dict><key>Weekday</key><integer>${DAY_NUMBER[d]}</integer><key>Hour</key><integer>${time.hour}</integer><key>Minute</key><integer>${time.minute}</integer></dict>`);
    const content = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
      `<!-- ${MARKER} -->`,
      '<plist version="1.0">',
      '<dict>',
      `  <key>Label</key><string>${LAUNCHD_LABEL}</string>`,
      '  <key>ProgramArguments</key>',
      '  <array>',
      ...notify.map((w) => `    <string>${xml(w)}</string>`),
      '  </array>',
      ...(context.backexHome ? ['  <key>EnvironmentVariables</key>', `  <dict><key>BACKEX_HOME</key><string>${xml(context.backexHome)}</string></dict>`] : []),
      '  <key>StartCalendarInterval</key>',
      '  <array>',
      ...intervals,
      '  </array>',
      '</dict>',
      '</plist>',
      '',
    ].join('\n');
    const domain = `gui/${context.uid}`;
    return { scheduler, files: [{ path, content }], run: [['launchctl', 'bootstrap', domain, path]], undo: [['launchctl', 'bootout', domain, path]] };
  }

  if (scheduler === 'schtasks') {
    const task = notify.map(windowsWord).join(' ');
    const create = ['schtasks', '/Create', '/TN', TASK_NAME, '/SC', 'WEEKLY', '/D', days.map((d) => d.toUpperCase()).join(','), '/ST', hhmm, '/TR', task, '/F'];
    return { scheduler, files: [], run: [create], undo: [['schtasks', '/Delete', '/TN', TASK_NAME, '/F']] };
  }

  const env = context.backexHome ? `BACKEX_HOME=${shellWord(context.backexHome)} ` : '';
  const crontab = `${time.minute} ${time.hour} * * ${days.map((d) => DAY_NUMBER[d]).join(',')} ${env}${notify.map(shellWord).join(' ')}`;
  return { scheduler, files: [], run: [], undo: [], crontab };
}

/** A command as it would be typed, for --dry-run and messages. */
export function commandText(command: string[], platform: NodeJS.Platform = 'linux'): string {
  return command.map(platform === 'win32' ? windowsWord : shellWord).join(' ');
}

/** Days for reminders from a programme's frequency. */
export function daysInWords(days: Day[]): string {
  if (days.length === 7) return 'every day';
  return days.length <= 1 ? (days[0] ?? '') : `${days.slice(0, -1).join(', ')} and ${days.at(-1)}`;
}
