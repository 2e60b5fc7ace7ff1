// The count in large digits, readable from the mat at a glance.
const FONT: Record<string, string[]> = {
  '0': ['███', '█ █', '█ █', '█ █', '███'],
  '1': [' █ ', '██ ', ' █ ', ' █ ', '███'],
  '2': ['███', '  █', '███', '█  ', '███'],
  '3': ['███', '  █', '███', '  █', '███'],
  '4': ['█ █', '█ █', '███', '  █', '  █'],
  '5': ['███', '█  ', '███', '  █', '███'],
  '6': ['███', '█  ', '███', '█ █', '███'],
  '7': ['███', '  █', '  █', '  █', '  █'],
  '8': ['███', '█ █', '███', '█ █', '███'],
  '9': ['███', '█ █', '███', '  █', '███'],
};

/** Five lines; each digit three cells wide, doubled horizontally so it looks square. */
export function bigNumber(n: number): string[] {
  const digits = String(n).split('');
  return [0, 1, 2, 3, 4].map((row) =>
    digits.map((d) => (FONT[d]?.[row] ?? '   ').replace(/./g, (c) => c + c)).join('  '),
  );
}
