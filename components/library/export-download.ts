/** Hands a Blob to the browser as a download (a Blob URL on an <a download>), then frees it. */
export function saveBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the download may start after this task.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
