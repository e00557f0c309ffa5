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

  // `yarn tsc` checks this one: each call marked below must fail to compile.
  it('refuses a list that leaves out a member or names another', () => {
    // @ts-expect-error 'blue' is missing
    const short = everyMember<Colour>()(['red', 'green']);
    // @ts-expect-error 'yellow' is not a Colour
    const long = everyMember<Colour>()(['red', 'green', 'blue', 'yellow']);
    // Only the compiler refuses them.
    expect([short.length, long.length]).toEqual([2, 4]);
  });
});
