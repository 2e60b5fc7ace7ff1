// The speaking rates backex accepts, in words a minute: one range for --rate
// and for "rate" in settings.jsonc, so the two never disagree. Its own module:
// the command table (loaded by every command) imports it, and must not load the voice code.
export const RATE_WPM = { min: 80, max: 400 } as const;
