// The speaker between the session and the voice. It never blocks the timer
// and never lets speech pile up: a count that would be heard late is dropped,
// and a new utterance cuts off whatever is still sounding, so a long sentence
// never delays the next count.
//
// Where an audio player is on PATH, phrases are rendered to WAV ahead of time
// (prepare(), the phrases due first, first) into the user's cache, and at each
// cue only a player is started: a slow, clear voice is then as punctual as a
// fast one. A phrase not known ahead is rendered on the spot. Without a player,
// festival and espeak-ng speak live as before; macOS and Windows use say.js.
// No voice at all means a silent session after one notice.
import { SpeechCache, type RenderKey, type Rendered } from './cache.js';
import type { Engine, EngineOptions } from './engine.js';
import { findPlayer, play, type PlayerProgram, type Playing } from './player.js';
import { RenderFailure, type Renderer } from './render.js';
import { safeText } from './safe-text.js';
import { askedVoice, chooseVoice, findVoices, readVoiceSettings, type Choice, type Voice, type VoiceSearch } from './voices.js';

export type UtteranceKind = 'count' | 'sentence';

export interface SayOptions {
  /** performance.now() when this should be handed over (already early by leadMs). */
  due: number;
  kind: UtteranceKind;
}

export interface Speaker {
  readonly engine: Engine['name'] | 'flite' | 'none';
  readonly leadMs: number;
  /** The voice speaking (as `backex voices` names it), and why it was chosen. */
  readonly voice?: string;
  readonly why?: string;
  say(text: string, options: SayOptions): void;
  /** Silence now (on pause); the engine stays ready. */
  hush(): void;
  /** Resolves once nothing is sounding or waiting to sound (or after maxMs): safety advice must be heard to its end. */
  quiet(maxMs: number): Promise<void>;
  /** Renders these phrases ahead, in this order (give the ones due first, first); resolves when all are done. */
  prepare(texts: string[]): Promise<void>;
  /** How long a rendered phrase sounds, in ms; undefined when not rendered (yet), or when the voice speaks live. */
  spokenMs(text: string): number | undefined;
  /** Process ids of everything started for speech and alive now (the bench adds up their memory). */
  processes(): number[];
  close(): Promise<void>;
  closeSync(): void;
}

export interface SpeakerOptions {
  enabled: boolean;
  voice?: string;
  rate?: number;
  trace?: (event: Record<string, unknown>) => void;
  notice?: (message: string) => void;
  /** For `voices --test`: notices speak of no session. */
  testing?: boolean;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** A count handed over later than this is dropped (default 150 ms). */
  lateToleranceMs?: number;
  /** Voices already found (`findVoices`), so they are not looked for twice. */
  search?: VoiceSearch;
  /** How long festival may take to start before it counts as broken (default 5 s). */
  startTimeoutMs?: number;
}

export const INSTALL_HINT = 'To hear the counts, install an audio player and a clearer voice (Debian/Ubuntu: sudo apt install alsa-utils festival festvox-us-slt-hts; or espeak-ng).';

const PLAYER_CHECK = 'Check that the computer has a sound output (aplay -l lists them on Linux)';

/**
 * Said once when speech stops for good. A session goes on in silence, and is told
 * how to check the sound; `voices --test` (options.testing) has no session to speak
 * of, and is itself that check.
 */
function stoppedNotice(reason: string, player: boolean, testing: boolean | undefined): string {
  if (testing) return `Speech stopped: ${reason}. ${player ? `${PLAYER_CHECK}, then try again.` : INSTALL_HINT}`;
  return `Speech stopped: ${reason}, so the rest of this session is silent (the screen still shows every cue). ${player ? `${PLAYER_CHECK}, then try: backex voices --test` : INSTALL_HINT}`;
}

const SILENT_NOTICE = 'so this session will be silent (the screen still shows every cue).';

function silentSpeaker(): Speaker {
  return { engine: 'none', leadMs: 0, say() {}, hush() {}, async quiet() {}, async prepare() {}, spokenMs: () => undefined, processes: () => [], async close() {}, closeSync() {} };
}

/** The renderer for a voice, writing into `dir`. */
export async function openRenderer(voice: Voice, dir: string, env: NodeJS.ProcessEnv, rate?: number, startTimeoutMs?: number): Promise<Renderer | undefined> {
  const options = { dir, voice: voice.engineVoice, rate, env, ...(startTimeoutMs !== undefined && { startTimeoutMs }) };
  if (voice.engine === 'festival') return (await import('./render.js')).festivalRenderer(options);
  if (voice.engine === 'espeak-ng') return (await import('./render.js')).espeakRenderer(options);
  if (voice.engine === 'flite') return (await import('./flite.js')).fliteRenderer(options);
  return undefined;
}

export async function createSpeaker(options: SpeakerOptions): Promise<Speaker> {
  if (!options.enabled) return silentSpeaker();
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  // An unknown --voice or setting is a usage error (exit 2) naming the voices there are: thrown before anything starts.
  const settings = readVoiceSettings(env);
  const asked = askedVoice(options.voice, settings);
  const search = options.search ?? (await findVoices(env, platform));
  for (const problem of search.problems) options.notice?.(`Speech: ${problem}.`);
  const choice = chooseVoice(search, asked);
  if (!choice) {
    const program = platform === 'darwin' ? ' (say)' : platform === 'win32' ? ' (powershell)' : '';
    options.notice?.(`No speech program found${program}, ${SILENT_NOTICE}${program ? '' : ` ${INSTALL_HINT}`}`);
    return silentSpeaker();
  }
  const rate = options.rate ?? settings.rate;
  const player = choice.voice.engine === 'say.js' ? undefined : findPlayer(env, platform);
  if (player) {
    const cache = SpeechCache.open(env);
    const renderer = (await openRenderer(choice.voice, cache.dir, env, rate, options.startTimeoutMs))!;
    return renderedSpeaker({ choice, renderer, cache, player, rate, env, options });
  }
  return liveSpeaker(choice, rate, env, platform, options);
}

interface RenderedSetup {
  choice: Choice;
  renderer: Renderer;
  cache: SpeechCache;
  player: PlayerProgram;
  rate: number | undefined;
  env: NodeJS.ProcessEnv;
  options: SpeakerOptions;
}

function renderedSpeaker({ choice, renderer, cache, player, rate, env, options }: RenderedSetup): Speaker {
  const trace = options.trace ?? (() => {});
  const tolerance = options.lateToleranceMs ?? 150;
  const ready = new Map<string, Rendered>();
  const wanted = new Map<string, { promise: Promise<Rendered | undefined>; resolve: (r: Rendered | undefined) => void }>();
  const urgent: string[] = [];
  const ahead: string[] = [];
  const idleWaiters = new Set<() => void>();
  let working = false;
  let failed = false;
  let closed = false;
  let playing: Playing | null = null;
  /** Every say() and hush() moves this on: a phrase rendered on the spot plays only if nothing came after it. */
  let generation = 0;
  let waitingFor = 0;

  const keyOf = (text: string): RenderKey => ({ engine: renderer.engine, voice: choice.voice.engineVoice, rate, text });
  const get = (text: string) => {
    let hit = ready.get(text);
    if (!hit) {
      hit = cache.lookup(keyOf(text));
      if (hit) ready.set(text, hit);
    }
    return hit;
  };
  const busy = () => playing !== null || waitingFor !== 0;
  const notify = () => {
    for (const check of [...idleWaiters]) check();
  };

  /** Stops every sound and render, and lets whoever waits for one go on without it. */
  const shutDown = () => {
    stopPlaying();
    renderer.close();
    for (const w of wanted.values()) w.resolve(undefined);
    wanted.clear();
    notify();
  };

  const fail = (reason: string, player = false) => {
    if (failed) return;
    failed = true;
    shutDown();
    options.notice?.(stoppedNotice(reason, player, options.testing));
  };

  function want(text: string, now: boolean): Promise<Rendered | undefined> {
    const hit = get(text);
    if (hit) return Promise.resolve(hit);
    if (failed || closed) return Promise.resolve(undefined);
    let w = wanted.get(text);
    if (!w) {
      let resolve!: (r: Rendered | undefined) => void;
      const promise = new Promise<Rendered | undefined>((r) => (resolve = r));
      w = { promise, resolve };
      wanted.set(text, w);
      (now ? urgent : ahead).push(text);
    } else if (now) urgent.push(text);
    void pump();
    return w.promise;
  }

  async function pump(): Promise<void> {
    if (working) return;
    working = true;
    try {
      while (!failed && !closed) {
        const text = urgent.shift() ?? ahead.shift();
        if (text === undefined) break;
        const w = wanted.get(text);
        if (!w) continue;
        let result = get(text);
        // A crash of the engine (the bundled voice's child) costs one try, not the phrase.
        for (let attempt = 0; !result && attempt < 2 && !failed && !closed; attempt++) {
          const scratch = cache.scratchName();
          try {
            await renderer.render(text, scratch);
            result = cache.adopt(scratch, keyOf(text));
          } catch (error) {
            if (closed) break;
            if (error instanceof RenderFailure) fail((error as Error).message);
            else trace({ event: 'say-render-failed', text, reason: (error as Error).message });
          }
        }
        wanted.delete(text);
        w.resolve(result);
      }
    } finally {
      working = false;
    }
  }

  function stopPlaying(): void {
    const p = playing;
    playing = null;
    p?.stop();
  }

  function start(rendered: Rendered, text: string): void {
    const p = play(player, rendered.path, env);
    playing = p;
    trace({ event: 'say-play', text, player: player.name, ms: rendered.ms });
    void p.done.then((result) => {
      if (playing === p) playing = null;
      if (result.error && !closed) fail(result.error, true);
      notify();
    });
  }

  return {
    engine: renderer.engine === 'flite' ? 'flite' : renderer.engine,
    // Starting a player takes a few ms; the audio is already there.
    leadMs: 10,
    voice: choice.voice.name,
    why: choice.why,
    say(text, { due, kind }) {
      if (failed || closed) return;
      const lateMs = performance.now() - due;
      if (kind === 'count' && lateMs > tolerance) {
        trace({ event: 'say-dropped', text, lateMs: Math.round(lateMs) });
        return;
      }
      const safe = safeText(text);
      if (!safe) return;
      const mine = ++generation;
      if (busy()) trace({ event: 'say-cut', by: safe });
      stopPlaying();
      waitingFor = 0;
      trace({ event: 'say', text: safe });
      const hit = get(safe);
      if (hit) {
        start(hit, safe);
        return;
      }
      // Not rendered ahead: render it now, in front of everything else, and play it if nothing has come since.
      waitingFor = mine;
      void want(safe, true).then((rendered) => {
        if (generation !== mine) return;
        waitingFor = 0;
        const late = performance.now() - due;
        if (rendered && !failed && !closed) {
          if (kind === 'count' && late > tolerance) trace({ event: 'say-dropped', text: safe, lateMs: Math.round(late) });
          else start(rendered, safe);
        }
        notify();
      });
    },
    hush() {
      generation++;
      waitingFor = 0;
      stopPlaying();
      notify();
    },
    async quiet(maxMs) {
      if (!busy() || failed) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          idleWaiters.delete(check);
          resolve();
        };
        const check = () => {
          if (!busy() || failed || closed) done();
        };
        const timer = setTimeout(done, maxMs);
        idleWaiters.add(check);
      });
    },
    async prepare(texts) {
      const jobs = [...new Set(texts.map(safeText).filter(Boolean))].map((t) => want(t, false));
      await Promise.all(jobs);
    },
    spokenMs(text) {
      const safe = safeText(text);
      return safe ? get(safe)?.ms : undefined;
    },
    processes() {
      return [...renderer.pids(), ...(playing?.child.pid ? [playing.child.pid] : [])];
    },
    async close() {
      this.closeSync();
    },
    closeSync() {
      if (closed) return;
      closed = true;
      shutDown();
    },
  };
}

/** Festival or espeak-ng speaking live (no player to play rendered audio), or say.js on macOS and Windows. */
async function liveSpeaker(choice: Choice, rate: number | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform, options: SpeakerOptions): Promise<Speaker> {
  const trace = options.trace ?? (() => {});
  const tolerance = options.lateToleranceMs ?? 150;
  let failed = false;
  let engine: Engine | null = null;
  const engineOptions: EngineOptions = {
    ...(choice.voice.engineVoice && { voice: choice.voice.engineVoice }),
    ...(rate && { rate }),
    env,
    ...(options.startTimeoutMs !== undefined && { startTimeoutMs: options.startTimeoutMs }),
    fail: (reason) => {
      // Once: the session carries on in silence, with one notice.
      if (failed) return;
      failed = true;
      engine?.close();
      options.notice?.(stoppedNotice(reason, false, options.testing));
    },
    // lateMs here counts from the end of the tolerance: the speaker's own drops count from when it was due.
    dropped: (text, lateMs) => trace({ event: 'say-dropped', text, lateMs: Math.round(lateMs + tolerance) }),
  };
  if (choice.voice.engine === 'say.js') engine = (await import('./sayjs.js')).createSayJs(engineOptions, platform);
  else if (choice.voice.engine === 'festival') engine = (await import('./festival.js')).createFestival(engineOptions);
  else engine = (await import('./espeak.js')).createEspeak(engineOptions);
  const active = engine;

  return {
    engine: active.name,
    leadMs: active.leadMs,
    voice: choice.voice.name,
    why: choice.why,
    say(text, { due, kind }) {
      if (failed) return;
      const lateMs = performance.now() - due;
      if (kind === 'count' && lateMs > tolerance) {
        trace({ event: 'say-dropped', text, lateMs: Math.round(lateMs) });
        return;
      }
      const safe = safeText(text);
      if (!safe) return;
      if (active.busy) {
        // Traced, so the bench can show that announcements fit their time and are rarely cut.
        trace({ event: 'say-cut', by: safe });
        active.interrupt();
      }
      active.speak(safe, kind === 'count' ? due + tolerance : undefined);
      trace({ event: 'say', text: safe });
    },
    hush() {
      active.interrupt();
    },
    async quiet(maxMs) {
      if (!active.busy || failed) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(finish, maxMs);
        function finish() {
          clearTimeout(timer);
          resolve();
        }
        active.onIdle(() => finish());
      });
    },
    async prepare() {},
    spokenMs: () => undefined,
    processes: () => active.pids(),
    async close() {
      active.close();
    },
    closeSync() {
      active.close();
    },
  };
}

/**
 * Each phrase's spoken length in ms (the length of its WAV), for sizing the
 * timeline's slots: rendered with the voice a session would use (`voice` as
 * --voice takes it; else the setting, else the clearest), into the same cache
 * the speaker plays from, so a session started next finds them ready. A
 * phrase missing from the map could not be measured (say.js speaks live;
 * no voice here): the caller estimates it.
 */
export async function measurePhrases(texts: string[], voice?: string, options: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; rate?: number; search?: VoiceSearch; onMeasured?: (text: string, ms: number) => void } = {}): Promise<Map<string, number>> {
  const env = options.env ?? process.env;
  const settings = readVoiceSettings(env);
  const asked = askedVoice(voice, settings);
  const search = options.search ?? (await findVoices(env, options.platform ?? process.platform));
  // Measuring needs no player: a voice missing only its player still renders.
  const renderable = { ...search, voices: search.voices.map((v) => (v.missing?.startsWith('needs an audio player') ? { ...v, missing: undefined } : v)) } as VoiceSearch;
  const choice = chooseVoice(renderable, asked);
  const lengths = new Map<string, number>();
  if (!choice) return lengths;
  const rate = options.rate ?? settings.rate;
  const cache = SpeechCache.open(env);
  const renderer = await openRenderer(choice.voice, cache.dir, env, rate);
  if (!renderer) return lengths;
  try {
    for (const text of new Set(texts)) {
      const safe = safeText(text);
      if (!safe) continue;
      const key: RenderKey = { engine: renderer.engine, voice: choice.voice.engineVoice, rate, text: safe };
      let rendered = cache.lookup(key);
      if (!rendered) {
        const scratch = cache.scratchName();
        try {
          await renderer.render(safe, scratch);
          rendered = cache.adopt(scratch, key);
        } catch (error) {
          if (error instanceof RenderFailure) break;
          continue;
        }
      }
      lengths.set(text, rendered.ms);
      options.onMeasured?.(text, rendered.ms);
    }
  } finally {
    renderer.close();
  }
  return lengths;
}
