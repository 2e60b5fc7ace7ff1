// Histories for the report's tests: JSON lines as a session writes them
// (src/history/store.ts), plus the fields the history format is gaining
// (notes/contracts.md: timeScale, painRules, note, checkin lines).
import type { ExerciseRecord, ExerciseStatus, PainDecision, SessionStatus } from '../../src/engine/record.js';
import type { Checkin } from '../../src/history/stats.js';
import type { FullSession } from '../../src/report/model.js';
import type { PainRules } from '../../src/report/pain-rules.js';

const EXERCISES: [string, string][] = [
  ['neutral-spine-brace', 'Neutral spine with abdominal bracing'],
  ['backward-rock', 'Backward rock on hands and knees'],
  ['forward-rock', 'Forward rock on hands and knees'],
  ['bird-dog', 'Bird dog'],
  ['bridge', 'Bridge with leg raise'],
  ['superman', 'Superman'],
  ['prone-press-up', 'Prone press-up (upward dog)'],
];
const dose = { reps: 10, holdSeconds: 5, sides: 'none' as const };

export interface ExerciseSpec {
  status: ExerciseStatus;
  pain: number | null;
  decision?: PainDecision;
}

export interface SessionSpec {
  id: string;
  start: Date;
  status: SessionStatus;
  exercises: ExerciseSpec[];
  painEnd: number | null;
  timeScale?: number;
  painRules?: PainRules;
  note?: string;
  checkin?: Checkin;
  /** Names to use instead of the built-in ones (a user's own file). */
  names?: string[];
}

function records(spec: SessionSpec): ExerciseRecord[] {
  return spec.exercises.map((e, i) => {
    const [id, name] = EXERCISES[i % EXERCISES.length]!;
    const at = new Date(spec.start.getTime() + i * 180_000).toISOString();
    const done = e.status === 'done';
    return { id, name: spec.names?.[i] ?? name, dose, painBefore: e.pain, ...(e.decision && { decision: e.decision }), repsPlanned: 10, repsMinimum: 10, repsDone: done ? 10 : 3, sidesPlanned: 1, sidesDone: done ? 1 : 0, status: e.status, restarts: 0, startedAt: at, endedAt: at };
  });
}

const endAt = (spec: SessionSpec) => new Date(spec.start.getTime() + spec.exercises.length * 180_000).toISOString();

/** History lines (objects) for these sessions, in the order a day's sessions and check-ins are written. */
export function historyLines(specs: SessionSpec[]): object[] {
  const lines: object[] = [];
  for (const spec of specs) {
    const exercises = records(spec);
    const startedAt = spec.start.toISOString();
    const planned = EXERCISES.map(([id, name]) => ({ id, name, dose }));
    lines.push({ v: 1, type: 'session-start', pid: 1, sessionId: spec.id, startedAt, routine: 'core', planned, ...(spec.timeScale !== undefined && spec.timeScale !== 1 && { timeScale: spec.timeScale }), ...(spec.painRules && { painRules: spec.painRules }) });
    for (const exercise of exercises) lines.push({ v: 1, type: 'exercise', sessionId: spec.id, exercise });
    const summary = { startedAt, routine: 'core', planned: planned.length, exercises: exercises.map(({ id, name, status, painBefore }) => ({ id, name, status, painBefore })) };
    if (spec.status !== 'interrupted') lines.push({ v: 1, type: 'session-end', sessionId: spec.id, endedAt: endAt(spec), status: spec.status, painEnd: spec.painEnd, durationMs: spec.exercises.length * 180_000, summary, ...(spec.note !== undefined && { note: spec.note }) });
    if (spec.checkin) lines.push({ v: 1, type: 'checkin', sessionId: spec.id, at: spec.checkin.at, pain: spec.checkin.pain, felt: spec.checkin.felt });
  }
  return lines;
}

export const historyText = (specs: SessionSpec[]) => historyLines(specs).map((l) => JSON.stringify(l)).join('\n') + '\n';

/** The same sessions as a reader that knows the new fields gives them back: newest first. */
export function reportSessions(specs: SessionSpec[]): FullSession[] {
  return specs
    .map((spec): FullSession => {
      const exercises = records(spec);
      return {
        sessionId: spec.id,
        startedAt: spec.start.toISOString(),
        routine: 'core',
        planned: EXERCISES.map(([id, name]) => ({ id, name, dose })),
        status: spec.status,
        endedAt: spec.status === 'interrupted' ? null : endAt(spec),
        painStart: exercises.find((e) => e.painBefore !== null)?.painBefore ?? null,
        painEnd: spec.painEnd,
        durationMs: spec.exercises.length * 180_000,
        exercises,
        timeScale: spec.timeScale ?? 1,
        demo: (spec.timeScale ?? 1) !== 1,
        ...(spec.note !== undefined && { note: spec.note }),
        ...(spec.checkin && { checkin: spec.checkin }),
        ...(spec.painRules && { painRules: spec.painRules }),
      };
    })
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
}

export const HOSTILE_NOTE = 'Sore <script>alert("x")</script> & "tired"\u0007 \u202eevil\u202c <img src=http://example.com/x.png>';

/**
 * Six weeks of daily sessions ending the day before `now`, at 08:00 local:
 * pain easing from about 6 to 3, a check-in most mornings, a note every few
 * days (one of them hostile), a few skips for pain, one `p`, one pain stop,
 * the physiotherapist's rules set from the fourth week, and one demo run.
 */
export function sixWeeks(now: Date): SessionSpec[] {
  const specs: SessionSpec[] = [];
  const days = 42;
  const rules: PainRules = { stopAt: 6, skipAboveStartBy: 2, painSkipsToEnd: 2, acceptableDuring: 3 };
  for (let i = 0; i < days; i++) {
    const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - i), 8, 0);
    const pain = Math.max(0, Math.min(10, Math.round(6 - (i * 3) / days + Math.sin(i * 1.7))));
    const exercises: ExerciseSpec[] = EXERCISES.map(() => ({ status: 'done' as ExerciseStatus, pain }));
    let status: SessionStatus = 'finished';
    let painEnd: number | null = Math.max(0, pain - 1);
    if (i % 9 === 4) exercises[3] = { status: 'skipped-pain', pain: pain + 2, decision: 'skip' };
    if (i === 20) exercises[5] = { status: 'skipped-pain', pain };
    if (i === 13) {
      exercises.splice(3);
      exercises[2] = { status: 'skipped-pain', pain: 7 };
      status = 'pain-stop';
      painEnd = 7;
    }
    const next = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1, 7, 30);
    specs.push({
      id: `day-${i}`,
      start,
      status,
      exercises,
      painEnd,
      ...(i >= 21 && { painRules: rules }),
      ...(i % 5 === 2 && { note: i === 12 ? HOSTILE_NOTE : `Day ${i + 1}: felt ${pain > 4 ? 'stiff at first, easier after the bridge' : 'loose, no trouble with the superman'}.` }),
      ...(i % 6 !== 5 && { checkin: { at: next.toISOString(), pain: Math.max(0, pain - 2), felt: i % 4 === 0 ? 'better' : 'same' } }),
    });
  }
  specs.push({ id: 'demo', start: new Date(now.getFullYear(), now.getMonth(), now.getDate() - 3, 20, 0), status: 'finished', exercises: EXERCISES.map(() => ({ status: 'done', pain: 9 })), painEnd: 9, timeScale: 20 });
  return specs;
}
