// TEMPORARY stand-in until the history layer lands.
import type { ExerciseRecord, SessionEnd, SessionRecord, SessionStart } from '../engine/record.js';
export function openHistory(_o: { env: NodeJS.ProcessEnv; warn: (m: string) => void }) {
  return { start(_s: SessionStart) {}, exercise(_id: string, _r: ExerciseRecord) {}, end(_e: SessionEnd) {} };
}
export function readSessions(_o: { env: NodeJS.ProcessEnv; warn: (m: string) => void }): SessionRecord[] { return []; }
export function summaryLine(_s: SessionRecord[], _now: Date): string | undefined { return undefined; }
