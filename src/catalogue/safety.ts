// The physiotherapist's general rules from the seed page, in short form. `show`
// prints them in full; a session shows SESSION_SAFETY before it starts.
export const SAFETY_RULES = [
  'You should never feel pain or discomfort: if you do, stop and seek professional help.',
  'Never hold your breath while you exert yourself (you could feel faint or dizzy): counting out loud helps.',
  'Use sub-maximal effort, and never be aggressive: "no pain, no gain" does not apply here.',
  'Follow the instructions for good form; only do the exercises that feel good (when in doubt, skip it, and try again another day).',
  'Some soreness over the next one to two days is not uncommon after some of these exercises: it comes from an activity you are not used to, and lessens as your conditioning improves.',
  'Before beginning any exercise programme, consult a physician: only a physician can say which exercises, how often and how hard are right for you.',
  'Above all, use common sense.',
] as const;

/** What a session says before it starts: the rules that matter on the mat, in three short lines. */
export const SESSION_SAFETY = [
  'Stop if you feel pain or discomfort (press p), and seek professional help.',
  'Keep breathing and count out loud; never be aggressive.',
  'Consult a physician before beginning any exercise programme.',
] as const;

/** Said when a pain rule ends a session. */
export const SEE_A_PROFESSIONAL = 'Please stop exercising for today, and speak to a physician or physiotherapist about your pain.';
