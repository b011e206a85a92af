/**
 * Save text as a file through the browser's download (both hosts: Electron's
 * window and the browser host). The object URL lives long enough for the
 * download to start, then is freed.
 */
export function downloadText(fileName: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
