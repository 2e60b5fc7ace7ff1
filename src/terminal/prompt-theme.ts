// @inquirer/prompts colours with node:util's styleText, which knows nothing of
// --no-color. This theme draws every part of a prompt with the project's one
// colour setting instead (src/terminal/colour.ts), so a prompt looks like the
// rest of backex: plain when colour is off.
import { colour } from './colour.js';

export function promptTheme() {
  const c = colour();
  return {
    prefix: { idle: c.blue('?'), done: c.green('✔') },
    style: {
      answer: (text: string) => c.cyan(text),
      message: (text: string) => c.bold(text),
      error: (text: string) => c.red(`> ${text}`),
      defaultAnswer: (text: string) => c.dim(`(${text})`),
      help: (text: string) => c.dim(text),
      highlight: (text: string) => c.cyan(text),
      key: (text: string) => c.cyan.bold(`<${text}>`),
      description: (text: string) => c.cyan(text),
      disabled: (text: string) => c.dim(text),
      keysHelpTip: (keys: [string, string][]) => keys.map(([key, action]) => `${c.bold(key)} ${c.dim(action)}`).join(c.dim(' • ')),
    },
  };
}
