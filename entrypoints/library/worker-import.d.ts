// Vite's `?worker` imports (the worker script is bundled on its own and loaded from the extension).
declare module '*?worker' {
  const WorkerConstructor: new () => Worker;
  export default WorkerConstructor;
}
