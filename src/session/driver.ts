// The session on a real terminal: performs the pure controller's effects with
// @inquirer/prompts (pain checks; plain lines with --plain), raw keys (the first screen and the timer),
// the in-place screen, ora's spinner frames, the speaker, the history file, the
// trace and one timer, and turns what happens into the controller's events.
// Whatever ends the session, the terminal is given back (restoreTerminal), and
// a terminal that has gone away (hang-up, input closed) is never written to.
import { input, select } from '@inquirer/prompts';
import ora from 'ora';
import { realClock, type Clock } from '../engine/clock.js';
import { rulesInWords, rulesOfAll } from '../engine/pain.js';
import { weekStart } from '../history/stats.js';
import { checkinDue, recordCheckin } from '../history/checkin.js';
import { sessionIntro } from '../programme/programme.js';
import { briefOf, type PainDecision, type SessionOverview } from '../engine/record.js';
import { sessionDoneCue } from '../engine/timeline.js';
import { figureFrame, phaseProgress, phaseWindow } from '../figure/frame.js';
import { readOverviews } from '../history/read.js';
import { summaryLine } from '../history/stats.js';
import { openHistory } from '../history/store.js';
import { openTrace } from '../trace.js';
import { createSpeaker } from '../voice/speaker.js';
import { colour } from '../terminal/colour.js';
import { TerminalInput, type Key } from '../terminal/keys.js';
import { askLine } from '../terminal/line-prompt.js';
import { markTerminalGone, onRestore, restoreTerminal } from '../terminal/restore.js';
import { promptTheme } from '../terminal/prompt-theme.js';
import { KEYS_LONG, renderScreen, Screen } from '../terminal/screen.js';
import { fitLines, outputWidth, prepareUnicode } from '../terminal/width.js';
import { initialState, type AskSpec, type Effect, type EndSignal, type SessionEvent, type SessionOutcome } from './controller.js';
import { DECISION_CHOICES, DECISION_MESSAGE, judgeAnswer } from './answers.js';
import { SessionLoop } from './loop.js';
import { expectedSession, sessionPhrases, timedSession } from './timing.js';
import type { Selection } from './select.js';
import { plainLine, playScreen } from './view.js';
import { planLines, spoken, summaryLines } from './words.js';

const SIGNALS: EndSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

export interface DriverContext {
  scale: number;
  options: Record<string, unknown>;
  env: NodeJS.ProcessEnv;
}

export async function runInTerminal(selection: Selection, context: DriverContext): Promise<SessionOutcome> {
  const { scale, options, env } = context;
  await prepareUnicode();
  const c = colour();
  const clock: Clock = realClock;
  const origin = clock.now();
  const trace = openTrace(env.BACKEX_TRACE, () => origin, () => clock.now());
  const stdout = process.stdout;
  /** Set when the terminal has gone away: nothing more is written to it. */
  let gone = false;
  const write = (text: string) => {
    if (gone) return;
    try {
      stdout.write(text);
    } catch (error) {
      if (isGoneError(error)) hangUp();
      else throw error;
    }
  };

  /** --plain (or TERM=dumb): every cue a new line, no cursor movement, no redraws, no spinner. */
  const plain = Boolean(options.plain) || env.TERM === 'dumb';
  let dispatch: ((event: SessionEvent) => void) | null = null;
  // Warnings from the adapters become events: the controller keeps the latest in view.
  const pendingWarnings: string[] = [];
  const notices: string[] = [];
  const notice = (message: string) => {
    notices.push(message);
    if (dispatch) dispatch({ type: 'warning', message, now: clock.now() });
    else pendingWarnings.push(message);
    // Also said on stderr, which the session screen does not draw over: wrapped at spaces, as the screen is.
    // --plain clears nothing, so a warning is written once: one that comes before the first screen is on it.
    if (!gone && !(plain && !dispatch)) process.stderr.write(`${fitLines([c.yellow(message)], outputWidth(process.stderr)).join('\n')}\n`);
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
  // Each slot as long as its phrase takes to say with this voice: measured from the renders
  // (cached from earlier sessions, and rendered ahead from now on), estimated until then.
  // Taught briefly with --brief, or for an exercise already done this week.
  // The history as it was before this session, read once: for the brief teaching and the check-in.
  const past = pastSessions(env);
  const doneThisWeek = exercisesDoneThisWeek(past);
  const brief = options.brief ? true : (id: string) => doneThisWeek.has(id);
  const build = () => timedSession(selection.planned, (text) => speaker.spokenMs(text), brief);
  const timelines = build();
  // Every phrase of the plan rendered ahead, in the order it is said.
  void speaker.prepare(sessionPhrases(timelines));
  const history = openHistory({ env, warn: notice });
  onRestore(() => history.close());
  const keys = new TerminalInput();
  const screen = new Screen();
  // ora only supplies the spinner's frames, drawn inside our screen: started, it would hook
  // process.stdout.write, take stdin over (discardStdin, which turns Ctrl-C into a real
  // SIGINT) and colour with its own chalk, which ignores NO_COLOR.
  // --plain has none at all (not even one kept stopped): nothing there may draw one.
  const spinner = plain ? null : ora({ spinner: 'dots', color: false, isEnabled: false, discardStdin: false });

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

  let finished!: (outcome: SessionOutcome) => void;
  const ended = new Promise<SessionOutcome>((resolve) => (finished = resolve));
  let outcome: SessionOutcome | null = null;
  let animation: ReturnType<typeof setInterval> | undefined;
  let promptAbort: AbortController | null = null;

  // The moving figure beside the count (not with --plain or --no-figure): it follows the timeline,
  // into the pose as a rep starts, still while holding, back on the release, on the side being worked.
  const figure = options.figure !== false;
  const figureOf = (index: number, at: number): string[] => {
    const planned = selection.planned[index];
    const timeline = loop.state.config.timelines[index];
    if (!planned || !timeline) return [];
    const exercise = { ...planned.exercise, dose: planned.dose };
    const window = phaseWindow(timeline.cues, timeline.durationMs, at);
    return window ? figureFrame(exercise, window.phase, window.side, phaseProgress(exercise, window.phase, at - window.startAt, window.endAt - window.startAt)) : [];
  };
  let lastPlain: string | null = null;
  const draw = () => {
    if (gone) return;
    if (plain) {
      const view = playScreen(loop.state, clock.now());
      const line = view && plainLine(view, lastPlain);
      if (line) write(`${fit([line])}\n`);
      if (line) lastPlain = line;
      return;
    }
    const view = playScreen(loop.state, clock.now(), spinner ? c.cyan(spinner.frame().trim()) : undefined, figure ? figureOf : undefined);
    if (view) screen.draw(renderScreen(view, screen.width, c, screen.height));
  };
  const fit = (lines: string[]) => fitLines(lines, outputWidth()).join('\n');

  const onKey = (key: Key) => dispatch!({ type: 'key', key, now: clock.now() });

  /** Set while a plain prompt is open: Ctrl-C there, a SIGINT in cooked mode, answers it as Ctrl-C at @inquirer's does (no answer). */
  let plainInterrupt: AbortController | null = null;
  /** --plain: the question as new lines, the answer read as a line (askLine): nothing redrawn or erased. */
  const plainPrompt = (stdin: NodeJS.ReadStream, spec: AskSpec, signal: AbortSignal, refused: (hint: string) => void) => {
    const lines =
      spec.kind === 'decision'
        ? [DECISION_MESSAGE, ...DECISION_CHOICES.map((choice) => choice.name)]
        : spec.kind === 'pain' && spec.last !== null
        ? [`${spec.question} (Enter alone keeps ${spec.last})`]
        : [spec.question];
    const interrupt = (plainInterrupt = new AbortController());
    return askLine(stdin, { lines, judge: (text) => judgeAnswer(spec, text), refused }, { write, fit, signal, interrupt: interrupt.signal }).finally(() => {
      if (plainInterrupt === interrupt) plainInterrupt = null;
    });
  };

  const ask = (spec: AskSpec) => {
    const name = spec.kind === 'decision' ? 'pain-choice' : spec.kind;
    trace('prompt', { name });
    promptAbort = new AbortController();
    const signal = promptAbort.signal;
    const io = { output: stdout, signal };
    // A refused answer is said too: the user may not be looking at the screen.
    const refuse = (hint: string) => speaker.say(spoken(hint), { due: clock.now(), kind: 'sentence' });
    // The one rule for what an answer means (answers.ts), for both ways of asking.
    const validate = (text: string) => {
      const judged = judgeAnswer(spec, text);
      if (judged.ok) return true;
      refuse(judged.hint);
      return judged.hint;
    };
    const valueOf = (text: string) => {
      const judged = judgeAnswer(spec, text);
      return judged.ok ? judged.value : null;
    };
    const prompt = (stdin: NodeJS.ReadStream): Promise<number | PainDecision | string | null> =>
      plain
        ? plainPrompt(stdin, spec, signal, refuse)
        : spec.kind === 'checkin'
        ? input({ message: spec.question, theme: { ...promptTheme(), validationFailureMode: 'clear' }, validate }, { input: stdin, ...io }).then(valueOf)
        : spec.kind === 'note'
        ? input({ message: spec.question, theme: promptTheme() }, { input: stdin, ...io }).then(valueOf)
        : spec.kind === 'pain'
        ? input(
            {
              message: spec.question,
              ...(spec.last !== null && { default: String(spec.last) }),
              // A refused answer is cleared, so the next try is typed afresh, without looking.
              theme: { ...promptTheme(), validationFailureMode: 'clear' },
              validate,
            },
            { input: stdin, ...io },
          ).then(valueOf)
        : select<PainDecision>(
            { message: DECISION_MESSAGE, default: 'skip', theme: promptTheme(), choices: DECISION_CHOICES.map((c) => ({ ...c })) },
            { input: stdin, ...io },
          );
    listening = false;
    keys
      .handOver(prompt)
      .then(
        (value) => value,
        (error: unknown) => {
          // The terminal went away under the prompt (setRawMode EIO): a hang-up, not a Ctrl-C.
          if (isGoneError(error)) hangUp();
          return null; // Ctrl-C at the prompt (or the prompt aborted)
        },
      )
      .then((value) => {
        if (signal.aborted || outcome || gone) return;
        promptAbort = null;
        trace('answer', { name, value });
        // Rendering went on while the question was asked: the next exercise timed with what is measured now.
        if (spec.kind === 'pain') dispatch!({ type: 'retime', timelines: build(), now: clock.now() });
        dispatch!({ type: 'answer', ask: spec.kind, value, now: clock.now() });
      });
  };

  const perform = (effect: Effect) => {
    switch (effect.type) {
      case 'page': {
        // A plain page clears nothing: what it would show again is still just above.
        const lines = [...effect.lines, ...(plain ? [] : effect.again ?? [])].map((l, i) => (i === 0 && loop.state.stage.kind === 'pain' ? c.bold(l) : l));
        // The latest warning as it is now: the write that failed may be this very moment's.
        // (Not again on a plain page: it was written once as it came, and stays above.)
        const warning = effect.warning && !plain && notices.at(-1);
        if (warning) lines.push(c.yellow(warning), '');
        write(`${plain ? '\n' : '\x1b[2J\x1b[H'}${lines.length ? `${fit(lines)}\n` : ''}`);
        return;
      }
      case 'print':
        write(`${fit(effect.lines.map((l) => (effect.tone === 'warning' && l ? c.yellow.bold(l) : l)))}\n`);
        return;
      case 'help':
        // The in-place screen draws them from the view; --plain prints them as new lines, once per press.
        if (plain) write(`${fit(['How to do it', ...effect.teach.map((step) => `  ${step}`), 'Keys', ...KEYS_LONG])}\n`);
        return;
      case 'play-begin':
        lastPlain = null;
        if (plain) return;
        if (!gone) screen.begin();
        // Redraws the clock and ora's spinner between cues; the cues themselves redraw at once.
        animation = setInterval(draw, 100);
        return;
      case 'play-end':
        clearInterval(animation);
        animation = undefined;
        if (!gone && !plain) screen.end();
        return;
      case 'say':
        speaker.say(effect.text, { due: effect.due ?? clock.now(), kind: effect.kind });
        return;
      case 'hush':
        speaker.hush();
        return;
      case 'ask':
        // Before each exercise, its times as the voice now says its phrases.
        if (effect.ask.kind === 'pain') dispatch!({ type: 'retime', timelines: build(), now: clock.now() });
        ask(effect.ask);
        return;
      case 'cancel-ask':
        promptAbort?.abort();
        return;
      case 'wait-heard':
        void pauseFor(effect.text).then(() => dispatch!({ type: 'heard', now: clock.now() }));
        return;
      case 'record-start':
        history.start(effect.start);
        return;
      case 'record-exercise':
        history.exercise(effect.sessionId, effect.record);
        return;
      case 'record-end':
        history.end(effect.end);
        return;
      case 'record-checkin': {
        const problem = recordCheckin(effect.checkin.sessionId, { pain: effect.checkin.pain, felt: null }, { env });
        if (problem) notice(`The check-in was not saved (${problem}).`);
        return;
      }
      case 'trace':
        trace(effect.event, effect.fields);
        // --plain: each cue is a new line as it comes (the cue that ends an exercise too).
        if (plain && effect.event === 'cue' && typeof effect.fields?.text === 'string') write(`${fit([effect.fields.text])}\n`);
        return;
      case 'end':
        outcome = effect.outcome;
        finished(effect.outcome);
        return;
    }
  };

  let listening = false;
  /** Raw keys on the first screen and during an exercise; a prompt has stdin otherwise. */
  const settled = () => {
    const stage = loop.state.stage.kind;
    // Never once the session has its outcome: a late event (the voice closing with a notice) must not take stdin back.
    const wantKeys = !gone && !outcome && (stage === 'welcome' || stage === 'play');
    if (wantKeys && !listening) {
      try {
        keys.listen(onKey);
        listening = true;
      } catch (error) {
        if (isGoneError(error)) hangUp();
        else throw error;
      }
    } else if (!wantKeys && listening) {
      keys.detach();
      listening = false;
    }
    if (stage === 'play') draw();
  };

  /** The terminal went away (window closed, ssh lost, input closed): end as on SIGHUP, writing nothing to it. */
  function hangUp(): void {
    if (gone) return;
    onSignal('SIGHUP');
  }

  let leaveNow!: () => void;
  const leftNow = new Promise<'now'>((resolve) => (leaveNow = () => resolve('now')));
  let immediate = false;
  function onSignal(signal: EndSignal): void {
    if (outcome) {
      // A second signal while ending: leave at once.
      immediate = true;
      leaveNow();
      return;
    }
    if (signal === 'SIGINT' && plainInterrupt) {
      plainInterrupt.abort();
      return;
    }
    if (signal === 'SIGHUP') {
      gone = true;
      markTerminalGone();
    }
    dispatch!({ type: 'signal', signal, now: clock.now() });
  }
  const signalHandlers = SIGNALS.map((s) => [s, () => onSignal(s)] as const);
  for (const [s, handler] of signalHandlers) process.on(s, handler);
  // Input closed without a hang-up (the terminal's other end went away): the same.
  const onInputGone = () => hangUp();
  // An error that says the terminal is gone (setRawMode EIO as a prompt closes) is a hang-up, not a crash:
  // this runs before the entry point's crash handler, which then leaves as on a hang-up.
  const onCrash = (error: unknown) => {
    if (isGoneError(error)) hangUp();
  };
  process.prependListener('uncaughtException', onCrash);
  process.stdin.on('close', onInputGone);
  process.stdin.on('end', onInputGone);
  process.stdin.on('error', onInputGone);
  stdout.on('error', onInputGone);

  // The pain rules in force, at their strictest over the routines chosen; a programme's are shown and said.
  const rules = rulesOfAll(selection.routines);
  const intro = sessionIntro(selection.routines, new Date());
  // The last session, if its next morning has not been told yet: asked about first (Enter skips).
  const due = checkinDue(past, new Date());
  const checkinFor = due && { sessionId: due.sessionId, day: new Date(due.startedAt).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long' }) };
  const loop = new SessionLoop(clock, initialState({
    timelines,
    routine: selection.label,
    epochAtZero: performance.timeOrigin,
    origin,
    scale,
    leadMs: speaker.leadMs,
    idSuffix: Math.random().toString(36).slice(2, 8).padEnd(6, '0'),
    planLines: planLines(selection, expectedSession(selection.planned, (text) => speaker.spokenMs(text), brief), rulesInWords(rules)),
    rules,
    ...(intro.length > 0 && { introSaying: intro.join(' ') }),
    checkinFor,
    askNote: true,
  }), perform, () => settled());
  dispatch = (event: SessionEvent) => loop.dispatch(event);
  for (const message of pendingWarnings) dispatch!({ type: 'warning', message, now: clock.now() });

  try {
    dispatch!({ type: 'start', now: clock.now() });
    const result = await Promise.race([ended, leftNow.then(() => outcome!)]);
    loop.stop();
    clearInterval(animation);
    if (result.kind === 'ended' && !gone && !immediate) {
      let saved: SessionOverview[] = [];
      try {
        saved = readOverviews({ env, warn: () => {} });
      } catch {
        // Unreadable history: the summary line counts this session alone.
      }
      const session = result.result;
      // Not saved (disk full, no permission): this session still counts in its own summary.
      const current = { startedAt: session.startedAt, status: session.status, painStart: session.painStart, exercises: session.records.map(briefOf) };
      // A demonstration is left out of the history's figures, so its summary has no line from them.
      const line = scale === 1 ? summaryLine(saved.some((s) => s.sessionId === session.sessionId) ? saved : [current, ...saved], new Date()) : undefined;
      const recorded = new Set(session.records.map((r) => r.id));
      const notReached = selection.planned.filter((p) => !recorded.has(p.exercise.id)).map((p) => p.exercise.name);
      write(`${fit(summaryLines(session, line, scale, history.problem, rules, notReached))}\n`);
      // The controller has just said the closing words: let them be heard before speech is stopped.
      if (session.status === 'finished' && !result.signal) await Promise.race([pauseFor(sessionDoneCue(0).say!), leftNow]);
    }
    return { ...result, ...(immediate ? { immediate: true } : {}), ...(gone ? { terminalGone: true } : {}) };
  } finally {
    for (const [s, handler] of signalHandlers) process.off(s, handler);
    process.stdin.off('end', onInputGone);
    process.stdin.off('close', onInputGone);
    process.off('uncaughtException', onCrash);
    process.stdin.off('error', onInputGone);
    if (gone || immediate) {
      speaker.closeSync();
    } else {
      keys.release();
      await speaker.close();
    }
    restoreTerminal();
    stdout.off('error', onInputGone);
  }
}

/** Errors that mean the terminal is no longer there. */
function isGoneError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EIO' || code === 'ENXIO' || code === 'EBADF' || /\bEIO\b/.test(String((error as Error | undefined)?.message ?? ''));
}

/** Earlier sessions, or none when the history cannot be read (the session itself says so when it writes). */
function pastSessions(env: NodeJS.ProcessEnv): SessionOverview[] {
  try {
    return readOverviews({ env, warn: () => {} });
  } catch {
    return [];
  }
}

/** The exercises done in a session since the start of this week (taught briefly this time). */
function exercisesDoneThisWeek(past: SessionOverview[]): Set<string> {
  const from = weekStart(new Date()).toISOString();
  return new Set(past.filter((s) => s.startedAt >= from).flatMap((s) => s.exercises.filter((e) => e.status === 'done').map((e) => e.id)));
}
