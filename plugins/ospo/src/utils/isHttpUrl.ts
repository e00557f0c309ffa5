/**
 * Whether a value is an absolute http or https URL. Evidence links open in a
 * browser tab, so other schemes (javascript:, file:) are refused up front; the
 * backend checks again.
 */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
