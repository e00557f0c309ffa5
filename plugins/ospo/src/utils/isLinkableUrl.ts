import { isHttpUrl } from './isHttpUrl';

/**
 * Whether a configured or annotated URL may become a link: http(s), and
 * mailto for contact addresses. Anything else (javascript:, file:) is shown
 * as text instead.
 */
export function isLinkableUrl(value: string): boolean {
  if (isHttpUrl(value)) {
    return true;
  }
  try {
    return new URL(value).protocol === 'mailto:';
  } catch {
    return false;
  }
}
