// Commands backex prints for the user to run (a crontab line, a suggestion at
// the end of `plan`), written so that they run exactly as printed.
import { visible } from './terminal/visible.js';

/** A POSIX shell word: as it is when it is plain, otherwise in single quotes. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * "backex session --routine core-programme --data 'my files/physio.json'": a
 * backex command to suggest, with the --data files this one was given (without
 * them, a routine or exercise from those files is not found). Each word a shell
 * word, made visible: a file name can hold any character.
 */
export function backexCommand(words: string[], data: readonly string[] | undefined): string {
  return ['backex', ...words, ...(data ?? []).flatMap((file) => ['--data', visible(shellWord(file))])].join(' ');
}
