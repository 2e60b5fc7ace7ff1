// `backex checkin` in a real terminal: both questions, a bad answer refused
// with a hint at the prompt, and Ctrl-C leaving with nothing saved.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionLines, toText } from '../history/fixtures.js';
import { tempHome } from '../support/backex.js';
import { PtySession } from '../support/pty.js';

const now = new Date();
const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, 9);
const running: PtySession[] = [];
afterEach(() => running.splice(0).forEach((s) => s.kill()));

function start(): { session: PtySession; file: string } {
  const home = tempHome();
  mkdirSync(join(home, 'data'));
  const file = join(home, 'data', 'history.jsonl');
  writeFileSync(file, toText(sessionLines('yesterday', yesterday, [4, 3], 'finished', [], true)));
  const session = new PtySession(['checkin'], { home, env: { NO_COLOR: '1' } });
  running.push(session);
  return { session, file };
}

describe('backex checkin in a terminal', () => {
  it('asks the morning pain (refusing 12 with a hint) and how it felt, then records both', async () => {
    const { session, file } = start();
    await session.waitFor('How is your back this morning, from 0 (none) to 10 (worst)?');
    session.type('12\r');
    await session.waitFor('Type a whole number from 0 (no pain) to 10 (the worst), then Enter.');
    session.type('\u007f\u007f2\r');
    await session.waitFor('And how did the exercises feel yesterday?');
    session.type('\u001b[B\r'); // down to "The same"
    expect((await session.exit()).exitCode).toBe(0);
    expect(session.screen().replace(/\n/g, ' ')).toMatch(/Noted for your session of .*\(core\): pain 2 the next morning; the exercises felt the same\./);
    const last = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ type: 'checkin', sessionId: 'yesterday', pain: 2, felt: 'same' });
  });

  it('Ctrl-C at the first question: leaves gently (exit 130), nothing saved', async () => {
    const { session, file } = start();
    const before = readFileSync(file, 'utf8');
    await session.waitFor('How is your back this morning');
    session.type('\u0003');
    expect((await session.exit()).exitCode).toBe(130);
    expect(session.screen()).toMatch(/No check-in today; nothing was saved\. Take care\./);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
