import type { PouchCtor } from './pouch-types';

declare const PouchDB: PouchCtor;
export default PouchDB;
