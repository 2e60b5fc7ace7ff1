// The session's controller, in-process: tables of events in, effects and state
// out, on the fake clock (which can fire timers late or early). Every key in
// every stage, every pain rule at its boundaries, and what is recorded.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/engine/clock.js';
import { DEFAULT_PAIN_RULES, endPainAdvice, PAIN_KEY_MESSAGE, PAIN_QUESTION, PAIN_QUESTION_END, PAIN_ROSE_MESSAGE, type PainRules } from '../../src/engine/pain.js';
import type { Dose } from '../../src/catalogue/schema.js';
import type { PainDecision } from '../../src/engine/record.js';
import { buildSession, sessionDoneCue } from '../../src/engine/timeline.js';
import { SEE_A_PROFESSIONAL } from '../../src/catalogue/safety.js';
import type { Key } from '../../src/terminal/keys.js';
import { CHECKIN_QUESTION, CONFIRM_NOTICE, CONFIRM_SAYING, DECISION_SAYING, initialState, NOTE_QUESTION, PAUSED_SAYING, START_SAYING, update, type AskSpec, type Effect, type EndSignal, type SessionEvent } from '../../src/session/controller.js';
import { spoken } from '../../src/session/words.js';
import { SessionLoop } from '../../src/session/loop.js';
import { playScreen } from '../../src/session/view.js';
import { exercise, planned } from '../engine/fixtures.js';

const SHORT: Dose = { reps: 2, holdSeconds: 2, sides: 'none' };
const EPOCH = Date.UTC(2026, 10, 25, 8, 0, 0);

function setup(doses: Dose[] = [SHORT, SHORT, SHORT], options: { scale?: number; leadMs?: number; checkinFor?: { sessionId: string; day: string }; askNote?: boolean; rules?: PainRules; origin?: number; introSaying?: string; noPosition?: boolean } = {}) {
  const clock = new FakeClock();
  const timelines = buildSession(doses.map((dose, i) => (options.noPosition ? { exercise: exercise(`ex-${i + 1}`, dose, { position: undefined }), dose } : planned(`ex-${i + 1}`, dose))));
  const effects: Effect[] = [];
  const loop = new SessionLoop(
    clock,
    initialState({ timelines, routine: 'test', epochAtZero: EPOCH, origin: options.origin ?? 0, scale: options.scale ?? 1, leadMs: options.leadMs ?? 0, idSuffix: 'abcdef', planLines: ['The plan', 'Press Enter to start'], rules: options.rules ?? DEFAULT_PAIN_RULES, ...(options.checkinFor && { checkinFor: options.checkinFor }), ...(options.askNote && { askNote: true }), ...(options.introSaying && { introSaying: options.introSaying }) }),
    (e) => effects.push(e),
  );
  const of = <T extends Effect['type']>(type: T) => effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
  const s = {
    clock,
    timelines,
    loop,
    effects,
    of,
    stage: () => loop.state.stage.kind,
    start: () => loop.dispatch({ type: 'start', now: clock.now() }),
    key: (key: Key) => loop.dispatch({ type: 'key', key, now: clock.now() }),
    lastAsk: (): AskSpec | undefined => of('ask').at(-1)?.ask,
    answer(value: number | PainDecision | string | null) {
      const ask = s.lastAsk();
      if (!ask) throw new Error('nothing was asked');
      loop.dispatch({ type: 'answer', ask: ask.kind, value, now: clock.now() });
    },
    heard: () => loop.dispatch({ type: 'heard', now: clock.now() }),
    signal: (signal: EndSignal) => loop.dispatch({ type: 'signal', signal, now: clock.now() }),
    advance: (ms: number, lateBy = 0) => clock.advance(ms, lateBy),
    /** Plays the current exercise to its end. */
    playThrough() {
      const stage = loop.state.stage;
      if (stage.kind !== 'play') throw new Error(`not playing but ${stage.kind}`);
      clock.advance(stage.run.timeline.durationMs / (options.scale ?? 1) + 1);
    },
    records: () => of('record-exercise').map((e) => e.record),
    said: () => of('say').map((e) => e.text),
    announced: () => of('wait-heard').map((e) => e.text),
    asked: () => of('ask').map((e) => e.ask),
    outcome: () => of('end').at(-1)?.outcome,
    result() {
      const o = s.outcome();
      if (!o || o.kind !== 'ended') throw new Error(`no result: ${JSON.stringify(o)}`);
      return o.result;
    },
    traces: (event: string) => of('trace').filter((t) => t.event === event),
    /** Enter at the first screen. */
    begin() {
      s.start();
      s.key('enter');
    },
  };
  return s;
}

/** Answers each pain check and plays each exercise through (null: Ctrl-C at the check). */
function runWith(s: ReturnType<typeof setup>, answers: (number | null)[]) {
  for (const a of answers) {
    if (s.stage() !== 'pain') break;
    s.answer(a);
    if (s.stage() === 'play') s.playThrough();
    while (s.stage() === 'announce') s.heard();
  }
}

describe('the first screen', () => {
  it('shows the plan, says the safety words and "Press Enter to start"; nothing is saved yet', () => {
    const s = setup();
    s.start();
    expect(s.of('page')[0]!.lines).toContain('Press Enter to start');
    expect(s.said()).toEqual([START_SAYING]);
    expect(s.of('record-start')).toHaveLength(0);
    expect(s.stage()).toBe('welcome');
  });

  it.each([
    ['q', { kind: 'not-started', by: 'q' }],
    ['escape', { kind: 'not-started', by: 'q' }],
    ['ctrl-c', { kind: 'not-started', by: 'ctrl-c' }],
  ] as const)('%s leaves without saving anything', (key, outcome) => {
    const s = setup();
    s.start();
    s.key(key);
    expect(s.outcome()).toEqual(outcome);
    expect(s.of('record-start')).toHaveLength(0);
    expect(s.of('print').at(-1)!.lines.join(' ')).toMatch(/No session today/);
  });

  it.each(['space', 's', 'p', 'b', 'y', 'n', '?', 'other'] as const)('%s does nothing', (key) => {
    const s = setup();
    s.start();
    s.key(key);
    expect(s.stage()).toBe('welcome');
    expect(s.outcome()).toBeUndefined();
  });

  it('a signal there leaves with that signal, nothing saved', () => {
    const s = setup();
    s.start();
    s.signal('SIGTERM');
    expect(s.outcome()).toEqual({ kind: 'not-started', by: 'SIGTERM' });
    expect(s.of('record-start')).toHaveLength(0);
  });

  it('Enter starts: the session is recorded with its plan, then the first pain check', () => {
    const s = setup();
    s.advance(1234);
    s.begin();
    const [start] = s.of('record-start');
    expect(start!.start).toMatchObject({ routine: 'test', startedAt: new Date(EPOCH + 1234).toISOString(), planned: s.timelines.map((t) => ({ id: t.id, name: t.name, dose: t.dose })) });
    expect(start!.start.sessionId).toMatch(/^20261125T080001-abcdef$/);
    expect(s.asked()).toEqual([{ kind: 'pain', question: PAIN_QUESTION, last: null }]);
    expect(s.of('page').at(-1)!.lines[0]).toBe('Next: ex 1 (exercise 1 of 3)');
    expect(s.of('page').at(-1)!.lines).toContain('Lie on your back.');
    expect(s.said().at(-1)).toBe('Next: ex 1. How is your back pain right now, from zero, none, to ten, worst?');
  });
});

describe('a whole session', () => {
  it.each([
    ['lower', 3, 2, null],
    ['the same', 3, 3, null],
    ['higher', 3, 4, PAIN_ROSE_MESSAGE],
    ['at the stop level', 3, 7, SEE_A_PROFESSIONAL],
  ] as const)('pain %s at the end than at the start: the closing words are followed by the right advice, shown and said', (_how, start, end, advice) => {
    const s = setup([SHORT]);
    s.begin();
    runWith(s, [start, end]);
    expect(s.result()).toMatchObject({ status: 'finished', painStart: start, painEnd: end });
    expect(s.said().at(-1)).toBe(advice ? `${sessionDoneCue(0).say} ${advice}` : sessionDoneCue(0).say);
    const printed = s.of('print').flatMap((p) => p.lines);
    if (advice) expect(printed).toContain(advice);
    else expect(printed.some((l) => l === PAIN_ROSE_MESSAGE || l === SEE_A_PROFESSIONAL)).toBe(false);
  });

  it('the advice at the end follows the rules in force: a programme that accepts pain up to 5 during the exercises gives none for 3 then 5', () => {
    expect(endPainAdvice(3, 5, { ...DEFAULT_PAIN_RULES, acceptableDuring: 5 })).toBeNull();
    expect(endPainAdvice(3, 6, { ...DEFAULT_PAIN_RULES, acceptableDuring: 5 })).toBe(PAIN_ROSE_MESSAGE);
    expect(endPainAdvice(2, 5, { ...DEFAULT_PAIN_RULES, stopAt: 5 })).toBe(SEE_A_PROFESSIONAL);
    expect(endPainAdvice(null, 4)).toBeNull();
    expect(endPainAdvice(3, null)).toBeNull();
  });

  it('asks before every exercise and once at the end, records pain at both ends, and says the closing words', () => {
    const s = setup(); 
    s.begin();
    runWith(s, [3, 3, 3, 2]);
    expect(s.asked().map((a) => (a.kind === 'pain' ? a.question : a.kind))).toEqual([PAIN_QUESTION, PAIN_QUESTION, PAIN_QUESTION, PAIN_QUESTION_END]);
    expect(s.result()).toMatchObject({ status: 'finished', painStart: 3, painEnd: 2 });
    expect(s.records().map((r) => r.status)).toEqual(['done', 'done', 'done']);
    expect(s.records().map((r) => r.repsDone)).toEqual([2, 2, 2]);
    expect(s.of('record-end')[0]!.end).toMatchObject({ status: 'finished', painEnd: 2, summary: { routine: 'test', planned: 3 } });
    expect(s.said().at(-1)).toBe(sessionDoneCue(0).say);
    expect(s.outcome()).toMatchObject({ kind: 'ended' });
    expect(s.traces('session-end')).toEqual([{ type: 'trace', event: 'session-end', fields: { status: 'finished' } }]);
  });

  it('Enter alone keeps the last answer: the last answer is offered as the default', () => {
    const s = setup([SHORT, SHORT]);
    s.begin();
    runWith(s, [4, 4, 4]);
    expect(s.asked().map((a) => a.kind === 'pain' && a.last)).toEqual([null, 4, 4]);
  });

  it('each exercise record carries its times, dose and reps planned', () => {
    const s = setup([{ reps: { min: 2, max: 4 }, holdSeconds: 0, sides: 'each', sideNames: ['left', 'right'] } as Dose]);
    s.begin();
    s.advance(500);
    runWith(s, [1]);
    const [r] = s.records();
    expect(r).toMatchObject({ id: 'ex-1', name: 'ex 1', repsPlanned: 4, repsMinimum: 2, sidesPlanned: 2, sidesDone: 2, repsDone: 4, restarts: 0, status: 'done', painBefore: 1 });
    expect(r!.startedAt).toBe(new Date(EPOCH).toISOString());
    expect(Date.parse(r!.endedAt)).toBeGreaterThan(Date.parse(r!.startedAt));
  });

  it('hold counts are handed to the voice as counts (dropped when late), sentences as sentences, early by the lead time', () => {
    const s = setup([SHORT], { leadMs: 40 });
    s.begin();
    s.answer(1);
    s.playThrough();
    const says = s.of('say').filter((e) => e.due !== undefined);
    const counts = says.filter((e) => e.kind === 'count');
    expect(counts.length).toBeGreaterThan(0);
    const timeline = s.timelines[0]!;
    for (const e of says) {
      const cue = timeline.cues.find((c) => c.say === e.text)!;
      expect(e.kind).toBe(cue.speech ?? 'sentence');
    }
    // Each count is handed over 40 ms before its cue is shown.
    const shown = s.traces('tick').map((t) => t.fields!.due as number);
    expect(counts.every((c) => shown.some((due) => Math.abs(due - (c.due! + 40)) < 0.01))).toBe(true);
  });
});

describe('the pain rules, at their boundaries', () => {
  it.each([
    [6, 'play'],
    [7, 'announce'],
    [10, 'announce'],
    [0, 'play'],
  ] as const)('a first answer of %i: %s', (rating, stage) => {
    const s = setup();
    s.begin();
    s.answer(rating);
    expect(s.stage()).toBe(stage);
  });

  it('7 or more ends the session there: recorded skipped for pain, advice heard in full, that answer is the pain at the end', () => {
    const s = setup();
    s.begin();
    runWith(s, [2]);
    s.answer(8);
    expect(s.announced()[0]).toMatch(/8 out of 10.*physician or physiotherapist/);
    expect(s.outcome()).toBeUndefined(); // waits until it has been heard
    s.heard();
    expect(s.records().map((r) => r.status)).toEqual(['done', 'skipped-pain']);
    expect(s.result()).toMatchObject({ status: 'pain-stop', painStart: 2, painEnd: 8 });
    expect(s.result().stopMessage).toMatch(/physician or physiotherapist/);
  });

  it.each([
    ['equal to the first answer plays', [3, 3], 'play'],
    ['one above the first answer offers the choice', [3, 4], 'decision'],
    ['below the first answer plays', [3, 1], 'play'],
  ] as const)('%s', (_name, answers, stage) => {
    const s = setup();
    s.begin();
    runWith(s, [answers[0]]);
    s.answer(answers[1]);
    expect(s.stage()).toBe(stage);
  });

  it('compares with the first answer of the session, not the last', () => {
    const s = setup([SHORT, SHORT, SHORT, SHORT]);
    s.begin();
    runWith(s, [2]);
    s.answer(3); // above 2: the choice
    s.answer('do-anyway');
    s.playThrough();
    s.answer(3); // equal to the last (3), still above the first (2)
    expect(s.stage()).toBe('decision');
    expect(s.of('print').at(-1)!.lines.join(' ')).toMatch(/higher than the 2 you started with/);
  });

  it('the choice: skip (also the default) is recorded as skipped for pain, and the session goes on', () => {
    const s = setup();
    s.begin();
    runWith(s, [2]);
    s.answer(4);
    s.answer('skip');
    expect(s.records().map((r) => [r.status, r.decision])).toEqual([['done', undefined], ['skipped-pain', 'skip']]);
    expect(s.stage()).toBe('pain');
    expect(s.said().at(-2)).toMatch(/Type 1 to skip this exercise, 2 to do it anyway, or 3 to end the session/);
  });

  it('the choice: do it anyway plays the exercise, and is recorded as done with the decision', () => {
    const s = setup();
    s.begin();
    runWith(s, [2]);
    s.answer(4);
    s.answer('do-anyway');
    expect(s.stage()).toBe('play');
    s.playThrough();
    expect(s.records()[1]).toMatchObject({ status: 'done', decision: 'do-anyway', painBefore: 4 });
  });

  it('the choice: end the session gives the advice to see a professional, and ends it for pain', () => {
    const s = setup();
    s.begin();
    runWith(s, [2]);
    s.answer(4);
    s.answer('end');
    expect(s.announced()).toEqual([SEE_A_PROFESSIONAL]);
    s.heard();
    expect(s.records()[1]).toMatchObject({ status: 'stopped', decision: 'end' });
    expect(s.result()).toMatchObject({ status: 'pain-stop', painEnd: 4, stopMessage: SEE_A_PROFESSIONAL });
  });

  it('Ctrl-C at the choice ends the session as quit, with no advice', () => {
    const s = setup();
    s.begin();
    runWith(s, [2]);
    s.answer(4);
    s.answer(null);
    expect(s.announced()).toEqual([]);
    expect(s.records()[1]).toMatchObject({ status: 'stopped', decision: 'end' });
    expect(s.result().status).toBe('quit');
  });

  it('two pain skips in a row end the session; not in a row, it goes on', () => {
    const inARow = setup([SHORT, SHORT, SHORT, SHORT]);
    inARow.begin();
    runWith(inARow, [2]);
    inARow.answer(4);
    inARow.answer('skip');
    inARow.answer(4);
    inARow.answer('skip');
    expect(inARow.announced()[0]).toMatch(/2 exercises in a row skipped because of pain/);
    inARow.heard();
    expect(inARow.result()).toMatchObject({ status: 'pain-stop', painEnd: 4 });

    const apart = setup([SHORT, SHORT, SHORT, SHORT]);
    apart.begin();
    runWith(apart, [2]);
    apart.answer(4);
    apart.answer('skip');
    apart.answer(2);
    apart.playThrough();
    apart.answer(4);
    apart.answer('skip');
    expect(apart.announced()).toEqual([]);
    expect(apart.stage()).toBe('pain');
  });

  it('Ctrl-C at a pain check ends the session: the exercise is recorded as stopped, no pain invented', () => {
    const s = setup();
    s.begin();
    runWith(s, [2]);
    s.answer(null);
    expect(s.records().map((r) => [r.status, r.painBefore])).toEqual([['done', 2], ['stopped', null]]);
    expect(s.result()).toMatchObject({ status: 'quit', painEnd: null });
  });

  it('Ctrl-C at the question at the end only leaves it unanswered: the session is finished', () => {
    const s = setup([SHORT]);
    s.begin();
    runWith(s, [2]);
    s.answer(null);
    expect(s.result()).toMatchObject({ status: 'finished', painEnd: null });
  });
});

describe('keys during an exercise', () => {
  function playing(doses: Dose[] = [SHORT, SHORT]) {
    const s = setup(doses);
    s.begin();
    s.answer(3);
    expect(s.stage()).toBe('play');
    return s;
  }
  const cueOf = (s: ReturnType<typeof setup>, kind: string, n = 0) => s.timelines[0]!.cues.filter((c) => c.kind === kind)[n]!;

  it('space pauses (the voice is hushed, "Paused" said) and space again carries on', () => {
    const s = playing();
    s.advance(cueOf(s, 'relax').at + 500);
    s.key('space');
    expect(s.said().at(-1)).toBe(PAUSED_SAYING);
    // No timer left running while paused.
    expect(s.clock.pending).toBe(0);
    const cues = s.traces('cue').length;
    s.advance(60_000);
    expect(s.traces('cue').length).toBe(cues);
    expect(playScreen(s.loop.state, s.clock.now())!.paused).toBe(true);
    s.key('space');
    expect(s.traces('resume')).toHaveLength(1);
    s.playThrough();
    expect(s.records()[0]!.status).toBe('done');
  });

  it('a pause across a cue: a hold interrupted starts again from its rep, and nothing due while paused is said', () => {
    const s = playing();
    const count = s.timelines[0]!.cues.find((c) => c.kind === 'count' && c.count === 2)!;
    s.advance(count.at + 100);
    s.key('space');
    const said = s.said().length;
    s.advance(30_000);
    expect(s.said().length).toBe(said);
    s.key('space');
    const repStart = s.timelines[0]!.cues.filter((c) => c.repStart && c.at <= count.at).at(-1)!;
    expect(s.traces('cue').at(-1)!.fields!.text).toBe(repStart.text);
  });

  it('s skips: recorded as skipped with the reps done, and on to the next pain check', () => {
    const s = playing();
    s.advance(cueOf(s, 'relax').at + 10);
    s.key('s');
    expect(s.records()[0]).toMatchObject({ status: 'skipped', repsDone: 1 });
    expect(s.stage()).toBe('pain');
    expect(s.lastAsk()).toEqual({ kind: 'pain', question: PAIN_QUESTION, last: 3 });
  });

  it('b restarts from get ready, counting reps again, and the time done keeps counting up', () => {
    const s = playing();
    const relax = cueOf(s, 'relax');
    s.advance(relax.at + 10);
    const before = playScreen(s.loop.state, s.clock.now())!.elapsedMs;
    s.key('b');
    expect(s.traces('cue').at(-1)!.fields!.text).toBe(cueOf(s, 'get-ready').text);
    const view = playScreen(s.loop.state, s.clock.now())!;
    expect(view.repLabel).toBeUndefined();
    expect(view.elapsedMs).toBeGreaterThanOrEqual(before);
    s.advance(1000);
    expect(playScreen(s.loop.state, s.clock.now())!.elapsedMs).toBeGreaterThan(before);
    s.playThrough();
    expect(s.records()[0]).toMatchObject({ status: 'done', restarts: 1, repsDone: 2 });
  });

  it('p stops at once, recorded as skipped for pain, explained (heard in full), and the next check takes no default', () => {
    const s = playing([SHORT, SHORT, SHORT]);
    s.advance(cueOf(s, 'relax').at + 10);
    s.key('p');
    expect(s.effects.some((e) => e.type === 'hush')).toBe(true);
    expect(s.records()[0]).toMatchObject({ status: 'skipped-pain', painBefore: 3 });
    expect(s.announced()).toEqual([PAIN_KEY_MESSAGE]);
    expect(s.stage()).toBe('announce');
    s.heard();
    expect(s.lastAsk()).toEqual({ kind: 'pain', question: PAIN_QUESTION, last: null });
    s.answer(3);
    expect(s.stage()).toBe('play');
  });

  it('after p, its advice stays in view on the next page (the next exercise\'s check, or the question at the end): read there when not heard', () => {
    const s = playing([SHORT, SHORT]);
    s.key('p');
    s.heard();
    // Shown again on the page, which clears what was printed (a plain page, which clears nothing, leaves it out: printed once).
    expect(s.of('page').at(-1)!.again).toContain(PAIN_KEY_MESSAGE);
    expect(s.of('page').at(-1)!.lines).not.toContain(PAIN_KEY_MESSAGE);
    s.answer(3);
    s.key('p');
    // Two in a row end the session (its own message says it all); one p on the last exercise keeps it at the end question.
    const last = playing([SHORT]);
    last.key('p');
    last.heard();
    expect(last.lastAsk()).toMatchObject({ question: PAIN_QUESTION_END });
    expect(last.of('page').at(-1)!.again).toContain(PAIN_KEY_MESSAGE);
    // Not after an exercise done.
    const done = playing([SHORT, SHORT]);
    done.playThrough();
    expect(done.of('page').at(-1)!.lines).not.toContain(PAIN_KEY_MESSAGE);
    expect(done.of('page').at(-1)!.again).toBeUndefined();
  });

  it('p twice in a row ends the session with the advice, said once, and no pain at the end invented', () => {
    const s = playing([SHORT, SHORT, SHORT]);
    s.key('p');
    s.heard();
    s.answer(3);
    s.key('p');
    expect(s.announced()).toHaveLength(2);
    expect(s.announced()[1]).toMatch(/2 exercises in a row.*physician or physiotherapist/);
    s.heard();
    expect(s.result()).toMatchObject({ status: 'pain-stop', painEnd: null });
  });

  it('Enter in a range: too early says why; after the minimum it ends the exercise, the rep under way counted', () => {
    const s = playing([{ reps: { min: 2, max: 5 }, holdSeconds: 0, sides: 'none' } as Dose]);
    const rep2 = cueOf(s, 'rep', 1);
    s.advance(rep2.at);
    s.key('enter');
    expect(playScreen(s.loop.state, s.clock.now())!.notice).toBe('Enter ends this exercise once 2 reps are done.');
    // A range from 1: "1 rep is", not "1 reps are".
    const one = playing([{ reps: { min: 1, max: 3 }, holdSeconds: 0, sides: 'none' } as Dose]);
    one.advance(cueOf(one, 'rep', 0).at);
    one.key('enter');
    expect(playScreen(one.loop.state, one.clock.now())!.notice).toBe('Enter ends this exercise once 1 rep is done.');
    s.advance(3001);
    expect(playScreen(s.loop.state, s.clock.now())!.notice).toBeUndefined();
    const rep3 = cueOf(s, 'rep', 2);
    s.advance(rep3.at - s.clock.now() + 1);
    expect(playScreen(s.loop.state, s.clock.now())!.rangeOpen).toBe(true);
    s.key('enter');
    s.advance(10_000);
    expect(s.records()[0]).toMatchObject({ status: 'done', repsDone: 3 });
  });

  it('Enter while paused in a range says to carry on first', () => {
    const s = playing([{ reps: { min: 1, max: 5 }, holdSeconds: 0, sides: 'none' } as Dose]);
    s.advance(cueOf(s, 'rep', 2).at);
    s.key('space');
    s.key('enter');
    expect(playScreen(s.loop.state, s.clock.now())!.notice).toBe('Paused: press space to carry on first.');
  });

  it.each(['q', 'ctrl-c'] as const)('%s asks first (paused, hushed); any other key carries on', (first) => {
    const s = playing();
    s.advance(5000);
    s.key(first);
    expect(s.said().at(-1)).toBe(CONFIRM_SAYING);
    expect(playScreen(s.loop.state, s.clock.now())!.notice).toMatch(/End the session now\?/);
    expect(playScreen(s.loop.state, s.clock.now())!.paused).toBe(true);
    s.key('n');
    expect(playScreen(s.loop.state, s.clock.now())!.paused).toBe(false);
    expect(playScreen(s.loop.state, s.clock.now())!.notice).toBeUndefined();
    s.playThrough();
    expect(s.records()[0]!.status).toBe('done');
  });

  it.each(['y', 'ctrl-c'] as const)('q then %s ends the session: the exercise stopped, status quit', (second) => {
    const s = playing();
    s.advance(cueOf(s, 'relax').at + 10);
    s.key('q');
    s.key(second);
    expect(s.records()).toMatchObject([{ status: 'stopped', repsDone: 1 }]);
    expect(s.result()).toMatchObject({ status: 'quit', painStart: 3, painEnd: null });
    expect(s.of('record-end')[0]!.end).toMatchObject({ status: 'quit', painEnd: null });
  });

  it('paused before q, "carry on" leaves it paused', () => {
    const s = playing();
    s.key('space');
    s.key('q');
    s.key('other');
    expect(playScreen(s.loop.state, s.clock.now())!.paused).toBe(true);
  });

  it('? shows and hides the keys', () => {
    const s = playing();
    s.key('?');
    expect(playScreen(s.loop.state, s.clock.now())!.showKeys).toBe(true);
    s.key('?');
    expect(playScreen(s.loop.state, s.clock.now())!.showKeys).toBe(false);
  });

  it('? asks, on every press, for the keys and the movement in full (a plain terminal prints them each time)', () => {
    const s = playing();
    s.key('?');
    s.key('?');
    expect(s.of('help')).toEqual([
      { type: 'help', teach: s.timelines[0]!.teach.full },
      { type: 'help', teach: s.timelines[0]!.teach.full },
    ]);
    // Nowhere but during an exercise.
    const welcome = setup();
    welcome.start();
    welcome.key('?');
    expect(welcome.of('help')).toEqual([]);
  });

  it.each(['y', 'n', 'escape', 'other'] as const)('%s alone does nothing', (key) => {
    const s = playing();
    s.advance(3000);
    s.key(key);
    expect(s.stage()).toBe('play');
    expect(playScreen(s.loop.state, s.clock.now())!.paused).toBe(false);
  });

  it('every key is traced', () => {
    const s = playing();
    s.key('?');
    expect(s.traces('key').at(-1)!.fields).toEqual({ key: '?' });
  });
});

describe('the screen during an exercise', () => {
  it('shows exercise n of m, the position, the side and rep, and the time left including later exercises', () => {
    const s = setup([{ reps: 2, holdSeconds: 2, sides: 'each', sideNames: ['left knee', 'right knee'] } as Dose, SHORT]);
    s.begin();
    s.answer(1);
    const rep1 = s.timelines[0]!.cues.find((c) => c.kind === 'rep')!;
    s.advance(rep1.at);
    const view = playScreen(s.loop.state, s.clock.now(), '*')!;
    expect(view).toMatchObject({ index: 0, of: 2, name: 'ex 1', position: 'Lie on your back.', sideName: 'left knee', repLabel: 'Rep 1 of 2' });
    expect(view.remainingMs).toBe(s.timelines[0]!.durationMs - rep1.at + s.timelines[1]!.durationMs);
    expect(view.elapsedMs).toBe(rep1.at);
    const switchCue = s.timelines[0]!.cues.find((c) => c.kind === 'switch')!;
    s.advance(switchCue.at - rep1.at);
    expect(playScreen(s.loop.state, s.clock.now(), '*')).toMatchObject({ spinner: '*', phase: 'switch' });
    s.advance(s.timelines[0]!.cues.find((c) => c.kind === 'rep' && c.side === 1)!.at - switchCue.at);
    expect(playScreen(s.loop.state, s.clock.now())!.sideName).toBe('right knee');
  });

  it('the page before an exercise counts from 1', () => {
    const s = setup();
    s.begin();
    runWith(s, [1, 1]);
    expect(s.of('page').map((p) => p.lines[0])).toEqual(['The plan', 'Next: ex 1 (exercise 1 of 3)', 'Next: ex 2 (exercise 2 of 3)', 'Next: ex 3 (exercise 3 of 3)']);
  });

  it('a warning from an adapter stays in view', () => {
    const s = setup();
    s.begin();
    s.answer(1);
    s.loop.dispatch({ type: 'warning', message: 'Not saved.', now: s.clock.now() });
    expect(playScreen(s.loop.state, s.clock.now())!.warning).toBe('Not saved.');
  });
});

describe('signals', () => {
  it.each([
    ['SIGINT', 'quit'],
    ['SIGTERM', 'interrupted'],
    ['SIGHUP', 'interrupted'],
    ['SIGQUIT', 'interrupted'],
  ] as const)('%s mid-exercise: stopped, saved as %s, with the signal in the outcome', (signal, status) => {
    const s = setup();
    s.begin();
    s.answer(2);
    s.advance(5000);
    s.signal(signal);
    expect(s.records()).toMatchObject([{ status: 'stopped', painBefore: 2 }]);
    expect(s.outcome()).toMatchObject({ kind: 'ended', signal, result: { status } });
    expect(s.of('record-end')[0]!.end.status).toBe(status);
    expect(s.effects.some((e) => e.type === 'hush')).toBe(true);
  });

  it('at a pain check: the prompt is cancelled, the exercise recorded as stopped', () => {
    const s = setup();
    s.begin();
    s.signal('SIGTERM');
    expect(s.of('cancel-ask')).toHaveLength(1);
    expect(s.records()).toMatchObject([{ status: 'stopped', painBefore: null }]);
    expect(s.result().status).toBe('interrupted');
    // A late answer from the cancelled prompt changes nothing.
    const before = s.effects.length;
    s.answer(3);
    expect(s.effects.length).toBe(before);
  });

  it('at the choice: recorded as stopped with the pain given', () => {
    const s = setup();
    s.begin();
    runWith(s, [2]);
    s.answer(5);
    s.signal('SIGHUP');
    expect(s.records()[1]).toMatchObject({ status: 'stopped', painBefore: 5 });
    expect(s.result()).toMatchObject({ status: 'interrupted', painEnd: 5 });
  });

  it('during the advice after a pain stop: ends as the pain stop it was', () => {
    const s = setup();
    s.begin();
    s.answer(9);
    s.signal('SIGINT');
    expect(s.result().status).toBe('pain-stop');
  });
});

describe('time on the fake clock', () => {
  it('timers that fire late: cues are caught up, with no drift', () => {
    const s = setup([SHORT]);
    s.begin();
    s.answer(1);
    s.advance(s.timelines[0]!.durationMs + 1000, 40);
    const ticks = s.traces('tick').map((t) => t.fields!.due as number);
    expect(ticks).toEqual(s.timelines[0]!.cues.map((c) => c.at));
    expect(s.records()[0]!.status).toBe('done');
  });

  it('timers that fire early: no cue is delivered before its time', () => {
    const s = setup([SHORT]);
    s.begin();
    s.answer(1);
    const cues = s.timelines[0]!.cues;
    // Fire each timer 50 ms early: what the controller is told must still come on time.
    for (let i = 1; i < cues.length; i++) {
      s.advance(cues[i]!.at - 50 - s.clock.now(), -50);
      expect(s.traces('cue').length).toBe(i);
      s.advance(50, -50);
      expect(s.traces('cue').length).toBe(i + 1);
    }
  });

  it('at a time scale the exercise plays that much faster', () => {
    const s = setup([SHORT], { scale: 10 });
    s.begin();
    s.answer(1);
    s.advance(s.timelines[0]!.durationMs / 10 - 10);
    expect(s.stage()).toBe('play');
    s.advance(20);
    expect(s.stage()).toBe('pain');
  });
});

describe('the next-morning check-in, the note, and demonstrations', () => {
  const last = { sessionId: '20261124T080000-xyzxyz', day: 'Tuesday 24 November' };

  it('asks first about the last session; an answer is recorded against that session, then the first pain check', () => {
    const s = setup([SHORT], { checkinFor: last });
    s.begin();
    expect(s.asked()[0]).toMatchObject({ kind: 'checkin' });
    expect(s.said().at(-1)).toMatch(/morning after your last session, from zero, none, to ten, worst/);
    s.answer(3);
    expect(s.of('record-checkin')).toEqual([{ type: 'record-checkin', checkin: { sessionId: last.sessionId, at: new Date(EPOCH).toISOString(), pain: 3, felt: null } }]);
    expect(s.lastAsk()).toEqual({ kind: 'pain', question: PAIN_QUESTION, last: null });
  });

  it('Enter alone skips it: nothing recorded; Ctrl-C there ends the session', () => {
    const skip = setup([SHORT], { checkinFor: last });
    skip.begin();
    skip.answer('');
    expect(skip.of('record-checkin')).toEqual([]);
    expect(skip.stage()).toBe('pain');
    const quit = setup([SHORT], { checkinFor: last });
    quit.begin();
    quit.answer(null);
    expect(quit.result()).toMatchObject({ status: 'quit', records: [] });
  });

  it('is not asked when there is nothing to check in', () => {
    const s = setup([SHORT]);
    s.begin();
    expect(s.asked().map((a) => a.kind)).toEqual(['pain']);
  });

  it('a note at the end of a finished session is kept with it; Enter alone adds none', () => {
    const s = setup([SHORT], { askNote: true });
    s.begin();
    runWith(s, [2, 1]);
    expect(s.lastAsk()).toMatchObject({ kind: 'note' });
    expect(s.outcome()).toBeUndefined();
    s.answer('  Felt easier today.  ');
    expect(s.of('record-end')[0]!.end).toMatchObject({ status: 'finished', painEnd: 1, note: 'Felt easier today.' });
    const none = setup([SHORT], { askNote: true });
    none.begin();
    runWith(none, [2, 1]);
    none.answer('');
    expect(none.of('record-end')[0]!.end).not.toHaveProperty('note');
  });

  it('a note is asked after a pain stop too, but not when the user left', () => {
    const pain = setup([SHORT], { askNote: true });
    pain.begin();
    pain.answer(8);
    pain.heard();
    expect(pain.lastAsk()).toMatchObject({ kind: 'note' });
    pain.answer('Too sore.');
    expect(pain.result().status).toBe('pain-stop');
    const left = setup([SHORT], { askNote: true });
    left.begin();
    left.answer(2);
    left.key('q');
    left.key('y');
    expect(left.asked().map((a) => a.kind)).toEqual(['pain']);
    expect(left.result().status).toBe('quit');
  });

  it('a session at another speed is recorded with its time scale; a real one without', () => {
    const demo = setup([SHORT], { scale: 20 });
    demo.begin();
    expect(demo.of('record-start')[0]!.start).toMatchObject({ timeScale: 20 });
    const real = setup([SHORT]);
    real.begin();
    expect(real.of('record-start')[0]!.start).not.toHaveProperty('timeScale');
  });
});

describe("a programme's pain rules", () => {
  it('a stricter stop ends the session where the default would not', () => {
    const strict = setup([SHORT], { rules: { stopAt: 5, skipAboveStartBy: 1, painSkipsToEnd: 2 } });
    strict.begin();
    strict.answer(5);
    expect(strict.stage()).toBe('announce');
    const lax = setup([SHORT]);
    lax.begin();
    lax.answer(5);
    expect(lax.stage()).toBe('play');
  });

  it('the rise that offers the skip, and the skips in a row that end it, come from the rules', () => {
    const s = setup([SHORT, SHORT, SHORT, SHORT, SHORT], { rules: { stopAt: 9, skipAboveStartBy: 2, painSkipsToEnd: 3 } });
    s.begin();
    runWith(s, [2]);
    s.answer(3); // one above: no choice under a rise of 2
    expect(s.stage()).toBe('play');
    s.playThrough();
    s.answer(4);
    expect(s.stage()).toBe('decision');
    s.answer('skip');
    s.answer(4);
    s.answer('skip');
    expect(s.stage()).toBe('pain'); // two in a row: not yet
    s.answer(4);
    s.answer('skip');
    expect(s.announced()[0]).toMatch(/3 exercises in a row/);
  });

  it('the rules in force are recorded with the session', () => {
    const rules = { stopAt: 6, skipAboveStartBy: 1, painSkipsToEnd: 2 };
    const s = setup([SHORT], { rules });
    s.begin();
    expect(s.of('record-start')[0]!.start).toMatchObject({ painRules: rules });
  });
});

// Each effect of a transition, in order, and the state it leaves: what the
// driver performs is the contract, so these compare whole effect lists.
describe('every effect, in order', () => {
  const since = (s: ReturnType<typeof setup>, act: () => void) => {
    const from = s.effects.length;
    act();
    return s.effects.slice(from);
  };
  const last = { sessionId: '20261124T080000-xyzxyz', day: 'Tuesday 24 November' };

  it('the initial state: nothing started, nothing recorded, no warnings', () => {
    const s = setup();
    expect(s.loop.state).toEqual({
      config: s.loop.state.config,
      stage: { kind: 'welcome' },
      pain: s.loop.state.pain,
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
    });
  });

  it('the first screen: the plan with any warning already given, the safety words (after the programme\'s rules, when given)', () => {
    const s = setup([SHORT], { introSaying: 'Your programme: stop at 5.' });
    s.loop.dispatch({ type: 'warning', message: 'Speech stopped.', now: 0 });
    expect(since(s, () => s.start())).toEqual([
      { type: 'page', lines: ['The plan', 'Press Enter to start', '  Speech stopped.'] },
      { type: 'say', text: `Your programme: stop at 5. ${START_SAYING}`, kind: 'sentence' },
    ]);
    expect(START_SAYING).toMatch(/stop if anything hurts.*breathing.*Press Enter to start/);
    const plain = setup([SHORT]);
    plain.start();
    expect(plain.effects).toEqual([{ type: 'page', lines: ['The plan', 'Press Enter to start'] }, { type: 'say', text: START_SAYING, kind: 'sentence' }]);
  });

  it('Enter: the key traced, the session recorded, the page and words before the first check, then the question', () => {
    const s = setup([SHORT, SHORT]);
    s.start();
    s.advance(1234);
    expect(since(s, () => s.key('enter'))).toEqual([
      { type: 'trace', event: 'key', fields: { key: 'enter' } },
      { type: 'record-start', start: { sessionId: '20261125T080001-abcdef', startedAt: new Date(EPOCH + 1234).toISOString(), routine: 'test', planned: s.timelines.map((t) => ({ id: t.id, name: t.name, dose: t.dose })), painRules: DEFAULT_PAIN_RULES } },
      { type: 'trace', event: 'exercise-start', fields: { id: 'ex-1' } },
      { type: 'page', lines: ['Next: ex 1 (exercise 1 of 2)', 'Lie on your back.', ''], warning: true },
      { type: 'say', text: `Next: ex 1. ${spoken(PAIN_QUESTION)}`, kind: 'sentence' },
      { type: 'ask', ask: { kind: 'pain', question: PAIN_QUESTION, last: null } },
    ]);
    expect(s.loop.state).toMatchObject({ startedAtMs: 1234, startedAt: new Date(EPOCH + 1234).toISOString(), sessionId: '20261125T080001-abcdef', stage: { kind: 'pain', index: 0, began: 1234 } });
  });

  it('an exercise without a starting position: no line for it', () => {
    const s = setup([SHORT], { noPosition: true });
    s.begin();
    expect(s.of('page').at(-1)).toEqual({ type: 'page', lines: ['Next: ex 1 (exercise 1 of 1)', ''], warning: true });
  });

  it('the check-in: the day of the last session, the question said and asked', () => {
    const s = setup([SHORT], { checkinFor: last });
    s.start();
    expect(since(s, () => s.key('enter')).slice(2)).toEqual([
      { type: 'page', lines: ['Your last session was on Tuesday 24 November.', ''] },
      { type: 'say', text: spoken(CHECKIN_QUESTION), kind: 'sentence' },
      { type: 'ask', ask: { kind: 'checkin', question: CHECKIN_QUESTION } },
    ]);
    expect(s.stage()).toBe('checkin');
  });

  it('Ctrl-C at the check-in: the session ends as quit, and says so in its state', () => {
    const s = setup([SHORT], { checkinFor: last });
    s.begin();
    s.answer(null);
    expect(s.loop.state).toMatchObject({ endRequested: 'quit', status: 'quit', stage: { kind: 'ended' } });
  });

  it('leaving at the first screen: the words, the voice hushed, the outcome; then nothing more happens', () => {
    const s = setup();
    s.start();
    expect(since(s, () => s.key('q'))).toEqual([
      { type: 'trace', event: 'key', fields: { key: 'q' } },
      { type: 'print', lines: ['', 'No session today. Take care.'] },
      { type: 'hush' },
      { type: 'end', outcome: { kind: 'not-started', by: 'q' } },
    ]);
    expect(s.loop.state.stage).toEqual({ kind: 'ended' });
    const state = s.loop.state;
    for (const event of [{ type: 'signal', signal: 'SIGTERM', now: 5 }, { type: 'key', key: 'enter', now: 5 }, { type: 'start', now: 5 }] as SessionEvent[]) {
      const t = update(state, event);
      expect(t.effects).toEqual([]);
      expect(t.state).toBe(state);
    }
  });

  it('every transition says when to wake: never outside an exercise, at the next cue during one, not at all once ended', () => {
    const s = setup([SHORT]);
    const t0 = update(s.loop.state, { type: 'start', now: 0 });
    expect(t0.effects.at(-1)).toEqual({ type: 'wake', at: null });
    s.begin();
    const t1 = update(s.loop.state, { type: 'answer', ask: 'pain', value: 2, now: 0 });
    const stage = t1.state.stage;
    if (stage.kind !== 'play') throw new Error('not playing');
    const wakes = t1.effects.filter((e) => e.type === 'wake');
    expect(wakes).toHaveLength(1);
    expect(wakes[0]).toEqual({ type: 'wake', at: expect.any(Number) });
    expect((wakes[0] as { at: number }).at).toBeGreaterThan(0);
    const t2 = update(s.loop.state, { type: 'signal', signal: 'SIGTERM', now: 0 });
    expect(t2.state.stage.kind).toBe('ended');
    expect(t2.effects.filter((e) => e.type === 'wake')).toEqual([]);
  });

  // Events that do not belong to a stage are ignored there: no effect but the wake, the stage unchanged.
  const reach: Record<string, () => ReturnType<typeof setup>> = {
    welcome: () => { const s = setup(); s.start(); return s; },
    checkin: () => { const s = setup([SHORT], { checkinFor: last }); s.begin(); return s; },
    pain: () => { const s = setup(); s.begin(); return s; },
    decision: () => { const s = setup(); s.begin(); runWith(s, [2]); s.answer(4); return s; },
    announce: () => { const s = setup(); s.begin(); s.answer(8); return s; },
    note: () => { const s = setup([SHORT], { askNote: true }); s.begin(); runWith(s, [2, 1]); return s; },
    play: () => { const s = setup(); s.begin(); s.answer(2); return s; },
  };
  const stray = (now: number): Record<string, SessionEvent> => ({
    key: { type: 'key', key: 'enter', now },
    tick: { type: 'tick', now },
    heard: { type: 'heard', now },
    'pain answer': { type: 'answer', ask: 'pain', value: 3, now },
    'checkin answer': { type: 'answer', ask: 'checkin', value: 3, now },
    'note answer': { type: 'answer', ask: 'note', value: 'x', now },
    'decision answer': { type: 'answer', ask: 'decision', value: 'do-anyway', now },
  });
  it.each([
    ['welcome', ['tick', 'heard', 'pain answer', 'checkin answer']],
    ['checkin', ['key', 'tick', 'heard', 'pain answer', 'note answer']],
    ['pain', ['key', 'tick', 'heard', 'checkin answer', 'decision answer', 'note answer']],
    ['decision', ['key', 'tick', 'heard', 'pain answer', 'checkin answer']],
    ['announce', ['key', 'tick', 'pain answer', 'decision answer']],
    ['note', ['key', 'tick', 'heard', 'pain answer', 'checkin answer']],
    ['play', ['heard', 'pain answer', 'decision answer']],
  ])('at %s, ignored: %j', (stage, events) => {
    const s = reach[stage]!();
    expect(s.stage()).toBe(stage);
    for (const name of events) {
      const t = update(s.loop.state, stray(s.clock.now())[name]!);
      expect(t.effects.filter((e) => e.type !== 'wake'), name).toEqual([]);
      expect(t.state.stage, name).toEqual(s.loop.state.stage);
    }
  });

  it('a pain stop: recorded and traced, the advice printed, said and waited for', () => {
    const s = setup([SHORT, SHORT]);
    s.begin();
    const effects = since(s, () => s.answer(8));
    const message = (effects.find((e) => e.type === 'wait-heard') as { text: string } | undefined)?.text;
    expect(message).toMatch(/8 out of 10/);
    expect(effects).toEqual([
      { type: 'record-exercise', sessionId: '20261125T080000-abcdef', record: expect.objectContaining({ id: 'ex-1', status: 'skipped-pain', painBefore: 8 }) },
      { type: 'trace', event: 'exercise-end', fields: { id: 'ex-1', status: 'skipped-pain' } },
      { type: 'print', lines: ['', message], tone: 'warning' },
      { type: 'say', text: message, kind: 'sentence' },
      { type: 'wait-heard', text: message },
    ]);
    expect(s.loop.state.records).toEqual(s.records());
  });

  it('the choice: the reason printed, said with the choices, and asked', () => {
    const s = setup();
    s.begin();
    runWith(s, [2]);
    const effects = since(s, () => s.answer(4));
    const message = 'Your pain is 4, higher than the 2 you started with. When in doubt, skip it: you can try this exercise again another day.';
    expect(effects).toEqual([
      { type: 'print', lines: ['', message], tone: 'warning' },
      { type: 'say', text: `${message} ${DECISION_SAYING}`, kind: 'sentence' },
      { type: 'ask', ask: { kind: 'decision', message } },
    ]);
  });

  it('the end: a blank page, the last question, then the closing words, the record and the result', () => {
    const s = setup([SHORT]);
    s.advance(1000);
    s.begin();
    s.answer(2);
    const over = since(s, () => s.playThrough());
    const record = s.records()[0]!;
    expect(over.slice(over.findIndex((e) => e.type === 'record-exercise'))).toEqual([
      { type: 'record-exercise', sessionId: '20261125T080001-abcdef', record },
      { type: 'trace', event: 'exercise-end', fields: { id: 'ex-1', status: 'done' } },
      { type: 'play-end' },
      { type: 'page', lines: [] },
      { type: 'say', text: spoken(PAIN_QUESTION_END), kind: 'sentence' },
      { type: 'ask', ask: { kind: 'pain', question: PAIN_QUESTION_END, last: 2 } },
    ]);
    expect(s.loop.state.lastPosition).toBe(0);
    s.advance(500);
    const now = s.clock.now();
    const closing = sessionDoneCue(0);
    const result = { sessionId: '20261125T080001-abcdef', startedAt: new Date(EPOCH + 1000).toISOString(), status: 'finished', records: [record], painStart: 2, painEnd: 1, durationMs: now - 1000 };
    expect(since(s, () => s.answer(1))).toEqual([
      { type: 'trace', event: 'cue', fields: { text: closing.text } },
      { type: 'say', text: closing.say, kind: 'sentence' },
      { type: 'record-end', end: { sessionId: result.sessionId, endedAt: new Date(EPOCH + now).toISOString(), status: 'finished', painEnd: 1, durationMs: now - 1000, summary: { startedAt: result.startedAt, routine: 'test', planned: 1, exercises: [expect.objectContaining({ id: 'ex-1', status: 'done' })] } } },
      { type: 'trace', event: 'session-end', fields: { status: 'finished' } },
      { type: 'end', outcome: { kind: 'ended', result } },
    ]);
    expect(s.loop.state).toMatchObject({ status: 'finished', stage: { kind: 'ended' }, painEnd: 1, lastIsStale: false });
  });

  it('a new exercise starts its screen, with the keys hidden', () => {
    const s = setup();
    s.begin();
    const effects = since(s, () => s.answer(2));
    expect(effects[0]).toEqual({ type: 'play-begin' });
    expect(playScreen(s.loop.state, s.clock.now())).toMatchObject({ showKeys: false, phase: 'intro', cueText: s.timelines[0]!.cues[0]!.text });
    expect(s.loop.state.stage).toMatchObject({ confirming: false });
  });

  it('the trace starts at the origin', () => {
    const s = setup([SHORT], { origin: 100 });
    s.advance(300);
    s.begin();
    s.answer(1);
    s.playThrough();
    expect(s.traces('tick').map((t) => t.fields!.due)).toEqual(s.timelines[0]!.cues.map((c) => c.at + 200));
  });
});

describe('every effect of a key during an exercise', () => {
  function playing(doses: Dose[] = [SHORT, SHORT]) {
    const s = setup(doses);
    s.begin();
    s.answer(3);
    return s;
  }
  const since = (s: ReturnType<typeof setup>, act: () => void) => {
    const from = s.effects.length;
    act();
    return s.effects.slice(from).filter((e) => e.type !== 'say' || e.due === undefined);
  };
  const cueOf = (s: ReturnType<typeof setup>, kind: string, n = 0) => s.timelines[0]!.cues.filter((c) => c.kind === kind)[n]!;

  it.each([
    ['s', [{ type: 'trace', event: 'skip' }], 'skipped'],
    ['p', [{ type: 'trace', event: 'skip', fields: { reason: 'pain' } }, { type: 'hush' }], 'skipped-pain'],
  ] as const)('%s: traced, then the exercise recorded and its screen ended', (key, first, status) => {
    const s = playing();
    s.advance(cueOf(s, 'relax').at + 10);
    const effects = since(s, () => s.key(key));
    expect(effects.slice(0, first.length + 1)).toEqual([{ type: 'trace', event: 'key', fields: { key } }, ...first]);
    expect(effects.slice(first.length + 1, first.length + 4)).toEqual([
      { type: 'record-exercise', sessionId: s.loop.state.sessionId, record: s.records()[0] },
      { type: 'trace', event: 'exercise-end', fields: { id: 'ex-1', status } },
      { type: 'play-end' },
    ]);
  });

  it('b: traced as a restart', () => {
    const s = playing();
    s.advance(cueOf(s, 'relax').at + 10);
    expect(since(s, () => s.key('b')).slice(0, 2)).toEqual([{ type: 'trace', event: 'key', fields: { key: 'b' } }, { type: 'trace', event: 'restart' }]);
  });

  it('q: paused without "Paused", hushed, the question said; Ctrl-C once paused pauses nothing more', () => {
    const s = playing();
    s.advance(3000);
    expect(since(s, () => s.key('q'))).toEqual([
      { type: 'trace', event: 'key', fields: { key: 'q' } },
      { type: 'hush' },
      { type: 'trace', event: 'pause' },
      { type: 'hush' },
      { type: 'say', text: CONFIRM_SAYING, kind: 'sentence' },
    ]);
    expect(CONFIRM_SAYING).toMatch(/End the session\? Press y to end/);
    expect(playScreen(s.loop.state, s.clock.now())!.notice).toBe(CONFIRM_NOTICE);
    const paused = setup();
    paused.begin();
    paused.answer(3);
    expect(since(paused, () => paused.key('space'))).toEqual([
      { type: 'trace', event: 'key', fields: { key: 'space' } },
      { type: 'hush' },
      { type: 'trace', event: 'pause' },
      { type: 'say', text: PAUSED_SAYING, kind: 'sentence' },
    ]);
    expect(PAUSED_SAYING).toMatch(/^Paused\. Press space to carry on/);
    expect(since(paused, () => paused.key('q'))).toEqual([
      { type: 'trace', event: 'key', fields: { key: 'q' } },
      { type: 'hush' },
      { type: 'say', text: CONFIRM_SAYING, kind: 'sentence' },
    ]);
  });

  it('carry on after q: the screen as it was, and the next key is a key again', () => {
    const s = playing();
    s.advance(3000);
    const before = playScreen(s.loop.state, s.clock.now())!;
    s.key('q');
    s.key('n');
    const after = playScreen(s.loop.state, s.clock.now())!;
    expect(after).toMatchObject({ phase: before.phase, cueText: before.cueText, showKeys: false, paused: false });
    s.key('space');
    expect(playScreen(s.loop.state, s.clock.now())!.paused).toBe(true);
    expect(s.loop.state.stage).toMatchObject({ confirming: false });
  });

  it('Enter in a fixed number of reps says nothing', () => {
    const s = playing();
    s.advance(cueOf(s, 'rep').at + 10);
    s.key('enter');
    expect(playScreen(s.loop.state, s.clock.now())!.notice).toBeUndefined();
    expect(s.stage()).toBe('play');
  });

  it('the time done counts only time played, across pauses', () => {
    const s = playing();
    s.advance(1000);
    s.key('space');
    expect(playScreen(s.loop.state, s.clock.now())!.elapsedMs).toBe(1000);
    expect(s.loop.state).toMatchObject({ playedMs: 1000, lastPosition: 1000 });
    s.advance(5000);
    s.key('space');
    s.advance(700);
    s.key('space');
    expect(playScreen(s.loop.state, s.clock.now())!.elapsedMs).toBe(1700);
    expect(s.loop.state).toMatchObject({ playedMs: 1700, lastPosition: 1700 });
  });

  it('the count is shown during a hold and gone after it; a range shows its reps as min-max', () => {
    const s = playing();
    const count = s.timelines[0]!.cues.find((c) => c.kind === 'count' && c.count !== undefined)!;
    s.advance(count.at);
    expect(playScreen(s.loop.state, s.clock.now())!.count).toBe(count.count);
    s.advance(cueOf(s, 'relax').at - count.at);
    expect(playScreen(s.loop.state, s.clock.now())).not.toHaveProperty('count');
    const range = playing([{ reps: { min: 2, max: 4 }, holdSeconds: 0, sides: 'each', sideNames: ['left', 'right'] } as Dose]);
    range.advance(cueOf(range, 'rep').at);
    expect(playScreen(range.loop.state, range.clock.now())).toMatchObject({ repLabel: 'Rep 1 of 2-4', sideName: 'left' });
    range.key('b');
    const view = playScreen(range.loop.state, range.clock.now())!;
    expect(view).not.toHaveProperty('repLabel');
    expect(view).not.toHaveProperty('sideName');
  });

  it('after p, the next answer is current again: the check after that offers it', () => {
    const s = playing([SHORT, SHORT, SHORT]);
    s.key('p');
    s.heard();
    s.answer(3);
    s.playThrough();
    expect(s.lastAsk()).toEqual({ kind: 'pain', question: PAIN_QUESTION, last: 3 });
  });

  it('p on the last exercise: the answer at the end is the pain at the end', () => {
    const s = playing([SHORT]);
    s.key('p');
    s.heard();
    expect(s.lastAsk()).toEqual({ kind: 'pain', question: PAIN_QUESTION_END, last: null });
    s.answer(4);
    expect(s.loop.state).toMatchObject({ painEnd: 4, lastIsStale: false });
    expect(s.result().records).toEqual(s.records());
  });
});

describe('signals, in every stage', () => {
  const last = { sessionId: '20261124T080000-xyzxyz', day: 'Tuesday 24 November' };
  const since = (s: ReturnType<typeof setup>, act: () => void) => {
    const from = s.effects.length;
    act();
    return s.effects.slice(from);
  };

  it('at the check-in: the key traced, hushed, the prompt cancelled, ended as interrupted with nothing done', () => {
    const s = setup([SHORT], { checkinFor: last });
    s.begin();
    const effects = since(s, () => s.signal('SIGTERM'));
    expect(effects.slice(0, 3)).toEqual([{ type: 'trace', event: 'key', fields: { key: 'SIGTERM' } }, { type: 'hush' }, { type: 'cancel-ask' }]);
    expect(s.result()).toMatchObject({ status: 'interrupted', records: [] });
    expect(s.outcome()).toMatchObject({ signal: 'SIGTERM' });
  });

  it('at the note: the prompt cancelled, the session finished without a note', () => {
    const s = setup([SHORT], { askNote: true });
    s.begin();
    runWith(s, [2, 1]);
    const effects = since(s, () => s.signal('SIGHUP'));
    expect(effects.slice(0, 3)).toEqual([{ type: 'trace', event: 'key', fields: { key: 'SIGHUP' } }, { type: 'hush' }, { type: 'cancel-ask' }]);
    expect(s.result().status).toBe('finished');
    expect(s.of('record-end')[0]!.end).not.toHaveProperty('note');
  });

  it('at the question at the end: the prompt cancelled, finished, nothing more recorded', () => {
    const s = setup([SHORT]);
    s.begin();
    runWith(s, [2]);
    expect(s.stage()).toBe('pain');
    const effects = since(s, () => s.signal('SIGTERM'));
    expect(effects.slice(1, 3)).toEqual([{ type: 'hush' }, { type: 'cancel-ask' }]);
    expect(s.records()).toHaveLength(1);
    expect(s.result()).toMatchObject({ status: 'finished', painEnd: null });
  });

  it('at the choice: the prompt cancelled, the exercise recorded as ended by the choice', () => {
    const s = setup();
    s.begin();
    runWith(s, [2]);
    s.answer(5);
    const effects = since(s, () => s.signal('SIGHUP'));
    expect(effects[2]).toEqual({ type: 'cancel-ask' });
    expect(s.records()[1]).toMatchObject({ status: 'stopped', painBefore: 5, decision: 'end' });
  });

  it('Ctrl-C at the note, or Enter alone: no note kept', () => {
    for (const value of [null, '', '   ']) {
      const s = setup([SHORT], { askNote: true });
      s.begin();
      runWith(s, [2, 1]);
      expect(s.lastAsk()).toEqual({ kind: 'note', question: NOTE_QUESTION });
      s.answer(value);
      expect(s.loop.state).not.toHaveProperty('note');
      expect(s.result().status).toBe('finished');
    }
  });

  it('no note is asked unless wanted', () => {
    const s = setup([SHORT]);
    s.begin();
    runWith(s, [2, 1]);
    expect(s.asked().map((a) => a.kind)).toEqual(['pain', 'pain']);
    expect(s.result().status).toBe('finished');
  });
});

describe('the timelines retimed between exercises, and what is left', () => {
  const LONGER: Dose = { reps: 3, holdSeconds: 2, sides: 'none' };
  const retime = (s: ReturnType<typeof setup>, doses: Dose[]) => {
    const timelines = buildSession(doses.map((dose, i) => planned(`ex-${i + 1}`, dose)));
    const from = s.effects.length;
    s.loop.dispatch({ type: 'retime', timelines, now: s.clock.now() });
    return { timelines, effects: s.effects.slice(from) };
  };

  it('taken at a pain check: the next exercise plays by the new times', () => {
    const s = setup([SHORT, SHORT]);
    s.begin();
    const { timelines, effects } = retime(s, [LONGER, SHORT]);
    expect(effects).toEqual([]);
    expect(s.loop.state.config.timelines).toBe(timelines);
    expect(s.stage()).toBe('pain');
    s.answer(2);
    s.clock.advance(timelines[0]!.durationMs + 1);
    expect(s.records()[0]).toMatchObject({ status: 'done', repsDone: 3, repsPlanned: 3 });
  });

  it('not taken during an exercise, nor when the number of exercises differs', () => {
    const s = setup([SHORT, SHORT]);
    s.begin();
    const before = s.loop.state.config.timelines;
    retime(s, [LONGER]);
    expect(s.loop.state.config.timelines).toBe(before);
    s.answer(2);
    retime(s, [LONGER, SHORT]);
    expect(s.loop.state.config.timelines).toBe(before);
    s.playThrough();
    expect(s.records()[0]).toMatchObject({ status: 'done', repsDone: 2 });
  });

  it('the side worked stays shown until the exercise is over', () => {
    const s = setup([{ reps: 1, holdSeconds: 0, sides: 'each', sideNames: ['left', 'right'] } as Dose]);
    s.begin();
    s.answer(1);
    const done = s.timelines[0]!.cues.find((c) => c.kind === 'done')!;
    s.advance(done.at);
    expect(s.stage()).toBe('play');
    expect(playScreen(s.loop.state, s.clock.now())).toMatchObject({ phase: 'done', sideName: 'right' });
  });

  it('q then y: the session is marked as ended by the user', () => {
    const s = setup([SHORT]);
    s.begin();
    s.answer(1);
    s.key('q');
    s.key('y');
    expect(s.loop.state).toMatchObject({ endRequested: 'quit', status: 'quit' });
  });

  it('a signal at the note after a pain stop: ended as the pain stop it was', () => {
    const s = setup([SHORT], { askNote: true });
    s.begin();
    s.answer(8);
    s.heard();
    expect(s.lastAsk()).toEqual({ kind: 'note', question: NOTE_QUESTION });
    expect(NOTE_QUESTION).toMatch(/^How did it go\?.*Enter alone to skip/);
    s.signal('SIGTERM');
    expect(s.result()).toMatchObject({ status: 'pain-stop', painEnd: 8 });
  });
});
