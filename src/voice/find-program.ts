// Is a program on PATH? Checked by looking, not by running it, so start-up
// stays fast; it is then started by its name, so PATH decides which one runs
// (tests put a recording stand-in first).
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export function onPath(program: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  // Windows finds "powershell" as powershell.exe (PATHEXT lists the endings); its PATH may be spelt Path.
  const endings = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean)] : [''];
  const path = env.PATH ?? env.Path ?? '';
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const ending of endings) {
      const candidate = join(dir, program + ending);
      try {
        accessSync(candidate, platform === 'win32' ? constants.F_OK : constants.X_OK);
        if (statSync(candidate).isFile()) return true;
      } catch {
        // not here
      }
    }
  }
  return false;
}
