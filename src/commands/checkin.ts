// `backex checkin`: the next-morning check-in about the last session, asked
// in the terminal or given with --pain (and --felt) by a script.
import type { Felt } from '../engine/record.js';
import { InterruptedError, UsageError } from '../errors.js';
import { CHECKIN_QUESTION, checkinInWords, checkinTarget, FELT_QUESTION, lastSession, recordCheckin } from '../history/checkin.js';
import { readOverviews } from '../history/read.js';
import { dayKey } from '../history/stats.js';
import { colour } from '../terminal/colour.js';
import { visible } from '../terminal/visible.js';
import { outputWidth, prepareText, wrap } from '../terminal/width.js';
import { print } from './common.js';

/** Sentences wrapped to the terminal at spaces (a routine's name may be any text). */
async function say(...sentences: string[]): Promise<void> {
  await prepareText(sentences);
  print(sentences.flatMap((s) => wrap(s, outputWidth())));
}

/** "3" -> 3; anything but a whole number from 0 to 10 is refused with what to type. */
export function parsePain(text: string, from: string): number {
  if (/^\s*(?:10|\d)\s*$/.test(text)) return Number(text);
  throw new UsageError(`${from} takes a whole number from 0 (no pain) to 10 (the worst), like --pain 3; got "${visible(text)}"`);
}

function when(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long' });
}

export async function run(_args: string[], options: Record<string, unknown>): Promise<number> {
  const warn = (m: string) => process.stderr.write(`${colour().yellow(`backex: ${m}`)}\n`);
  const now = new Date();
  // Flags first: a script's mistake is said before anything is read.
  const given = options.pain === undefined ? undefined : parsePain(String(options.pain), '--pain');
  const felt = (options.felt as Felt | undefined) ?? null;
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  if (given === undefined && !interactive) {
    throw new UsageError('backex checkin asks in a terminal; without one, give the answer: --pain N (0 to 10), and --felt better, same or worse if you like');
  }
  const sessions = readOverviews({ warn });
  const session = checkinTarget(sessions, now);
  if (!session) {
    // Said plainly, with the last session's day: a check-in about an older one would be taken as that session's next morning.
    const last = lastSession(sessions);
    const today = last !== null && dayKey(new Date(last.startedAt)) === dayKey(now);
    const lastWhen = last ? ` (your last session was ${today ? 'today' : `on ${when(last.startedAt)}`})` : '';
    throw new UsageError(`there is no session from yesterday to check in about${lastWhen}. A check-in is the morning after a session: run backex checkin the day after your next one`);
  }
  const about = `your session of ${when(session.startedAt)} (${visible(session.routine)})`;
  let answer: { pain: number; felt: Felt | null };
  if (given !== undefined) answer = { pain: given, felt };
  else {
    const asked = await ask(about, felt);
    if (!asked) throw new InterruptedError('No check-in today; nothing was saved. Take care.');
    answer = asked;
  }
  const problem = recordCheckin(session.sessionId, answer, { now });
  if (problem) {
    process.stderr.write(`${colour().red('backex:')} the check-in was not saved (${problem}).\n`);
    return 1;
  }
  const replaced = session.checkin ? ' (this replaces the earlier check-in)' : '';
  const lines = [`Noted for ${about}: ${checkinInWords(answer)}${replaced}.`];
  if (answer.pain >= 7 || answer.felt === 'worse') lines.push('If your pain is worse or does not settle, speak to your physician or physiotherapist before the next session.');
  await say(...lines);
  return 0;
}

/** Both questions in the terminal; null when the user leaves (Ctrl-C). Loaded only here: no other command pays for the prompts. */
async function ask(about: string, felt: Felt | null): Promise<{ pain: number; felt: Felt | null } | null> {
  const [{ input, select }, { promptTheme }] = await Promise.all([import('@inquirer/prompts'), import('../terminal/prompt-theme.js')]);
  await say(`A check-in about ${about}.`);
  try {
    const pain = await input({
      message: CHECKIN_QUESTION,
      theme: promptTheme(),
      validate: (text) => /^\s*(?:10|\d)\s*$/.test(text) || 'Type a whole number from 0 (no pain) to 10 (the worst), then Enter.',
    });
    const how =
      felt ??
      (await select<Felt | 'skip'>({
        message: FELT_QUESTION,
        theme: promptTheme(),
        choices: [
          { name: 'Better', value: 'better' },
          { name: 'The same', value: 'same' },
          { name: 'Worse', value: 'worse' },
          { name: 'I would rather not say', value: 'skip' },
        ],
      }));
    return { pain: Number(pain), felt: how === 'skip' ? null : how };
  } catch (error) {
    // Ctrl-C inside a prompt: the user left.
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) return null;
    throw error;
  }
}
