import { isHttpUrl } from './isHttpUrl';

describe('isHttpUrl', () => {
  it('accepts http and https URLs only', () => {
    expect(isHttpUrl('https://wiki.example.com/ospo')).toBe(true);
    expect(isHttpUrl('http://example.com')).toBe(true);
    // A script URL is exactly what an evidence link must never be.
    // eslint-disable-next-line no-script-url
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpUrl('ftp://example.com')).toBe(false);
    expect(isHttpUrl('wiki/ospo')).toBe(false);
    expect(isHttpUrl('')).toBe(false);
  });
});
