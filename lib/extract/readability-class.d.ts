// Types for the Readability class file alone. lib/extract imports it instead of the package's index,
// which also loads isProbablyReaderable: code the tab's extraction script would carry and never run.
declare module '@mozilla/readability/Readability.js' {
  import { Readability } from '@mozilla/readability';
  export default Readability;
}
