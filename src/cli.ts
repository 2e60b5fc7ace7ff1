// The entry point: builds the command line from the command table, loads the
// one command that runs, and is the only place that turns an outcome into an
// exit code (0 ok, 1 unexpected failure, 2 usage or data error, 130 interrupted).
import { closeSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { commandToRun, COMMANDS, GLOBAL_OPTIONS, type OptionSpec } from './commands/table.js';
import { DataError, EXIT, exitCodeOf, InterruptedError, UsageError, WriteFailed } from './errors.js';
import type { SessionOutcome } from './session/controller.js';
import { colour, colourLevel, setColourLevel } from './terminal/colour.js';
import { restoreTerminal, terminalGone } from './terminal/restore.js';
import { visibleLines } from './terminal/visible.js';

function toOption(spec: OptionSpec): Option {
  // A name may be typed without quotes (`--routine my programme`): the words up to the next option are one name.
  const option = new Option(spec.words ? spec.flags.replace(/>$/, '...>') : spec.flags, spec.description);
  if (spec.words) option.argParser((value: string, previous: string | undefined) => (previous === undefined ? value : `${previous} ${value}`));
  if (spec.choices) {
    const choices = spec.choices;
    option.choices(choices);
    // Not case-sensitive: `--category Core` is `--category core`.
    option.argParser((value: string) => {
      const lower = value.trim().toLowerCase();
      if (!choices.includes(lower)) throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')}.`);
      return lower;
    });
  }
  if (spec.integer) {
    const range = spec.range;
    option.argParser((value: string) => {
      const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      // A range is said whole, for a word and a number outside it alike: what is accepted, at once.
      if (range && !(number >= range.min && number <= range.max)) throw new InvalidArgumentError(`expected a whole number from ${range.min} to ${range.max}.`);
      if (!(number >= 1)) throw new InvalidArgumentError('expected a positive whole number.');
      return number;
    });
  }
  if (spec.repeatable) option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
  return option;
}

function examplesText(examples: [string, string][]): string {
  const width = Math.max(...examples.map(([c]) => c.length));
  return `\nExamples:\n${examples.map(([c, what]) => `  $ ${c.padEnd(width)}   ${what}`).join('\n')}\n`;
}

function buildProgram(setExitCode: (code: number) => void, only?: string): Command {
  const program = new Command('backex')
    .description('An exercise coach for low back pain: counts every hold and rep aloud and checks your pain before each exercise.\nIf anything hurts, stop. backex does not replace a physician or physiotherapist.')
    .version(pkg.version, '-V, --version', 'print the version (also -v)')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .showSuggestionAfterError()
    // Each command's help lists the options every command takes (--data, --no-color) too.
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError(`(the commands are ${COMMANDS.map((c) => c.name).join(', ')}; backex --help shows them with examples)`)
    // Every message starts "backex: ", commander's own ("error: ...") included; commands inherit this.
    // What the user typed is echoed back made visible: an escape sequence in an argument never reaches the terminal.
    .configureOutput({ outputError: (message, write) => write(visibleLines(message.replace(/^error: /, 'backex: '))) })
    .exitOverride();
  // commander takes one short flag for the version; people also type -v.
  program.addOption(new Option('-v').hideHelp()).on('option:v', () => {
    process.stdout.write(`${pkg.version}\n`);
    throw new CommanderError(EXIT.ok, 'commander.version', pkg.version);
  });
  for (const spec of GLOBAL_OPTIONS) program.addOption(toOption(spec));
  program.addHelpText('after', examplesText([
    ['backex list', 'the 17 exercises'],
    ['backex show bird-dog', 'one exercise in full'],
    ['backex session --core', 'do the core routine now'],
    ['backex stats', 'is your pain going down?'],
  ]));

  for (const spec of COMMANDS) {
    if (only !== undefined && spec.name !== only) continue;
    const command = program
      .command(spec.args ? `${spec.name} ${spec.args}` : spec.name)
      .description(spec.summary)
      .helpOption('-h, --help', 'show help')
      .addHelpText('after', examplesText(spec.examples))
      .showHelpAfterError(`(backex ${spec.name} --help shows the options and examples)`)
      .exitOverride();
    for (const option of spec.options) command.addOption(toOption(option));
    command.action(async (...params: unknown[]) => {
      const options = command.optsWithGlobals();
      await setColourLevel(colourLevel({ env: process.env, isTTY: Boolean(process.stdout.isTTY), flag: options.color as boolean | undefined }));
      // `show knee to chest`: the words of a name typed without quotes are one name.
      const args = params.slice(0, command.registeredArguments.length).map((a) => (spec.argWords && Array.isArray(a) ? a.join(' ') : a)) as string[];
      const module = await spec.load();
      const result = await module.run(args, options);
      if (typeof result === 'object') {
        const code = sessionExitCode(result);
        if (result.immediate || result.terminalGone) exitNow(code, Boolean(result.terminalGone));
        setExitCode(code);
      } else {
        setExitCode(result ?? EXIT.ok);
      }
    });
  }
  return program;
}

/** Exit codes for each way a session can end (README: Exit codes): the shell's 128 + signal number for a signal. */
const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGQUIT: 131, SIGTERM: 143 } as const;

function sessionExitCode(outcome: SessionOutcome): number {
  if (outcome.kind === 'not-started') return outcome.by === 'q' ? EXIT.ok : outcome.by === 'ctrl-c' ? EXIT.interrupted : SIGNAL_EXIT[outcome.by];
  if (outcome.signal) return SIGNAL_EXIT[outcome.signal];
  return outcome.result.status === 'finished' || outcome.result.status === 'pain-stop' ? EXIT.ok : EXIT.interrupted;
}

/**
 * Leaves at once, for a second signal or a terminal that has gone away. With the
 * terminal gone, Node 20's own reset of it at exit aborts (nodejs/node#51519,
 * fixed in later versions): stdio is closed first, so that reset finds nothing to do.
 */
function exitNow(code: number, terminalGone: boolean): never {
  if (terminalGone) {
    for (const fd of [0, 1, 2]) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
  }
  process.exit(code);
}

function report(error: unknown): number {
  const red = colour().red;
  if (error instanceof CommanderError) {
    // commander has already printed its message (or the help, or the version).
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof DataError) {
    // Messages quote ids, names and lines from files and the command line: shown, never obeyed (see visible.ts).
    process.stderr.write(error.problems.map((p) => `${red('backex:')} ${visibleLines(p)}\n`).join(''));
  } else if (error instanceof UsageError || error instanceof InterruptedError || error instanceof WriteFailed) {
    if (error.message) process.stderr.write(`${red('backex:')} ${visibleLines(error.message)}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${red('backex: something went wrong:')} ${visibleLines(message)}\n`);
    if (process.env.BACKEX_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write('(run again with BACKEX_DEBUG=1 to see the details, and please report it)\n');
  }
  return exitCodeOf(error);
}

/**
 * `backex help foo` is the same slip as `backex foo`: parsed as that, commander
 * says "unknown command 'foo'" with a suggestion, instead of printing all the help.
 */
function helpForUnknownIsUnknown(program: Command, argv: string[]): string[] {
  const [, , first, second] = argv;
  const known = (name: string) => program.commands.some((c) => c.name() === name || c.aliases().includes(name));
  if (first === 'help' && second !== undefined && !second.startsWith('-') && !known(second)) return [argv[0]!, argv[1]!, ...argv.slice(3)];
  return argv;
}

/**
 * Runs one command line and gives back its exit code; installs nothing on the
 * process, so tests can call it in-process (test/support/backex.ts), many times.
 */
export async function run(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram((c) => (code = c), commandToRun(argv.slice(2)));
  try {
    if (argv.length <= 2) {
      program.outputHelp();
    } else {
      await program.parseAsync(helpForUnknownIsUnknown(program, argv));
    }
  } catch (error) {
    code = report(error);
  }
  return code;
}

/** The installed command (bin/backex.js): `run`, plus what only a whole process needs. */
export async function main(argv: string[]): Promise<void> {
  // `backex list | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  });
  // An error thrown from a timer or a child process's event, outside any await: still a
  // clear message and exit 1, never a stack trace, and the terminal given back first.
  const crash = (error: unknown) => {
    // The terminal went away (the session has saved itself as interrupted): leave as on a hang-up, quietly.
    if (terminalGone()) exitNow(SIGNAL_EXIT.SIGHUP, true);
    restoreTerminal();
    process.exit(report(error));
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  process.exitCode = await run(argv);
}
