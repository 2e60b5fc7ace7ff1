// Numbers as words, so every speech program says "fifteen", never "one five".
const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

export function numberWord(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1000) return String(n);
  if (n < 20) return ONES[n]!;
  if (n < 100) return TENS[Math.floor(n / 10)]! + (n % 10 ? `-${ONES[n % 10]}` : '');
  return `${ONES[Math.floor(n / 100)]} hundred${n % 100 ? ` and ${numberWord(n % 100)}` : ''}`;
}

/** 1st, 2nd, 3rd, 4th, 11th, 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

// ---------------------------------------------------------------------------
// Spoken length. The timeline gives every phrase a slot at least as long as
// saying it takes; the voice measures real lengths (WAV renders), and until it
// has, this estimate stands in. It is calibrated on festival's default voice,
// the slowest installed here, and errs long: a slot a little too long is a
// pause, a slot too short cuts a sentence off.

const VOWELS = 'aeiouy';

/** Syllables in one word, by its vowel groups (a silent final e does not count); at least one. */
export function syllables(word: string): number {
  return wordSyllables(word.toLowerCase().replace(/[^a-z]/g, ''));
}

/** The same, for a word of lower-case letters only; one pass, as the estimate runs for every phrase. */
function wordSyllables(w: string): number {
  if (w === '') return 0;
  let n = 0;
  let inVowel = false;
  for (let i = 0; i < w.length; i++) {
    const vowel = VOWELS.includes(w[i]!);
    if (vowel && !inVowel) n++;
    inVowel = vowel;
  }
  const l = w.length;
  // "breathe", "hope": one less; "ankle", "the": not.
  if (n > 1 && w[l - 1] === 'e' && !VOWELS.includes(w[l - 2]!) && !(w[l - 2] === 'l' && !VOWELS.includes(w[l - 3] ?? 'a'))) n--;
  return Math.max(1, n);
}

/** Digits as the words a voice says ("90" is "ninety"). */
function spokenNumbers(text: string): string {
  return text.replace(/\d+/g, (digits) => numberWord(Number(digits)));
}

/**
 * The estimate's pace, fitted to festival's default voice and espeak-ng (the
 * length of each phrase's WAV up to the end of its sound, leading silence
 * included) so that it is never shorter than either on the phrases a session
 * says: about a fifth longer on average. A number up to fifteen fits in its
 * second.
 */
export const SPEECH_PACE = {
  /** Handing the phrase over, and the silence before its first sound. */
  startMs: 400,
  perSyllableMs: 90,
  perLetterMs: 48,
  /** A comma, colon or semicolon. */
  commaMs: 100,
  /** Between two sentences. */
  stopMs: 250,
} as const;

/** A conservative estimate of how long a voice takes to say `text`, in whole milliseconds. */
export function estimateSpeechMs(text: string): number {
  let ms = estimates.get(text);
  if (ms === undefined) {
    ms = estimate(text);
    // Sessions say the same few hundred phrases; a text of someone's own is one more.
    if (estimates.size < 10_000) estimates.set(text, ms);
  }
  return ms;
}

const estimates = new Map<string, number>();

/**
 * Each word's part of the estimate, its syllables and letters, worked out once:
 * a session's phrases share a few hundred words, and counting syllables letter by
 * letter for every phrase was most of the time `list` spent on its times.
 */
const wordsMs = new Map<string, number>();

function wordMs(w: string): number {
  let ms = wordsMs.get(w);
  if (ms === undefined) {
    ms = wordSyllables(w) * SPEECH_PACE.perSyllableMs + w.length * SPEECH_PACE.perLetterMs;
    if (wordsMs.size < 10_000) wordsMs.set(w, ms);
  }
  return ms;
}

function estimate(text: string): number {
  const words = spokenNumbers(text).toLowerCase().match(/[a-z]+/g);
  if (!words) return 0;
  let spoken = 0;
  for (const w of words) spoken += wordMs(w);
  const commas = (text.match(/[,:;]/g) ?? []).length;
  // Marks between sentences; the last one ends the phrase and costs nothing.
  const stops = (text.trim().replace(/[.!?]+$/, '').match(/[.!?](\s|$)/g) ?? []).length;
  return Math.ceil(SPEECH_PACE.startMs + spoken + commas * SPEECH_PACE.commaMs + stops * SPEECH_PACE.stopMs);
}

/**
 * Text as it is best said: a bracketed aside of plain words becomes a pause
 * ("knees (quadruped)." -> "knees, quadruped."). Anything else is left for the
 * voice's own safe-text to deal with.
 */
export function speakable(text: string): string {
  let said = spoken.get(text);
  if (said === undefined) {
    said = asidesAsPauses(text)
      .replace(/,\s*([.,;:!?])/g, '$1')
      .replace(/\s+/g, ' ')
      .trim();
    // The movement's words are said with every rep.
    if (spoken.size < 10_000) spoken.set(text, said);
  }
  return said;
}

const spoken = new Map<string, string>();

function asidesAsPauses(text: string): string {
  if (!text.includes('(')) return text;
  // In ASCII text \p{L} and \p{N} are these letters and digits; the Unicode classes are slow to build (about 1 ms).
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(text)) return text.replace(/\s*\(([A-Za-z0-9 ,'-]*)\)/g, ', $1,');
  return text.replace(/\s*\(([\p{L}\p{N} ,'-]*)\)/gu, ', $1,');
}

/** The sentences of a text, each with its closing mark. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// ---------------------------------------------------------------------------
// Teaching: what is said about the movement after the exercise's name and
// starting position. Only the exercise's own steps are said (the page's
// instructions, in the catalogue's wording), never anything of backex's own.

const GLUE = new Set('a an and are as at be both do for from if in into is it its like of off on onto or so that the then them these this to up with you your'.split(' '));

/** The words that carry meaning, lower-case. */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => !GLUE.has(w));
}

/** The same word, or one a form of the other ("back", "backwards"; "hip", "hips"). */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.startsWith(short) && (short.length >= 4 || long.length - short.length <= 1);
}

export interface Teaching {
  /** Every step, sentence by sentence, except a first step that only repeats the starting position. */
  full: string[];
  /** For someone who has done it lately: the steps that make the movement said each rep, and every care point. */
  brief: string[];
}

export interface Teachable {
  position?: string;
  steps: string[];
  cautions?: string[];
  moveWords?: string[];
}

/** The steps said, except a first step that only repeats the starting position. */
function stepsSaid(exercise: Teachable): string[] {
  const steps = [...exercise.steps];
  if (exercise.position !== undefined && covers(exercise.position, steps[0]!)) steps.shift();
  return steps;
}

/** Teaching in full alone (teachingOf(exercise).full), for the length of an exercise. */
export function fullTeaching(exercise: Teachable): string[] {
  return stepsSaid(exercise).flatMap(sentences);
}

export function teachingOf(exercise: Teachable): Teaching {
  const steps = stepsSaid(exercise);
  const full = steps.flatMap(sentences);
  // Sides and holds are said anyway; the movement's own words pick its steps.
  const move = (exercise.moveWords ?? []).flatMap(contentWords).filter((w) => !SAID_ANYWAY.has(w));
  const brief = steps.map((step) => sentences(step)[0]!).filter((first) => contentWords(first).some((w) => move.some((m) => sameWord(w, m))));
  for (const caution of exercise.cautions ?? []) if (!brief.some((s) => covers(s, caution))) brief.push(caution);
  return { full, brief: brief.length > 0 ? brief : full.slice(0, 1) };
}

const SAID_ANYWAY = new Set(['left', 'right', 'opposite', 'other', 'hold']);

/** Whether `text` says every word of `part` (in any form). */
function covers(text: string, part: string): boolean {
  const said = contentWords(text);
  return contentWords(part).every((w) => said.some((p) => sameWord(w, p)));
}
