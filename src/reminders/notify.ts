// `backex remind notify`: a desktop notification through the system's own
// program, found on PATH by name (so tests put a recording stand-in first):
// notify-send on Linux, osascript on macOS, PowerShell's toast on Windows.
import { dayKey } from '../history/stats.js';
import { backexCommand } from '../shell.js';

export interface Notifier {
  program: string;
  args: string[];
}

/** Whether a real session (not a sped-up demonstration) was started on `now`'s day: then no reminder is needed. */
export function sessionToday(sessions: { startedAt: string; demo?: boolean; timeScale?: number }[], now: Date): boolean {
  const today = dayKey(now);
  return sessions.some((s) => !s.demo && (s.timeScale ?? 1) === 1 && dayKey(new Date(s.startedAt)) === today);
}

export function reminderText(routine: string | undefined, data?: readonly string[]): { title: string; body: string } {
  const command = backexCommand(routine ? ['session', '--routine', routine] : ['session'], routine ? data : undefined);
  return { title: 'backex: time for your back exercises', body: `When you are ready: ${command}. Stop if anything hurts, and keep breathing.` };
}

const appleScriptString = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const powerShellString = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The program and arguments that show the notification on this platform. */
export function notifierFor(platform: NodeJS.Platform, title: string, body: string): Notifier {
  if (platform === 'darwin') return { program: 'osascript', args: ['-e', `display notification ${appleScriptString(body)} with title ${appleScriptString(title)}`] };
  if (platform === 'win32') {
    const script = [
      '[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] > $null',
      '$t = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent([Windows.UI.Notifications.ToastTemplateType]::ToastText02)',
      '$x = $t.GetElementsByTagName(\'text\')',
      `$x.Item(0).AppendChild($t.CreateTextNode(${powerShellString(title)})) > $null`,
      `$x.Item(1).AppendChild($t.CreateTextNode(${powerShellString(body)})) > $null`,
      "[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier('backex').Show([Windows.UI.Notifications.ToastNotification]::new($t))",
    ].join('; ');
    return { program: 'powershell', args: ['-NoProfile', '-NonInteractive', '-Command', script] };
  }
  return { program: 'notify-send', args: ['--app-name=backex', title, body] };
}
