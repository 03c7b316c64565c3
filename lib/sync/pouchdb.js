// The PouchDB runtime, typed by pouchdb.d.ts (see pouch-types.ts for why not @types/pouchdb-browser).
export { default } from 'pouchdb-browser';
