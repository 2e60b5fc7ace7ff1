// Text for a speech program, made harmless. say.js on Linux writes text into
// festival's Scheme input unescaped, so a quote or parenthesis in someone's
// exercise file could run commands. Here only letters, digits, spaces and
// plain punctuation survive; quotes, brackets and backslashes never reach an
// engine, so no escaping can go wrong.
export function safeText(text: string): string {
  const safe = text
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N} .,;:!?'-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:!?])/g, '$1')
    .trim()
    .slice(0, 400);
  // Festival crashes (segfault) on text with nothing to say, such as "" or "...".
  return /[\p{L}\p{N}]/u.test(safe) ? safe : '';
}

/** A voice name a program may be given: letters, digits, _ and - only. */
export function safeVoiceName(name: string): string | undefined {
  return /^[A-Za-z0-9_+-]{1,40}$/.test(name) ? name : undefined;
}
