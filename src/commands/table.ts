// Every command and option of backex, described once, as data: src/cli.ts builds
// the command line (and its help) from this table, and loads a command's module
// only when that command runs, so `list` never loads what `session` needs.
import type { SessionOutcome } from '../session/controller.js';
import { RATE_WPM } from '../voice/rate.js';

export interface OptionSpec {
  flags: string;
  description: string;
  /** Allowed values, checked by commander and listed in help. */
  choices?: readonly string[];
  /** Parse the value as a positive whole number. */
  integer?: boolean;
  /** With `integer`: the whole numbers accepted, both ends included (a value outside is a usage error naming them). */
  range?: { readonly min: number; readonly max: number };
  /** May be given more than once (values collected into a list). */
  repeatable?: boolean;
  /** A name that may be typed without quotes: the words up to the next option are joined with spaces. */
  words?: boolean;
}

export interface CommandSpec {
  name: string;
  /** e.g. "<exercise>" */
  args?: string;
  /** The words of the last argument are one name, typed without quotes (`show knee to chest`). */
  argWords?: boolean;
  summary: string;
  options: OptionSpec[];
  examples: [command: string, what: string][];
  load: () => Promise<CommandModule>;
}

/** What each module in src/commands/ exports. Returns the exit code (0 when omitted). */
export interface CommandModule {
  run(args: string[], options: Record<string, unknown>): Promise<number | void | SessionOutcome>;
}

const json = { flags: '--json', description: 'print JSON only, for scripts' };
const since = { flags: '--since <when>', description: 'only sessions since a date (2026-11-01) or a span (7d, 4w, 3m)' };
const includeDemo = { flags: '--include-demo', description: 'also count sessions run sped up with BACKEX_TIME_SCALE (demonstrations)' };
const categories = ['basics', 'stretch', 'core', 'ball'] as const;

export const GLOBAL_OPTIONS: OptionSpec[] = [
  { flags: '--data <file-or-folder>', description: 'also load exercises and routines from this JSON file, or every *.json in this folder (repeatable)', repeatable: true },
  { flags: '--no-color', description: 'no colour (also: NO_COLOR=1)' },
];

export const COMMANDS: CommandSpec[] = [
  {
    name: 'list',
    summary: 'list the exercises, grouped by category, with dose and time',
    options: [
      { flags: '--category <name>', description: 'only one category', choices: categories },
      { flags: '--stretch', description: 'only the stretches (#2-#6)' },
      { flags: '--core', description: 'only the core exercises (#7-#12)' },
      { flags: '--ball', description: 'only the stability ball exercises (#13-#17)' },
      { flags: '--equipment <kind>', description: 'only exercises needing no equipment, or a stability ball', choices: ['none', 'ball'] },
      { flags: '--routine <name>', description: 'the exercises of a routine, in order, with the dose it uses', words: true },
      json,
    ],
    examples: [
      ['backex list', 'every exercise'],
      ['backex list --core', 'the core exercises'],
      ['backex list --routine core', 'what `backex session --routine core` will do'],
      ['backex list --json', 'the catalogue as JSON'],
    ],
    load: () => import('./list.js'),
  },
  {
    name: 'show',
    args: '<exercise...>',
    argWords: true,
    summary: 'show one exercise in full: a moving figure, position, steps, dose, cautions',
    options: [
      json,
      { flags: '--svg', description: 'print the exercise\'s figure as an animated SVG picture, and nothing else' },
      { flags: '--no-figure', description: 'no figure above the text (for a terminal without braille characters)' },
    ],
    examples: [
      ['backex show bird-dog', 'by id'],
      ['backex show 9', 'by its number (1-17)'],
      ['backex show H', 'by its letter (A-P)'],
      ['backex show bird dog', 'by name, in any case (quotes are not needed)'],
      ['backex show bird-dog --svg > bird-dog.svg', 'the moving figure as a picture'],
    ],
    load: () => import('./show.js'),
  },
  {
    name: 'session',
    summary: 'do a routine now: counted aloud, with a pain check before each exercise',
    options: [
      { flags: '--stretch', description: 'the stretches (#2-#6)' },
      { flags: '--core', description: 'the core routine (#1, then #7-#12)' },
      { flags: '--ball', description: 'the stability ball exercises (#13-#17)' },
      { flags: '--all', description: 'all 17 exercises' },
      { flags: '--routine <name>', description: 'a routine by name (built-in or your own)', words: true },
      { flags: '--exercises <list>', description: 'these exercises, comma-separated (ids, numbers, letters or names)', words: true },
      { flags: '--dry-run', description: 'print the timeline of cues and the total time, then exit' },
      { flags: '--json', description: 'with --dry-run: the timeline as JSON' },
      { flags: '--no-voice', description: 'do not speak (the screen still shows every cue)' },
      { flags: '--voice <name>', description: 'the voice to speak with (backex voices lists them, clearest first)' },
      { flags: '--rate <wpm>', description: `speaking rate in words per minute, ${RATE_WPM.min} to ${RATE_WPM.max}`, integer: true, range: RATE_WPM },
      { flags: '--no-figure', description: 'no moving figure beside the count (for a terminal without braille characters)' },
      { flags: '--brief', description: 'teach each movement in short (the full steps stay on screen with ?); otherwise short only for exercises done earlier this week' },
      { flags: '--plain', description: 'one new line per cue, no redrawing or spinner: for screen readers and plain terminals (also when TERM=dumb)' },
    ],
    examples: [
      ['backex session --core', 'the core routine'],
      ['backex session --stretch --core', 'stretches, then core, in page order'],
      ['backex session --exercises bird-dog,11', 'just these'],
      ['backex session --core --dry-run', 'see every cue and the time, without starting'],
      ['BACKEX_TIME_SCALE=10 backex session --core', 'a fast demonstration'],
    ],
    load: () => import('./session.js'),
  },
  {
    name: 'plan',
    summary: "the programme's doses for today, the next step of each, and why",
    options: [{ flags: '--routine <name>', description: 'this routine (default: the one programme among your files)' }, json],
    examples: [
      ['backex plan', "today's doses of your programme, and what each next step waits for"],
      ['backex plan --routine my-programme --json', 'the same as JSON'],
    ],
    load: () => import('./plan.js'),
  },
  {
    name: 'remind',
    args: '<action> [when...]',
    summary: "reminders on your programme's days, by your system's own scheduler: set, status, off (notify is what the scheduler runs)",
    options: [
      { flags: '--routine <name>', description: 'the programme whose days and routine the reminder uses (default: the one programme among your files)' },
      { flags: '--dry-run', description: 'print exactly what would be written and run, and do nothing' },
    ],
    examples: [
      ['backex remind set mon,wed,fri 07:30', 'a reminder on those days at 07:30'],
      ['backex remind set 18:00', "on your programme's days (sessionsPerWeek or days)"],
      ['backex remind set mon,thu 07:30 --dry-run', 'see the files and commands first'],
      ['backex remind status', 'what is set'],
      ['backex remind off', 'remove every file it made'],
    ],
    load: () => import('./remind.js'),
  },
  {
    name: 'voices',
    summary: 'the voices found here, which one sessions use and why; --test says a sample',
    options: [
      { flags: '--test [name]', description: 'say "Rep three of ten. Hold for five. One, two, three." with the voice used, or this one' },
      json,
    ],
    examples: [
      ['backex voices', 'the voices, clearest first'],
      ['backex voices --test', 'hear the voice sessions use, before lying down'],
      ['backex voices --test flite-slt', 'hear another one'],
    ],
    load: () => import('./voices.js'),
  },
  {
    name: 'history',
    summary: 'your past sessions, newest first',
    options: [
      { flags: '--limit <n>', description: 'at most n sessions (default 20)', integer: true },
      since,
      json,
      { flags: '--include-demo', description: 'accepted for scripts: history always lists demonstrations, marked "demo"' },
    ],
    examples: [
      ['backex history', 'recent sessions'],
      ['backex history --since 4w', 'the last four weeks'],
      ['backex history --json', 'every session as JSON'],
    ],
    load: () => import('./history.js'),
  },
  {
    name: 'stats',
    summary: 'how regularly you exercise, and whether your pain is going down',
    options: [since, json, includeDemo],
    examples: [
      ['backex stats', 'adherence, completion and the pain trend'],
      ['backex stats --since 3m', 'the last three months'],
    ],
    load: () => import('./stats.js'),
  },
  {
    name: 'export',
    summary: 'every exercise done, one row each, for a spreadsheet or your physiotherapist',
    options: [
      { flags: '--format <format>', description: 'csv or json (default: json for an --output file named *.json, otherwise csv)', choices: ['csv', 'json'] },
      { flags: '--output <file>', description: 'write to this file instead of the screen (readable by you alone)' },
      { flags: '--force', description: 'with --output: replace the file if it already exists' },
      since,
      includeDemo,
    ],
    examples: [
      ['backex export --format csv --output backex.csv', 'a spreadsheet file'],
      ['backex export --output backex.csv --force', 'the same, replacing last time\'s file'],
      ['backex export --format json', 'JSON on stdout'],
    ],
    load: () => import('./export.js'),
  },
  {
    name: 'checkin',
    summary: 'the next-morning check-in: your pain this morning, and how the last session felt',
    options: [
      { flags: '--pain <n>', description: 'your pain this morning, 0 (none) to 10 (worst), without asking (for scripts)' },
      { flags: '--felt <how>', description: 'how the exercises felt yesterday', choices: ['better', 'same', 'worse'] },
    ],
    examples: [
      ['backex checkin', 'asks both questions'],
      ['backex checkin --pain 2 --felt same', 'the same, from a script'],
    ],
    load: () => import('./checkin.js'),
  },
  {
    name: 'report',
    summary: 'one HTML file for your physiotherapist: sessions, pain before, after and the next morning, notes',
    options: [
      { flags: '--output <file>', description: 'the file to write (default: backex-report-<today>.html in this folder); readable by you alone' },
      { flags: '--force', description: 'replace the file if it already exists' },
      since,
      includeDemo,
      { flags: '--routine <name>', description: 'the programme whose frequency to compare with (default: your one programme, if you have one)', words: true },
    ],
    examples: [
      ['backex report', 'all your sessions, into backex-report-<today>.html'],
      ['backex report --since 6w', 'the last six weeks'],
      ['backex report --since 2026-10-01 --output physio.html', 'since a date, into physio.html'],
      ['backex report --output physio.html --force', 'the same file again, replacing it'],
    ],
    load: () => import('./report.js'),
  },
];

/**
 * The command a command line runs, when nothing else can happen first: only
 * global options (and their values) before it. Then only that command need be
 * built (`list` starts about 1.5 ms sooner); help, the version, a slip or a
 * misspelt command get the whole program, for its help and suggestions.
 */
export function commandToRun(args: string[]): string | undefined {
  const flags = (withValue: boolean) => new Set(GLOBAL_OPTIONS.filter((o) => o.flags.includes('<') === withValue).flatMap((o) => o.flags.split(/[ ,]+/).filter((f) => f.startsWith('-'))));
  const takesValue = flags(true);
  const plain = flags(false);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (takesValue.has(arg)) i++;
    else if (arg.includes('=') && takesValue.has(arg.slice(0, arg.indexOf('=')))) continue;
    else if (!plain.has(arg)) return COMMANDS.some((c) => c.name === arg) ? arg : undefined;
  }
  return undefined;
}
