/** A file the code under test handed to the browser to download. */
export interface CapturedDownload {
  filename: string;
  blob: Blob;
}

/**
 * Stands in for the browser's downloads: jsdom has no object URLs and does
 * not navigate. Records each anchor click with a `download` name and the
 * blob behind its URL; `restore` puts everything back.
 */
export function captureDownloads() {
  const blobs = new Map<string, Blob>();
  const downloads: CapturedDownload[] = [];
  const created = URL.createObjectURL;
  const revoked = URL.revokeObjectURL;
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:http://localhost/${blobs.size + 1}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => {};
  const click = jest
    .spyOn(HTMLAnchorElement.prototype, 'click')
    .mockImplementation(function record(this: HTMLAnchorElement) {
      const blob = blobs.get(this.href);
      if (this.download && blob) {
        downloads.push({ filename: this.download, blob });
      }
    });
  return {
    downloads,
    restore() {
      URL.createObjectURL = created;
      URL.revokeObjectURL = revoked;
      click.mockRestore();
    },
  };
}

/**
 * The text of a blob: Node's Blob (which the test environment may hand out)
 * has `text()`, jsdom's needs a FileReader.
 */
export function blobText(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') {
    return blob.text();
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}
