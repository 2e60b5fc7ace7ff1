// The session on a real terminal: the ports of src/engine/session.ts made of
// @inquirer/prompts (pain checks), raw keys (during the timer), the in-place
// screen, ora's spinner frames, the speaker, the history file and the trace.
// Whatever ends the session, restoreTerminal() gives the terminal back.
import { input, select } from '@inquirer/prompts';
import ora from 'ora';
import type { Selection } from '../commands/session.js';
import { planLines, summaryLines } from '../commands/session.js';
import { realClock } from '../engine/clock.js';
import { briefOf, type PainDecision, type SessionOverview, type SessionStatus } from '../engine/record.js';
import type { ExerciseRunner, RunnerEvent } from '../engine/runner.js';
import { runSession, type SessionControl, type SessionPorts } from '../engine/session.js';
import { sessionDoneCue, sessionDurationMs, type ExerciseTimeline } from '../engine/timeline.js';
import { parsePainAnswer } from '../engine/pain.js';
import { readOverviews } from '../history/read.js';
import { summaryLine } from '../history/stats.js';
import { openHistory } from '../history/store.js';
import { openTrace } from '../trace.js';
import { createSpeaker } from '../voice/speaker.js';
import { colour } from './colour.js';
import { TerminalInput, type Key } from './keys.js';
import { onRestore, restoreTerminal } from './restore.js';
import { promptTheme } from './prompt-theme.js';
import { renderScreen, Screen, type ScreenState } from './screen.js';
import { fitLines, outputWidth, prepareUnicode } from './width.js';

/** Exit codes for each way a session can end (README: Exit codes). */
const EXIT_FOR: Record<SessionStatus, number> = { finished: 0, 'pain-stop': 0, quit: 130, interrupted: 130 };
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/** How a pain question or hint sounds: "0 (none)" read aloud would be odd. */
function spoken(text: string): string {
  return text
    .replace(/\b0\b/g, 'zero')
    .replace(/\b10\b/g, 'ten')
    .replace(/ \(([^)]*)\)/g, ', $1,')
    .replace(/,([?.;,])/g, '$1');
}

export async function runInTerminal(selection: Selection, timelines: ExerciseTimeline[], context: { scale: number; options: Record<string, unknown>; env: NodeJS.ProcessEnv }): Promise<number> {
  const { scale, options, env } = context;
  await prepareUnicode();
  const c = colour();
  const clock = realClock;
  const origin = clock.now();
  const trace = openTrace(env.BACKEX_TRACE, () => origin, () => clock.now());
  const notices: string[] = [];
  const notice = (message: string) => {
    notices.push(message);
    // Also kept on the session screen, which would otherwise draw over it.
    process.stderr.write(`${c.yellow(message)}\n`);
  };

  const voiceOption = options.voice;
  const speaker = await createSpeaker({
    enabled: voiceOption !== false,
    ...(typeof voiceOption === 'string' && { voice: voiceOption }),
    ...(typeof options.rate === 'number' && { rate: options.rate }),
    trace: ({ event, ...fields }) => trace(String(event), fields),
    notice,
  });
  onRestore(() => speaker.closeSync());
  const history = openHistory({ env, warn: notice });
  onRestore(() => history.close());
  const keys = new TerminalInput();
  const screen = new Screen();
  // ora only supplies the spinner's frames, drawn inside our screen: started, it would hook
  // process.stdout.write, take stdin over (discardStdin, which turns Ctrl-C into a real
  // SIGINT) and colour with its own chalk, which ignores NO_COLOR.
  const spinner = ora({ spinner: 'dots', color: false, isEnabled: false, discardStdin: false });

  /** A sentence between exercises, said now. */
  const say = (text: string) => speaker.say(text, { due: clock.now(), kind: 'sentence' });
  /**
   * Waits, at the time scale, for a sentence to be heard to its end before anything
   * else is said or the session moves on: the time to read it, and with a voice,
   * until it has finished sounding (stop advice runs to 15 s; it must not be cut).
   */
  const pauseFor = async (text: string) => {
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms / scale));
    const readMs = 600 + text.split(/\s+/).length * 400;
    if (speaker.engine === 'none') return sleep(Math.min(readMs, 20_000));
    await sleep(Math.min(readMs, 1000));
    // Not scaled: BACKEX_TIME_SCALE speeds the timer, not the voice.
    await speaker.quiet(30_000);
  };

  const control: SessionControl = { endRequested: null, runner: null };
  let promptAbort: AbortController | null = null;
  let finishPlay: (() => void) | null = null;
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      // A second signal: leave at once, terminal restored by the exit handler.
      process.exit(SIGNAL_EXIT[signal] ?? 130);
    }
    signalled = true;
    trace('key', { key: signal });
    control.endRequested = signal === 'SIGINT' ? 'quit' : 'interrupted';
    process.exitCode = SIGNAL_EXIT[signal] ?? 130;
    promptAbort?.abort();
    control.runner?.end();
    finishPlay?.();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);

  try {
    // The plan and the safety rules, then Enter to start.
    process.stdout.write('\x1b[2J\x1b[H');
    process.stdout.write(`${fitLines(planLines(selection, timelines), outputWidth()).join('\n')}\n`);
    for (const n of notices) process.stdout.write(`\n${fitLines([`  ${c.yellow(n)}`], outputWidth()).join('\n')}\n`);
    // The safety rules are on screen; someone on the mat hears the two that matter most.
    say('Remember: stop if anything hurts, and keep breathing. Press Enter to start.');
    const start = await new Promise<'start' | 'leave' | 'interrupt'>((resolve) => {
      keys.listen((key) => {
        if (key === 'enter') resolve('start');
        else if (key === 'q' || key === 'escape') resolve('leave');
        else if (key === 'ctrl-c') resolve('interrupt');
      });
      finishPlay = () => resolve('interrupt');
    });
    keys.detach();
    finishPlay = null;
    if (start !== 'start') {
      process.stdout.write('\nNo session today. Take care.\n');
      return start === 'leave' ? 0 : signalled ? ((process.exitCode as number) ?? 130) : 130;
    }

    /** Exercise time played so far (a skipped exercise counts what was done), and where the current one was last drawn. */
    let playedMs = 0;
    let lastPosition = 0;
    /** Planned time of the exercises after the current one. */
    let laterMs = 0;
    let state: ScreenState | null = null;

    const draw = () => {
      if (!state || !control.runner) return;
      const runner = control.runner;
      const position = runner.position();
      // Exercise time spent: it keeps counting up when b goes back to the start.
      if (position > lastPosition) playedMs += position - lastPosition;
      lastPosition = position;
      state.elapsedMs = playedMs;
      state.remainingMs = Math.max(0, runner.timeline.durationMs - position) + laterMs;
      state.paused = runner.paused;
      state.rangeOpen = runner.rangeOpen;
      state.warning = notices.at(-1);
      state.spinner = !runner.paused && (state.phase === 'ready' || state.phase === 'rest' || state.phase === 'switch') ? c.cyan(spinner.frame().trim()) : undefined;
      screen.draw(renderScreen(state, screen.width, c, screen.height));
    };

    /** One prompt with stdin handed over; Ctrl-C or a signal at the prompt ends the session (null). */
    const ask = async <T>(name: string, prompt: (stdin: NodeJS.ReadStream, signal: AbortSignal) => Promise<T>): Promise<T | null> => {
      trace('prompt', { name });
      promptAbort = new AbortController();
      const signal = promptAbort.signal;
      try {
        const value = await keys.handOver((stdin) => prompt(stdin, signal));
        trace('answer', { name, value });
        return value;
      } catch {
        control.endRequested ??= 'quit';
        process.exitCode ??= 130;
        return null;
      } finally {
        promptAbort = null;
      }
    };

    const ports: SessionPorts = {
      clock,
      scale,
      voice: { leadMs: speaker.leadMs, say: (text, o) => speaker.say(text, o), hush: () => speaker.hush() },
      now: () => new Date(),
      trace,
      history,
      async askPain(question, last, next) {
        if (control.endRequested) return null;
        process.stdout.write('\x1b[2J\x1b[H');
        if (next) {
          process.stdout.write(`${fitLines([`${c.bold(`Next: ${next.name}`)} ${c.dim(`(exercise ${next.index + 1} of ${next.of})`)}`, ...(next.position ? [c.dim(next.position)] : [])], outputWidth()).join('\n')}\n\n`);
        }
        // The page was just cleared: keep the latest warning (speech stopped, not saved) in view.
        const warning = notices.at(-1);
        if (warning) process.stdout.write(`${fitLines([c.yellow(warning)], outputWidth()).join('\n')}\n\n`);
        say(next ? `Next: ${next.name}. ${spoken(question)}` : spoken(question));
        const answer = await ask('pain', (stdin, signal) =>
          input(
            {
              message: question,
              ...(last !== null && { default: String(last) }),
              // A refused answer is cleared, so the next try is typed afresh, without looking.
              theme: { ...promptTheme(), validationFailureMode: 'clear' },
              validate: (text) => {
                const parsed = parsePainAnswer(text, last);
                if (parsed.ok) return true;
                // Refused aloud too: the user may not be looking at the screen.
                say(spoken(parsed.hint));
                return parsed.hint;
              },
            },
            { input: stdin, output: process.stdout, signal },
          ).then((text) => {
            const parsed = parsePainAnswer(text, last);
            return parsed.ok ? parsed.value : null;
          }),
        );
        return answer;
      },
      async askDecision(message) {
        process.stdout.write(`\n${fitLines([c.yellow(message)], outputWidth()).join('\n')}\n`);
        say(`${message} Type 1 to skip this exercise, 2 to do it anyway, or 3 to end the session. Enter alone skips it.`);
        return ask('pain-choice', (stdin, signal) =>
          select<PainDecision>(
            {
              message: 'What would you like to do? (type 1, 2 or 3, then Enter)',
              default: 'skip',
              theme: promptTheme(),
              choices: [
                { name: '1. Skip this exercise (recommended: when in doubt, skip it)', value: 'skip' },
                { name: '2. Do it anyway, gently', value: 'do-anyway' },
                { name: '3. End the session', value: 'end' },
              ],
            },
            { input: stdin, output: process.stdout, signal },
          ),
        );
      },
      async announce(message) {
        process.stdout.write(`\n${fitLines([c.yellow.bold(message)], outputWidth()).join('\n')}\n`);
        say(message);
        await pauseFor(message);
      },
      onRunnerEvent(event: RunnerEvent, runner: ExerciseRunner) {
        switch (event.type) {
          case 'say':
            speaker.say(event.cue.say!, { due: event.due, kind: event.cue.speech ?? 'sentence' });
            return;
          case 'cue': {
            trace('tick', { due: Math.round((event.due - origin) * 10) / 10 });
            trace('cue', { text: event.cue.text });
            const cue = event.cue;
            if (state) {
              state.phase = cue.phase;
              state.cueText = cue.text;
              state.count = cue.count;
              if (cue.side !== undefined && runner.timeline.sideNames) state.sideName = runner.timeline.sideNames[cue.side];
              // Before the first rep (the start, or b for "again") there is no rep or side to show.
              if (cue.phase === 'intro' || cue.phase === 'ready') {
                state.repLabel = undefined;
                state.sideName = undefined;
              }
              if (cue.rep !== undefined) state.repLabel = `Rep ${cue.rep} of ${runner.timeline.repsMax > runner.timeline.repsMin ? `${runner.timeline.repsMin}-${runner.timeline.repsMax}` : runner.timeline.repsMax}`;
            }
            draw();
            return;
          }
          case 'pause':
            speaker.hush();
            trace('pause');
            say('Paused. Press space to carry on.');
            draw();
            return;
          case 'resume':
            trace('resume');
            draw();
            return;
          case 'restart':
            trace('restart');
            return;
          case 'end':
            return;
        }
      },
      play(runner) {
        const timeline = runner.timeline;
        state = {
          index: timeline.index,
          of: timeline.of,
          name: timeline.name,
          ...(timeline.position && { position: timeline.position }),
          phase: 'intro',
          cueText: '',
          elapsedMs: 0,
          remainingMs: 0,
          paused: false,
          showKeys: false,
          rangeOpen: false,
        };
        laterMs = sessionDurationMs(timelines.slice(timeline.index + 1));
        screen.begin();
        draw();
        let confirming = false;
        // Paused by the user before q: "carry on" leaves it paused, as it was.
        let pausedBeforeConfirm = false;
        const onKey = (key: Key) => {
          trace('key', { key });
          if (!state) return;
          if (confirming) {
            confirming = false;
            state.notice = undefined;
            if (key === 'y' || key === 'ctrl-c') {
              control.endRequested = 'quit';
              runner.end();
            } else if (!pausedBeforeConfirm) {
              runner.resume();
            }
            draw();
            return;
          }
          switch (key) {
            case 'space':
              if (runner.paused) runner.resume();
              else runner.pause();
              break;
            case 's':
              trace('skip');
              runner.skip();
              break;
            case 'b':
              runner.restart();
              break;
            case 'p':
              trace('skip', { reason: 'pain' });
              speaker.hush();
              runner.painStop();
              break;
            case 'enter':
              // Too early (or paused): say why nothing happened, rather than ignore the key.
              if (!runner.endRange() && timeline.repsMax > timeline.repsMin) {
                state.notice = runner.paused ? 'Paused: press space to carry on first.' : `Enter ends this exercise once ${timeline.repsMin} reps are done.`;
                setTimeout(() => {
                  if (state && !confirming) state.notice = undefined;
                }, 3000).unref();
              }
              break;
            case 'q':
            case 'ctrl-c':
              confirming = true;
              pausedBeforeConfirm = runner.paused;
              runner.pause();
              state.notice = 'End the session now? Press y to end it, or any other key to carry on. (Ctrl-C again ends at once.)';
              speaker.hush();
              say('End the session? Press y to end, or any other key to carry on.');
              break;
            case '?':
              state.showKeys = !state.showKeys;
              break;
            default:
              break;
          }
          draw();
        };
        keys.listen(onKey);
        // Redraws the clock and ora's spinner between cues; the cues themselves redraw at once.
        const animation = setInterval(draw, 100);
        return new Promise<void>((resolve) => {
          const finish = () => {
            if (runner.position() > lastPosition) playedMs += runner.position() - lastPosition;
            lastPosition = 0;
            clearInterval(animation);
            keys.detach();
            state = null;
            finishPlay = null;
            resolve();
          };
          finishPlay = () => runner.end();
          void runner.outcome.then(finish);
        });
      },
    };

    const result = await runSession(timelines, selection.label, ports, control);
    screen.end();
    let saved: SessionOverview[] = [];
    try {
      saved = readOverviews({ env, warn: () => {} });
    } catch {
      // Unreadable history: the summary line counts this session alone.
    }
    // Not saved (disk full, no permission): this session still counts in its own summary.
    const current = { startedAt: result.startedAt, status: result.status, painStart: result.painStart, exercises: result.records.map(briefOf) };
    const line = summaryLine(saved.some((s) => s.sessionId === result.sessionId) ? saved : [current, ...saved], new Date());
    process.stdout.write(`${fitLines(summaryLines(result, line, scale, history.problem), outputWidth()).join('\n')}\n`);
    // The engine has just said the closing words: let them be heard before speech is stopped.
    if (result.status === 'finished' && !signalled) await pauseFor(sessionDoneCue(0).say!);
    return signalled ? ((process.exitCode as number) ?? 130) : EXIT_FOR[result.status];
  } finally {
    for (const s of signals) process.off(s, onSignal);
    keys.release();
    await speaker.close();
    restoreTerminal();
  }
}
