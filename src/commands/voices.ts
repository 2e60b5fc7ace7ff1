// `backex voices`: the voices found here, clearest first, which one a session
// uses and why, and how to get a clearer one. `--test [name]` says a short
// sample, so a person can check the sound and the volume before lying down.
import { UsageError } from '../errors.js';
import { backexPaths } from '../paths.js';
import { colour } from '../terminal/colour.js';
import { createSpeaker } from '../voice/speaker.js';
import { askedVoice, chooseVoice, findVoices, INSTALL_CLEARER, readVoiceSettings, type Choice, type VoiceSearch } from '../voice/voices.js';
import { print, printJson } from './common.js';

export const SAMPLE = 'Rep three of ten. Hold for five. One, two, three.';

const ENGINE_WORDS = { festival: 'festival', 'espeak-ng': 'espeak-ng', flite: 'bundled', 'say.js': 'system' } as const;

/** The install line, when a clearer voice could be had here (Linux without festival's HTS voice). */
function clearerHint(search: VoiceSearch, platform: NodeJS.Platform): string | undefined {
  if (platform === 'darwin' || platform === 'win32') return undefined;
  return search.voices.some((v) => v.engine === 'festival' && v.clarity >= 90 && !v.missing) ? undefined : INSTALL_CLEARER;
}

export async function run(_args: string[], options: Record<string, unknown>): Promise<number> {
  const env = process.env;
  const platform = process.platform;
  const settings = readVoiceSettings(env);
  if (options.test !== undefined) return test(typeof options.test === 'string' ? options.test : undefined, settings.file);

  const search = await findVoices(env, platform);
  let choice: Choice | undefined;
  let problem: string | undefined;
  try {
    choice = chooseVoice(search, askedVoice(undefined, settings));
  } catch (error) {
    // A setting naming a voice that is not here: listed, and said, rather than refused: this is where one finds out.
    if (!(error instanceof UsageError)) throw error;
    problem = error.message;
  }
  const hint = clearerHint(search, platform);
  if (options.json) {
    printJson({
      used: choice ? { name: choice.voice.name, engine: choice.voice.engine, why: choice.why } : null,
      player: search.player ?? null,
      voices: search.voices.map((v) => ({ name: v.name, engine: v.engine, about: v.about, usable: !v.missing, ...(v.missing && { missing: v.missing }) })),
      problems: [...search.problems, ...(problem ? [problem] : [])],
      settings: settings.file,
      cache: backexPaths(env).cache,
      ...(hint && { clearer: hint }),
    });
    return 0;
  }
  const c = colour();
  const width = Math.max(...search.voices.map((v) => v.name.length));
  const out = [c.bold('Voices backex can use here, clearest first:'), ''];
  for (const v of search.voices) {
    const used = choice?.voice.name === v.name;
    const line = `${used ? '*' : ' '} ${v.name.padEnd(width)}  ${ENGINE_WORDS[v.engine].padEnd(9)}  ${v.missing ? `cannot speak here: ${v.missing}` : v.about}`;
    out.push(used ? c.green(line) : v.missing ? c.dim(line) : line);
  }
  out.push('');
  out.push(choice ? `Used: ${choice.voice.name} (${choice.why}).` : c.yellow('No voice can speak here, so sessions are silent (the screen still shows every cue).'));
  if (search.player) out.push(`Played through: ${search.player}.`);
  for (const p of [...search.problems, ...(problem ? [problem] : [])]) out.push(c.yellow(p));
  out.push(`Choose another with --voice <name>, or "voice" in ${settings.file} (like { "voice": "flite-slt" }).`);
  if (hint) out.push(`A clearer voice (Debian/Ubuntu): ${hint}`);
  out.push(`Hear one: backex voices --test${choice ? ` ${choice.voice.name}` : ' <name>'}`);
  print(out);
  return 0;
}

async function test(name: string | undefined, settingsFile: string): Promise<number> {
  const c = colour();
  const notices: string[] = [];
  process.stdout.write('Looking for voices...\n');
  const speaker = await createSpeaker({
    enabled: true,
    ...(name !== undefined && { voice: name }),
    testing: true,
    notice: (message) => {
      notices.push(message);
      process.stderr.write(`${c.yellow(message)}\n`);
    },
  });
  try {
    if (speaker.engine === 'none') return 1;
    process.stdout.write(`Voice: ${speaker.voice} (${speaker.why}).\n`);
    if (speaker.engine !== 'say.js') {
      process.stdout.write('Preparing the sample...\n');
      await speaker.prepare([SAMPLE]);
    }
    if (notices.length > 0) return 1;
    process.stdout.write(`Saying: "${SAMPLE}"\n`);
    speaker.say(SAMPLE, { due: performance.now(), kind: 'sentence' });
    await speaker.quiet(30_000);
    if (notices.length > 0) return 1;
    process.stdout.write(`Done. If you heard nothing, check the volume and the sound output; another voice: backex voices, then --voice <name> (or "voice" in ${settingsFile}).\n`);
    return 0;
  } finally {
    speaker.closeSync();
  }
}
