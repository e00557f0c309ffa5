import { isLinkableUrl } from './isLinkableUrl';

describe('isLinkableUrl', () => {
  it('accepts http(s) and mailto only', () => {
    expect(isLinkableUrl('https://chat.example.com/ospo')).toBe(true);
    expect(isLinkableUrl('mailto:ospo@example.com')).toBe(true);
    // eslint-disable-next-line no-script-url
    expect(isLinkableUrl('javascript:alert(1)')).toBe(false);
    expect(isLinkableUrl('#ospo')).toBe(false);
  });
});
