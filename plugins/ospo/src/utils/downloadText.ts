/**
 * Hands text to the browser as a file download, e.g. a CSV export. The object
 * URL is revoked once the click has been handled, so repeated exports do not
 * keep their blobs alive.
 */
export function downloadText(
  text: string,
  filename: string,
  type: string = 'text/csv;charset=utf-8',
) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
