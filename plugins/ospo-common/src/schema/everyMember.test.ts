import { everyMember } from './everyMember';

type Colour = 'red' | 'green' | 'blue';

describe('everyMember', () => {
  it('returns the list it is given, in its order', () => {
    expect(everyMember<Colour>()(['blue', 'red', 'green'])).toEqual([
      'blue',
      'red',
      'green',
    ]);
  });

  // `yarn tsc` checks these: each line must fail to compile.
  it('refuses a list that leaves out a member or names another', () => {
    // @ts-expect-error 'blue' is missing
    everyMember<Colour>()(['red', 'green']);
    // @ts-expect-error 'yellow' is not a Colour
    everyMember<Colour>()(['red', 'green', 'blue', 'yellow']);
  });
});
