import { csvField, toCsv } from './csv';

describe('csvField', () => {
  it('quotes only fields with a comma, a quote or a line break, doubling quotes', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('')).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['\rcmd', `"'\rcmd"`],
    // Only the first character counts.
    ['a=1', 'a=1'],
    [' =1', ' =1'],
  ])('guards text that a spreadsheet would run: %j', (cell, expected) => {
    expect(csvField(cell)).toBe(expected);
  });

  it('writes numbers as they are, negative ones too, and nothing for NaN', () => {
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(66.7)).toBe('66.7');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('');
  });
});

describe('toCsv', () => {
  it('ends every line with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        [1, undefined],
      ]),
    ).toBe('a,b\r\n1,\r\n');
    expect(toCsv([])).toBe('');
  });
});
