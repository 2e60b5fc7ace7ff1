// What a typed answer means, for both ways of asking (@inquirer/prompts, and --plain's lines).
import { describe, expect, it } from 'vitest';
import { PAIN_QUESTION } from '../../src/engine/pain.js';
import { DECISION_CHOICES, DECISION_HINT, judgeAnswer } from '../../src/session/answers.js';
import { CHECKIN_QUESTION, NOTE_QUESTION } from '../../src/session/controller.js';

const pain = (last: number | null) => ({ kind: 'pain', question: PAIN_QUESTION, last }) as const;

describe('judgeAnswer', () => {
  it('pain: 0-10 ("7/10" too), Enter alone keeps the last answer, q is no answer (the session ends), anything else refused', () => {
    expect(judgeAnswer(pain(null), '7/10')).toEqual({ ok: true, value: 7 });
    expect(judgeAnswer(pain(3), '')).toEqual({ ok: true, value: 3 });
    expect(judgeAnswer(pain(3), ' q ')).toEqual({ ok: true, value: null });
    expect(judgeAnswer(pain(null), '')).toEqual({ ok: false, hint: 'Type a whole number from 0 (no pain) to 10 (worst pain), then press Enter.' });
    expect(judgeAnswer(pain(2), '11')).toMatchObject({ ok: false, hint: expect.stringMatching(/Enter alone to keep 2/) });
  });

  it('check-in: Enter alone skips it (\'\'), a number is kept, anything else refused with how to skip', () => {
    const checkin = { kind: 'checkin', question: CHECKIN_QUESTION } as const;
    expect(judgeAnswer(checkin, '  ')).toEqual({ ok: true, value: '' });
    expect(judgeAnswer(checkin, '4')).toEqual({ ok: true, value: 4 });
    expect(judgeAnswer(checkin, 'bad')).toMatchObject({ ok: false, hint: expect.stringMatching(/Or Enter alone to skip\.$/) });
  });

  it('note: any text, trimmed', () => {
    expect(judgeAnswer({ kind: 'note', question: NOTE_QUESTION }, '  fine  ')).toEqual({ ok: true, value: 'fine' });
  });

  it('decision: 1, 2 or 3 in the order the choices are listed, Enter alone skips, anything else refused', () => {
    const decision = { kind: 'decision', message: 'higher' } as const;
    expect(['1', ' 2 ', '3'].map((t) => judgeAnswer(decision, t))).toEqual(DECISION_CHOICES.map((c) => ({ ok: true, value: c.value })));
    expect(DECISION_CHOICES.map((c) => c.value)).toEqual(['skip', 'do-anyway', 'end']);
    expect(judgeAnswer(decision, '')).toEqual({ ok: true, value: 'skip' });
    for (const text of ['0', '4', '12', 'skip', '1.5']) expect(judgeAnswer(decision, text)).toEqual({ ok: false, hint: DECISION_HINT });
  });
});
