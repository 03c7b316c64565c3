import { browser } from 'wxt/browser';
import { SYNC_ALARM, SYNC_ALARM_MINUTES, SYNC_SETTINGS_KEY } from '../../lib/sync/keys';
import { startOffscreenSyncRound } from './dom-offscreen';

// Automatic sync when no library page syncs live: an alarm every 15 minutes while sync is set up with
// automatic sync on. The round itself runs in the offscreen document (Chrome) or in this background
// page (Firefox), never in the service worker, which may be stopped at any moment.
const alarms = () => (browser as unknown as { alarms?: typeof browser.alarms }).alarms;

async function autoSyncOn(): Promise<boolean> {
  // A light look at the stored record; the round validates the settings fully before using them.
  const s = (await browser.storage.local.get(SYNC_SETTINGS_KEY))[SYNC_SETTINGS_KEY] as
    { autoSync?: unknown; serverUrl?: unknown } | undefined;
  return !!s && s.autoSync === true && typeof s.serverUrl === 'string';
}

/** Keeps the alarm in step with the settings (also re-creates it after Firefox restarts the add-on). */
export function installSyncAlarm(): void {
  const update = async () => {
    const on = await autoSyncOn();
    const existing = await alarms()?.get(SYNC_ALARM);
    if (on && !existing) alarms()?.create(SYNC_ALARM, { periodInMinutes: SYNC_ALARM_MINUTES, delayInMinutes: 1 });
    if (!on && existing) await alarms()?.clear(SYNC_ALARM);
  };
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SYNC_SETTINGS_KEY in changes) void update().catch(() => undefined);
  });
  void update().catch((e: unknown) => console.warn('Gist: sync alarm not set', e));
}

export async function onSyncAlarm(): Promise<void> {
  if (!(await autoSyncOn())) return;
  if (import.meta.env.FIREFOX) (await import('../offscreen/sync-round')).startSyncRound();
  else await startOffscreenSyncRound();
}
