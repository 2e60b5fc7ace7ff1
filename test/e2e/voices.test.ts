// `backex voices` as a user runs it, with recording stand-ins first on PATH
// for festival, espeak-ng and the player (test/fixtures/speech/).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runBackex, runBackexInProcess, tempHome } from '../support/backex.js';

const fixtures = fileURLToPath(new URL('../fixtures/speech/', import.meta.url));
const SAMPLE = 'Rep three of ten. Hold for five. One, two, three.';

function standIns(...programs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'backex-speech-bin-'));
  for (const p of programs) writeFileSync(join(dir, p), readFileSync(join(fixtures, ['festival', 'espeak-ng'].includes(p) ? p : 'aplay')), { mode: 0o755 });
  return dir;
}

function voices(args: string[], programs: string[], extra: NodeJS.ProcessEnv = {}, home = tempHome()) {
  const log = join(home, 'said.jsonl');
  const result = runBackex(['voices', ...args], { home, env: { PATH: standIns(...programs), BACKEX_SPEECH_LOG: log, BACKEX_FAKE_MS_PER_CHAR: '2', NO_COLOR: '1', ...extra } });
  const said = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  return { ...result, said };
}

describe('backex voices', { timeout: 120_000 }, () => {
  it('lists the voices clearest first, marks the one used and says why', () => {
    const r = voices([], ['festival', 'espeak-ng', 'aplay'], { BACKEX_FAKE_FESTIVAL_VOICES: 'kal_diphone cmu_us_slt_arctic_hts' });
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[2]).toMatch(/^\* cmu_us_slt_arctic_hts +festival +festival HTS voice/);
    expect(lines[3]).toMatch(/^  flite-rms +bundled/);
    expect(r.stdout).toMatch(/Used: cmu_us_slt_arctic_hts \(the clearest voice found/);
    expect(r.stdout).toMatch(/Played through: aplay\./);
    expect(r.stdout).not.toMatch(/sudo apt install/);
  });

  it('without festival\'s HTS voice, says how to install a clearer one; --json has it all', () => {
    const r = voices(['--json'], ['festival', 'aplay']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.used).toMatchObject({ name: 'flite-rms', engine: 'flite' });
    expect(json.clearer).toBe('sudo apt install festival festvox-us-slt-hts');
    expect(json.voices.find((v: { name: string }) => v.name === 'kal_diphone')).toMatchObject({ engine: 'festival', usable: true });
  });

  it('with no player, the bundled voices say what they need', () => {
    const r = voices([], []);
    expect(r.stdout).toMatch(/flite-slt +bundled +cannot speak here: needs an audio player \(aplay, paplay, pw-play, play\)/);
    expect(r.stdout).toMatch(/No voice can speak here/);
  });

  it('--test says the sample with the voice used, saying on screen what it does', () => {
    const r = voices(['--test'], ['festival', 'aplay'], { BACKEX_FAKE_FESTIVAL_VOICES: 'cmu_us_slt_arctic_hts' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Looking for voices\.\.\.\nVoice: cmu_us_slt_arctic_hts .*\nPreparing the sample\.\.\.\nSaying: "Rep three of ten\. Hold for five\. One, two, three\."\nDone\./);
    expect(r.said.filter((l) => l.rendered).map((l) => l.text)).toEqual([SAMPLE]);
    expect(r.said.filter((l) => l.player).map((l) => l.played)).toEqual([SAMPLE]);
  });

  it('--test <name> uses that voice; an unknown name is exit 2 with the voices there are', () => {
    const ok = voices(['--test', 'espeak-en-gb'], ['festival', 'espeak-ng', 'aplay']);
    expect(ok.status).toBe(0);
    expect(ok.said.filter((l) => l.player).map((l) => l.played)).toEqual([SAMPLE]);
    expect(ok.said.find((l) => l.rendered).args).toContain('en-gb');
    const bad = voices(['--test', 'nosuch'], ['festival', 'espeak-ng', 'aplay']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^backex: no voice "nosuch" \(--voice\); the voices here are: flite-rms, flite-kal16, flite-slt, .*kal_diphone.*espeak-en-us/);
  });

  it('the "voice" setting is what a session and --test use', () => {
    const home = tempHome();
    mkdirSync(join(home, 'config'));
    writeFileSync(join(home, 'config', 'settings.jsonc'), '{ "voice": "flite-awb" }');
    const r = voices([], ['festival', 'aplay'], {}, home);
    expect(r.stdout).toMatch(/Used: flite-awb \(chosen by "voice" in .*settings\.jsonc\)/);
  });

  it('--test with a player that fails: one clear notice and exit 1', () => {
    const home = tempHome();
    const r = runBackex(['voices', '--test'], { home, env: { PATH: (() => {
      const dir = standIns('festival');
      writeFileSync(join(dir, 'aplay'), '#!/bin/sh\necho "cannot find card 0" >&2\nexit 1\n', { mode: 0o755 });
      return dir;
    })(), NO_COLOR: '1' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Speech stopped: the audio player aplay failed \(cannot find card 0\)/);
    // Not a session, and not "try backex voices --test" to someone who has just done so.
    expect(r.stderr).not.toMatch(/this session|voices --test/);
    expect(r.stderr).toMatch(/sound output .*then try again\./);
  });

  it('session --dry-run checks a --voice as a session would: an unknown name is exit 2 with the voices there are; a known one is fine even with no player', async () => {
    const env = { PATH: standIns('espeak-ng'), NO_COLOR: '1' };
    const unknown = await runBackexInProcess(['session', '--exercises', 'bird-dog', '--voice', 'espeak-en-uss', '--dry-run'], { env });
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^backex: no voice "espeak-en-uss" \(--voice\); the voices here are: .*espeak-en-us\b/);
    const known = await runBackexInProcess(['session', '--exercises', 'bird-dog', '--voice', 'espeak-en-us', '--dry-run'], { env });
    expect(known.stderr).toBe('');
    expect(known.status).toBe(0);
    expect(known.stdout).toMatch(/^Session "custom": 1 exercise/);
  });
});
