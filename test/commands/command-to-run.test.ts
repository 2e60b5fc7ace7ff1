// Which command a command line runs, found before commander is set up, so that
// only that command need be built; anything else gets the whole program.
import { describe, expect, it } from 'vitest';
import { commandToRun } from '../../src/commands/table.js';

describe('commandToRun', () => {
  it.each([
    [['list'], 'list'],
    [['list', '--core'], 'list'],
    [['--no-color', 'show', 'bird-dog'], 'show'],
    [['--data', 'mine.json', 'session', '--core'], 'session'],
    [['--data=mine.json', 'stats'], 'stats'],
    // The value of --data is not a command, even when it is spelt like one.
    [['--data', 'list', 'show', '9'], 'show'],
  ])('%j -> %s', (args, name) => expect(commandToRun(args)).toBe(name));

  it.each([[[]], [['--help', 'list']], [['-v']], [['help', 'list']], [['lst']], [['--unknown', 'list']]])('%j -> the whole program', (args) => {
    expect(commandToRun(args)).toBeUndefined();
  });
});
