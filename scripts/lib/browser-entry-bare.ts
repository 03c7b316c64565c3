// esbuild entry for the in-browser benchmarks: bare @mozilla/readability as one IIFE global.
import { isProbablyReaderable, Readability } from '@mozilla/readability';

(globalThis as unknown as { __bare: unknown }).__bare = { Readability, isProbablyReaderable };
