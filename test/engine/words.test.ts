// Words as they are said: numbers, the estimate of a phrase's spoken length, and teaching from the steps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentWords, estimateSpeechMs, fullTeaching, numberWord, ordinal, sameWord, sentences, SPEECH_PACE, speakable, syllables, teachingOf } from '../../src/engine/words.js';

describe('numbers', () => {
  it.each([[0, 'zero'], [7, 'seven'], [15, 'fifteen'], [20, 'twenty'], [23, 'twenty-three'], [100, 'one hundred'], [215, 'two hundred and fifteen'], [1000, '1000'], [2.5, '2.5']])('%s is %s', (n, words) => expect(numberWord(n)).toBe(words));
  it.each([[1, '1st'], [2, '2nd'], [3, '3rd'], [4, '4th'], [11, '11th'], [12, '12th'], [13, '13th'], [21, '21st'], [112, '112th']])('%s', (n, words) => expect(ordinal(n)).toBe(words));
});

describe('spoken length, estimated', () => {
  it('counts syllables by vowel groups, a silent final e aside', () => {
    expect(['hips', 'relax', 'fifteen', 'breathe', 'ankle', 'the', 'rhythm', 'navel', '90', ''].map(syllables)).toEqual([1, 2, 2, 1, 2, 1, 1, 2, 0, 0]);
  });

  it('grows with syllables, letters, commas and sentences', () => {
    const base = estimateSpeechMs('Lift');
    expect(base).toBe(SPEECH_PACE.startMs + SPEECH_PACE.perSyllableMs + 4 * SPEECH_PACE.perLetterMs);
    expect(estimateSpeechMs('Lift, lift') - estimateSpeechMs('Lift lift')).toBe(SPEECH_PACE.commaMs);
    expect(estimateSpeechMs('Lift. Lift.') - estimateSpeechMs('Lift lift')).toBe(SPEECH_PACE.stopMs);
    // The closing mark costs nothing.
    expect(estimateSpeechMs('Lift.')).toBe(base);
    // Digits are said as words.
    expect(estimateSpeechMs('90 degrees')).toBe(estimateSpeechMs('ninety degrees'));
    expect(estimateSpeechMs('...')).toBe(0);
    expect(estimateSpeechMs('')).toBe(0);
  });

  it('every count a catalogue hold says fits in its second', () => {
    for (let n = 1; n <= 15; n++) expect(estimateSpeechMs(numberWord(n)), numberWord(n)).toBeLessThanOrEqual(1000);
  });

  it('is never less for a longer phrase', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => estimateSpeechMs(`${a} ${b}`) >= estimateSpeechMs(a)));
  });
});

describe('text for the voice', () => {
  it('a bracketed aside becomes a pause', () => {
    expect(speakable('Start on your hands and knees (quadruped).')).toBe('Start on your hands and knees, quadruped.');
    expect(speakable('Round (flex) it.')).toBe('Round, flex, it.');
    expect(speakable('Lift  your   hips.')).toBe('Lift your hips.');
  });

  it('splits sentences at a closing mark before a capital', () => {
    expect(sentences('Lift your hips. Hold! Is it level? then lower.')).toEqual(['Lift your hips.', 'Hold!', 'Is it level? then lower.']);
    expect(sentences('The same as bird dog (#9), but more advanced.')).toEqual(['The same as bird dog (#9), but more advanced.']);
  });

  it('words that carry meaning, and forms of one word', () => {
    expect(contentWords('Lift your hips up off the floor, then hold.')).toEqual(['lift', 'hips', 'floor', 'hold']);
    expect([sameWord('back', 'backwards'), sameWord('hip', 'hips'), sameWord('hips', 'hip'), sameWord('leg', 'legs'), sameWord('arm', 'army'), sameWord('on', 'one'), sameWord('arm', 'armchair'), sameWord('knee', 'kneel')]).toEqual([true, true, true, true, true, false, false, true]);
  });
});

describe('teaching from the steps', () => {
  const bridge = {
    position: 'Lie on your back, knees bent, feet flat on the floor.',
    steps: ['Lie on your back with your knees bent and your feet flat on the floor.', 'Find your neutral spine.', 'Lift your hips up off the floor.', 'While your hips are up, lift one foot off the floor, and hold. Put it down.', 'Lower your hips slowly back to the floor.'],
    moveWords: ['Lift your hips, then one foot.', 'Lift the opposite foot.'],
  };

  it('in full: every sentence of every step, but a first step that repeats the position', () => {
    expect(teachingOf(bridge).full).toEqual(['Find your neutral spine.', 'Lift your hips up off the floor.', 'While your hips are up, lift one foot off the floor, and hold.', 'Put it down.', 'Lower your hips slowly back to the floor.']);
    // A first step that says more than the position is said.
    expect(teachingOf({ ...bridge, position: 'Lie on your back.' }).full[0]).toBe(bridge.steps[0]);
    expect(teachingOf({ ...bridge, position: undefined }).full[0]).toBe(bridge.steps[0]);
  });

  it('briefly: the first sentence of each step of the movement said with each rep', () => {
    expect(teachingOf(bridge).brief).toEqual(['Lift your hips up off the floor.', 'While your hips are up, lift one foot off the floor, and hold.', 'Lower your hips slowly back to the floor.']);
  });

  it('briefly, every care point is kept, once', () => {
    const press = { steps: ['Push up onto your elbows.', 'Do not force the movement or go into pain.', 'Breathe out at the top.'], moveWords: ['Push up.'], cautions: ['Do not force the movement or go into pain.', 'Go gently.'] };
    expect(teachingOf(press).brief).toEqual(['Push up onto your elbows.', 'Do not force the movement or go into pain.', 'Go gently.']);
  });

  it('briefly, with no movement words: the first sentence', () => {
    expect(teachingOf({ steps: ['Do it. Slowly.', 'Again.'] }).brief).toEqual(['Do it.']);
    // Side and hold words pick nothing: they are said anyway.
    expect(teachingOf({ steps: ['Bend left.', 'Hold it.', 'Reach up.'], moveWords: ['Left, and hold.', 'Reach.'] }).brief).toEqual(['Reach up.']);
  });
});

describe('made quicker, unchanged (list works out every exercise\'s length at start-up)', () => {
  // The estimate and speakable() as they were, syllables counted for every word of every phrase, and one Unicode pattern for the asides.
  const estimateBefore = (text: string) => {
    const words = text.replace(/\d+/g, (d) => numberWord(Number(d))).toLowerCase().match(/[a-z]+/g);
    if (!words) return 0;
    let count = 0;
    let letters = 0;
    for (const w of words) {
      count += syllables(w);
      letters += w.length;
    }
    const commas = (text.match(/[,:;]/g) ?? []).length;
    const stops = (text.trim().replace(/[.!?]+$/, '').match(/[.!?](\s|$)/g) ?? []).length;
    return Math.ceil(SPEECH_PACE.startMs + count * SPEECH_PACE.perSyllableMs + letters * SPEECH_PACE.perLetterMs + commas * SPEECH_PACE.commaMs + stops * SPEECH_PACE.stopMs);
  };
  const speakableBefore = (text: string) =>
    text
      .replace(/\s*\(([\p{L}\p{N} ,'-]*)\)/gu, ', $1,')
      .replace(/,\s*([.,;:!?])/g, '$1')
      .replace(/\s+/g, ' ')
      .trim();
  const piece = fc.constantFrom('Lift', 'your', 'HIPS', 'breathe', '90', '3rd', ',', '.', '. ', '!', '?', ':', ';', ' ', '\t', '(', ')', '(quadruped)', '(navel, #9)', '(élan)', '(٣ x)', 'Œuf', 'naïve', '-', "'", '\u00a0', '\u2028');
  const text = fc.oneof(fc.array(piece, { maxLength: 16 }).map((p) => p.join('')), fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));

  it('the estimate', () => {
    fc.assert(fc.property(text, (t) => estimateSpeechMs(t) === estimateBefore(t)), { numRuns: 2000 });
  });

  it('speakable()', () => {
    fc.assert(fc.property(text, (t) => speakable(t) === speakableBefore(t)), { numRuns: 2000 });
  });

  it('teaching in full alone', () => {
    const teachable = fc.record({ position: text, steps: fc.array(text.filter((t) => sentences(t).length > 0), { minLength: 1, maxLength: 4 }) }, { requiredKeys: ['steps'] });
    fc.assert(
      fc.property(teachable, (e) => {
        expect(fullTeaching(e)).toEqual(teachingOf(e).full);
      }),
    );
  });
});
