// `backex report`: one HTML file for the physiotherapist (and the patient):
// what was done, pain at the start, at the end and the next morning, every
// pain stop and skip, and the notes. The figures come from the same function
// as `backex stats`, so the two always agree.
import { resolve } from 'node:path';
import { WriteFailed } from '../errors.js';
import { writePrivateFile } from '../history/export.js';
import { readOverviews } from '../history/read.js';
import { historyFile } from '../paths.js';
import { readDetails } from '../report/details.js';
import { dayKey, isDemo, noneSince, onlyDemonstrations, parseSince, plural, selectSessions } from '../history/stats.js';
import { reportHtml, type HtmlOptions } from '../report/html.js';
import { reportModel, sessionsNeedingDetail, type ReportSession } from '../report/model.js';
import { colour } from '../terminal/colour.js';

export interface ReportInputs {
  /** What the programme prescribes, when it says how often (the programme's sessionsPerWeek). */
  sessionsPerWeek?: number;
  figureSvg?: HtmlOptions['figureSvg'];
}

/** "backex-report-2026-11-29.html": dated, so this week's report never replaces last month's by accident. */
export const defaultReportName = (now: Date) => `backex-report-${dayKey(now)}.html`;

/**
 * What the data files add to the report: each exercise's still figure, and how
 * often the programme in use (when there is exactly one, or --routine names it)
 * says to exercise. A data file that cannot be read leaves them out, with a warning.
 */
async function inputsFromData(options: Record<string, unknown>, warn: (m: string) => void): Promise<ReportInputs> {
  try {
    const [{ catalogueFor }, { exerciseStillSvg }, { isProgramme, programmeInUse }] = await Promise.all([import('./common.js'), import('../figure/svg.js'), import('../programme/programme.js')]);
    const catalogue = await catalogueFor(options);
    const byId = new Map(catalogue.exercises.map((e) => [e.id, e]));
    const programmes = catalogue.routines.filter(isProgramme);
    const programme = typeof options.routine === 'string' ? programmeInUse(catalogue, options.routine) : programmes.length === 1 ? programmes[0] : undefined;
    return {
      ...(programme?.sessionsPerWeek !== undefined && { sessionsPerWeek: programme.sessionsPerWeek }),
      ...(programme?.days !== undefined && { sessionsPerWeek: programme.days.length }),
      figureSvg: (id: string) => {
        const exercise = byId.get(id);
        return exercise?.figure ? exerciseStillSvg({ ...exercise, figure: exercise.figure }) : undefined;
      },
    };
  } catch (error) {
    warn(`the report leaves out the figures and the prescribed frequency: ${error instanceof Error ? error.message : String(error)}`);
    return {};
  }
}

export async function run(_args: string[], options: Record<string, unknown>, given?: ReportInputs): Promise<number> {
  const now = new Date();
  const warn = (m: string) => process.stderr.write(`${colour().yellow(`backex: ${m}`)}\n`);
  const from = options.since ? parseSince(String(options.since), now) : undefined;
  const includeDemo = Boolean(options.includeDemo);
  const file = historyFile(process.env);
  // Overviews, as `stats` reads them (the same figures, as fast); then in full only the sessions that need it.
  // Every session, demo runs included (the reader's includeDemo; a plain object, as readers before it had no such option):
  // selectSessions leaves them out unless asked, and they are counted as left out.
  const readOptions = { warn, file, includeDemo: true };
  const all: ReportSession[] = readOverviews(readOptions);
  const sessions = selectSessions(all, { from, includeDemo });
  if (sessions.length === 0) {
    const real = selectSessions(all, {});
    const why = real.length > 0 && from ? noneSince(from, real.length, 'report', 'covers') : all.length > 0 && !includeDemo ? onlyDemonstrations('report') : 'No sessions yet, so there is nothing to report. Start with: backex session --core';
    process.stderr.write(`${why}\nNo report was written.\n`);
    return 1;
  }
  const demoLeftOut = includeDemo ? 0 : selectSessions(all, { from, includeDemo: true }).filter(isDemo).length;
  const inputs = given ?? (await inputsFromData(options, warn));
  const details = readDetails(file, sessionsNeedingDetail(sessions));
  const model = reportModel(sessions, { now, from, demoLeftOut, details, ...(inputs.sessionsPerWeek !== undefined && { sessionsPerWeek: inputs.sessionsPerWeek }) });
  const html = reportHtml(model, inputs.figureSvg ? { figureSvg: inputs.figureSvg } : {});
  const path = resolve(typeof options.output === 'string' ? options.output : defaultReportName(now));
  // Health data: readable by you alone, and never half a file.
  try {
    writePrivateFile(path, html, { replace: Boolean(options.force) });
  } catch (error) {
    throw error instanceof WriteFailed ? new WriteFailed(`${error.message}; the report was not written.`) : error;
  }
  process.stderr.write(`Wrote the report of ${plural(sessions.length, 'session')} (${model.from} to ${model.to}) to ${path}\nOpen it in a browser to read or print it; it is readable by you alone.\n`);
  return 0;
}
