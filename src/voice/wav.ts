// How long a WAV file sounds, from its header: the spoken length of a phrase
// (the coach sizes the timeline's slots with it). Chunks are walked, not
// assumed at fixed offsets: festival, espeak-ng and flite write plain RIFF,
// but a "LIST" chunk before "data" is allowed by the format.

/** Milliseconds of audio in a RIFF/WAVE buffer (its first few KB are enough), or undefined if it is not one. */
export function wavDurationMs(bytes: Uint8Array, fileSize = bytes.length): number | undefined {
  if (bytes.length < 12) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return undefined;
  let byteRate: number | undefined;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ' && at + 20 <= bytes.length) byteRate = view.getUint32(at + 16, true);
    if (id === 'data') {
      if (!byteRate) return undefined;
      // A writer that streams may leave the size at 0 or 0xFFFFFFFF: the rest of the file is the audio then.
      const available = Math.max(0, fileSize - (at + 8));
      const dataBytes = size === 0 || size === 0xffffffff || size > available ? available : size;
      return Math.round((dataBytes / byteRate) * 1000);
    }
    at += 8 + size + (size % 2);
  }
  return undefined;
}

/** A silent mono 16-bit WAV of `ms` (tests and stand-ins), with an optional extra chunk before the audio. */
export function silentWav(ms: number, rate = 16000, extra?: { id: string; data: Uint8Array }): Uint8Array {
  const samples = Math.round((rate * ms) / 1000);
  const extraBytes = extra ? 8 + extra.data.length + (extra.data.length % 2) : 0;
  const out = new Uint8Array(44 + extraBytes + samples * 2);
  const view = new DataView(out.buffer);
  const put = (at: number, s: string) => [...s].forEach((c, i) => (out[at + i] = c.charCodeAt(0)));
  put(0, 'RIFF');
  view.setUint32(4, out.length - 8, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  let at = 36;
  if (extra) {
    put(at, extra.id);
    view.setUint32(at + 4, extra.data.length, true);
    out.set(extra.data, at + 8);
    at += extraBytes;
  }
  put(at, 'data');
  view.setUint32(at + 4, samples * 2, true);
  return out;
}
