import { useEffect, useRef } from 'preact/hooks';

/** A file dropped anywhere on the page (not just the panel's drop zone) starts an import. */
export function useFileDrop(onFile: (f: File) => void, doc: Document = document): void {
  const cb = useRef(onFile);
  cb.current = onFile;
  useEffect(() => {
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const over = (e: DragEvent) => {
      if (hasFiles(e)) {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      }
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e) || e.defaultPrevented) return;
      e.preventDefault(); // otherwise the browser opens the file in place of the library
      const f = e.dataTransfer?.files[0];
      if (f) cb.current(f);
    };
    doc.addEventListener('dragover', over);
    doc.addEventListener('drop', drop);
    return () => {
      doc.removeEventListener('dragover', over);
      doc.removeEventListener('drop', drop);
    };
  }, [doc]);
}
