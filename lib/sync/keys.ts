// storage.local keys and alarm name of sync, in a module of their own so the background (whose bundle
// is kept small) can read them without loading the settings validator or the engine.
export const SYNC_SETTINGS_KEY = 'syncSettings';
export const SYNC_STATUS_KEY = 'syncStatus';
export const SYNC_ALARM = 'gist-sync';
/** Minutes between automatic rounds when no library page syncs live. */
export const SYNC_ALARM_MINUTES = 15;
