// The session as one pure function: update(state, event) -> { state, effects }.
// Events are what happens (a key, an answer, the clock reaching a cue, speech
// heard to its end, a signal); effects are what the driver must do (show, say,
// ask, record, trace, wake me at, end). Nothing here reads a clock, a terminal
// or a file, so every path through a session is tested in-process with tables
// of events (test/session/controller.test.ts). The driver (driver.ts) performs
// the effects against the terminal, the voice, the history and the clock.
import { SEE_A_PROFESSIONAL } from '../catalogue/safety.js';
import { afterExercise, endPainAdvice, initialPainState, judgePain, PAIN_KEY_MESSAGE, PAIN_QUESTION, PAIN_QUESTION_END, type PainRules, type PainState } from '../engine/pain.js';
import { briefOf, type ExerciseRecord, type ExerciseStatus, type PainDecision, type SessionEnd, type SessionResult, type SessionStart, type SessionStatus } from '../engine/record.js';
export type { SessionResult } from '../engine/record.js';
import { advanceRun, endRange, endRun, outcomeOf, pauseRun, positionOf, restartRun, resumeRun, startRun, wakeAt, type Run } from '../engine/runner.js';
import { sessionDoneCue, type ExerciseTimeline, type Phase } from '../engine/timeline.js';
import type { Key } from '../terminal/keys.js';
import { nextSaying, spoken } from './words.js';

export type EndSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'SIGQUIT';

export interface SessionConfig {
  timelines: ExerciseTimeline[];
  /** What was chosen: "core", "stretch+core", "custom". */
  routine: string;
  /** Wall-clock epoch ms at monotonic time 0 of the times the events carry. */
  epochAtZero: number;
  /** The trace's t = 0, on the events' clock. */
  origin: number;
  /** BACKEX_TIME_SCALE. */
  scale: number;
  /** Real ms the voice needs before sound starts: speech is handed over this early. */
  leadMs: number;
  /** Six random letters that make the session id unique. */
  idSuffix: string;
  /** Lines shown on the first screen before "Press Enter to start". */
  planLines: string[];
  /** The pain rules in force (backex's own, or a programme's). */
  rules: PainRules;
  /** Said after the safety words on the first screen: the programme's rules in force, when there is a programme. */
  introSaying?: string;
  /** The last session, when it started yesterday and has no next-morning check-in yet: asked about first. */
  checkinFor?: { sessionId: string; day: string } | null;
  /** Ask for a one-line note at the end (finished or ended for pain). */
  askNote?: boolean;
}

/** What the user sees and hears between cues of the exercise being played. */
export interface PlayView {
  phase: Phase;
  cueText: string;
  count?: number;
  sideName?: string;
  repLabel?: string;
  showKeys: boolean;
  /** A line at the bottom (the q confirmation, or why Enter did nothing), until the time given. */
  notice?: { text: string; until: number };
}

/** What to do once an announcement has been heard. */
type After = { kind: 'finish' } | { kind: 'after-check'; index: number; rating: number; skippedForPain: boolean };

export type Stage =
  | { kind: 'welcome' }
  /** The next-morning question about the last session, before the first pain check. */
  | { kind: 'checkin' }
  /** The pain check before timelines[index]; index === timelines.length is the one at the end. */
  | { kind: 'pain'; index: number; began: number }
  | { kind: 'decision'; index: number; began: number; rating: number }
  | { kind: 'play'; index: number; began: number; rating: number; decision?: PainDecision; run: Run; view: PlayView; confirming: boolean; pausedBeforeConfirm: boolean }
  | { kind: 'announce'; then: After }
  /** The optional note at the end, before the session is recorded as over. */
  | { kind: 'note' }
  | { kind: 'ended' };

export interface SessionState {
  readonly config: SessionConfig;
  readonly stage: Stage;
  readonly pain: PainState;
  readonly records: readonly ExerciseRecord[];
  readonly status: SessionStatus | null;
  /** Set when the user or a signal ends the session. */
  readonly endRequested: SessionStatus | null;
  readonly signal?: EndSignal;
  readonly stopMessage?: string;
  /** Pain at the end: only an answer given as the session ended, never an older one carried over. */
  readonly painEnd: number | null;
  /** After `p` the last answer is out of date, so the next check takes no default. */
  readonly lastIsStale: boolean;
  /** Monotonic time Enter was pressed, and its wall-clock ISO form. */
  readonly startedAtMs: number;
  readonly startedAt: string;
  readonly sessionId: string;
  /** Warnings from the adapters (speech stopped, not saved); the latest stays in view. */
  readonly warnings: readonly string[];
  /** The user's note at the end, if any. */
  readonly note?: string;
  /** Exercise time played so far (a restart keeps counting up), and where the current one was last accounted. */
  readonly playedMs: number;
  readonly lastPosition: number;
}

export type AskSpec =
  | { kind: 'pain'; question: string; last: number | null }
  | { kind: 'decision'; message: string }
  /** Pain 0-10, or Enter alone to skip. */
  | { kind: 'checkin'; question: string }
  /** One line of text, or Enter alone to skip. */
  | { kind: 'note'; question: string };

export type Effect =
  /**
   * A fresh page (cleared) with these lines: between exercises; `warning`: the latest warning too (speech stopped, not saved), kept in view;
   * `again`: lines printed just before (p's advice), shown again because the page clears them (a plain page clears nothing: it leaves them out).
   */
  | { type: 'page'; lines: string[]; warning?: boolean; again?: string[] }
  /** ? during an exercise: the keys and the movement in full. The in-place screen shows them from the view (showKeys); a plain one prints them. */
  | { type: 'help'; teach: string[] }
  /** Lines printed below what is there. */
  | { type: 'print'; lines: string[]; tone?: 'warning' }
  /** The in-place exercise screen starts (keys live) or stops. */
  | { type: 'play-begin' }
  | { type: 'play-end' }
  /** Speak: `due` is when to hand it over (absent: now); counts heard late are dropped. */
  | { type: 'say'; text: string; due?: number; kind: 'count' | 'sentence' }
  | { type: 'hush' }
  | { type: 'ask'; ask: AskSpec }
  /** The prompt showing is no longer wanted (a signal ended the session). */
  | { type: 'cancel-ask' }
  /** Send `heard` once this has been read and has finished sounding. */
  | { type: 'wait-heard'; text: string }
  | { type: 'record-start'; start: SessionStart }
  | { type: 'record-exercise'; sessionId: string; record: ExerciseRecord }
  | { type: 'record-end'; end: SessionEnd }
  /** The next-morning pain for an earlier session. */
  | { type: 'record-checkin'; checkin: { sessionId: string; at: string; pain: number; felt: null } }
  | { type: 'trace'; event: string; fields?: Record<string, unknown> }
  /** Send `tick` at this time (null: no timer needed). */
  | { type: 'wake'; at: number | null }
  | { type: 'end'; outcome: SessionOutcome };

export type SessionEvent =
  | { type: 'start'; now: number }
  | { type: 'key'; key: Key; now: number }
  /** The answer to the prompt `ask`; null when the user pressed Ctrl-C at it, or skipped an optional one. */
  | { type: 'answer'; ask: AskSpec['kind']; value: number | PainDecision | string | null; now: number }
  | { type: 'tick'; now: number }
  | { type: 'heard'; now: number }
  | { type: 'signal'; signal: EndSignal; now: number }
  | { type: 'warning'; message: string; now: number }
  /** The timelines again, with the phrases' lengths as now known for the voice in use: taken between exercises. */
  | { type: 'retime'; timelines: ExerciseTimeline[]; now: number };

/**
 * How it ended, for the entry point to turn into an exit code. The driver adds
 * `immediate` (a second signal: leave at once) and `terminalGone` (hang-up:
 * the terminal must not be touched on the way out).
 */
export type SessionOutcome = (
  | { kind: 'not-started'; by: 'q' | 'ctrl-c' | EndSignal }
  | { kind: 'ended'; result: SessionResult; signal?: EndSignal }
) & { immediate?: boolean; terminalGone?: boolean };

export interface Transition {
  state: SessionState;
  effects: Effect[];
}

export function initialState(config: SessionConfig): SessionState {
  return {
    config,
    stage: { kind: 'welcome' },
    pain: initialPainState,
    records: [],
    status: null,
    endRequested: null,
    painEnd: null,
    lastIsStale: false,
    startedAtMs: 0,
    startedAt: '',
    sessionId: '',
    warnings: [],
    playedMs: 0,
    lastPosition: 0,
  };
}

export const START_SAYING = 'Remember: stop if anything hurts, and keep breathing. Press Enter to start.';
export const PAUSED_SAYING = 'Paused. Press space to carry on.';
export const CONFIRM_NOTICE = 'End the session now? Press y to end it, or any other key to carry on. (Ctrl-C ends at once.)';
export const CONFIRM_SAYING = 'End the session? Press y to end, or any other key to carry on.';
export const CHECKIN_QUESTION = 'How was your back the morning after your last session, from 0 (none) to 10 (worst)? Enter alone skips this.';
export const NOTE_QUESTION = 'How did it go? A few words for you and your physiotherapist, or Enter alone to skip.';
export const DECISION_SAYING = 'Type 1 to skip this exercise, 2 to do it anyway, or 3 to end the session. Enter alone skips it.';
/** How long the "why Enter did nothing" notice stays, in real ms. */
export const NOTICE_MS = 3000;

const iso = (state: SessionState, now: number) => new Date(state.config.epochAtZero + now).toISOString();

/** Collects effects while a transition is worked out. */
class Out {
  effects: Effect[] = [];
  constructor(public state: SessionState) {}
  set(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
  }
  do(...effects: Effect[]): void {
    this.effects.push(...effects);
  }
  trace(event: string, fields?: Record<string, unknown>): void {
    this.effects.push({ type: 'trace', event, ...(fields && { fields }) });
  }
}

export function update(state: SessionState, event: SessionEvent): Transition {
  const out = new Out(state);
  if (event.type === 'warning') {
    out.set({ warnings: [...state.warnings, event.message] });
    return finishTransition(out, event.now);
  }
  if (event.type === 'retime') {
    // Never under an exercise being played: its times are fixed once it has started.
    if (state.stage.kind !== 'play' && event.timelines.length === state.config.timelines.length) out.set({ config: { ...state.config, timelines: event.timelines } });
    return finishTransition(out, event.now);
  }
  if (state.stage.kind === 'ended') return { state, effects: [] };
  if (event.type === 'signal') onSignal(out, event.signal, event.now);
  else onEvent(out, event);
  return finishTransition(out, event.now);
}

/** Every transition ends by saying when the driver must next wake the controller. */
function finishTransition(out: Out, _now: number): Transition {
  const stage = out.state.stage;
  if (stage.kind === 'play') out.do({ type: 'wake', at: wakeAt(stage.run) });
  else if (stage.kind !== 'ended') out.do({ type: 'wake', at: null });
  return { state: out.state, effects: out.effects };
}

function onEvent(out: Out, event: Exclude<SessionEvent, { type: 'signal' | 'warning' | 'retime' }>): void {
  const stage = out.state.stage;
  const now = event.now;
  switch (stage.kind) {
    case 'welcome':
      if (event.type === 'start') {
        out.do({ type: 'page', lines: [...out.state.config.planLines, ...out.state.warnings.map((w) => `  ${w}`)] });
        const intro = out.state.config.introSaying;
        out.do({ type: 'say', text: intro ? `${intro} ${START_SAYING}` : START_SAYING, kind: 'sentence' });
      } else if (event.type === 'key') {
        out.trace('key', { key: event.key });
        if (event.key === 'enter') begin(out, now);
        else if (event.key === 'q' || event.key === 'escape') leave(out, 'q');
        else if (event.key === 'ctrl-c') leave(out, 'ctrl-c');
      }
      return;
    case 'checkin':
      if (event.type === 'answer' && event.ask === 'checkin') {
        // Ctrl-C there ends the session before anything was done; Enter alone ('') skips the question.
        if (event.value === null) {
          out.set({ endRequested: out.state.endRequested ?? 'quit' });
          finish(out, 'quit', now);
          return;
        }
        const pain = typeof event.value === 'number' ? event.value : null;
        if (pain !== null && out.state.config.checkinFor) {
          out.do({ type: 'record-checkin', checkin: { sessionId: out.state.config.checkinFor.sessionId, at: iso(out.state, now), pain, felt: null } });
        }
        askPain(out, 0, now);
      }
      return;
    case 'note':
      if (event.type === 'answer' && event.ask === 'note') {
        const note = typeof event.value === 'string' ? event.value.trim() : '';
        if (note) out.set({ note });
        finish(out, out.state.status ?? 'finished', now);
      }
      return;
    case 'pain':
      if (event.type === 'answer' && event.ask === 'pain') onPainAnswer(out, stage, event.value as number | null, now);
      return;
    case 'decision':
      if (event.type === 'answer' && event.ask === 'decision') onDecision(out, stage, event.value as PainDecision | null, now);
      return;
    case 'announce':
      if (event.type === 'heard') afterAnnouncement(out, stage.then, now);
      return;
    case 'play':
      if (event.type === 'tick') advance(out, now);
      else if (event.type === 'key') onPlayKey(out, event.key, now);
      return;
  }
}

/** Enter at the first screen: the session starts, and is in the history from now on. */
function begin(out: Out, now: number): void {
  const { config } = out.state;
  const startedAt = iso(out.state, now);
  const sessionId = `${startedAt.replace(/[-:.]/g, '').slice(0, 15)}-${config.idSuffix}`;
  out.set({ startedAtMs: now, startedAt, sessionId });
  out.do({
    type: 'record-start',
    start: {
      sessionId,
      startedAt,
      routine: config.routine,
      planned: config.timelines.map((t) => ({ id: t.id, name: t.name, dose: t.dose })),
      // A demonstration at another speed is recorded as one, and kept out of the figures.
      ...(config.scale !== 1 && { timeScale: config.scale }),
      painRules: config.rules,
    },
  });
  if (config.checkinFor) {
    out.set({ stage: { kind: 'checkin' } });
    out.do({ type: 'page', lines: [`Your last session was on ${config.checkinFor.day}.`, ''] });
    out.do({ type: 'say', text: spoken(CHECKIN_QUESTION), kind: 'sentence' });
    out.do({ type: 'ask', ask: { kind: 'checkin', question: CHECKIN_QUESTION } });
    return;
  }
  askPain(out, 0, now);
}

function leave(out: Out, by: 'q' | 'ctrl-c' | EndSignal): void {
  out.set({ stage: { kind: 'ended' } });
  out.do({ type: 'print', lines: ['', 'No session today. Take care.'] }, { type: 'hush' }, { type: 'end', outcome: { kind: 'not-started', by } });
}

/** The pain check before exercise `index`, or the one at the end. */
function askPain(out: Out, index: number, now: number): void {
  const { config, lastIsStale, pain } = out.state;
  const next = config.timelines[index];
  const last = lastIsStale ? null : pain.last;
  out.set({ stage: { kind: 'pain', index, began: now } });
  // After p, its advice stays in view at the next question: heard or not (no sound), it is read there.
  const afterP = lastIsStale ? { again: [PAIN_KEY_MESSAGE, ''] } : {};
  if (next) {
    out.trace('exercise-start', { id: next.id });
    out.do({ type: 'page', lines: [`Next: ${next.name} (exercise ${next.index + 1} of ${next.of})`, ...(next.position ? [next.position] : []), ''], warning: true, ...afterP });
    out.do({ type: 'say', text: nextSaying(next), kind: 'sentence' });
    out.do({ type: 'ask', ask: { kind: 'pain', question: PAIN_QUESTION, last } });
  } else {
    out.do({ type: 'page', lines: [], ...afterP });
    out.do({ type: 'say', text: spoken(PAIN_QUESTION_END), kind: 'sentence' });
    out.do({ type: 'ask', ask: { kind: 'pain', question: PAIN_QUESTION_END, last } });
  }
}

function record(out: Out, index: number, began: number, now: number, fields: Partial<ExerciseRecord> & Pick<ExerciseRecord, 'status'>): void {
  const timeline = out.state.config.timelines[index]!;
  const entry: ExerciseRecord = {
    id: timeline.id,
    name: timeline.name,
    dose: timeline.dose,
    painBefore: null,
    repsPlanned: timeline.repsMax,
    repsMinimum: timeline.repsMin,
    repsDone: 0,
    sidesPlanned: timeline.sides,
    sidesDone: 0,
    restarts: 0,
    startedAt: iso(out.state, began),
    endedAt: iso(out.state, now),
    ...fields,
  };
  out.set({ records: [...out.state.records, entry] });
  out.do({ type: 'record-exercise', sessionId: out.state.sessionId, record: entry });
  out.trace('exercise-end', { id: timeline.id, status: entry.status });
}

function announce(out: Out, message: string, then: After): void {
  out.set({ stage: { kind: 'announce', then } });
  out.do({ type: 'print', lines: ['', message], tone: 'warning' });
  out.do({ type: 'say', text: message, kind: 'sentence' });
  out.do({ type: 'wait-heard', text: message });
}

function onPainAnswer(out: Out, stage: Extract<Stage, { kind: 'pain' }>, rating: number | null, now: number): void {
  const { config } = out.state;
  if (stage.index >= config.timelines.length) {
    // The question at the end: Ctrl-C there only leaves the question unanswered.
    out.set({ painEnd: rating, lastIsStale: false });
    closeFinished(out, now);
    return;
  }
  out.set({ lastIsStale: false });
  if (rating === null) {
    // Ctrl-C at the prompt ends the session.
    out.set({ endRequested: out.state.endRequested ?? 'quit' });
    record(out, stage.index, stage.began, now, { status: 'stopped' });
    finish(out, out.state.endRequested!, now);
    return;
  }
  const judged = judgePain(out.state.pain, rating, out.state.config.rules);
  out.set({ pain: judged.state });
  const verdict = judged.verdict;
  if (verdict.action === 'stop') {
    record(out, stage.index, stage.began, now, { status: 'skipped-pain', painBefore: rating });
    out.set({ status: 'pain-stop', stopMessage: verdict.message, painEnd: rating });
    announce(out, verdict.message, { kind: 'finish' });
    return;
  }
  if (verdict.action === 'choose') {
    out.set({ stage: { kind: 'decision', index: stage.index, began: stage.began, rating } });
    out.do({ type: 'print', lines: ['', verdict.message], tone: 'warning' });
    out.do({ type: 'say', text: `${verdict.message} ${DECISION_SAYING}`, kind: 'sentence' });
    out.do({ type: 'ask', ask: { kind: 'decision', message: verdict.message } });
    return;
  }
  play(out, stage.index, stage.began, rating, undefined, now);
}

function onDecision(out: Out, stage: Extract<Stage, { kind: 'decision' }>, answer: PainDecision | null, now: number): void {
  // Ctrl-C at the choice ends the session.
  if (answer === null) out.set({ endRequested: out.state.endRequested ?? 'quit' });
  const decision: PainDecision = answer ?? 'end';
  if (decision === 'do-anyway') {
    play(out, stage.index, stage.began, stage.rating, decision, now);
    return;
  }
  if (decision === 'skip') {
    record(out, stage.index, stage.began, now, { status: 'skipped-pain', painBefore: stage.rating, decision });
    afterCheck(out, stage.index, stage.rating, true, now);
    return;
  }
  record(out, stage.index, stage.began, now, { status: 'stopped', painBefore: stage.rating, decision });
  out.set({ painEnd: stage.rating });
  if (out.state.endRequested) {
    finish(out, out.state.endRequested, now);
    return;
  }
  // Ended for pain by the user's own choice: the same advice as when a rule ends it.
  out.set({ status: 'pain-stop', stopMessage: SEE_A_PROFESSIONAL });
  announce(out, SEE_A_PROFESSIONAL, { kind: 'finish' });
}

function play(out: Out, index: number, began: number, rating: number, decision: PainDecision | undefined, now: number): void {
  const { config } = out.state;
  const run = startRun(config.timelines[index]!, { scale: config.scale, leadMs: config.leadMs }, now);
  out.set({
    stage: { kind: 'play', index, began, rating, ...(decision && { decision }), run, view: { phase: 'intro', cueText: '', showKeys: false }, confirming: false, pausedBeforeConfirm: false },
    lastPosition: 0,
  });
  out.do({ type: 'play-begin' });
  advance(out, now);
}

type Playing = Extract<Stage, { kind: 'play' }>;

function playing(out: Out): Playing {
  return out.state.stage as Playing;
}

/** Adds the exercise time played since it was last counted (before a jump, and at the end). */
function account(out: Out, now: number): void {
  const position = positionOf(playing(out).run, now);
  if (position > out.state.lastPosition) out.set({ playedMs: out.state.playedMs + position - out.state.lastPosition });
  out.set({ lastPosition: position });
}

function setRun(out: Out, run: Run, now: number, view?: Partial<PlayView>): void {
  const stage = playing(out);
  out.set({ stage: { ...stage, run, view: { ...stage.view, ...view } } });
  out.set({ lastPosition: Math.min(out.state.lastPosition, positionOf(run, now)) });
}

/** Delivers the cues due by now; at the end of the timeline, the exercise is done. */
function advance(out: Out, now: number): void {
  const stage = playing(out);
  const { run, events } = advanceRun(stage.run, now);
  let view = stage.view;
  const timeline = run.timeline;
  for (const event of events) {
    const cue = event.cue;
    if (event.type === 'say') {
      out.do({ type: 'say', text: cue.say!, due: event.due, kind: cue.speech ?? 'sentence' });
      continue;
    }
    out.trace('tick', { due: Math.round((event.due - out.state.config.origin) * 10) / 10 });
    out.trace('cue', { text: cue.text });
    view = { ...view, phase: cue.phase, cueText: cue.text };
    if (cue.count === undefined) delete view.count;
    else view.count = cue.count;
    if (cue.side !== undefined && timeline.sideNames) view.sideName = timeline.sideNames[cue.side];
    // Before the first rep (the start, or b for "again") there is no rep or side to show.
    if (cue.phase === 'intro' || cue.phase === 'ready') {
      delete view.repLabel;
      delete view.sideName;
    }
    if (cue.rep !== undefined) view.repLabel = `Rep ${cue.rep} of ${timeline.repsMax > timeline.repsMin ? `${timeline.repsMin}-${timeline.repsMax}` : timeline.repsMax}`;
  }
  out.set({ stage: { ...stage, run, view } });
  if (run.ended) exerciseOver(out, now);
}

function onPlayKey(out: Out, key: Key, now: number): void {
  out.trace('key', { key });
  const stage = playing(out);
  const { run } = stage;
  if (stage.confirming) {
    const view = { ...stage.view };
    delete view.notice;
    out.set({ stage: { ...stage, confirming: false, view } });
    if (key === 'y' || key === 'ctrl-c') {
      out.set({ endRequested: 'quit' });
      account(out, now);
      setRun(out, endRun(run, 'ended'), now);
      exerciseOver(out, now);
    } else if (!stage.pausedBeforeConfirm) {
      // Paused by the user before q: "carry on" leaves it paused, as it was.
      resume(out, now);
    }
    return;
  }
  switch (key) {
    case 'space':
      if (run.pausedAt !== null) resume(out, now);
      else pause(out, now);
      return;
    case 's':
      out.trace('skip');
      account(out, now);
      setRun(out, endRun(run, 'skipped'), now);
      exerciseOver(out, now);
      return;
    case 'p':
      out.trace('skip', { reason: 'pain' });
      out.do({ type: 'hush' });
      account(out, now);
      setRun(out, endRun(run, 'pain'), now);
      exerciseOver(out, now);
      return;
    case 'b':
      out.trace('restart');
      account(out, now);
      setRun(out, restartRun(run, now), now);
      advance(out, now);
      return;
    case 'enter': {
      account(out, now);
      const ended = endRange(run, now);
      if (ended) {
        setRun(out, ended, now);
        advance(out, now);
        return;
      }
      // Too early (or paused): say why nothing happened, rather than ignore the key.
      const timeline = run.timeline;
      if (timeline.repsMax > timeline.repsMin) {
        const text = run.pausedAt !== null ? 'Paused: press space to carry on first.' : `Enter ends this exercise once ${timeline.repsMin === 1 ? '1 rep is' : `${timeline.repsMin} reps are`} done.`;
        setRun(out, run, now, { notice: { text, until: now + NOTICE_MS } });
      }
      return;
    }
    case 'q':
    case 'ctrl-c':
      pause(out, now, false);
      out.set({ stage: { ...playing(out), confirming: true, pausedBeforeConfirm: run.pausedAt !== null, view: { ...playing(out).view, notice: { text: CONFIRM_NOTICE, until: Infinity } } } });
      out.do({ type: 'hush' }, { type: 'say', text: CONFIRM_SAYING, kind: 'sentence' });
      return;
    case '?':
      setRun(out, run, now, { showKeys: !stage.view.showKeys });
      // Every press: a plain terminal prints them again, as it cannot toggle what it has printed.
      out.do({ type: 'help', teach: run.timeline.teach.full });
      return;
    default:
      return;
  }
}

function pause(out: Out, now: number, announceIt = true): void {
  const { run } = playing(out);
  if (run.pausedAt !== null) return;
  account(out, now);
  setRun(out, pauseRun(run, now), now);
  out.do({ type: 'hush' });
  out.trace('pause');
  if (announceIt) out.do({ type: 'say', text: PAUSED_SAYING, kind: 'sentence' });
}

function resume(out: Out, now: number): void {
  const { run } = playing(out);
  if (run.pausedAt === null) return;
  out.trace('resume');
  setRun(out, resumeRun(run, now), now);
  advance(out, now);
}

const STATUS_OF: Record<ReturnType<typeof outcomeOf>['reason'], ExerciseStatus> = { done: 'done', pain: 'skipped-pain', skipped: 'skipped', ended: 'stopped' };

/** The exercise being played is over (done, s, p, or the session ending). */
function exerciseOver(out: Out, now: number): void {
  account(out, now);
  const stage = playing(out);
  const outcome = outcomeOf(stage.run);
  record(out, stage.index, stage.began, now, {
    status: STATUS_OF[outcome.reason],
    painBefore: stage.rating,
    ...(stage.decision && { decision: stage.decision }),
    repsDone: outcome.repsDone,
    sidesDone: outcome.sidesDone,
    restarts: outcome.restarts,
  });
  out.set({ lastPosition: 0 });
  out.do({ type: 'play-end' });
  if (outcome.reason === 'ended' || out.state.endRequested) {
    finish(out, out.state.endRequested ?? 'quit', now);
    return;
  }
  if (outcome.reason === 'pain') {
    out.set({ lastIsStale: true });
    // Said now, unless two skips in a row end the session just after (its message says it all).
    if (!afterExercise(out.state.pain, true, out.state.config.rules).stop) {
      announce(out, PAIN_KEY_MESSAGE, { kind: 'after-check', index: stage.index, rating: stage.rating, skippedForPain: true });
      return;
    }
  }
  afterCheck(out, stage.index, stage.rating, outcome.reason === 'pain', now);
}

/** Two exercises in a row skipped for pain (by rating or by `p`) end the session; otherwise on to the next. */
function afterCheck(out: Out, index: number, rating: number, skippedForPain: boolean, now: number): void {
  const after = afterExercise(out.state.pain, skippedForPain, out.state.config.rules);
  out.set({ pain: after.state });
  if (after.stop) {
    out.set({ status: 'pain-stop', stopMessage: after.stop, ...(!out.state.lastIsStale && { painEnd: rating }) });
    announce(out, after.stop, { kind: 'finish' });
    return;
  }
  askPain(out, index + 1, now);
}

function afterAnnouncement(out: Out, then: After, now: number): void {
  if (then.kind === 'finish') noteThenFinish(out, out.state.status ?? out.state.endRequested ?? 'quit', now);
  else afterCheck(out, then.index, then.rating, then.skippedForPain, now);
}

/** Every exercise was offered: the last pain answer is in, so the closing words, then the end. */
function closeFinished(out: Out, now: number): void {
  if (!out.state.endRequested) {
    const closing = sessionDoneCue(0);
    out.trace('cue', { text: closing.text });
    // Pain higher at the end than at the start is never only "well done": the advice follows, said and shown.
    const advice = endPainAdvice(out.state.pain.baseline, out.state.painEnd, out.state.config.rules);
    if (advice) out.do({ type: 'print', lines: ['', advice], tone: 'warning' });
    out.do({ type: 'say', text: advice ? `${closing.say!} ${advice}` : closing.say!, kind: 'sentence' });
  }
  noteThenFinish(out, 'finished', now);
}

/** Finished, or ended for pain: a note may be added (Enter skips it); a session the user left ends at once. */
function noteThenFinish(out: Out, status: SessionStatus, now: number): void {
  if (out.state.config.askNote && !out.state.endRequested && (status === 'finished' || status === 'pain-stop')) {
    out.set({ status, stage: { kind: 'note' } });
    out.do({ type: 'ask', ask: { kind: 'note', question: NOTE_QUESTION } });
    return;
  }
  finish(out, status, now);
}

function finish(out: Out, status: SessionStatus, now: number): void {
  const s = out.state;
  const durationMs = Math.round(now - s.startedAtMs);
  out.set({ status, stage: { kind: 'ended' } });
  out.do({
    type: 'record-end',
    end: {
      sessionId: s.sessionId,
      endedAt: iso(s, now),
      status,
      painEnd: s.painEnd,
      durationMs,
      ...(s.note && { note: s.note }),
      summary: { startedAt: s.startedAt, routine: s.config.routine, planned: s.config.timelines.length, exercises: s.records.map(briefOf) },
    },
  });
  out.trace('session-end', { status });
  const result: SessionResult = {
    sessionId: s.sessionId,
    startedAt: s.startedAt,
    status,
    records: [...s.records],
    painStart: s.pain.baseline,
    painEnd: s.painEnd,
    durationMs,
    ...(s.stopMessage && { stopMessage: s.stopMessage }),
  };
  out.do({ type: 'end', outcome: { kind: 'ended', result, ...(s.signal && { signal: s.signal }) } });
}

/** A signal (Ctrl-C outside raw mode, SIGTERM, SIGHUP, SIGQUIT): the session ends now, saved with what was done. */
function onSignal(out: Out, signal: EndSignal, now: number): void {
  const endRequested: SessionStatus = signal === 'SIGINT' ? 'quit' : 'interrupted';
  out.trace('key', { key: signal });
  out.set({ signal, endRequested: out.state.endRequested ?? endRequested });
  out.do({ type: 'hush' });
  const stage = out.state.stage;
  switch (stage.kind) {
    case 'welcome':
      leave(out, signal);
      return;
    case 'pain':
      out.do({ type: 'cancel-ask' });
      if (stage.index >= out.state.config.timelines.length) {
        finish(out, 'finished', now);
        return;
      }
      record(out, stage.index, stage.began, now, { status: 'stopped' });
      finish(out, out.state.endRequested!, now);
      return;
    case 'decision':
      out.do({ type: 'cancel-ask' });
      record(out, stage.index, stage.began, now, { status: 'stopped', painBefore: stage.rating, decision: 'end' });
      out.set({ painEnd: stage.rating });
      finish(out, out.state.endRequested!, now);
      return;
    case 'play':
      account(out, now);
      setRun(out, endRun(stage.run, 'ended'), now);
      exerciseOver(out, now);
      return;
    case 'announce':
      // The advice was cut short by the user's own signal: the session ends as it was going to.
      finish(out, out.state.status ?? out.state.endRequested!, now);
      return;
    case 'checkin':
      out.do({ type: 'cancel-ask' });
      finish(out, out.state.endRequested!, now);
      return;
    case 'note':
      out.do({ type: 'cancel-ask' });
      finish(out, out.state.status ?? 'finished', now);
      return;
  }
}
